using Observability.Rules.Conventions;
using Observability.Rules.Alertmanager;
using Observability.Rules.Model;
using Observability.Rules.Output;
using Observability.Rules.Validation;
using Observability.Stacks.Settings;
using static Observability.Stacks.Composition.StackConventions;

namespace Observability.Stacks.Composition;

/// <summary>
/// The pure function from validated <see cref="StackSettings"/> to everything the environment deploys. No I/O, clock or
/// randomness: the same settings give the same plan, byte for byte once written.
/// </summary>
public static class EnvironmentComposer
{
    /// <summary>
    /// The warning for an SLO whose period Prometheus does not keep: names the SLO's period key, the retention key and both fixes.
    /// </summary>
    internal static string RetentionWarning(string slo, Duration period, Duration retention) =>
        $"observability:slos.objectives.{slo}.period: {period} is longer than observability:prometheus.retention ({retention}), " +
        $"so the error budget would be measured over {retention} only; set observability:prometheus.retention to at least {period}, " +
        $"or observability:slos.objectives.{slo}.period to at most {retention}.";

    /// <summary>Composes the environment; throws <see cref="ValidationException"/> when the settings produce invalid artifacts.</summary>
    public static EnvironmentPlan Compose(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var s = settings;
        var monitoring = s.Namespaces.Monitoring;
        var warnings = new List<string>();

        // Alerting and recording rules, SLOs, dashboards.
        var groups = new List<RuleGroup>();
        var problems = new List<Problem>();
        var grafanaPublic = GrafanaPublicUrl(s);
        var ruleFiles = new List<(string Name, IReadOnlyList<RuleGroup> Groups)>();
        var platform = Collect(problems, "observability:rules", () => RuleComposition.Build(s, grafanaPublic));
        if (platform is { } platformGroups)
            ruleFiles.Add(("platform", platformGroups));
        var sloDefinitions = Collect(problems, "observability:slos", () => SloComposition.Definitions(s));
        var sloGroups = Collect(problems, "observability:slos", () => SloComposition.Build(s, grafanaPublic));
        if (sloGroups is { } slo)
            ruleFiles.Add(("slos", slo));
        var dashboards = sloDefinitions is { } definitions
            ? Collect(problems, "observability:dashboards", () => DashboardComposition.Build(s, grafanaPublic, definitions))
            : null;
        ValidationException.ThrowIfAny(problems);

        // An SLO period longer than the retention still works, but its budget covers only the retention: say so.
        foreach (var definition in sloDefinitions ?? [])
        {
            if (definition.Period > s.Prometheus.Retention)
                warnings.Add(RetentionWarning(definition.Name, definition.Period, s.Prometheus.Retention));
        }
        foreach (var (_, fileGroups) in ruleFiles)
            groups.AddRange(fileGroups);
        // The severities Alertmanager must route: ours and those of the chart's default alerts deployed beside them.
        var severities = groups.SelectMany(g => g.Alerts).Select(a => a.Severity).OfType<Severity>()
            .Concat(Rules.Upstream.KubePrometheusStackRules.EnabledAlerts(s.Rules.ControlPlane).Select(a => a.Severity))
            .Distinct().Order().ToList();

        var alertmanager = AlertmanagerComposition.Build(s, severities);
        ValidationException.ThrowIfAny(problems);

        // Releases.
        var amSecrets = alertmanager.SecretValues.Select(v => v.SecretName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var releases = new List<HelmReleasePlan>
        {
            Release(KubePrometheusStackRelease, "kube-prometheus-stack", s.Charts.KubePrometheusStack, s.Releases.KubePrometheusStack, monitoring,
                KubePrometheusStackValues.Build(s, amSecrets), PlanComponent.Metrics, installsCrds: true),
            Release(LokiRelease, "loki", s.Charts.Loki, s.Releases.Loki, s.Namespaces.Logging, LokiValues.Build(s), PlanComponent.Logging),
            s.LogAgent == LogAgentKind.Alloy
                ? Release(AlloyRelease, "alloy", s.Charts.Alloy, s.Releases.Alloy, s.Namespaces.Logging, LogAgentValues.Alloy(s), PlanComponent.Logging)
                : Release(PromtailRelease, "promtail", s.Charts.Promtail, s.Releases.Promtail, s.Namespaces.Logging, LogAgentValues.Promtail(s), PlanComponent.Logging),
            Release(JaegerRelease, "jaeger", s.Charts.Jaeger, s.Releases.Jaeger, s.Namespaces.Tracing, JaegerValues.Build(s), PlanComponent.Tracing),
        };

        // Objects.
        var namespaces = new[] { monitoring, s.Namespaces.Logging, s.Namespaces.Tracing }.Distinct(StringComparer.Ordinal).ToList();
        var objects = new List<KubernetesObjectPlan>();
        objects.AddRange(namespaces.Select(Manifests.Namespace));

        objects.Add(Manifests.Secret(GrafanaAdminSecret, monitoring, PlanComponent.Metrics, null,
        [
            (GrafanaAdminUserKey, s.Grafana.AdminUser),
            (GrafanaAdminPasswordKey, s.Grafana.AdminPassword ?? SecretValue.Generated("observability:grafana.adminPassword")),
        ]));

        if (s.Grafana.Database is { } grafanaDatabase)
            objects.Add(Manifests.Secret(GrafanaDatabaseSecret, monitoring, PlanComponent.Metrics, null, [("password", grafanaDatabase.Password)]));

        var amConfigEntries = new List<(string, object)> { ("alertmanager.yaml", AlertmanagerYaml.Serialize(alertmanager.Config)) };
        amConfigEntries.AddRange(alertmanager.Config.TemplateFiles.Select(t => (t.Key, (object)t.Value)));
        objects.Add(Manifests.Secret(AlertmanagerConfigSecret, monitoring, PlanComponent.Metrics, null, amConfigEntries));
        foreach (var secret in alertmanager.SecretValues.GroupBy(v => v.SecretName, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            objects.Add(Manifests.Secret(secret.Key, monitoring, PlanComponent.Metrics, null, secret.Select(v => (v.Key, (object)v.Value))));

        if (!s.Scrape.StaticTargets.IsEmpty)
        {
            objects.Add(Manifests.Secret(AdditionalScrapeConfigsSecret, monitoring, PlanComponent.Metrics, null,
                [(AdditionalScrapeConfigsKey, Manifests.AdditionalScrapeConfigs(s))]));
        }

        foreach (var remote in s.Prometheus.RemoteWrite.Where(r => r.Password is not null))
        {
            objects.Add(Manifests.Secret(RemoteWriteSecret(remote.Name), monitoring, PlanComponent.Metrics, null,
                [("username", remote.Username ?? ""), ("password", remote.Password!)]));
        }

        if (s.Loki.Storage is { Type: LokiStorageType.S3, S3: { } s3 })
        {
            objects.Add(Manifests.Secret(LokiS3Secret, s.Namespaces.Logging, PlanComponent.Logging, null,
                [(LokiS3AccessKeyIdEnv, s3.AccessKeyId), (LokiS3SecretAccessKeyEnv, s3.SecretAccessKey)]));
        }

        if (s.Jaeger.Storage.Elasticsearch is { } es && s.Jaeger.Storage.Type is JaegerStorageType.Elasticsearch or JaegerStorageType.Opensearch)
            objects.Add(Manifests.Secret(JaegerElasticsearchSecret, s.Namespaces.Tracing, PlanComponent.Tracing, null, [(JaegerElasticsearchPasswordKey, es.Password)]));

        if (s.Jaeger.Storage.Type == JaegerStorageType.Badger)
            objects.Add(Manifests.PersistentVolumeClaim(JaegerValues.BadgerClaim, s.Namespaces.Tracing, PlanComponent.Tracing, s.Jaeger.Storage.StorageClass, s.Jaeger.Storage.Size));
        objects.AddRange(JaegerValues.Objects(s));

        foreach (var (name, fileGroups) in ruleFiles)
        {
            foreach (var group in fileGroups)
            {
                // One object per group (small, reviewable diffs); named <file>-<group>, e.g. platform-http, slo-api-latency.
                var groupName = KubernetesName(group.Name);
                var prefix = name.TrimEnd('s') + "-";
                objects.Add(Manifests.PrometheusRule(groupName.StartsWith(prefix, StringComparison.Ordinal) ? groupName : $"{name}-{groupName}", monitoring, [group]));
            }
        }

        foreach (var dashboard in dashboards!.Value)
            objects.Add(DashboardComposition.ConfigMap(dashboard, monitoring, s.Dashboards.Folder));

        objects.AddRange(s.Scrape.ServiceMonitors.Select(t => Manifests.ServiceMonitor(s, t)));

        if (s.Exporters.Postgres is { } postgres)
        {
            objects.Add(Manifests.Secret(PostgresExporterMetrics.Exporter.Job, monitoring, PlanComponent.Metrics, null, [("dsn", postgres.Dsn)]));
            // The stat_statements collector is off by default in postgres-exporter: without it, the mean statement time
            // (SlowDatabaseQueries, the Database Performance dashboard) would have no series at all.
            var pg = PostgresExporterMetrics.Exporter;
            objects.AddRange(Manifests.Exporter(s, pg.Job, pg.Image!, 9187,
                [("DATA_SOURCE_NAME", "dsn")], [], [PostgresExporterMetrics.StatStatementsFlag]));
        }

        if (s.Exporters.Redis is { } redis)
        {
            if (redis.Password is not null)
                objects.Add(Manifests.Secret(RedisExporterMetrics.Exporter.Job, monitoring, PlanComponent.Metrics, null, [("password", redis.Password)]));
            var redisExporter = RedisExporterMetrics.Exporter;
            objects.AddRange(Manifests.Exporter(s, redisExporter.Job, redisExporter.Image!, 9121,
                redis.Password is null ? [] : [("REDIS_PASSWORD", "password")], [("REDIS_ADDR", redis.Address)]));
        }

        if (s.NetworkPolicies.Enabled)
        {
            foreach (var ns in namespaces)
                objects.AddRange(Manifests.NetworkPolicies(s, ns));
        }

        // Review artifacts.
        var artifacts = new List<PlanArtifact>();
        foreach (var (name, fileGroups) in ruleFiles)
            artifacts.Add(new PlanArtifact($"rules/{name}.yaml", RuleYaml.ToRuleFile(fileGroups)));
        foreach (var dashboard in dashboards.Value)
            artifacts.Add(new PlanArtifact($"dashboards/{Observability.Dashboards.DashboardConfigMaps.FileName(dashboard)}", Observability.Dashboards.DashboardJson.Serialize(dashboard)));
        artifacts.Add(new PlanArtifact("alertmanager/alertmanager.yaml", AlertmanagerYaml.Serialize(alertmanager.Config)));
        foreach (var (file, content) in alertmanager.Config.TemplateFiles.OrderBy(t => t.Key, StringComparer.Ordinal))
            artifacts.Add(new PlanArtifact($"alertmanager/{file}", content));

        var alerts = groups.Sum(g => g.Alerts.Count());
        var records = groups.Sum(g => g.Records.Count());
        return new EnvironmentPlan
        {
            Settings = s,
            Releases = releases,
            Objects = objects,
            Artifacts = artifacts,
            Counts = new PlanCounts(alerts, records, Slos: sloDefinitions?.Length ?? 0, Dashboards: dashboards.Value.Length, Objects: objects.Count, Releases: releases.Count)
            {
                ChartAlerts = KubePrometheusStackDefaults.ChartAlertCount(s),
                ChartRecordingRules = KubePrometheusStackDefaults.ChartRecordCount(s),
                ChartDashboards = KubePrometheusStackDefaults.DeployedDashboards(s).Count(),
            },
            Endpoints = new PlanEndpoints
            {
                Prometheus = PrometheusUrl(s),
                Alertmanager = AlertmanagerUrl(s),
                Grafana = GrafanaUrl(s),
                GrafanaPublic = grafanaPublic,
                LokiPush = LokiPushUrl(s),
                JaegerQuery = JaegerQueryUrl(s),
                OtlpGrpc = OtlpGrpcUrl(s),
                OtlpHttp = OtlpHttpUrl(s),
            },
            Warnings = warnings,
        };
    }

    /// <summary>Grafana's URL as people open it: the ingress host when there is one, else the in-cluster Service.</summary>
    public static string GrafanaPublicUrl(StackSettings s) =>
        s.Grafana.Ingress is { Enabled: true, Host: { } host }
            ? $"{(s.Grafana.Ingress.TlsSecretName is null ? "http" : "https")}://{host}"
            : GrafanaUrl(s);

    /// <summary>A rule group name as a Kubernetes object name part (lowercase, [a-z0-9-]).</summary>
    internal static string KubernetesName(string name)
    {
        var chars = name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        return new string(chars).Trim('-');
    }

    private static HelmReleasePlan Release(
        string name, string chart, ChartPin pin, ReleasePolicy policy, string @namespace, OrderedDictionary<string, object?> values,
        PlanComponent component, bool installsCrds = false) => new()
    {
        Policy = HelmReleasePolicy.From(policy),
        Name = name,
        Chart = chart,
        Repository = pin.Repository,
        Version = pin.Version,
        Namespace = @namespace,
        Values = values,
        InstallsCrds = installsCrds,
        Component = component,
    };

    private static T? Collect<T>(List<Problem> problems, string path, Func<T> build)
        where T : struct
    {
        try
        {
            return build();
        }
        catch (ValidationException e)
        {
            problems.AddRange(e.Problems.Select(p => new Problem($"{path} ({p.Path})", p.Message)));
            return null;
        }
    }
}
