using System.Collections.Immutable;
using Observability.Rules.Packs;
using Observability.Rules.Slo;
using Observability.Rules.Validation;

namespace Observability.Dashboards.Platform;

/// <summary>Every dashboard the platform deploys, built from the options and the SLO specs, validated together (the PostgreSQL and Redis ones with their rule packs).</summary>
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
        // The PostgreSQL and Redis dashboards read their packs' recording rules: without the pack (no exporter) they
        // would be empty, so they come and go with it.
        ImmutableArray<Dashboard> dashboards =
        [
            PlatformOverview.Build(options),
            ApiOverview.Build(options),
            AgentPerformance.Build(options),
            CostAnalytics.Build(options),
            QualityMetrics.Build(options),
            SystemHealth.Build(options),
            .. options.Rules.IsEnabled(PostgresRules.Pack) ? [DatabasePerformance.Build(options)] : ImmutableArray<Dashboard>.Empty,
            .. options.Rules.IsEnabled(RedisRules.Pack) ? [Redis.Build(options)] : ImmutableArray<Dashboard>.Empty,
            Slos.Build(options, slos),
            Logs.Build(options),
            Traces.Build(options),
            ObservabilityPipeline.Build(options),
        ];
        DashboardValidator.ThrowIfInvalid(dashboards);
        return dashboards;
    }
}
