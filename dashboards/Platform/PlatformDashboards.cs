using System.Collections.Immutable;
using Observability.Rules.Slo;
using Observability.Rules.Validation;

namespace Observability.Dashboards.Platform;

/// <summary>Every dashboard the platform deploys, built from the options and the SLO specs, validated together.</summary>
public static class PlatformDashboards
{
    /// <summary>
    /// The platform's dashboards, in a stable order. Throws a <see cref="ValidationException"/> listing every problem
    /// of the options, or of the dashboards (which would be a bug here).
    /// </summary>
    public static ImmutableArray<Dashboard> Build(DashboardOptions options, IReadOnlyList<SloDashboardSpec> slos)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(slos);
        ValidationException.ThrowIfAny(options.Validate());
        ImmutableArray<Dashboard> dashboards =
        [
            PlatformOverview.Build(options),
            ApiOverview.Build(options),
            AgentPerformance.Build(options),
            CostAnalytics.Build(options),
            QualityMetrics.Build(options),
            SystemHealth.Build(options),
            DatabasePerformance.Build(options),
            Redis.Build(options),
            Slos.Build(options, slos),
            Logs.Build(options),
            Traces.Build(options),
            ObservabilityPipeline.Build(options),
        ];
        DashboardValidator.ThrowIfInvalid(dashboards);
        return dashboards;
    }
}
