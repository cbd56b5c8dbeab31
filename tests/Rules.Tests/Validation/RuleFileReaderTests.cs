using Observability.Rules.Model;
using Observability.Rules.Output;
using Observability.Rules.Packs;
using Observability.Rules.Validation;

namespace Observability.Rules.Tests.Validation;

/// <summary>Text input (hand-written rule files, durations and severities given as text) gets the same checks as typed rules.</summary>
public sealed class RuleFileReaderTests
{
    private static IReadOnlyList<string> Check(string yaml) => RuleFileReader.Check(yaml.ReplaceLineEndings("\n")).Select(p => p.ToString()).ToList();

    private const string GoodAlert =
        """
              - alert: HighErrorRate
                expr: job:http_requests_errors:ratio_rate5m > 0.05
                for: 5m
                labels:
                  severity: critical
                annotations:
                  summary: High error rate
                  description: Many errors.
                  runbook_url: https://runbooks.example.com/HighErrorRate
        """;

    [Fact]
    public void The_compiled_platform_rules_read_back_without_problems_and_compile_identically()
    {
        var yaml = PlatformRules.ToRuleFile(RulePackOptions.Default);

        var read = RuleFileReader.Read(yaml);

        Assert.Empty(read.Problems);
        Assert.Empty(RuleValidator.Validate(read.Groups));
        Assert.Equal(yaml, RuleYaml.ToRuleFile(read.Groups));
    }

    [Fact]
    public void A_for_that_is_not_a_prometheus_duration_is_reported_with_its_path() =>
        Assert.Equal(
            ["group \"http\", rule 3 \"HighErrorRate\": for: \"5 minutes\" is not a Prometheus duration (expected e.g. 30s, 5m, 1h30m, 7d)"],
            Check(
                """
                groups:
                  - name: http
                    rules:
                      - record: job:http_requests:rate5m
                        expr: sum by (job) (rate(http_requests_total[5m]))
                      - record: job:http_requests_errors:rate5m
                        expr: sum by (job) (rate(http_requests_total{status=~"5.."}[5m]))
                """ + "\n" + GoodAlert.Replace("for: 5m", "for: 5 minutes", StringComparison.Ordinal)));

    [Fact]
    public void A_rule_with_both_record_and_alert_is_reported() =>
        Assert.Equal(
            ["group \"http\", rule 1 \"HighErrorRate\": exactly one of record and alert must be set, found both"],
            Check("groups:\n  - name: http\n    rules:\n" + GoodAlert.Replace("- alert: HighErrorRate", "- alert: HighErrorRate\n        record: job:x:rate5m", StringComparison.Ordinal)));

    [Fact]
    public void A_rule_with_neither_record_nor_alert_is_reported() =>
        Assert.Equal(
            ["group \"http\", rule 1: exactly one of record and alert must be set, found neither"],
            Check("groups:\n  - name: http\n    rules:\n      - expr: up == 0\n"));

    [Fact]
    public void Recording_rules_have_no_for_keep_firing_for_or_annotations() =>
        Assert.Equal(
            [
                "group \"http\", rule 1 \"job:http_requests:rate5m\": for: a recording rule cannot have for",
                "group \"http\", rule 1 \"job:http_requests:rate5m\": keep_firing_for: a recording rule cannot have keep_firing_for",
                "group \"http\", rule 1 \"job:http_requests:rate5m\": annotations: a recording rule cannot have annotations",
            ],
            Check(
                """
                groups:
                  - name: http
                    rules:
                      - record: job:http_requests:rate5m
                        expr: sum by (job) (rate(http_requests_total[5m]))
                        for: 5m
                        keep_firing_for: 1m
                        annotations:
                          summary: not allowed
                """));

    [Fact]
    public void Unknown_fields_are_reported_where_they_are() =>
        Assert.Equal(
            [
                "rule file: \"group\" is not a rule file field (expected groups)",
                "group \"http\": \"rulez\" is not a group field (expected name, interval, limit, rules)",
                "group \"http\", rule 1 \"job:http_requests:rate5m\": \"expression\" is not a rule field (expected record, alert, expr, for, keep_firing_for, labels, annotations)",
                "group \"http\", rule 1 \"job:http_requests:rate5m\": expr: is empty",
            ],
            Check(
                """
                group: x
                groups:
                  - name: http
                    rulez: []
                    rules:
                      - record: job:http_requests:rate5m
                        expression: up
                """));

    [Fact]
    public void Severity_interval_and_limit_text_is_checked() =>
        Assert.Equal(
            [
                "group \"http\": interval: \"1 minute\" is not a Prometheus duration (expected e.g. 30s, 5m, 1h30m, 7d)",
                "group \"http\": limit: \"ten\" is not an integer",
                "group \"http\", rule 1 \"HighErrorRate\": labels.severity: \"page\" is not a severity (expected one of critical, warning, info, none)",
                "group \"http\", rule 1 \"HighErrorRate\": labels.severity: is missing (expected one of critical, warning, info, none)",
            ],
            Check("groups:\n  - name: http\n    interval: 1 minute\n    limit: ten\n    rules:\n" + GoodAlert.Replace("severity: critical", "severity: page", StringComparison.Ordinal)));

    [Fact]
    public void An_empty_file_is_an_error() =>
        Assert.Equal(["rule file: no groups: an empty rule file is an error"], Check(""));

    [Fact]
    public void Invalid_yaml_is_reported_with_its_position() =>
        Assert.StartsWith("rule file: is not valid YAML: line 3, column", Assert.Single(Check("groups:\n  - name: [http\n")), StringComparison.Ordinal);

    [Fact]
    public void The_builders_accept_text_and_record_what_does_not_parse()
    {
        var group = RuleGroup.Create("http").WithInterval("30 s")
            .Add(Alert.Create("HighErrorRate")
                .Expr("job:http_requests_errors:ratio_rate5m > 0.05")
                .For("5 minutes")
                .KeepFiringFor("1m")
                .Severity("critical")
                .Summary("s").Description("d").RunbookUrl("https://runbooks.example.com/HighErrorRate"));

        Assert.Equal(
            [
                "group \"http\": interval: \"30 s\" is not a Prometheus duration (expected e.g. 30s, 5m, 1h30m, 7d)",
                "group \"http\", rule 1 \"HighErrorRate\": for: \"5 minutes\" is not a Prometheus duration (expected e.g. 30s, 5m, 1h30m, 7d)",
            ],
            RuleValidator.Validate([group]).Select(p => p.ToString()));
        Assert.Equal(Duration.Minutes(1), ((AlertRule)group.Rules[0]).KeepFiringFor);
        Assert.Equal(Severity.Critical, ((AlertRule)group.Rules[0]).Severity);
    }
}
