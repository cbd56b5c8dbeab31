using Observability.Rules.Model;
using Observability.Rules.Output;
using Observability.Stacks.Settings;
using static Observability.Stacks.Composition.StackConventions;
using static Observability.Stacks.Composition.Tree;

namespace Observability.Stacks.Composition;

/// <summary>The Kubernetes objects of an environment (besides what the charts create).</summary>
internal static class Manifests
{
    public static KubernetesObjectPlan Namespace(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        Name = name,
        Component = PlanComponent.Foundation,
        Body = Map(
            ("apiVersion", "v1"),
            ("kind", "Namespace"),
            ("metadata", Metadata(name, null, CommonLabels(("pod-security.kubernetes.io/enforce", "privileged"))))),
    };

    /// <summary>A Secret; entries are plain strings or <see cref="SecretValue"/>s, written under <c>stringData</c>.</summary>
    public static KubernetesObjectPlan Secret(string name, string @namespace, PlanComponent component, string? dependsOn, IEnumerable<(string Key, object Value)> entries) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Name = name,
        Namespace = @namespace,
        Component = component,
        DependsOnRelease = dependsOn,
        Body = Map(
            ("apiVersion", "v1"),
            ("kind", "Secret"),
            ("metadata", Metadata(name, @namespace, CommonLabels())),
            ("type", "Opaque"),
            ("stringData", Map(entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, (object?)e.Value)).ToArray()))),
    };

    public static KubernetesObjectPlan PrometheusRule(string name, string @namespace, IReadOnlyList<RuleGroup> groups) => new()
    {
        ApiVersion = "monitoring.coreos.com/v1",
        Kind = "PrometheusRule",
        Name = name,
        Namespace = @namespace,
        Component = PlanComponent.Metrics,
        DependsOnRelease = KubePrometheusStackRelease,
        Body = RuleYaml.PrometheusRuleTree(name, @namespace, CommonLabels(), groups),
    };

    /// <summary>
    /// A ServiceMonitor in <paramref name="namespace"/> for the Services labelled <paramref name="matchLabels"/> in
    /// <paramref name="serviceNamespace"/> (null: its own namespace), scraping the Service port named <paramref name="port"/>.
    /// It carries only <see cref="CommonLabels"/>: Prometheus selects every ServiceMonitor (<c>serviceMonitorSelector: {}</c>).
    /// </summary>
    public static KubernetesObjectPlan ServiceMonitor(
        string name, string @namespace, PlanComponent component, string? serviceNamespace,
        IEnumerable<KeyValuePair<string, string>> matchLabels, string port, string? path = null, string? interval = null) => new()
    {
        ApiVersion = "monitoring.coreos.com/v1",
        Kind = "ServiceMonitor",
        Name = name,
        Namespace = @namespace,
        Component = component,
        DependsOnRelease = KubePrometheusStackRelease,
        Body = Map(
            ("apiVersion", "monitoring.coreos.com/v1"),
            ("kind", "ServiceMonitor"),
            ("metadata", Metadata(name, @namespace, CommonLabels())),
            ("spec", Map(
                ("jobLabel", null),
                ("namespaceSelector", serviceNamespace is null ? null : Map(("matchNames", List(serviceNamespace)))),
                ("selector", Map(("matchLabels", FromPairs(matchLabels)))),
                ("endpoints", List(Map(
                    ("port", port),
                    ("path", path),
                    ("interval", interval))))))),
    };

    /// <summary>
    /// A PodDisruptionBudget for a workload whose chart has none: at most one of the pods labelled <paramref name="matchLabels"/>
    /// is evicted at a time; pods that are not ready may always be evicted (a crash-looping pod never blocks a node drain).
    /// </summary>
    public static KubernetesObjectPlan PodDisruptionBudget(string name, string @namespace, PlanComponent component, IEnumerable<KeyValuePair<string, string>> matchLabels) =>
        WithSpec("policy/v1", "PodDisruptionBudget", name, @namespace, component, Map(
            ("maxUnavailable", 1),
            ("unhealthyPodEvictionPolicy", "AlwaysAllow"),
            ("selector", Map(("matchLabels", FromPairs(matchLabels))))));

    public static KubernetesObjectPlan PersistentVolumeClaim(string name, string @namespace, PlanComponent component, string? storageClass, string size) =>
        WithSpec("v1", "PersistentVolumeClaim", name, @namespace, component, Map(
            ("storageClassName", storageClass),
            ("accessModes", List("ReadWriteOnce")),
            ("resources", Map(("requests", Map(("storage", size)))))));

    /// <summary>A namespaced object with the stack's common labels and a <c>spec</c>: its identity is written once, for the plan and the body.</summary>
    private static KubernetesObjectPlan WithSpec(
        string apiVersion, string kind, string name, string @namespace, PlanComponent component, OrderedDictionary<string, object?> spec) => new()
    {
        ApiVersion = apiVersion,
        Kind = kind,
        Name = name,
        Namespace = @namespace,
        Component = component,
        Body = Map(
            ("apiVersion", apiVersion),
            ("kind", kind),
            ("metadata", Metadata(name, @namespace, CommonLabels())),
            ("spec", spec)),
    };
}
