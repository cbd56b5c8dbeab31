using Observability.Dashboards.Platform;
using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
using static Observability.Stacks.Composition.StackConventions;
using static Observability.Stacks.Modules.MetricsModule;
using static Observability.Stacks.Composition.Tree;

namespace Observability.Stacks.Modules;

/// <summary>
/// kube-prometheus-stack values. Decisions: every PrometheusRule, ServiceMonitor, PodMonitor, Probe and ScrapeConfig in
/// every namespace is selected (<c>*SelectorNilUsesHelmValues: false</c> with empty selectors), so ours and application
/// teams' objects are picked up without the release label; the chart's default rules and dashboards are on, with the
/// control-plane components a setting and the alerts that overlap ours disabled (<see cref="KubePrometheusStackDefaults"/>);
/// Alertmanager reads its configuration
/// from our Secret; Grafana's admin comes from an existing Secret; HA components get hard anti-affinity and a PDB.
/// </summary>
internal static class KubePrometheusStackValues
{
    /// <summary>Prometheus' feature flag for exemplar storage (without it, scraped exemplars are dropped).</summary>
    public const string ExemplarStorageFeature = "exemplar-storage";

    /// <summary>The exemplar label holding the trace id (what OpenTelemetry SDKs and Prometheus clients write).</summary>
    public const string ExemplarTraceIdLabel = "trace_id";

    public static OrderedDictionary<string, object?> Build(StackSettings s, IReadOnlyList<string> alertmanagerSecrets)
    {
        var p = s.Prometheus;
        var a = s.Alertmanager;
        var values = Map(
            ("fullnameOverride", KpsFullname),
            ("crds", Map(
                ("enabled", true),
                ("upgradeJob", Map(("enabled", true), ("forceConflicts", true))))),
            ("defaultRules", KubePrometheusStackDefaults.DefaultRules(s)),
            ("alertmanager", Map(
                ("enabled", true),
                ("podDisruptionBudget", a.Replicas > 1 ? Map(("enabled", true), ("minAvailable", 1)) : null),
                ("alertmanagerSpec", Map(
                    ("replicas", a.Replicas),
                    // The Alertmanager CRD accepts h/m/s/ms only (no d): 120h, never 5d.
                    ("retention", a.Retention.ToHoursString()),
                    ("useExistingSecret", true),
                    ("configSecret", AlertmanagerConfigSecret),
                    ("secrets", alertmanagerSecrets.Count > 0 ? ListOf(alertmanagerSecrets) : null),
                    ("externalUrl", null),
                    ("storage", VolumeClaimTemplate(a.Storage.StorageClass, a.Storage.Size)),
                    ("resources", Resources(a.Resources)),
                    ("podAntiAffinity", a.Replicas > 1 ? "hard" : null))))),
            ("grafana", Grafana(s)),
            ("prometheusOperator", Map(("enabled", true))),
            ("nodeExporter", KubePrometheusStackDefaults.NodeExporter()),
            ("prometheus", Map(
                ("enabled", true),
                ("podDisruptionBudget", p.Replicas > 1 ? Map(("enabled", true), ("minAvailable", 1)) : null),
                ("prometheusSpec", PrometheusSpec(s)))));
        foreach (var (key, value) in KubePrometheusStackDefaults.ControlPlaneComponents(s))
            values[key] = value;
        return values;
    }

