using System.Collections.Immutable;
using Observability.Dashboards;
using Observability.Dashboards.Platform;
using Observability.Rules.Slo;
using Observability.Stacks.Settings;

namespace Observability.Stacks.Composition;

/// <summary>Maps <see cref="DashboardSettings"/> onto the platform dashboards (dashboards/) and their ConfigMaps.</summary>
public static class DashboardComposition
{
    public static DashboardOptions Options(StackSettings s, string grafanaBaseUrl)
    {
        var defaults = new DashboardOptions();
        var d = s.Dashboards;
        return defaults with
        {
            Rules = RuleComposition.Options(s, grafanaBaseUrl),
            MonthlyBudgetUsd = d.MonthlyBudgetUsd ?? defaults.MonthlyBudgetUsd,
            ModelPrices = d.ModelPrices.IsEmpty ? defaults.ModelPrices : [.. d.ModelPrices.Select(p => new ModelPrice(p.Key, p.Value))],
            TracedServices = d.TracedServices.IsEmpty ? defaults.TracedServices : d.TracedServices,
        };
    }

    /// <summary>The dashboards, with the SLO dashboard built from the environment's SLOs (throws <c>ValidationException</c>).</summary>
    public static ImmutableArray<Dashboard> Build(StackSettings s, string grafanaBaseUrl, ImmutableArray<SloDefinition> slos) =>
        PlatformDashboards.Build(Options(s, grafanaBaseUrl), SloCompiler.DashboardSpecs(slos, SloComposition.Options(s, grafanaBaseUrl)));

    /// <summary>The dashboard's ConfigMap (the Grafana sidecar's label and folder annotation), holding its JSON.</summary>
    public static KubernetesObjectPlan ConfigMap(ComposedDashboard dashboard, string @namespace, string folder)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        var tree = DashboardConfigMaps.Tree(dashboard.Dashboard, dashboard.Json, @namespace, folder, StackConventions.CommonLabels());
        return KubernetesObjectPlan.FromTree(tree, PlanComponent.Metrics);
    }
}

/// <summary>
/// A dashboard and its JSON (<see cref="DashboardJson.Serialize"/>), serialised once for both places that carry it: its
/// ConfigMap and the render's <c>dashboards/</c> file.
/// </summary>
public sealed record ComposedDashboard(Dashboard Dashboard, string Json)
{
    public static ComposedDashboard Of(Dashboard dashboard) => new(dashboard, DashboardJson.Serialize(dashboard));
}
