using Observability.Stacks.Settings;
using static Observability.Stacks.Composition.StackConventions;

namespace Observability.Stacks.Composition;

/// <summary>A Service a chart creates: its selector, its own labels and its ports (name, port).</summary>
public sealed record ChartService(
    string Release,
    string Namespace,
    string Name,
    IReadOnlyDictionary<string, string> Selector,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<(string Name, int Port)> Ports);

/// <summary>Pods a chart (or the operator, for Prometheus and Alertmanager) runs: their labels and container ports.</summary>
public sealed record ChartPods(
    string Release,
    string Namespace,
    string Kind,
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<int> ContainerPorts);

/// <summary>The pods and Services the charts of one environment create (not the objects we create ourselves).</summary>
public sealed record ChartInventory(IReadOnlyList<ChartPods> Pods, IReadOnlyList<ChartService> Services);

/// <summary>
/// The labels, names and ports the pinned charts give their pods and Services, written down once, each with the chart
/// template it comes from. NetworkPolicies, PDBs, ServiceMonitors, affinity terms and in-cluster URLs must agree with
/// these; tests check them against what the charts really render (../shared/reference/rendered/) and check every selector
/// and URL of an environment against <see cref="Inventory"/>.
/// Traps: kube-prometheus-stack's <c>app</c> labels use the chart name (<c>kube-prometheus-stack-operator</c>), not the
/// fullnameOverride; its subcharts (grafana, kube-state-metrics, node-exporter) name their objects after the release.
/// </summary>
public static class ChartConventions
{
    /// <summary>kube-prometheus-stack's <c>kube-prometheus-stack.name</c> helper: the chart name (no nameOverride set).</summary>
    public const string KpsChartName = "kube-prometheus-stack";

    /// <summary>
    /// prometheus-operator pods: templates/prometheus-operator/deployment.yaml, <c>app: {{ template "kube-prometheus-stack.name" . }}-operator</c>
    /// and <c>release: {{ $.Release.Name }}</c> (also the selector of templates/prometheus-operator/service.yaml).
    /// </summary>
    public static IReadOnlyDictionary<string, string> OperatorPodLabels { get; } = Labels(("app", $"{KpsChartName}-operator"), ("release", KubePrometheusStackRelease));

    /// <summary>The operator container's webhook/metrics port (templates/prometheus-operator/deployment.yaml, <c>containerPort: 10250</c> named https).</summary>
    public const int OperatorWebhookPort = 10250;

    /// <summary>
    /// Prometheus pods, labelled by prometheus-operator itself (pkg/prometheus/statefulset.go): <c>app.kubernetes.io/name: prometheus</c>,
    /// <c>operator.prometheus.io/name: &lt;CR name&gt;</c>, <c>prometheus: &lt;CR name&gt;</c>; the chart's Service and PDB select the first two
    /// (templates/prometheus/service.yaml, templates/prometheus/podDisruptionBudget.yaml).
    /// </summary>
    public static IReadOnlyDictionary<string, string> PrometheusPodLabels { get; } =
        Labels(("app.kubernetes.io/name", "prometheus"), ("operator.prometheus.io/name", $"{KpsFullname}-prometheus"), ("prometheus", $"{KpsFullname}-prometheus"));

    /// <summary>
    /// Alertmanager pods, labelled by prometheus-operator (pkg/alertmanager/statefulset.go): <c>app.kubernetes.io/name: alertmanager</c>,
    /// <c>alertmanager: &lt;CR name&gt;</c> (selected by templates/alertmanager/service.yaml and podDisruptionBudget.yaml).
    /// </summary>
    public static IReadOnlyDictionary<string, string> AlertmanagerPodLabels { get; } =
        Labels(("app.kubernetes.io/name", "alertmanager"), ("alertmanager", $"{KpsFullname}-alertmanager"));

    /// <summary>
    /// The app.kubernetes.io selector labels of a chart built on the common helm helpers (<c>&lt;chart&gt;.selectorLabels</c> in
    /// templates/_helpers.tpl: grafana, kube-state-metrics, prometheus-node-exporter, loki, promtail, alloy, jaeger).
    /// </summary>
    public static IReadOnlyDictionary<string, string> SelectorLabels(string name, string instance, string? component = null) =>
        component is null
            ? Labels(("app.kubernetes.io/name", name), ("app.kubernetes.io/instance", instance))
            : Labels(("app.kubernetes.io/name", name), ("app.kubernetes.io/instance", instance), ("app.kubernetes.io/component", component));

