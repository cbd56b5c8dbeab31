using Observability.Rules.Output;
using Observability.Rules.Packs;
using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
using static Observability.Stacks.Composition.ChartConventions;
using static Observability.Stacks.Composition.StackConventions;
using static Observability.Stacks.Composition.Tree;

namespace Observability.Stacks.Modules;

/// <summary>
/// Metrics: kube-prometheus-stack (Prometheus, Alertmanager, Grafana, node-exporter, kube-state-metrics) and what it reads:
/// the Grafana admin and database Secrets, the Alertmanager configuration Secret and the receivers' secret files, the
/// additional scrape configs and remote-write credentials, one PrometheusRule per rule group, one ConfigMap per dashboard,
/// the stack's own ServiceMonitors. Values: <see cref="KubePrometheusStackValues"/>; the chart's defaults we keep:
/// <see cref="KubePrometheusStackDefaults"/>.
/// </summary>
public sealed class MetricsModule : IModule
{
    /// <summary>kube-prometheus-stack, installed as <see cref="StackConventions.KubePrometheusStackRelease"/> (it installs the CRDs).</summary>
    public static ChartReference Chart { get; } =
        new("kube-prometheus-stack", "https://prometheus-community.github.io/helm-charts", "88.5.3", KubePrometheusStackRelease);

    /// <summary>The grafana chart kube-prometheus-stack <see cref="Chart"/> pins as its subchart (its values are checked too).</summary>
    public static ChartReference GrafanaSubchart { get; } =
        new("grafana", "https://grafana-community.github.io/helm-charts", "12.11.1", KubePrometheusStackRelease);

    public const string GrafanaAdminSecret = "grafana-admin";
    public const string GrafanaAdminUserKey = "admin-user";
    public const string GrafanaAdminPasswordKey = "admin-password";

    /// <summary>The Secret holding Grafana's database password (read as GF_DATABASE_PASSWORD).</summary>
    public const string GrafanaDatabaseSecret = "grafana-database";

    /// <summary>The Secret holding alertmanager.yaml and the notification templates (alertmanagerSpec.configSecret).</summary>
    public const string AlertmanagerConfigSecret = "alertmanager-config";

    public const string AdditionalScrapeConfigsSecret = "prometheus-additional-scrape-configs";
    public const string AdditionalScrapeConfigsKey = "additional-scrape-configs.yaml";

    /// <summary>The Secret of one remote-write target's basic-auth credentials.</summary>
    public static string RemoteWriteSecret(string name) => $"prometheus-remote-write-{name}";

    public static MetricsModule Instance { get; } = new();

    public string Name => "metrics";

    public PlanComponent Component => PlanComponent.Metrics;

    public IReadOnlyList<ChartReference> Charts { get; } = [Chart];

    public IReadOnlyList<ValuesPath> FreeFormValues { get; } =
    [
        new(Chart.Chart, "alertmanager.alertmanagerSpec.configSecret",
            "documented in values.yaml as a commented-out key; the chart passes it to Alertmanager.spec.configSecret"),
        new(Chart.Chart, "prometheus.prometheusSpec.additionalScrapeConfigsSecret",
            "left as {} with its keys (enabled, name, key) documented as comments"),
        new(Chart.Chart, "grafana.ingress.ingressClassName", "documented in the grafana chart's values.yaml as a commented-out key"),
        new(Chart.Chart, "grafana.persistence.storageClassName", "documented in the grafana chart's values.yaml as a commented-out key"),
        new(Chart.Chart, "alertmanager.alertmanagerSpec.storage",
            "a prometheus-operator StorageSpec (volumeClaimTemplate), left as {} with a commented example"),
        new(Chart.Chart, "prometheus.prometheusSpec.storageSpec",
            "a prometheus-operator StorageSpec (volumeClaimTemplate), left as {} with a commented example"),
        new(Chart.Chart, "alertmanager.alertmanagerSpec.resources", "Kubernetes ResourceRequirements, left as {}"),
        new(Chart.Chart, "prometheus.prometheusSpec.resources", "Kubernetes ResourceRequirements, left as {}"),
        new(Chart.Chart, "prometheus.prometheusSpec.externalLabels", "a free-form label map"),
        new(Chart.Chart, "prometheus.prometheusSpec.exemplars",
            "left as {} with maxSize documented as a comment; the chart copies it to Prometheus.spec.exemplars"),
        new(Chart.Chart, "grafana.resources", "Kubernetes ResourceRequirements, left as {}"),
        new(Chart.Chart, "grafana.affinity", "a Kubernetes Affinity, left as {}"),
        new(Chart.Chart, "grafana.podDisruptionBudget", "a PodDisruptionBudget spec, left as {} with commented keys"),
        new(Chart.Chart, "grafana.envValueFrom", "environment variable name to a Kubernetes valueFrom source, left as {}"),
        new(Chart.Chart, "grafana.grafana.ini", "Grafana's ini file as sections of keys; any Grafana setting is valid"),
        new(Chart.Chart, "grafana.sidecar.datasources.exemplarTraceIdDestinations",
            "documented in values.yaml as commented keys (datasourceUid, traceIdLabelName)"),
        new(Chart.Chart, "defaultRules.disabled",
            "alert name to true, left as {} with a commented example (KubeAPIDown: true); each rule template checks defaultRules.disabled.<alert>"),
        new(Chart.Chart, "defaultRules.additionalRuleLabels", "a free-form label map added to every default alert, left as {}"),
    ];

