using System.Collections.Immutable;
using Observability.Rules.Model;
using Observability.Rules.PromQl;
using Observability.Rules.Slo;
using Observability.Rules.Testing;
using Observability.Rules.Tests.Support;

namespace Observability.Rules.Tests.Slo;

/// <summary>
/// The platform's api-availability SLO (99.9 % over 30d, so a budget of 0.1 % of requests) against synthetic counters,
/// proven by <c>promtool test rules</c>. Traffic is 1,000 requests a minute; burning at <c>N×</c> the budget means
/// N failed requests a minute. Every burn sits 1 % above its threshold: the thresholds are strict (<c>&gt;</c>, as in
/// the SRE workbook), and a burn of exactly 14.4× puts the 1h ratio on the threshold, where the last bit of floating
/// point decides (measured: 0.0144 and 0.014400000000000001 alternate).
/// Firing times are measured with the default options (page <c>for: 2m</c>, ticket <c>for: 10m</c>) and
/// asserted on both sides: silent one evaluation before, firing at the time in the test's name.
/// </summary>
public sealed class SloBurnRateTests
{
    private const double RequestsPerMinute = 1000;
    private const string ValuePlaceholder = "{{ $value | humanizePercentage }}";

    private static readonly SloDefinition Slo = PlatformSlos.Build(new PlatformSloOptions()).Single(s => s.Name == PlatformSlos.ApiAvailability);

    private static readonly ImmutableArray<RuleGroup> Rules = SloCompiler.Compile([Slo], SloSamples.Options);

    private static readonly (string Name, string Value)[] SloLabels = [("service", "api"), ("slo", "api-availability")];

    private static Duration Healthy6h => Duration.Hours(6);

    [Fact]
    public void Page_at_14_4x_fires_3m_after_the_counters_start()
    {
        // The 1h window starts filling at 0: from the first 5m rate (1m) every window reads 14.544×, pending until for: 2m.
        Run(Duration.Minutes(1), new PromtoolTestGroup
        {
            Name = "14.4x from the start",
            InputSeries = Traffic((30, 14.4 * 1.01)),
            AlertRuleTests =
            [
                Silent(SloConventions.BurnFastAlert, Duration.Minutes(2)),
                Fires(SloConventions.BurnFastAlert, Duration.Minutes(3), "1.454%"),
                Fires(SloConventions.BurnFastAlert, Duration.Minutes(30), "1.454%"),
                Silent(SloConventions.NoDataAlert, Duration.Minutes(30)),
            ],
        });
    }

    [Fact]
    public void Page_at_14_4x_after_a_healthy_6h_fires_1h5m_into_the_burn_via_1h_and_5m()
    {
        // Burning starts at 6h. The 1h error ratio passes 14.4× once the 1h window (plus the 5m rate it is built from)
        // is nearly full of errors: 2 % of the 30d budget spent, as the workbook intends. The 6h pair is far from it.
        var start = Healthy6h;
        Run(Duration.Minutes(1), new PromtoolTestGroup
        {
            Name = "14.4x after 6h healthy",
            InputSeries = Traffic((360, 0), (120, 14.4 * 1.01)),
            AlertRuleTests =
            [
                Silent(SloConventions.BurnFastAlert, start + Duration.Minutes(64)),
                Fires(SloConventions.BurnFastAlert, start + Duration.Minutes(65), "1.454%"),
            ],
            PromQlExprTests =
            [
                Condition(Duration.Hours(1), 0.0144m, start + Duration.Minutes(65), true),
                Condition(Duration.Minutes(5), 0.0144m, start + Duration.Minutes(65), true),
                Condition(Duration.Hours(6), 0.006m, start + Duration.Minutes(65), false),
            ],
        });
    }

    [Fact]
    public void Page_at_6x_after_a_healthy_6h_fires_6h2m_into_the_burn_via_6h_and_30m()
    {
        var start = Healthy6h;
        var fires = start + Duration.Hours(6) + Duration.Minutes(2);
        Run(Duration.Minutes(1), new PromtoolTestGroup
        {
            Name = "6x after 6h healthy",
            InputSeries = Traffic((360, 0), (420, 6 * 1.01)),
            AlertRuleTests =
            [
                Silent(SloConventions.BurnFastAlert, Before(fires, Duration.Minutes(1))),
                Fires(SloConventions.BurnFastAlert, fires, "0.604%"),
                Silent(SloConventions.BurnSlowAlert, Duration.Minutes(60)),
            ],
            PromQlExprTests =
            [
                Condition(Duration.Hours(1), 0.0144m, fires, false),
                Condition(Duration.Hours(6), 0.006m, fires, true),
                Condition(Duration.Minutes(30), 0.006m, fires, true),
            ],
        });
    }

