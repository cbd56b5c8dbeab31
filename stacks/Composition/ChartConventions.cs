using Observability.Stacks.Modules;
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

    /// <summary>
    /// The labels of Jaeger's all-in-one pods and of the <c>jaeger</c> Service (chart 4.11.1): <c>jaeger.selectorLabels</c> in
    /// <c>templates/_helpers.tpl</c> (<c>app.kubernetes.io/name</c>: the chart name, <c>app.kubernetes.io/instance</c>: the
    /// release name) plus <c>app.kubernetes.io/component: all-in-one</c> from <c>jaeger-deploy.yaml</c> and
    /// <c>jaeger-service.yaml</c>. The component label keeps the index cleaner's Job pods (component <c>es-index-cleaner</c>) out.
    /// </summary>
    public static IReadOnlyDictionary<string, string> JaegerPodLabels { get; } = SelectorLabels("jaeger", JaegerRelease, "all-in-one");

    /// <summary>Jaeger's Service port names (jaeger chart templates/allinone-svc.yaml).</summary>
    public const string JaegerOtlpGrpcPortName = "otlp-grpc";

    public const string JaegerOtlpHttpPortName = "otlp-http";
    public const string JaegerQueryPortName = "http-query";

    /// <summary>
    /// The name the chart gives <see cref="JaegerMetricsPort"/> on the <c>jaeger</c> Service (chart 4.11.1,
    /// <c>templates/jaeger/jaeger-service.yaml</c>: <c>- name: internal-metrics, port: 8888, targetPort: 8888</c>, always rendered).
    /// </summary>
    public const string JaegerMetricsPortName = "internal-metrics";

    /// <summary>The port of the collector's own metrics (its <c>service.telemetry</c> Prometheus reader, which our config sets).</summary>
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

    /// <summary>
    /// The pods and Services the releases of an environment create, as the pinned charts name and label them: each enabled
    /// module's (<see cref="IModule.Inventory"/>, written beside its chart pin from the chart's templates).
    /// </summary>
    public static ChartInventory Inventory(StackSettings s)
    {
        var parts = ModuleCatalog.All.Where(m => m.IsEnabled(s)).Select(m => m.Inventory(s)).ToList();
        return new ChartInventory([.. parts.SelectMany(p => p.Pods)], [.. parts.SelectMany(p => p.Services)]);
    }

    /// <summary>No pods or Services (a module without a chart).</summary>
    public static ChartInventory None { get; } = new([], []);


    internal static IReadOnlyDictionary<string, string> Labels(params (string Key, string Value)[] labels) =>
        labels.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);

    internal static IReadOnlyDictionary<string, string> With(IReadOnlyDictionary<string, string> labels, params (string Key, string Value)[] more) =>
        labels.Select(kv => (kv.Key, kv.Value)).Concat(more).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
}
