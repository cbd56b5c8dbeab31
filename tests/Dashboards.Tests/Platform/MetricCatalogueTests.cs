using Observability.Dashboards.Metrics;
using Observability.Dashboards.Tests.Support;
using Observability.Rules.Model;

namespace Observability.Dashboards.Tests.Platform;

public sealed class MetricCatalogueTests
{
    [Fact]
    public void Every_metric_the_platform_dashboards_query_has_a_known_source()
    {
        var problems = Fixtures.Catalogue.Check(Fixtures.Dashboards);

        Assert.True(problems.IsEmpty, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_recording_rule_the_dashboards_read_comes_from_the_rule_groups_or_the_slo_specs()
    {
        var recorded = Fixtures.Dashboards.SelectMany(MetricCatalogue.PromQueries)
            .SelectMany(q => PromQlMetrics.Extract(q.Expr))
            .Where(m => m.Contains(':', StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(recorded);
        Assert.All(recorded, m => Assert.Equal(MetricCatalogue.RecordingRulesSource, Fixtures.Catalogue.Sources[m]));
    }

    [Fact]
    public void An_unknown_metric_is_reported_with_the_panels_path()
    {
        var dashboard = Dashboard.Create("x", "X")
            .Variable(Variables.Prometheus())
            .Row("Traffic", row => row
                .Panel(Panels.Timeseries("Requests", Units.RequestsPerSecond)
                    .Query("sum(rate(http_requests_total[5m]))")
                    .Query("sum(rate(htpp_requests_total[5m]))")));
        var catalogue = MetricCatalogue.Create([], []);

        var problems = catalogue.Check([dashboard]);

        var problem = Assert.Single(problems);
        Assert.Equal("dashboard \"x\", row \"Traffic\", panel \"Requests\", query B", problem.Path);
        Assert.Equal("queries metric \"htpp_requests_total\", which no known exporter, the platform or a recording rule emits", problem.Message);
    }

    [Fact]
    public void Recording_rules_come_from_the_rule_groups_given()
    {
        var group = RuleGroup.Create("g").Add(Recording.Create("job:thing:rate5m").Expr("sum by (job) (rate(thing_total[5m]))"));

        Assert.True(MetricCatalogue.Create([group], []).Contains("job:thing:rate5m"));
        Assert.False(MetricCatalogue.Create([], []).Contains("job:thing:rate5m"));
    }

    [Theory]
    [InlineData("sum by (job) (rate(http_requests_total{status=~\"5..\"}[5m]))", "http_requests_total")]
    [InlineData("histogram_quantile(0.95, sum by (le, endpoint) (rate(http_request_duration_seconds_bucket[$__rate_interval])))", "http_request_duration_seconds_bucket")]
    [InlineData("a / on (job) group_left (team) b", "a b")]
    [InlineData("sum(x) without (instance) > bool 0.5", "x")]
    [InlineData("label_replace(up, \"dst\", \"$1\", \"instance\", \"(.*):.*\")", "up")]
    [InlineData("max_over_time(job:http_requests:rate5m[1h:5m] offset 1d)", "job:http_requests:rate5m")]
    [InlineData("topk(5, x) or vector(0)", "x")]
    [InlineData("count(node_cpu_seconds_total{mode=\"idle\"}) by (instance)", "node_cpu_seconds_total")]
    [InlineData("1 - slo:sli_error:ratio_rate5m{slo=\"api\"} + 1e-3 * Inf", "slo:sli_error:ratio_rate5m")]
    public void Metric_names_are_found_in_promql(string expr, string expected) =>
        Assert.Equal(expected.Split(' '), PromQlMetrics.Extract(expr));
}