    [Fact]
    public void Ticket_at_3x_after_a_healthy_3d_fires_1d_into_the_burn_and_never_pages()
    {
        // Evaluated every 5m to keep four days of 1m samples cheap; 10% of the budget is spent after 1d at 3×.
        var start = Duration.Days(3);
        var fires = start + Duration.Days(1);
        Run(Duration.Minutes(5), new PromtoolTestGroup
        {
            Name = "3x after 3d healthy",
            InputSeries = Traffic((4320, 0), (1560, 3 * 1.01)),
            AlertRuleTests =
            [
                Silent(SloConventions.BurnSlowAlert, Before(fires, Duration.Minutes(5))),
                Fires(SloConventions.BurnSlowAlert, fires, "0.302%"),
                Silent(SloConventions.BurnFastAlert, start + Duration.Hours(6)),
                Silent(SloConventions.BurnFastAlert, start + Duration.Hours(12)),
                Silent(SloConventions.BurnFastAlert, fires),
                Silent(SloConventions.BurnFastAlert, start + Duration.Minutes(1560)),
            ],
        });
    }

    [Fact]
    public void Ticket_at_1x_after_a_healthy_3d_fires_2d23h35m_into_the_burn_via_3d_and_6h()
    {
        var start = Duration.Days(3);
        var fires = start + Duration.Days(2) + Duration.Hours(23) + Duration.Minutes(35);
        Run(Duration.Minutes(5), new PromtoolTestGroup
        {
            Name = "1x after 3d healthy",
            InputSeries = Traffic((4320, 0), (4400, 1 * 1.01)),
            AlertRuleTests =
            [
                Silent(SloConventions.BurnSlowAlert, Before(fires, Duration.Minutes(5))),
                Fires(SloConventions.BurnSlowAlert, fires, "0.1003%"),
                Silent(SloConventions.BurnFastAlert, fires),
            ],
            PromQlExprTests =
            [
                Condition(Duration.Days(1), 0.003m, fires, false),
                Condition(Duration.Days(3), 0.001m, fires, true),
                Condition(Duration.Hours(6), 0.001m, fires, true),
            ],
        });
    }

    [Fact]
    public void Nothing_fires_at_0_5x_over_4_days()
    {
        // From the start, so that every window reads 0.5× all along: the worst case for a false alarm.
        var checks = Enumerable.Range(0, 17).Select(i => Duration.Hours(6) * i).ToList();
        Run(Duration.Minutes(5), new PromtoolTestGroup
        {
            Name = "0.5x for 4d",
            InputSeries = Traffic((5760, 0.5)),
            AlertRuleTests =
            [
                .. checks.Select(t => Silent(SloConventions.BurnFastAlert, t)),
                .. checks.Select(t => Silent(SloConventions.BurnSlowAlert, t)),
                .. checks.Skip(1).Select(t => Silent(SloConventions.NoDataAlert, t)),
            ],
            PromQlExprTests =
            [
                new PromQlExprTest
                {
                    // The budget is measured over the data the 30d window holds (as Sloth and Pyrra do): 4 days at half
                    // the sustainable rate leave half of it, the forecast for the period if the 0.5× burn continues.
                    Expr = $"round({SloCompiler.Series(SloConventions.ErrorBudgetRemaining, Slo)}, 0.001)",
                    EvalTime = Duration.Days(4),
                    ExpSamples = [ExpectedSample.Of(0.5, SloLabels)],
                },
            ],
        });
    }

    [Fact]
    public void Burst_that_stops_clears_the_page_5m_later_while_the_1h_ratio_is_still_high()
    {
        // 15 minutes at 100× (10 % errors) after 6h healthy: the page fires 13m into the burst; once the burst stops
        // at 6h15m the 5m window recovers and the page clears at 6h20m, although the 1h ratio stays above 14.4×
        // for most of the next hour. The 6h pair never fires (1,500 bad minutes·× over 6h is 4.2×, below 6×).
        var start = Healthy6h;
        Run(Duration.Minutes(1), new PromtoolTestGroup
        {
            Name = "burst of 100x for 15m",
            InputSeries = Traffic((360, 0), (15, 100), (120, 0)),
            AlertRuleTests =
            [
                Silent(SloConventions.BurnFastAlert, start + Duration.Minutes(12)),
                Fires(SloConventions.BurnFastAlert, start + Duration.Minutes(13), "1.803%"),
                Fires(SloConventions.BurnFastAlert, start + Duration.Minutes(19), "2.459%"),
                Silent(SloConventions.BurnFastAlert, start + Duration.Minutes(20)),
                Silent(SloConventions.BurnFastAlert, start + Duration.Minutes(90)),
            ],
            PromQlExprTests =
            [
                Condition(Duration.Hours(1), 0.0144m, start + Duration.Minutes(20), true),
                Condition(Duration.Minutes(5), 0.0144m, start + Duration.Minutes(20), false),
            ],
        });
    }