    /// <summary>Grafana pods (grafana chart templates/_helpers.tpl <c>grafana.selectorLabels</c>; the subchart's instance is the parent release).</summary>
    public static IReadOnlyDictionary<string, string> GrafanaPodLabels { get; } = SelectorLabels("grafana", KubePrometheusStackRelease);

    /// <summary>Jaeger's all-in-one pods (jaeger chart templates/allinone-deploy.yaml: <c>jaeger.selectorLabels</c> + <c>app.kubernetes.io/component: all-in-one</c>).</summary>
    public static IReadOnlyDictionary<string, string> JaegerPodLabels { get; } = SelectorLabels("jaeger", JaegerRelease, "all-in-one");

    /// <summary>Jaeger's Service port names (jaeger chart templates/allinone-svc.yaml).</summary>
    public const string JaegerOtlpGrpcPortName = "otlp-grpc";

    public const string JaegerOtlpHttpPortName = "otlp-http";
    public const string JaegerQueryPortName = "http-query";

    /// <summary>Jaeger's own telemetry (the collector's Prometheus reader on 8888; Service port <c>internal-metrics</c>).</summary>
    public const string JaegerMetricsPortName = "internal-metrics";

    public const int JaegerMetricsPort = 8888;

    /// <summary>Loki pods of one component (loki chart templates/&lt;component&gt;/*.yaml: <c>loki.selectorLabels</c> + <c>app.kubernetes.io/component</c>).</summary>
    public static IReadOnlyDictionary<string, string> LokiPodLabels(string component) => SelectorLabels("loki", LokiRelease, component);

    /// <summary>The loki-gateway pods (loki chart templates/gateway/deployment-gateway-nginx.yaml).</summary>
    public static IReadOnlyDictionary<string, string> LokiGatewayPodLabels { get; } = LokiPodLabels("gateway");

    /// <summary>The Loki components of distributed mode that run as their own workload (loki chart templates/&lt;component&gt;/).</summary>
    public static IReadOnlyList<(string Component, string Kind)> LokiDistributedComponents { get; } =
    [
        ("distributor", "Deployment"), ("ingester", "StatefulSet"), ("querier", "Deployment"), ("query-frontend", "Deployment"),
        ("query-scheduler", "Deployment"), ("index-gateway", "StatefulSet"), ("compactor", "StatefulSet"),
    ];

    /// <summary>
    /// The jobs kube-prometheus-stack's control-plane ServiceMonitors yield (templates/exporters/kube-*/service.yaml label each Service
    /// <c>jobLabel: &lt;component&gt;</c> and the ServiceMonitor sets <c>jobLabel: jobLabel</c>). On managed clusters and kubeadm defaults
    /// these components listen on localhost only, so their targets are down for good.
    /// </summary>
    /// (The list itself lives with the rule that reads it, <see cref="Rules.Conventions.HttpConventions.ControlPlaneJobs"/>.)
    public static IReadOnlyList<string> ControlPlaneJobs => Rules.Conventions.HttpConventions.ControlPlaneJobs;