    private static OrderedDictionary<string, object?> PrometheusSpec(StackSettings s)
    {
        var p = s.Prometheus;
        var externalLabels = Map(("cluster", s.ClusterName), ("environment", s.Environment));
        foreach (var (key, value) in p.ExternalLabels)
            externalLabels[key] = value;
        return Map(
            ("replicas", p.Replicas),
            ("scrapeInterval", p.ScrapeInterval.ToString()),
            ("evaluationInterval", p.EvaluationInterval.ToString()),
            ("externalLabels", externalLabels),
            // Each replica's series carry <label>=<pod name>: a remote-write receiver (Mimir's HA tracker) keeps one replica's.
            ("replicaExternalLabelName", p.ReplicaExternalLabel),
            ("enableFeatures", p.Exemplars.Enabled ? List(ExemplarStorageFeature) : null),
            ("exemplars", p.Exemplars.Enabled ? Map(("maxSize", p.Exemplars.MaxSize)) : null),
            ("retention", p.Retention.ToString()),
            ("retentionSize", p.RetentionSize),
            ("ruleSelectorNilUsesHelmValues", false),
            ("ruleSelector", Map()),
            ("ruleNamespaceSelector", Map()),
            ("serviceMonitorSelectorNilUsesHelmValues", false),
            ("serviceMonitorSelector", Map()),
            ("serviceMonitorNamespaceSelector", Map()),
            ("podMonitorSelectorNilUsesHelmValues", false),
            ("podMonitorSelector", Map()),
            ("podMonitorNamespaceSelector", Map()),
            ("probeSelectorNilUsesHelmValues", false),
            ("scrapeConfigSelectorNilUsesHelmValues", false),
            ("podAntiAffinity", p.Replicas > 1 ? "hard" : null),
            ("resources", Resources(p.Resources)),
            ("storageSpec", VolumeClaimTemplate(p.Storage.StorageClass, p.Storage.Size)),
            ("remoteWrite", p.RemoteWrite.IsEmpty ? null : ListOf(p.RemoteWrite.Select(RemoteWrite))),
            ("additionalScrapeConfigsSecret", s.Scrape.StaticTargets.IsEmpty ? null : Map(
                ("enabled", true),
                ("name", AdditionalScrapeConfigsSecret),
                ("key", AdditionalScrapeConfigsKey))));
    }

    private static OrderedDictionary<string, object?> RemoteWrite(RemoteWriteSettings r)
    {
        var secret = RemoteWriteSecret(r.Name);
        return Map(
            ("name", r.Name),
            ("url", r.Url),
            ("basicAuth", r.Password is null ? null : Map(
                ("username", Map(("name", secret), ("key", "username"))),
                ("password", Map(("name", secret), ("key", "password"))))));
    }

    private static OrderedDictionary<string, object?> Grafana(StackSettings s)
    {
        var g = s.Grafana;
        var publicUrl = g.Ingress is { Enabled: true, Host: { } host }
            ? $"{(g.Ingress.TlsSecretName is null ? "http" : "https")}://{host}"
            : null;
        return Map(
            ("enabled", true),
            ("replicas", g.Replicas),
            ("defaultDashboardsEnabled", true),
            ("defaultDashboardsTimezone", "utc"),
            ("admin", Map(
                ("existingSecret", GrafanaAdminSecret),
                ("userKey", GrafanaAdminUserKey),
                ("passwordKey", GrafanaAdminPasswordKey))),
            ("envValueFrom", g.Database is null ? null : Map(("GF_DATABASE_PASSWORD", Map(("secretKeyRef", Map(("name", GrafanaDatabaseSecret), ("key", "password"))))))),
            ("grafana.ini", Map(
                ("server", publicUrl is null ? null : Map(("root_url", publicUrl))),
                ("database", g.Database is not { } db ? null : Map(
                    ("type", db.Type == GrafanaDatabaseType.Postgres ? "postgres" : "mysql"),
                    ("host", db.Host),
                    ("name", db.Name),
                    ("user", db.User),
                    ("ssl_mode", db.Type == GrafanaDatabaseType.Postgres ? db.SslMode : null))),
                ("users", Map(("allow_sign_up", false))),
                ("auth.anonymous", Map(("enabled", false))),
                ("analytics", Map(("reporting_enabled", false), ("check_for_updates", false))))),
            ("ingress", g.Ingress.Enabled
                ? Map(
                    ("enabled", true),
                    ("ingressClassName", g.Ingress.ClassName),
                    ("hosts", List(g.Ingress.Host)),
                    ("path", "/"),
                    ("tls", g.Ingress.TlsSecretName is null ? null : List(Map(("secretName", g.Ingress.TlsSecretName), ("hosts", List(g.Ingress.Host))))))
                : Map(("enabled", false))),
            ("persistence", g.Persistence.Enabled
                ? Map(("enabled", true), ("type", "pvc"), ("storageClassName", g.Persistence.StorageClass), ("size", g.Persistence.Size))
                : Map(("enabled", false))),
            ("resources", Resources(g.Resources)),
            ("podDisruptionBudget", g.Replicas > 1 ? Map(("minAvailable", 1)) : null),
            ("affinity", g.Replicas > 1 ? AntiAffinity("grafana") : null),
            ("sidecar", Map(
                ("dashboards", Map(
                    ("enabled", true),
                    ("label", DashboardLabel),
                    ("labelValue", "1"),
                    ("searchNamespace", "ALL"),
                    ("folderAnnotation", DashboardFolderAnnotation),
                    ("provider", Map(("foldersFromFilesStructure", true), ("allowUiUpdates", false))))),
                ("datasources", Map(
                    ("enabled", true),
                    ("defaultDatasourceEnabled", true),
                    ("isDefaultDatasource", true),
                    ("uid", PrometheusDatasourceUid),
                    // Only when Prometheus stores exemplars: otherwise the link is advertised but never appears.
                    ("exemplarTraceIdDestinations", s.Prometheus.Exemplars.Enabled
                        ? Map(("datasourceUid", JaegerDatasourceUid), ("traceIdLabelName", ExemplarTraceIdLabel), ("urlDisplayLabel", "View trace"))
                        : null),
                    ("alertmanager", Map(("enabled", true), ("uid", AlertmanagerDatasourceUid))))))),
            ("additionalDataSources", List(
                Map(
                    ("name", "Loki"),
                    ("uid", LokiDatasourceUid),
                    ("type", "loki"),
                    ("access", "proxy"),
                    ("url", LokiUrl(s)),
                    ("jsonData", Map(
                        ("maxLines", 1000),
                        ("derivedFields", List(Map(
                            ("name", "TraceID"),
                            ("datasourceUid", JaegerDatasourceUid),
                            ("matcherType", "label"),
                            ("matcherRegex", LogSchema.TraceId),
                            ("url", "$${__value.raw}"),
                            ("urlDisplayLabel", "View trace"))))))),
                Map(
                    ("name", "Jaeger"),
                    ("uid", JaegerDatasourceUid),
                    ("type", "jaeger"),
                    ("access", "proxy"),
                    ("url", JaegerQueryUrl(s)),
                    ("jsonData", Map(
                        ("tracesToLogsV2", Map(
                            ("datasourceUid", LokiDatasourceUid),
                            ("spanStartTimeShift", "-5m"),
                            ("spanEndTimeShift", "5m"),
                            ("filterByTraceID", true),
                            ("filterBySpanID", false),
                            ("customQuery", true),
                            ("query", TracesToLogsQuery))),
                        ("tracesToMetrics", Map(("datasourceUid", PrometheusDatasourceUid))),
                        ("nodeGraph", Map(("enabled", true)))))))));
    }