    public IReadOnlyList<ValuesPath> IgnoredValues { get; } = [];

    public IReadOnlyList<string> RuleGroups { get; } =
        [HttpRules.GroupName, AgentRules.GroupName, NodeRules.GroupName, KubernetesRules.GroupName, GrafanaRules.GroupName, PlatformRules.WatchdogGroupName];

    public IReadOnlyList<string> Dashboards { get; } = ["platform-overview", "system-health", "api-overview", "slos"];

    public bool IsEnabled(StackSettings s) => true;

    /// <summary>The pods and Services its chart creates, as the pinned chart names and labels them (checked against its render).</summary>
    public ChartInventory Inventory(StackSettings s)
    {
        var pods = new List<ChartPods>();
        var services = new List<ChartService>();
        var monitoring = s.Namespaces.Monitoring;
        const string kps = KubePrometheusStackRelease;

        // kube-prometheus-stack: templates/prometheus-operator/{deployment,service}.yaml.
        pods.Add(new(kps, monitoring, "Deployment", $"{KpsFullname}-operator", With(OperatorPodLabels, ("app.kubernetes.io/name", $"{KpsChartName}-prometheus-operator")), [OperatorWebhookPort]));
        services.Add(new(kps, monitoring, $"{KpsFullname}-operator", OperatorPodLabels, OperatorPodLabels, [("https", 443)]));

        // Prometheus and Alertmanager StatefulSets (made by the operator); templates/{prometheus,alertmanager}/service.yaml.
        pods.Add(new(kps, monitoring, "StatefulSet", $"prometheus-{KpsFullname}-prometheus", PrometheusPodLabels, [9090, 8080]));
        services.Add(new(kps, monitoring, $"{KpsFullname}-prometheus",
            Labels(("app.kubernetes.io/name", "prometheus"), ("operator.prometheus.io/name", $"{KpsFullname}-prometheus")),
            Labels(("app", $"{KpsChartName}-prometheus"), ("release", kps), ("self-monitor", "true")),
            [("http-web", 9090), ("reloader-web", 8080)]));
        pods.Add(new(kps, monitoring, "StatefulSet", $"alertmanager-{KpsFullname}-alertmanager", AlertmanagerPodLabels, [9093, 9094, 8080]));
        services.Add(new(kps, monitoring, $"{KpsFullname}-alertmanager", AlertmanagerPodLabels,
            Labels(("app", $"{KpsChartName}-alertmanager"), ("release", kps), ("self-monitor", "true")),
            [("http-web", 9093), ("reloader-web", 8080)]));

        // Subcharts, named after the release: grafana templates/{deployment,service}.yaml (Service port 80 → container 3000),
        // kube-state-metrics templates/{deployment,service}.yaml, prometheus-node-exporter templates/{daemonset,service}.yaml.
        pods.Add(new(kps, monitoring, "Deployment", $"{kps}-grafana", GrafanaPodLabels, [3000]));
        services.Add(new(kps, monitoring, $"{kps}-grafana", GrafanaPodLabels, GrafanaPodLabels, [("http-web", 80)]));
        var ksm = SelectorLabels("kube-state-metrics", kps);
        pods.Add(new(kps, monitoring, "Deployment", $"{kps}-kube-state-metrics", With(ksm, ("release", kps)), [8080, 8081]));
        services.Add(new(kps, monitoring, $"{kps}-kube-state-metrics", ksm, With(ksm, ("release", kps)), [("http", 8080)]));
        var nodeExporter = SelectorLabels("prometheus-node-exporter", kps);
        pods.Add(new(kps, monitoring, "DaemonSet", $"{kps}-prometheus-node-exporter", With(nodeExporter, ("release", kps), ("jobLabel", "node-exporter")), [9100]));
        services.Add(new(kps, monitoring, $"{kps}-prometheus-node-exporter", nodeExporter, With(nodeExporter, ("release", kps), ("jobLabel", "node-exporter")), [("http-metrics", 9100)]));

        return new ChartInventory(pods, services);
    }