    /// <summary>The pods and Services the releases of an environment create, as the pinned charts name and label them.</summary>
    public static ChartInventory Inventory(StackSettings s)
    {
        var pods = new List<ChartPods>();
        var services = new List<ChartService>();
        var monitoring = s.Namespaces.Monitoring;
        var logging = s.Namespaces.Logging;
        var tracing = s.Namespaces.Tracing;
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

        // Loki: templates/gateway/{deployment,service}-gateway-nginx.yaml (Service port 80 → container 8080), and per mode
        // templates/single-binary/ or templates/<component>/ (http-metrics 3100, grpc 9095), memberlist (templates/service-memberlist.yaml).
        const string loki = LokiRelease;
        pods.Add(new(loki, logging, "Deployment", "loki-gateway", LokiGatewayPodLabels, [8080, 4040]));
        services.Add(new(loki, logging, "loki-gateway", LokiGatewayPodLabels, LokiGatewayPodLabels, [("http", 80)]));
        services.Add(new(loki, logging, "loki-gateway-exporter", LokiGatewayPodLabels, LokiGatewayPodLabels, [("http-metrics", 4040)]));
        var lokiComponents = s.Loki.Mode == LokiMode.Distributed
            ? LokiDistributedComponents.Select(c => (c.Component, c.Kind, Name: $"loki-{c.Component}")).ToList()
            : [("single-binary", "StatefulSet", "loki")];
        foreach (var (component, kind, name) in lokiComponents)
        {
            var labels = LokiPodLabels(component);
            pods.Add(new(loki, logging, kind, name, With(labels, ("app.kubernetes.io/part-of", "memberlist")), [3100, 9095, 7946]));
            services.Add(new(loki, logging, name, labels, labels, [("http-metrics", 3100), ("grpc", 9095)]));
            services.Add(new(loki, logging, $"{name}-headless", labels, With(labels, ("prometheus.io/service-monitor", "false"), ("variant", "headless")), [("http-metrics", 3100), ("grpc", 9095)]));
        }

        services.Add(new(loki, logging, "loki-memberlist", Labels(("app.kubernetes.io/name", "loki"), ("app.kubernetes.io/instance", loki), ("app.kubernetes.io/part-of", "memberlist")), SelectorLabels("loki", loki), [("tcp", 7946)]));
        if (s.Loki.Mode == LokiMode.Distributed)
        {
            // templates/memcached/_memcached-statefulset.tpl and _memcached-svc.tpl (chunksCache/resultsCache enabled in distributed mode).
            foreach (var cache in new[] { "chunks-cache", "results-cache" })
            {
                var labels = LokiPodLabels($"memcached-{cache}");
                pods.Add(new(loki, logging, "StatefulSet", $"loki-{cache}", labels, [11211, 9150]));
                services.Add(new(loki, logging, $"loki-{cache}", labels, labels, [("memcached-client", 11211), ("http-metrics", 9150)]));
            }
        }

        // The log agent: promtail templates/{daemonset,service-metrics}.yaml; alloy templates/controllers/daemonset.yaml, templates/service.yaml.
        if (s.LogAgent == LogAgentKind.Alloy)
        {
            var alloy = SelectorLabels("alloy", AlloyRelease);
            pods.Add(new(AlloyRelease, logging, "DaemonSet", "alloy", alloy, [12345]));
            services.Add(new(AlloyRelease, logging, "alloy", alloy, alloy, [("http-metrics", 12345)]));
        }
        else
        {
            var promtail = SelectorLabels("promtail", PromtailRelease);
            pods.Add(new(PromtailRelease, logging, "DaemonSet", "promtail", promtail, [3101]));
            services.Add(new(PromtailRelease, logging, "promtail-metrics", promtail, promtail, [("http-metrics", 3101)]));
        }

        // Jaeger all-in-one: templates/allinone-deploy.yaml and templates/allinone-svc.yaml (every port, in the release namespace).
        pods.Add(new(JaegerRelease, tracing, "Deployment", "jaeger", JaegerPodLabels, [OtlpGrpcPort, OtlpHttpPort, JaegerQueryPort, 16685, 13133, JaegerMetricsPort]));
        services.Add(new(JaegerRelease, tracing, "jaeger", JaegerPodLabels, JaegerPodLabels,
        [
            (JaegerOtlpGrpcPortName, OtlpGrpcPort), (JaegerOtlpHttpPortName, OtlpHttpPort), (JaegerQueryPortName, JaegerQueryPort),
            ("grpc-query", 16685), (JaegerMetricsPortName, JaegerMetricsPort),
        ]));

        return new ChartInventory(pods, services);
    }

    private static IReadOnlyDictionary<string, string> Labels(params (string Key, string Value)[] labels) =>
        labels.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);

    private static IReadOnlyDictionary<string, string> With(IReadOnlyDictionary<string, string> labels, params (string Key, string Value)[] more) =>
        labels.Select(kv => (kv.Key, kv.Value)).Concat(more).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
}
