using Observability.Rules.Model;
using Observability.Rules.Output;
using Observability.Stacks.Settings;
using static Observability.Stacks.Composition.StackConventions;
using static Observability.Stacks.Composition.Tree;

namespace Observability.Stacks.Composition;

/// <summary>The Kubernetes objects of an environment (besides what the charts create), built typed (<see cref="KubernetesObjectPlan"/>).</summary>
internal static class Manifests
{
    /// <summary>
    /// The metadata of an object the stack creates: its name and namespace, <see cref="CommonLabels"/> plus <paramref name="labels"/>
    /// and <paramref name="annotations"/>, each sorted by key.
    /// </summary>
    public static ObjectMetadata Meta(
        string name, string? @namespace, IEnumerable<KeyValuePair<string, string>>? labels = null, IEnumerable<KeyValuePair<string, string>>? annotations = null) => new()
    {
        Name = name,
        Namespace = @namespace,
        Labels = Sorted(labels ?? CommonLabels()),
        Annotations = Sorted(annotations ?? []),
    };

    public static KubernetesObjectPlan Namespace(string name) =>
        KubernetesObjectPlan.ClusterNamespace(Meta(name, null, CommonLabels(("pod-security.kubernetes.io/enforce", "privileged"))));

    /// <summary>A Secret; entries are plain strings or <see cref="SecretValue"/>s, written under <c>stringData</c> sorted by key.</summary>
    public static KubernetesObjectPlan Secret(string name, string @namespace, PlanComponent component, string? dependsOn, IEnumerable<(string Key, object Value)> entries) =>
        KubernetesObjectPlan.Secret(Meta(name, @namespace), component,
            entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new KeyValuePair<string, object>(e.Key, e.Value))) with { DependsOnRelease = dependsOn };

    /// <summary>One PrometheusRule of <paramref name="groups"/> (the tree is the rules project's, <see cref="RuleYaml.PrometheusRuleTree"/>).</summary>
    public static KubernetesObjectPlan PrometheusRule(string name, string @namespace, IReadOnlyList<RuleGroup> groups) =>
        KubernetesObjectPlan.FromTree(RuleYaml.PrometheusRuleTree(name, @namespace, CommonLabels(), groups), PlanComponent.Metrics, KubePrometheusStackRelease);

    /// <summary>
    /// A ServiceMonitor in <paramref name="namespace"/> for the Services labelled <paramref name="matchLabels"/> in
    /// <paramref name="serviceNamespace"/> (null: its own namespace), scraping the Service port named <paramref name="port"/>.
    /// It carries only <see cref="CommonLabels"/>: Prometheus selects every ServiceMonitor (<c>serviceMonitorSelector: {}</c>).
    /// </summary>
    public static KubernetesObjectPlan ServiceMonitor(
        string name, string @namespace, PlanComponent component, string? serviceNamespace,
        IEnumerable<KeyValuePair<string, string>> matchLabels, string port, string? path = null, string? interval = null) =>
        WithSpec("monitoring.coreos.com/v1", "ServiceMonitor", name, @namespace, component, Map(
            ("jobLabel", null),
            ("namespaceSelector", serviceNamespace is null ? null : Map(("matchNames", List(serviceNamespace)))),
            ("selector", Map(("matchLabels", FromPairs(matchLabels)))),
            ("endpoints", List(Map(
                ("port", port),
                ("path", path),
                ("interval", interval))))), dependsOn: KubePrometheusStackRelease);

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

    /// <summary>A namespaced object with the stack's common labels (and <paramref name="labels"/>) and a <c>spec</c>.</summary>
    public static KubernetesObjectPlan WithSpec(
        string apiVersion, string kind, string name, string @namespace, PlanComponent component, OrderedDictionary<string, object?> spec,
        IEnumerable<KeyValuePair<string, string>>? labels = null, string? dependsOn = null) =>
        KubernetesObjectPlan.Namespaced(apiVersion, kind, Meta(name, @namespace, labels), component, spec, dependsOn);

    private static IReadOnlyList<KeyValuePair<string, string>> Sorted(IEnumerable<KeyValuePair<string, string>> pairs) =>
        [.. pairs.GroupBy(p => p.Key, StringComparer.Ordinal).Select(g => g.Last()).OrderBy(p => p.Key, StringComparer.Ordinal)];
}
