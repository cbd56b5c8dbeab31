using Observability.Rules.Model;
using Observability.Rules.Validation;

namespace Observability.Rules.Tests.Validation;

public sealed class RuleValidatorTests
{
    private static Alert GoodAlert(string name = "HighErrorRate") =>
        Alert.Create(name)
            .Expr("job:http_requests_errors:ratio_rate5m > 0.05")
            .For(Duration.Minutes(5))
            .Severity(Severity.Critical)
            .Summary("High error rate on {{ $labels.job }}")
            .Description("{{ $value | humanizePercentage }} of requests fail.")
            .RunbookUrl("https://runbooks.example/" + name);

    private static Recording GoodRecord(string name = "job:http_requests:rate5m") =>
        Recording.Create(name).Expr("sum by (job) (rate(http_requests_total[5m]))");

    private static RuleGroup Http(params Rule[] rules) =>
        rules.Aggregate(RuleGroup.Create("http"), (g, r) => g.Add(r));

    private static string Single(params RuleGroup[] groups)
    {
        var problems = RuleValidator.Validate(groups);
        return Assert.Single(problems).ToString();
    }

    [Fact]
    public void Valid_rules_have_no_problems() =>
        Assert.Empty(RuleValidator.Validate([Http(GoodRecord(), GoodAlert())]));

    [Fact]
    public void An_empty_rule_file_is_an_error() =>
        Assert.Equal("rule file: no groups: an empty rule file is an error", Single());

    [Fact]
    public void A_group_without_rules_is_an_error() =>
        Assert.Equal("group \"http\": rules: a group needs at least one rule", Single(RuleGroup.Create("http")));

    [Fact]
    public void A_group_needs_a_name() =>
        Assert.Equal("group 1: name: is empty", Single(RuleGroup.Create(" ").Add(GoodRecord())));

    [Fact]
    public void Group_names_are_unique() =>
        Assert.Equal(
            "group \"http\": name: \"http\" is already used by group 1; group names must be unique",
            Single(Http(GoodRecord()), RuleGroup.Create("redis").Add(GoodRecord()), Http(GoodRecord())));

    [Fact]
    public void Group_interval_must_be_positive() =>
        Assert.Equal("group \"http\": interval: must be greater than 0s", Single(Http(GoodRecord()).WithInterval(Duration.Zero)));

    [Fact]
    public void Group_limit_cannot_be_negative() =>
        Assert.Equal("group \"http\": limit: must be 0 (no limit) or more, found -1", Single(Http(GoodRecord()).WithLimit(-1)));

    [Fact]
    public void Expressions_cannot_be_empty() =>
        Assert.Equal("group \"http\", rule 1 \"job:http_requests:rate5m\": expr: is empty", Single(Http(GoodRecord().Expr("  "))));

    [Theory]
    [InlineData("sum(rate(x[5m])", "expr: \"(\" at offset 3 is never closed")]
    [InlineData("rate(x[5m]))", "expr: \")\" at offset 11 has no opening \"(\"")]
    [InlineData("rate(x[5m)]", "expr: \"[\" at offset 6 is closed by \")\" at offset 9")]
    [InlineData("x{job=\"api}", "expr: string starting at offset 6 is not terminated")]
    public void Expressions_have_balanced_brackets_and_strings(string expr, string message) =>
        Assert.Equal($"group \"http\", rule 1 \"job:http_requests:rate5m\": {message}", Single(Http(GoodRecord().Expr(expr))));

    [Fact]
    public void Brackets_inside_strings_do_not_count() =>
        Assert.Empty(RuleValidator.Validate([Http(GoodRecord().Expr("x{path=~\"/a(b\"}"))]));

    [Theory]
    [InlineData("job_http_requests_rate5m", "record: \"job_http_requests_rate5m\" does not follow level:metric:operations (e.g. job:http_requests:rate5m)")]
    [InlineData("job:http_requests", "record: \"job:http_requests\" does not follow level:metric:operations (e.g. job:http_requests:rate5m)")]
    [InlineData("job:http-requests:rate5m", "record: \"job:http-requests:rate5m\" does not follow level:metric:operations (e.g. job:http_requests:rate5m)")]
    [InlineData("job:http_requests{code=\"5xx\"}:rate5m", "record: \"job:http_requests{code=\"5xx\"}:rate5m\" contains braces; put labels under labels:")]
    public void Record_names_follow_level_metric_operations(string name, string message) =>
        Assert.Equal($"group \"http\", rule 1 \"{name}\": {message}", Single(Http(GoodRecord(name))));

    [Fact]
    public void Record_names_cannot_be_empty() =>
        Assert.Equal("group \"http\", rule 1: record: is empty", Single(Http(GoodRecord(""))));

    [Theory]
    [InlineData("high_error_rate")]
    [InlineData("highErrorRate")]
    [InlineData("High-Error-Rate")]
    public void Alert_names_are_pascal_case(string name) =>
        Assert.Equal(
            $"group \"http\", rule 1 \"{name}\": alert: \"{name}\" is not PascalCase (expected e.g. HighErrorRate)",
            Single(Http(GoodAlert(name).RunbookUrl("https://runbooks.example/x"))));

    [Fact]
    public void Alerts_need_a_severity()
    {
        var alert = GoodAlert().Rule with { Severity = null };

        Assert.Equal(
            "group \"http\", rule 1 \"HighErrorRate\": labels.severity: is missing (expected one of critical, warning, info, none)",
            Single(Http(alert)));
    }

    [Fact]
    public void Severity_outside_the_closed_set_is_refused()
    {
        var alert = GoodAlert().Rule with { Severity = (Severity)42 };

        Assert.Equal(
            "group \"http\", rule 1 \"HighErrorRate\": labels.severity: 42 is not a severity (expected one of critical, warning, info, none)",
            Single(Http(alert)));
    }

