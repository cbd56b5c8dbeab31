using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
using static Observability.Stacks.Composition.StackConventions;
using static Observability.Stacks.Composition.Tree;

namespace Observability.Stacks.Modules;

/// <summary>
/// NetworkPolicies (when <c>observability:networkPolicies.enabled</c>): in each of the stack's namespaces, ingress from the
/// stack's namespaces and the allowed ones, and the operator's admission webhook from anywhere.
/// </summary>
public sealed class NetworkModule : IModule
{
    public static NetworkModule Instance { get; } = new();

    public string Name => "network";

    public PlanComponent Component => PlanComponent.Network;

    public IReadOnlyList<ChartReference> Charts { get; } = [];

    public IReadOnlyList<ValuesPath> FreeFormValues { get; } = [];

    public IReadOnlyList<ValuesPath> IgnoredValues { get; } = [];

    public IReadOnlyList<string> RuleGroups { get; } = [];

    public IReadOnlyList<string> Dashboards { get; } = [];

    public bool IsEnabled(StackSettings s) => s.NetworkPolicies.Enabled;

    public ChartInventory Inventory(StackSettings s) => ChartConventions.None;

    public ModulePlan Compose(ModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = context.Settings;
        return new ModulePlan { Name = Name, Component = Component, Objects = [.. StackNamespaces(s).SelectMany(ns => Policies(s, ns))] };
    }

    /// <summary>
    /// Ingress policies for one of the stack's namespaces: pods accept traffic from the stack's namespaces and the allowed ones
    /// (plus the operator's admission webhook port from anywhere: the API server calls it). Egress is not restricted (Prometheus scrapes the cluster).
    /// </summary>
    internal static IEnumerable<KubernetesObjectPlan> Policies(StackSettings s, string @namespace)
    {
        var sources = new[] { s.Namespaces.Monitoring, s.Namespaces.Logging, s.Namespaces.Tracing }
            .Concat(s.NetworkPolicies.AllowedNamespaces)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        yield return Policy(@namespace, "allow-from-observability-and-allowed", Map(
            ("podSelector", Map()),
            ("policyTypes", List("Ingress")),
            ("ingress", List(Map(("from", ListOf(sources.Select(ns => Map(("namespaceSelector", Map(("matchLabels", Map(("kubernetes.io/metadata.name", ns))))))))))))));
        if (@namespace == s.Namespaces.Monitoring)
        {
            yield return Policy(@namespace, "allow-operator-webhook", Map(
                // The operator pods carry the chart name (app: kube-prometheus-stack-operator), not the fullnameOverride.
                ("podSelector", Map(("matchLabels", FromPairs(ChartConventions.OperatorPodLabels)))),
                ("policyTypes", List("Ingress")),
                ("ingress", List(Map(("ports", List(Map(("protocol", "TCP"), ("port", ChartConventions.OperatorWebhookPort)))))))));
        }
    }

    private static KubernetesObjectPlan Policy(string @namespace, string name, OrderedDictionary<string, object?> spec) =>
        Manifests.WithSpec("networking.k8s.io/v1", "NetworkPolicy", name, @namespace, PlanComponent.Network, spec);
}
