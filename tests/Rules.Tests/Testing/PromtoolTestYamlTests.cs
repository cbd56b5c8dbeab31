using Observability.Rules.Model;
using Observability.Rules.Testing;
using Observability.Rules.Tests.Support;

namespace Observability.Rules.Tests.Testing;

public sealed class PromtoolTestYamlTests
{
    private static RuleGroup Rules() =>
        RuleGroup.Create("sample")
            .Add(Recording.Create("job:http_requests:rate5m").Expr("sum by (job) (rate(http_requests_total[5m]))"))
            .Add(Alert.Create("SampleDown")
                .Expr("up == 0")
                .For(Duration.Minutes(2))
                .Severity(Severity.Critical)
                .Summary("{{ $labels.job }} is down")
                .Description("{{ $labels.instance }} has been down for 2 minutes.")
                .RunbookUrl("https://runbooks.example/SampleDown"));

    private static PromtoolTestFile Tests() => new()
    {
        RuleFiles = ["rules.yaml"],
        EvaluationInterval = Duration.Minutes(1),
        GroupEvalOrder = ["sample"],
        Tests =
        [
            new PromtoolTestGroup
            {
                Name = "down after two minutes",
                Interval = Duration.Minutes(1),
                InputSeries =
                [
                    InputSeries.Of("up", SeriesValues.Of(1).ThenConstant(0, 5).ThenMissing(2).ThenStale(), ("job", "api"), ("instance", "a:80")),
                    InputSeries.Of("http_requests_total", SeriesValues.Linear(0, 60, 10), ("job", "api")),
                ],
                AlertRuleTests =
                [
                    new AlertRuleTest { EvalTime = Duration.Minutes(2), AlertName = "SampleDown" },
                    new AlertRuleTest
                    {
                        EvalTime = Duration.Minutes(3),
                        AlertName = "SampleDown",
                        ExpAlerts =
                        [
                            new ExpectedAlert
                            {
                                ExpLabels = LabelSet.Of(("severity", "critical"), ("job", "api"), ("instance", "a:80")),
                                ExpAnnotations = LabelSet.Of(
                                    ("summary", "api is down"),
                                    ("description", "a:80 has been down for 2 minutes."),
                                    ("runbook_url", "https://runbooks.example/SampleDown")),
                            },
                        ],
                    },
                ],
                PromQlExprTests =
                [
                    new PromQlExprTest
                    {
                        Expr = "job:http_requests:rate5m",
                        EvalTime = Duration.Minutes(6),
                        ExpSamples = [ExpectedSample.Of(1, ("job", "api")) with { Labels = "job:http_requests:rate5m{job=\"api\"}" }],
                    },
                ],
            },
        ],
    };

    [Fact]
    public void Series_values_use_promtools_expanding_notation_and_count_their_samples()
    {
        var values = SeriesValues.Of(1, 2.5).ThenLinear(10, -2, 3).ThenConstant(7, 4).ThenMissing().ThenMissing(3).ThenStale();

        Assert.Equal("1 2.5 10-2x3 7+0x4 _ _x3 stale", values.ToString());
        Assert.Equal(2 + 4 + 5 + 1 + 3 + 1, values.Count);
    }

    [Fact]
    public void Series_text_sorts_labels_and_escapes_values() =>
        Assert.Equal("m{a=\"x\\\"y\", b=\"1\"}", SeriesText.Format("m", ("b", "1"), ("a", "x\"y")));

    [Fact]
    public void Test_file_is_written_in_promtools_shape()
    {
        var yaml = PromtoolTestYaml.ToYaml(Tests());

        Assert.Equal(
            """
            rule_files:
              - rules.yaml
            evaluation_interval: 1m
            group_eval_order:
              - sample
            tests:
              - name: down after two minutes
                interval: 1m
                input_series:
                  - series: up{instance="a:80", job="api"}
                    values: 1 0+0x5 _x2 stale
                  - series: http_requests_total{job="api"}
                    values: 0+60x10
                alert_rule_test:
                  - eval_time: 2m
                    alertname: SampleDown
                    exp_alerts: []
                  - eval_time: 3m
                    alertname: SampleDown
                    exp_alerts:
                      - exp_labels:
                          instance: a:80
                          job: api
                          severity: critical
                        exp_annotations:
                          description: a:80 has been down for 2 minutes.
                          runbook_url: https://runbooks.example/SampleDown
                          summary: api is down
                promql_expr_test:
                  - expr: job:http_requests:rate5m
                    eval_time: 6m
                    exp_samples:
                      - labels: job:http_requests:rate5m{job="api"}
                        value: 1

            """.ReplaceLineEndings("\n"),
            yaml);
    }

    [Fact]
    public void Promtool_runs_the_written_tests_both_silent_and_firing()
    {
        var output = PromtoolRunner.TestRules([Rules()], Tests());

        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_expectation_fails_with_promtools_explanation()
    {
        var wrong = Tests() with
        {
            Tests = [Tests().Tests[0] with { AlertRuleTests = [new AlertRuleTest { EvalTime = Duration.Minutes(2), AlertName = "SampleDown", ExpAlerts = [new ExpectedAlert()] }] }],
        };

        var error = Assert.ThrowsAny<Exception>(() => PromtoolRunner.TestRules([Rules()], wrong));

        Assert.Contains("alertname: SampleDown", error.Message, StringComparison.Ordinal);
        Assert.Contains("--- tests.yaml ---", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_test_file_without_tests_is_refused() =>
        Assert.Throws<ArgumentException>(() => PromtoolTestYaml.ToYaml(Tests() with { Tests = [] }));
}
