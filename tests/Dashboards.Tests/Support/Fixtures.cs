using System.Collections.Immutable;
using Observability.Dashboards.Metrics;
using Observability.Dashboards.Platform;
using Observability.Rules.Model;
using Observability.Rules.Slo;

namespace Observability.Dashboards.Tests.Support;

/// <summary>The platform's dashboards as the stacks build them, and the catalogue to check their metrics.</summary>
public static class Fixtures
{
    public static DashboardOptions Options { get; } = new();

    public static IReadOnlyList<SloDashboardSpec> Slos { get; } = PlatformSlos();

    public static ImmutableArray<Dashboard> Dashboards { get; } = PlatformDashboards.Build(Options, Slos);

    public static IReadOnlyList<RuleGroup> RuleGroups { get; } = PlatformRuleGroups();

    public static MetricCatalogue Catalogue { get; } = MetricCatalogue.Create(RuleGroups, Slos);

    public static TheoryData<string> Uids()
    {
        var data = new TheoryData<string>();
        foreach (var dashboard in Dashboards)
            data.Add(dashboard.Uid);
        return data;
    }

    public static Dashboard ByUid(string uid) => Dashboards.Single(d => d.Uid == uid);

    private static IReadOnlyList<SloDashboardSpec> PlatformSlos() =>
    [
        new SloDashboardSpec
        {
            Name = "api-availability",
            Service = "api",
            Description = "Share of API requests answered without a 5xx status.",
            ObjectivePercent = 99.9m,
            Period = Duration.Days(30),
            ErrorBudgetRemainingExpr = "slo:error_budget:remaining{slo=\"api-availability\"}",
            SliExpr = "1 - slo:sli_error:ratio_rate5m{slo=\"api-availability\"}",
            BurnRateExprs =
            [
                new("5m", "slo:sli_error:ratio_rate5m{slo=\"api-availability\"} / on (slo) group_left () slo:error_budget:ratio{slo=\"api-availability\"}"),
                new("1h", "slo:sli_error:ratio_rate1h{slo=\"api-availability\"} / on (slo) group_left () slo:error_budget:ratio{slo=\"api-availability\"}"),
            ],
            AlertBurnRates = [14.4m, 6m, 3m, 1m],
            RecordedMetrics = ["slo:error_budget:remaining", "slo:sli_error:ratio_rate5m", "slo:sli_error:ratio_rate1h", "slo:error_budget:ratio"],
        },
    ];

    private static IReadOnlyList<RuleGroup> PlatformRuleGroups() =>
    [
        Rules.Conventions.RecordNames.All.Aggregate(RuleGroup.Create("platform-records"), (g, name) => g.Add(Recording.Create(name).Expr("vector(1)"))),
    ];
}
