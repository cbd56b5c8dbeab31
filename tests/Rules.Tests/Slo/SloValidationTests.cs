using Observability.Rules.Model;
using Observability.Rules.Slo;
using Observability.Rules.Validation;

namespace Observability.Rules.Tests.Slo;

public sealed class SloValidationTests
{
    private static IReadOnlyList<Problem> Problems(params SloDefinition[] slos) => SloValidator.Validate(slos, SloSamples.Options);

    private static void AssertOnlyProblem(SloDefinition slo, string path, string message)
    {
        var problems = Problems(slo);
        Assert.Equal([new Problem(path, message)], problems);
    }

    [Fact]
    public void The_platform_slos_and_the_samples_are_valid()
    {
        Assert.Empty(SloValidator.Validate([.. PlatformSlos.Build(new PlatformSloOptions()), SloSamples.Availability(), SloSamples.Latency()], SloSamples.Options));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100")]
    [InlineData("-5")]
    [InlineData("100.01")]
    public void Objective_outside_0_to_100_is_rejected(string objective)
    {
        var value = decimal.Parse(objective, System.Globalization.CultureInfo.InvariantCulture);

        AssertOnlyProblem(
            SloSamples.Availability(objective: value),
            "slo \"checkout-availability\"",
            $"objective: expected a percentage strictly between 0 and 100 (e.g. 99.9), found {objective}");
    }

    [Theory]
    [InlineData("14d")]
    [InlineData("1d")]
    [InlineData("90d")]
    public void Unknown_period_is_rejected(string period) =>
        AssertOnlyProblem(
            SloSamples.Availability(period: Duration.Parse(period)),
            "slo \"checkout-availability\"",
            $"period: {Duration.Parse(period)} is not a supported period (expected one of 7d, 28d, 30d)");

    [Fact]
    public void Latency_threshold_between_bucket_boundaries_is_rejected() =>
        AssertOnlyProblem(
            SloSamples.Latency(threshold: 0.3m),
            "slo \"checkout-latency\"",
            "sli.threshold: 0.3 is not a bucket boundary of http_request_duration_seconds (boundaries: 0.1, 0.25, 0.5, 1, 2.5); a threshold between boundaries cannot be measured");

    [Fact]
    public void Latency_histogram_named_by_its_bucket_series_is_rejected()
    {
        var slo = SloSamples.Latency() with
        {
            Sli = ((LatencySli)SloSamples.Latency().Sli) with { Histogram = SliSelector.Of("http_request_duration_seconds_bucket").Where("le", "0.5") },
        };

        Assert.Equal(
            [
                new Problem("slo \"checkout-latency\"", "sli.histogram.metric: \"http_request_duration_seconds_bucket\" ends with _bucket; name the histogram itself (e.g. http_request_duration_seconds)"),
                new Problem("slo \"checkout-latency\"", "sli.histogram.matchers: must not match on \"le\"; the threshold selects the bucket"),
            ],
            Problems(slo));
    }

    [Fact]
    public void Latency_bucket_boundaries_must_be_given_and_ascending()
    {
        var latency = (LatencySli)SloSamples.Latency().Sli;

        AssertOnlyProblem(
            SloSamples.Latency() with { Sli = latency with { BucketBoundaries = [] } },
            "slo \"checkout-latency\"",
            "sli.bucketBoundaries: is empty (expected the le values of http_request_duration_seconds, e.g. 0.1, 0.25, 0.5, 1)");
        AssertOnlyProblem(
            SloSamples.Latency() with { Sli = latency with { BucketBoundaries = [0.1m, 0.5m, 0.25m] } },
            "slo \"checkout-latency\"",
            "sli.bucketBoundaries: expected strictly ascending values, found 0.25 after 0.5 (0.1, 0.5, 0.25)");
    }

    [Fact]
    public void Empty_selectors_are_rejected_naming_the_field()
    {
        var slo = SloSamples.Availability() with { Sli = Sli.BadEvents(bad: SliSelector.Of(""), total: SliSelector.Of(" ")) };

        Assert.Equal(
            [
                new Problem("slo \"checkout-availability\"", "sli.bad.metric: is empty (expected a metric name such as http_requests_total)"),
                new Problem("slo \"checkout-availability\"", "sli.total.metric: is empty (expected a metric name such as http_requests_total)"),
            ],
            Problems(slo));
    }

    [Fact]
    public void Missing_good_selector_and_bad_label_names_are_rejected()
    {
        var slo = SloSamples.Availability() with
        {
            Sli = Sli.GoodEvents(good: null!, total: SliSelector.Of("agent-executions").Where("1status", "x")),
        };

        Assert.Equal(
            [
                new Problem("slo \"checkout-availability\"", "sli.good: is missing (expected a selector such as http_requests_total{job=\"api\"})"),
                new Problem("slo \"checkout-availability\"", "sli.total.metric: \"agent-executions\" is not a valid metric name (expected [a-zA-Z_:][a-zA-Z0-9_:]*)"),
                new Problem("slo \"checkout-availability\"", "sli.total.matchers[0]: \"1status\" is not a valid label name (expected [a-zA-Z_][a-zA-Z0-9_]*)"),
            ],
            Problems(slo));
    }

    [Fact]
    public void Invalid_regular_expressions_are_rejected_before_promtool_sees_them()
    {
        var requests = SliSelector.Of("http_requests_total").Where("job", "checkout");
        var problems = Problems(SloSamples.Availability() with { Sli = Sli.BadEvents(bad: requests.WhereMatches("status", "5(.."), total: requests) });

        var problem = Assert.Single(problems);
        Assert.Equal("slo \"checkout-availability\"", problem.Path);
        Assert.StartsWith("sli.bad.matchers[1]: \"5(..\" is not a valid regular expression (", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Periods_longer_than_the_retention_are_reported()
    {
        var slos = new[] { SloSamples.Availability(period: Duration.Days(7)), SloSamples.Latency() };

        Assert.Empty(SloValidator.ValidateRetention(slos, Duration.Days(30)));
        Assert.Equal(
            [new Problem("slo \"checkout-latency\"", "period: 30d is longer than Prometheus' retention of 15d; the error budget would be measured over 15d only (expected a retention of at least 30d, or a shorter period)")],
            SloValidator.ValidateRetention(slos, Duration.Days(15)));
    }

    [Fact]
    public void Bad_selector_equal_to_total_is_rejected()
    {
        var requests = SliSelector.Of("http_requests_total").Where("job", "checkout");

        AssertOnlyProblem(
            SloSamples.Availability() with { Sli = Sli.BadEvents(bad: requests, total: requests) },
            "slo \"checkout-availability\"",
            "sli.bad: is the same selector as sli.total (http_requests_total{job=\"checkout\"}); every event would count as bad");
    }

    [Fact]
    public void Duplicate_names_are_rejected_naming_the_first_use() =>
        Assert.Equal(
            [new Problem("slo \"checkout-availability\"", "name: \"checkout-availability\" is already used by slo 1; SLO names must be unique")],
            Problems(SloSamples.Availability(), SloSamples.Latency(), SloSamples.Availability()));

    [Fact]
    public void Names_labels_and_annotations_are_checked()
    {
        var slo = (SloSamples.Availability("Checkout Availability") with { Service = "", Description = " " })
            .WithAlertLabel("severity", "info")
            .WithAlertLabel("team-name", "x")
            .WithAlertAnnotation("runbook_url", "https://elsewhere");
        var path = "slo \"Checkout Availability\"";

        Assert.Equal(
            [
                new Problem(path, "name: \"Checkout Availability\" is not lower-case kebab-case (expected e.g. api-availability)"),
                new Problem(path, "service: is empty (expected the service the SLO belongs to, e.g. api)"),
                new Problem(path, "description: is empty (expected one sentence saying what the SLO promises)"),
                new Problem(path, "alertLabels: \"severity\" is set by the SLO compiler and cannot be overridden"),
                new Problem(path, "alertLabels: \"team-name\" is not a valid label name (expected [a-zA-Z_][a-zA-Z0-9_]*, not starting with __)"),
                new Problem(path, "alertAnnotations: \"runbook_url\" is generated by the SLO compiler and cannot be overridden"),
            ],
            Problems(slo));
    }

    [Fact]
    public void Options_are_checked()
    {
        var options = SloSamples.Options with
        {
            RunbookUrlPattern = "docs/runbooks/{alertname}.md",
            GrafanaBaseUrl = "",
            EvaluationInterval = Duration.Zero,
            BurnRateWindows =
            [
                new BurnRateWindow(AlertTier.Page, Duration.Hours(4), Duration.Minutes(5), 2m),
                new BurnRateWindow(AlertTier.Ticket, Duration.Hours(1), Duration.Hours(2), 0m),
            ],
        };

        Assert.Equal(
            [
                new Problem("slo options", "runbookUrlPattern: \"docs/runbooks/{alertname}.md\" is not an absolute http(s) URL"),
                new Problem("slo options", "grafanaBaseUrl: is empty (expected an absolute http(s) URL)"),
                new Problem("slo options", "evaluationInterval: must be greater than 0s (or unset for the server's global interval)"),
                new Problem("slo options", "burnRateWindows[0].long: 4h is not a recorded window (expected one of 5m, 30m, 1h, 2h, 6h, 1d, 3d)"),
                new Problem("slo options", "burnRateWindows[1].short: expected a window shorter than the long window 1h, found 2h"),
                new Problem("slo options", "burnRateWindows[1].budgetPercent: expected a percentage of the budget in (0, 100], found 0"),
            ],
            SloValidator.Validate([SloSamples.Availability()], options));
    }

    [Fact]
    public void Compile_reports_every_problem_of_every_slo_at_once()
    {
        var broken = new[]
        {
            SloSamples.Availability(objective: 100m),
            SloSamples.Latency(threshold: 0.3m),
            SloSamples.Availability("other", period: Duration.Days(14)),
        };

        var error = Assert.Throws<ValidationException>(() => SloCompiler.Compile(broken, SloSamples.Options));

        Assert.Equal(3, error.Problems.Count);
        Assert.StartsWith("3 problems:", error.Message, StringComparison.Ordinal);
        Assert.Contains("slo \"checkout-availability\": objective:", error.Message, StringComparison.Ordinal);
        Assert.Contains("slo \"checkout-latency\": sli.threshold: 0.3 is not a bucket boundary", error.Message, StringComparison.Ordinal);
        Assert.Contains("slo \"other\": period: 14d is not a supported period", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compiling_no_slos_is_an_error() =>
        Assert.Equal(
            [new Problem("slos", "no SLOs: compiling nothing is an error, not an empty success")],
            Assert.Throws<ValidationException>(() => SloCompiler.Compile([], SloSamples.Options)).Problems);
}