    /// <summary>
    /// The Jaeger datasource's trace-to-logs query: the span's trace in the <c>trace_id</c> structured metadata of every
    /// stream (Grafana widens the span's time range by the shifts above). Grafana interpolates <c>${__span.traceId}</c>,
    /// <c>spanId</c>, <c>name</c>, <c>duration</c>, <c>${__trace.*}</c> and <c>${__span.tags.*}</c> (the process' and the
    /// span's tags; public/app/features/explore/TraceView/createSpanLink.tsx, scopedVarsFromSpan), and hides the link while
    /// a variable is undefined. No variable carries the service: Jaeger moves the resource's <c>service.name</c> out of
    /// the process tags into <c>process.serviceName</c>, so <c>${__span.tags["service.name"]}</c> is never defined.
    /// <c>$$</c> keeps Grafana's provisioning from expanding <c>${...}</c> as an environment variable.
    /// </summary>
    internal static readonly string TracesToLogsQuery =
        $"{{{LogSchema.Namespace}=~\".+\"}} | {LogSchema.TraceId}=\"$${{__span.traceId}}\"";

    internal static OrderedDictionary<string, object?> Resources(ResourceSettings r) => Map(
        ("requests", Amounts(r.Requests)),
        ("limits", Amounts(r.Limits)));

    private static OrderedDictionary<string, object?>? Amounts(ResourceAmounts a)
    {
        var map = Map(("cpu", a.Cpu), ("memory", a.Memory));
        return map.Count == 0 ? null : map;
    }

    private static OrderedDictionary<string, object?> VolumeClaimTemplate(string? storageClass, string size) => Map(
        ("volumeClaimTemplate", Map(
            ("spec", Map(
                ("storageClassName", storageClass),
                ("accessModes", List("ReadWriteOnce")),
                ("resources", Map(("requests", Map(("storage", size))))))))));

    /// <summary>Required pod anti-affinity across nodes for pods with <c>app.kubernetes.io/name</c> = <paramref name="name"/>.</summary>
    internal static OrderedDictionary<string, object?> AntiAffinity(string name) => Map(
        ("podAntiAffinity", Map(
            ("requiredDuringSchedulingIgnoredDuringExecution", List(Map(
                ("labelSelector", Map(("matchLabels", Map(("app.kubernetes.io/name", name))))),
                ("topologyKey", "kubernetes.io/hostname")))))));
}