    [Fact]
    public void No_data_fires_15m_after_the_counters_vanish_and_not_while_errors_never_happened()
    {
        // The last sample is at 30m, then the series goes stale. A 5m rate needs two samples in its window, so the SLI
        // is absent from 35m and the alert fires after for: 10m, at 45m. A 5xx counter that never existed is zero
        // errors (the error ratio reads 0), not missing data.
        var total = InputSeries.Of("http_requests_total", SeriesValues.Linear(0, RequestsPerMinute, 30).ThenStale(), ("job", "api"), ("status", "200"));
        Run(Duration.Minutes(1), new PromtoolTestGroup
        {
            Name = "counters vanish at 30m",
            InputSeries = [total],
            AlertRuleTests =
            [
                Silent(SloConventions.NoDataAlert, Duration.Minutes(30)),
                Silent(SloConventions.BurnFastAlert, Duration.Minutes(30)),
                Silent(SloConventions.NoDataAlert, Duration.Minutes(44)),
                new AlertRuleTest
                {
                    EvalTime = Duration.Minutes(45),
                    AlertName = SloConventions.NoDataAlert,
                    ExpAlerts = [new ExpectedAlert { ExpLabels = ExpectedLabels(SloConventions.NoDataAlert), ExpAnnotations = ExpectedAnnotations(SloConventions.NoDataAlert, "") }],
                },
            ],
            PromQlExprTests =
            [
                new PromQlExprTest
                {
                    Expr = SloCompiler.Series(SloConventions.ErrorRatio(Duration.Minutes(5)), Slo),
                    EvalTime = Duration.Minutes(30),
                    ExpSamples = [new ExpectedSample(SeriesTextOf(SloConventions.ErrorRatio(Duration.Minutes(5))), 0)],
                },
            ],
        });
    }

    /// <summary>
    /// A good (status 200) and a bad (status 500) counter of the API: for each phase, its length in minutes and its
    /// burn rate (× the budget, i.e. failed requests per minute out of 1,000). Counters start at 0 at time 0.
    /// </summary>
    private static ImmutableArray<InputSeries> Traffic(params (int Minutes, double Burn)[] phases)
    {
        var good = SeriesValues.Of(0);
        var bad = SeriesValues.Of(0);
        double goodTotal = 0, badTotal = 0;
        foreach (var (minutes, burn) in phases)
        {
            var badPerMinute = burn * (double)Slo.ErrorBudgetRatio * RequestsPerMinute;
            var goodPerMinute = RequestsPerMinute - badPerMinute;
            good = good.ThenLinear(goodTotal + goodPerMinute, goodPerMinute, minutes - 1);
            bad = bad.ThenLinear(badTotal + badPerMinute, badPerMinute, minutes - 1);
            goodTotal += goodPerMinute * minutes;
            badTotal += badPerMinute * minutes;
        }

        return
        [
            InputSeries.Of("http_requests_total", good, ("job", "api"), ("status", "200")),
            InputSeries.Of("http_requests_total", bad, ("job", "api"), ("status", "500")),
        ];
    }

    private static Duration Before(Duration time, Duration by) => Duration.FromMilliseconds(time.Milliseconds - by.Milliseconds);

    private static AlertRuleTest Silent(string alert, Duration at) => new() { EvalTime = at, AlertName = alert };

    /// <summary>The alert fires with its exact labels and annotations; <paramref name="value"/> is what <c>$value</c> renders to.</summary>
    private static AlertRuleTest Fires(string alert, Duration at, string value) => new()
    {
        EvalTime = at,
        AlertName = alert,
        ExpAlerts = [new ExpectedAlert { ExpLabels = ExpectedLabels(alert), ExpAnnotations = ExpectedAnnotations(alert, value) }],
    };

    private static ImmutableSortedDictionary<string, string> ExpectedLabels(string alert) =>
        LabelSet.Empty.SetItems(CompiledAlert(alert).AllLabels());

    private static ImmutableSortedDictionary<string, string> ExpectedAnnotations(string alert, string value) =>
        LabelSet.Empty.SetItems(CompiledAlert(alert).Annotations()
            .Select(a => new KeyValuePair<string, string>(a.Key, a.Value.Replace(ValuePlaceholder, value, StringComparison.Ordinal))));

    private static AlertRule CompiledAlert(string alert) => Rules.SelectMany(g => g.Alerts).Single(a => a.Alert == alert);

    /// <summary>Whether the error ratio over <paramref name="window"/> exceeds <paramref name="threshold"/> at <paramref name="at"/>.</summary>
    private static PromQlExprTest Condition(Duration window, decimal threshold, Duration at, bool holds) => new()
    {
        Expr = $"{SloCompiler.Series(SloConventions.ErrorRatio(window), Slo)} > bool {PromExpr.Number(threshold)}",
        EvalTime = at,
        ExpSamples = [ExpectedSample.Of(holds ? 1 : 0, SloLabels)],
    };

    private static string SeriesTextOf(string metric) => SeriesText.Format(metric, SloLabels);

    private static void Run(Duration evaluationInterval, PromtoolTestGroup group) =>
        PromtoolRunner.TestRules(Rules, new PromtoolTestFile
        {
            RuleFiles = [PromtoolRunner.RuleFileName],
            EvaluationInterval = evaluationInterval,
            Tests = [group],
        });
}
