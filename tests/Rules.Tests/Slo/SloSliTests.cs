using Observability.Rules.Model;
using Observability.Rules.Slo;
using Observability.Rules.Testing;
using Observability.Rules.Tests.Support;

namespace Observability.Rules.Tests.Slo;

/// <summary>
/// The SLI expressions of each kind against synthetic counters (<c>promtool test rules</c>): the 5m and 1h error ratios
/// are the share of bad events, and the budget series read as documented.
/// </summary>
public sealed class SloSliTests
{
    private static readonly SloDefinition[] Platform = [.. PlatformSlos.Build(new PlatformSloOptions())];

    private static SloDefinition PlatformSlo(string name) => Platform.Single(s => s.Name == name);

    [Fact]
    public void Latency_sli_counts_requests_above_the_threshold_bucket_as_bad()
    {
        // 600 requests a minute: 420 within 0.25 s, 90 more within 0.5 s, 60 more within 1 s, 30 slower.
        // Bad = count − bucket{le="0.5"} = 90 of 600 = 15 %, i.e. 3× the 5 % budget of a 95 % objective.
        var slo = PlatformSlo(PlatformSlos.ApiLatency);
        Run(slo, Duration.Minutes(30),
            [
                Bucket("0.25", 420), Bucket("0.5", 510), Bucket("1", 570), Bucket("+Inf", 600),
                InputSeries.Of("http_request_duration_seconds_count", SeriesValues.Linear(0, 600, 30), ("job", "api")),
            ],
            (SloConventions.ErrorRatio(Duration.Minutes(5)), 0.15),
            (SloConventions.ErrorRatio(Duration.Hours(1)), 0.15),
            (SloConventions.CurrentBurnRate, 3),
            (SloConventions.ErrorBudget, 0.05),
            (SloConventions.Objective, 0.95));

        static InputSeries Bucket(string le, double perMinute) =>
            InputSeries.Of("http_request_duration_seconds_bucket", SeriesValues.Linear(0, perMinute, 30), ("job", "api"), ("le", le));
    }

    [Fact]
    public void Latency_sli_with_a_whole_number_threshold_reads_buckets_spelled_1_0()
    {
        // Python and Java clients spell the boundary 1.0; the SLI matches both spellings of a whole number.
        var slo = PlatformSlos.Build(new PlatformSloOptions { ApiLatencyThresholdSeconds = 1m }).Single(s => s.Name == PlatformSlos.ApiLatency);
        Run(slo, Duration.Minutes(30),
            [
                InputSeries.Of("http_request_duration_seconds_bucket", SeriesValues.Linear(0, 570, 30), ("job", "api"), ("le", "1.0")),
                InputSeries.Of("http_request_duration_seconds_count", SeriesValues.Linear(0, 600, 30), ("job", "api")),
            ],
            (SloConventions.ErrorRatio(Duration.Minutes(5)), 0.05));
    }

    [Fact]
    public void Good_events_sli_counts_everything_but_success_as_bad_and_sums_over_agents()
    {
        // Two agents: 100 runs a minute each; 98 and 92 succeed: 10 failures of 200 = 5 %, exactly the 95 % objective's budget.
        var slo = PlatformSlo(PlatformSlos.AgentSuccess);
        Run(slo, Duration.Hours(2),
            [
                Runs("a", "success", 98), Runs("a", "failure", 2),
                Runs("b", "success", 92), Runs("b", "timeout", 8),
            ],
            (SloConventions.ErrorRatio(Duration.Minutes(5)), 0.05),
            (SloConventions.ErrorRatio(Duration.Hours(1)), 0.05),
            (SloConventions.CurrentBurnRate, 1),
            (SloConventions.PeriodDays, 30));

        static InputSeries Runs(string agent, string status, double perMinute) =>
            InputSeries.Of("agent_executions_total", SeriesValues.Linear(0, perMinute, 120), ("agent_id", agent), ("status", status));
    }

    [Fact]
    public void Error_rate_sli_counts_throttling_as_failure_over_7_days()
    {
        // 1,000 requests a minute: 1 server error and 1 throttled: 0.2 % against a 0.1 % budget, burn rate 2.
        var slo = PlatformSlo(PlatformSlos.ApiErrorRate);
        Run(slo, Duration.Minutes(30),
            [
                Requests("200", 990), Requests("404", 8), Requests("503", 1), Requests("429", 1),
            ],
            (SloConventions.ErrorRatio(Duration.Minutes(5)), 0.002),
            (SloConventions.ErrorRatio(Duration.Days(7)), 0.002),
            (SloConventions.CurrentBurnRate, 2),
            (SloConventions.PeriodBurnRate, 2),
            (SloConventions.ErrorBudgetRemaining, -1),
            (SloConventions.PeriodDays, 7));

        static InputSeries Requests(string status, double perMinute) =>
            InputSeries.Of("http_requests_total", SeriesValues.Linear(0, perMinute, 30), ("job", "api"), ("status", status));
    }

    /// <summary>Evaluates each recorded series of <paramref name="slo"/> at <paramref name="at"/>, rounded to 6 decimals.</summary>
    private static void Run(SloDefinition slo, Duration at, InputSeries[] input, params (string Metric, double Value)[] expected)
    {
        var labels = new[] { (SloConventions.ServiceLabel, slo.Service), (SloConventions.SloLabel, slo.Name) };
        PromtoolRunner.TestRules(SloCompiler.Compile([slo], SloSamples.Options), new PromtoolTestFile
        {
            RuleFiles = [PromtoolRunner.RuleFileName],
            EvaluationInterval = Duration.Minutes(1),
            Tests =
            [
                new PromtoolTestGroup
                {
                    Name = slo.Name,
                    InputSeries = [.. input],
                    PromQlExprTests =
                    [
                        .. expected.Select(e => new PromQlExprTest
                        {
                            Expr = $"round({SloCompiler.Series(e.Metric, slo)}, 0.000001)",
                            EvalTime = at,
                            ExpSamples = [ExpectedSample.Of(e.Value, labels)],
                        }),
                    ],
                    AlertRuleTests = [new AlertRuleTest { EvalTime = at, AlertName = SloConventions.NoDataAlert }],
                },
            ],
        });
    }
}
