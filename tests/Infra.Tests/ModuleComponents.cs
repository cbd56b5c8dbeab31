using Observability.Infra.Components;
using Observability.Stacks.Composition;

namespace Observability.Infra.Tests;

/// <summary>The component each module of a plan is deployed by: its type token and logical name.</summary>
internal static class ModuleComponents
{
    public static (string Type, string Name) Of(PlanComponent component) => component switch
    {
        PlanComponent.Metrics => (MetricsStack.Type, "metrics"),
        PlanComponent.Loki => (LokiStack.Type, "loki"),
        PlanComponent.LogAgent => (LogAgent.Type, "log-agent"),
        PlanComponent.Tracing => (TracingStack.Type, "tracing"),
        PlanComponent.Exporters => (Exporters.Type, "exporters"),
        PlanComponent.Network => (NetworkPolicies.Type, "network"),
        _ => throw new InvalidOperationException($"no component deploys {component}"),
    };

    /// <summary>"type name" of the component of every module in <paramref name="plan"/>.</summary>
    public static IEnumerable<string> Entries(EnvironmentPlan plan) =>
        plan.Modules.Select(m => Of(m.Component)).Select(c => $"{c.Type} {c.Name}");
}