    [Fact]
    public void Severity_is_not_a_plain_label() =>
        Assert.Equal(
            "group \"http\", rule 1 \"HighErrorRate\": labels.severity: set it with Severity(...), not as a plain label",
            Single(Http(GoodAlert().Label("severity", "page"))));

    [Theory]
    [InlineData("summary")]
    [InlineData("description")]
    [InlineData("runbook_url")]
    public void Alerts_need_summary_description_and_runbook(string annotation)
    {
        var rule = annotation switch
        {
            "summary" => GoodAlert().Rule with { Summary = null },
            "description" => GoodAlert().Rule with { Description = "" },
            _ => GoodAlert().Rule with { RunbookUrl = null },
        };

        Assert.Equal($"group \"http\", rule 1 \"HighErrorRate\": annotations.{annotation}: is missing", Single(Http(rule)));
    }

    [Theory]
    [InlineData("runbook_url", "runbooks/HighErrorRate.md")]
    [InlineData("dashboard_url", "ftp://grafana/d/x")]
    public void Links_are_absolute_http_urls(string annotation, string url) =>
        Assert.Equal(
            $"group \"http\", rule 1 \"HighErrorRate\": annotations.{annotation}: \"{url}\" is not an absolute http(s) URL",
            Single(Http(GoodAlert().Annotation(annotation, url))));

    [Theory]
    [InlineData("High error rate on {{ $labels.job }", "unbalanced template: \"{{\" at offset 19 is never closed")]
    [InlineData("High error rate on $labels.job }}", "unbalanced template: \"}}\" at offset 31 has no opening \"{{\"")]
    [InlineData("{{ $labels.job {{ $value }}", "unbalanced template: \"{{\" at offset 0 is not closed before the next \"{{\" at offset 15")]
    public void Annotation_templates_are_balanced(string summary, string message) =>
        Assert.Equal($"group \"http\", rule 1 \"HighErrorRate\": annotations.summary: {message}", Single(Http(GoodAlert().Summary(summary))));

    [Fact]
    public void Label_templates_are_balanced() =>
        Assert.Equal(
            "group \"http\", rule 1 \"HighErrorRate\": labels.team: unbalanced template: \"{{\" at offset 0 is never closed",
            Single(Http(GoodAlert().Label("team", "{{ $labels.team"))));

    [Fact]
    public void Label_names_are_valid() =>
        Assert.Equal(
            "group \"http\", rule 1 \"job:http_requests:rate5m\": labels: \"team-name\" is not a valid label name (expected [a-zA-Z_][a-zA-Z0-9_]*)",
            Single(Http(GoodRecord().Label("team-name", "x"))));

    [Fact]
    public void Reserved_label_names_are_refused() =>
        Assert.Equal(
            "group \"http\", rule 1 \"job:http_requests:rate5m\": labels: \"__name__\" starts with \"__\", which Prometheus reserves",
            Single(Http(GoodRecord().Label("__name__", "x"))));

    [Fact]
    public void Alertname_is_not_a_rule_label() =>
        Assert.Equal(
            "group \"http\", rule 1 \"HighErrorRate\": labels: \"alertname\" is set by Prometheus and cannot be a rule label",
            Single(Http(GoodAlert().Label("alertname", "x"))));

    [Fact]
    public void Annotation_names_are_valid() =>
        Assert.Equal(
            "group \"http\", rule 1 \"HighErrorRate\": annotations: \"run-book\" is not a valid annotation name (expected [a-zA-Z_][a-zA-Z0-9_]*)",
            Single(Http(GoodAlert().Annotation("run-book", "x"))));

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_path()
    {
        var bad = Http(
            GoodRecord("bad_record"),
            GoodRecord().Expr(""),
            GoodAlert("slow").Rule with { Summary = null, Severity = null });

        var problems = RuleValidator.Validate([bad, RuleGroup.Create("empty")]).Select(p => p.ToString()).ToList();

        Assert.Equal(
            [
                "group \"http\", rule 1 \"bad_record\": record: \"bad_record\" does not follow level:metric:operations (e.g. job:http_requests:rate5m)",
                "group \"http\", rule 2 \"job:http_requests:rate5m\": expr: is empty",
                "group \"http\", rule 3 \"slow\": alert: \"slow\" is not PascalCase (expected e.g. HighErrorRate)",
                "group \"http\", rule 3 \"slow\": labels.severity: is missing (expected one of critical, warning, info, none)",
                "group \"http\", rule 3 \"slow\": annotations.summary: is missing",
                "group \"empty\": rules: a group needs at least one rule",
            ],
            problems);
    }

    [Fact]
    public void EnsureValid_throws_every_problem()
    {
        var error = Assert.Throws<ValidationException>(() => RuleValidator.EnsureValid([Http(GoodRecord("x"), GoodRecord("y"))]));

        Assert.Equal(2, error.Problems.Count);
    }

    [Fact]
    public void Alert_names_cannot_be_empty() =>
        Assert.Equal(
            "group \"http\", rule 1: alert: is empty",
            Single(Http(GoodAlert("").RunbookUrl("https://runbooks.example/x"))));

    private sealed record ForeignRule : Rule
    {
        public override string Name => "Foreign";
    }

    [Fact]
    public void Rules_other_than_alerts_and_recording_rules_are_refused() =>
        Assert.Equal(
            "group \"http\", rule 1 \"Foreign\": is a ForeignRule; a rule is either an alert or a recording rule",
            Single(Http(new ForeignRule { Expr = "up" })));
}
