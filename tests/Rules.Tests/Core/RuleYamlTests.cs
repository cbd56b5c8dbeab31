using Observability.Rules.Model;
using Observability.Rules.Output;
using Observability.TestSupport;

namespace Observability.Rules.Tests.Core;

public sealed class RuleYamlTests
{
    private static RuleGroup Sample() =>
        RuleGroup.Create("sample")
            .WithInterval(Duration.Seconds(30))
            .Add(Recording.Create("job:http_requests:rate5m").Expr("sum by (job) (rate(http_requests_total[5m]))"))
            .Add(Alert.Create("Sample")
                .Expr("job:http_requests:rate5m > 10")
                .For(Duration.Minutes(5))
                .KeepFiringFor(Duration.Minutes(1))
                .Severity(Severity.Warning)
                .Label("team", "platform")
                .Summary("Traffic on {{ $labels.job }}")
                .Description("{{ $value }} requests per second.\nSecond line.")
                .RunbookUrl("https://runbooks.example/Sample"));

    [Fact]
    public void Rule_file_has_keys_in_prometheus_order_and_quotes_only_when_needed()
    {
        var yaml = RuleYaml.ToRuleFile([Sample()]);

        Assert.Equal(
            """
            groups:
              - name: sample
                interval: 30s
                rules:
                  - record: job:http_requests:rate5m
                    expr: sum by (job) (rate(http_requests_total[5m]))
                  - alert: Sample
                    expr: job:http_requests:rate5m > 10
                    for: 5m
                    keep_firing_for: 1m
                    labels:
                      severity: warning
                      team: platform
                    annotations:
                      summary: Traffic on {{ $labels.job }}
                      description: |-
                        {{ $value }} requests per second.
                        Second line.
                      runbook_url: https://runbooks.example/Sample

            """.ReplaceLineEndings("\n"),
            yaml);
    }

    [Fact]
    public void Promtool_accepts_the_rule_file()
    {
        using var dir = new TempDir();
        var file = dir.Write("rules.yaml", RuleYaml.ToRuleFile([Sample()]));

        var result = ExternalTool.RunOk(ExternalTool.Promtool, "check", "rules", file);

        Assert.Contains("SUCCESS: 2 rules found", result.Output, StringComparison.Ordinal);
    }

    [ReferenceFact]
    public void PrometheusRule_object_is_valid_against_the_strict_crd_schema()
    {
        var yaml = RuleYaml.ToPrometheusRule("sample", "monitoring", [new("release", "kps")], [Sample()]);

        SchemaCheck.AssertYamlValid(Reference.StrictCrdSchema("PrometheusRule"), yaml, "PrometheusRule");
    }

    [Theory]
    [InlineData("true")]
    [InlineData("yes")]
    [InlineData("null")]
    [InlineData("1.5")]
    [InlineData("10")]
    [InlineData("")]
    [InlineData(" padded")]
    public void Strings_that_yaml_would_read_as_other_types_are_quoted(string value)
    {
        var yaml = YamlText.Serialize(new OrderedDictionary<string, object?> { ["k"] = value });

        var parsed = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<Dictionary<string, string>>(yaml);
        Assert.StartsWith("k: \"", yaml, StringComparison.Ordinal);
        Assert.Equal(value, parsed["k"]);
    }

    [Theory]
    [InlineData("5m", 300_000L, "5m")]
    [InlineData("1h30m", 5_400_000L, "1h30m")]
    [InlineData("90m", 5_400_000L, "1h30m")]
    [InlineData("30d", 2_592_000_000L, "30d")]
    [InlineData("1w", 604_800_000L, "7d")]
    [InlineData("1500ms", 1_500L, "1s500ms")]
    [InlineData("0", 0L, "0s")]
    public void Durations_parse_like_prometheus_and_print_canonically(string text, long millis, string canonical)
    {
        var duration = Duration.Parse(text);

        Assert.Equal(millis, duration.Milliseconds);
        Assert.Equal(canonical, duration.ToString());
    }

    [Theory]
    [InlineData("120h", "120h")]
    [InlineData("5d", "120h")]
    [InlineData("1d1h30m", "25h30m")]
    [InlineData("1w", "168h")]
    [InlineData("1500ms", "1s500ms")]
    [InlineData("0", "0s")]
    public void Durations_print_in_hours_for_fields_that_reject_days(string text, string hours)
    {
        var printed = Duration.Parse(text).ToHoursString();

        Assert.Equal(hours, printed);
        // The Alertmanager CRD's retention pattern (prometheus-operator v0.93.1).
        Assert.Matches("^(0|(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$", printed);
    }

    [Theory]
    [InlineData("5 minutes")]
    [InlineData("5M")]
    [InlineData("m5")]
    [InlineData("1m1h")]
    [InlineData("")]
    [InlineData("-5m")]
    public void Non_prometheus_durations_are_rejected(string text) =>
        Assert.False(Duration.TryParse(text, out _));
}