    public ModulePlan Compose(ModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = context.Settings;
        var monitoring = s.Namespaces.Monitoring;
        var alertmanager = context.Alertmanager;
        var amSecrets = alertmanager.SecretValues.Select(v => v.SecretName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var release = Chart.Release(s.Charts.KubePrometheusStack, s.Releases.KubePrometheusStack, monitoring,
            KubePrometheusStackValues.Build(s, amSecrets), Component, installsCrds: true);

        var objects = new List<KubernetesObjectPlan>
        {
            Secret(GrafanaAdminSecret, monitoring,
            [
                (GrafanaAdminUserKey, s.Grafana.AdminUser),
                (GrafanaAdminPasswordKey, s.Grafana.AdminPassword ?? SecretValue.Generated("observability:grafana.adminPassword")),
            ]),
        };

        if (s.Grafana.Database is { } grafanaDatabase)
            objects.Add(Secret(GrafanaDatabaseSecret, monitoring, [("password", grafanaDatabase.Password)]));

        var amConfigEntries = new List<(string, object)> { ("alertmanager.yaml", Rules.Alertmanager.AlertmanagerYaml.Serialize(alertmanager.Config)) };
        amConfigEntries.AddRange(alertmanager.Config.TemplateFiles.Select(t => (t.Key, (object)t.Value)));
        objects.Add(Secret(AlertmanagerConfigSecret, monitoring, amConfigEntries));
        foreach (var secret in alertmanager.SecretValues.GroupBy(v => v.SecretName, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            objects.Add(Secret(secret.Key, monitoring, secret.Select(v => (v.Key, (object)v.Value))));

        if (!s.Scrape.StaticTargets.IsEmpty)
            objects.Add(Secret(AdditionalScrapeConfigsSecret, monitoring, [(AdditionalScrapeConfigsKey, AdditionalScrapeConfigs(s))]));

        foreach (var remote in s.Prometheus.RemoteWrite.Where(r => r.Password is not null))
            objects.Add(Secret(RemoteWriteSecret(remote.Name), monitoring, [("username", remote.Username ?? ""), ("password", remote.Password!)]));

        foreach (var (name, fileGroups) in context.RuleFiles)
        {
            foreach (var group in fileGroups)
            {
                // One object per group (small, reviewable diffs); named <file>-<group>, e.g. platform-http, slo-api-latency.
                var groupName = EnvironmentComposer.KubernetesName(group.Name);
                var prefix = name.TrimEnd('s') + "-";
                objects.Add(Manifests.PrometheusRule(groupName.StartsWith(prefix, StringComparison.Ordinal) ? groupName : $"{name}-{groupName}", monitoring, [group]));
            }
        }

        foreach (var dashboard in context.Dashboards)
            objects.Add(DashboardComposition.ConfigMap(dashboard, monitoring, s.Dashboards.Folder));

        objects.AddRange(s.Scrape.ServiceMonitors.Select(t => Manifests.ServiceMonitor(
            t.Name, monitoring, Component, t.Namespace, t.MatchLabels, t.Port, t.Path, t.Interval?.ToString())));
        return new ModulePlan { Name = Name, Component = Component, Releases = [release], Objects = objects };
    }

    /// <summary>The additional scrape configs (static targets) as Prometheus <c>scrape_configs</c> entries.</summary>
    internal static string AdditionalScrapeConfigs(StackSettings s) =>
        YamlText.Serialize(s.Scrape.StaticTargets.Select(t => Map(
            ("job_name", t.Job),
            ("scrape_interval", t.Interval?.ToString()),
            ("metrics_path", t.MetricsPath),
            ("scheme", t.Scheme),
            ("static_configs", List(Map(("targets", ListOf(t.Targets)))))))
            .ToList());

    private KubernetesObjectPlan Secret(string name, string @namespace, IEnumerable<(string Key, object Value)> entries) =>
        Manifests.Secret(name, @namespace, Component, null, entries);
}
