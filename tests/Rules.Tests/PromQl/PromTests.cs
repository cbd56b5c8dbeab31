using Observability.Rules.Model;
using Observability.Rules.PromQl;

namespace Observability.Rules.Tests.PromQl;

public sealed class PromTests
{
    private static readonly Selector Requests = Selector.Of("http_requests_total", Matcher.Eq("namespace", "shop"));

    [Fact]
    public void Selectors_write_every_matcher_kind_in_order_and_escape_values() =>
        Assert.Equal(
            "http_requests_total{namespace=\"shop\", status=~\"5..\", method!=\"GET\", path!~\"/health.*\", note=\"a\\\"b\\\\c\"}",
            Requests.WhereMatches("status", "5..").WhereNot("method", "GET").WhereNotMatches("path", "/health.*").Where("note", "a\"b\\c").ToString());

    [Fact]
    public void A_later_matcher_on_the_same_label_and_operator_replaces_the_earlier_one() =>
        Assert.Equal("http_requests_total{namespace=\"api\"}", Requests.Where("namespace", "api").ToString());

    [Fact]
    public void In_and_NotIn_match_literal_values() =>
        Assert.Equal("m{fstype!~\"tmpfs|overlay|a\\\\.b\"}", Selector.Of("m", Matcher.NotIn("fstype", "tmpfs", "overlay", "a.b")).ToString());

    [Fact]
    public void Rates_and_increases_use_the_window() =>
        Assert.Equal(
            ["rate(http_requests_total{namespace=\"shop\"}[5m])", "increase(http_requests_total{namespace=\"shop\"}[1h])"],
            [Prom.Rate(Requests, Duration.Minutes(5)).Text, Prom.Increase(Requests, Duration.Hours(1)).Text]);

    [Fact]
    public void Aggregations_keep_the_named_labels() =>
        Assert.Equal(
            ["sum by (job, instance) (x)", "avg(x)", "max by (job) (x)", "min by (job) (x)", "count by (job) (x)"],
            [Prom.Sum("x", "job", "instance").Text, Prom.Avg("x").Text, Prom.Max("x", "job").Text, Prom.Min("x", "job").Text, Prom.Count("x", "job").Text]);

    [Fact]
    public void Error_ratio_divides_bad_by_all_events_over_the_same_window() =>
        Assert.Equal(
            "sum by (job) (rate(http_requests_total{namespace=\"shop\", status=~\"5..\"}[5m])) / sum by (job) (rate(http_requests_total{namespace=\"shop\"}[5m]))",
            Prom.ErrorRatio(Requests, [Matcher.Re("status", "5..")], Duration.Minutes(5), "job").Text);

    [Fact]
    public void Histogram_quantile_aggregates_buckets_by_le_and_the_labels() =>
        Assert.Equal(
            "histogram_quantile(0.95, sum by (le, job) (rate(d_bucket[5m])))",
            Prom.HistogramQuantile(0.95, Selector.Of("d").Suffixed("_bucket"), Duration.Minutes(5), "job").Text);

    [Fact]
    public void Comparisons_parenthesise_compound_operands_only()
    {
        PromExpr ratio = Prom.Sum("a", "job") / Prom.Sum("b", "job");

        Assert.Equal("(sum by (job) (a) / sum by (job) (b)) > 0.05", (ratio > 0.05).Text);
        Assert.Equal("up == 0", Selector.Of("up").ToExpr().EqualTo(0).Text);
        Assert.Equal("a / (b > 0)", (new PromExpr("a") / (new PromExpr("b") > 0.0)).Text);
        Assert.Equal("1 - (a / b)", (Prom.Number(1) - (new PromExpr("a") / new PromExpr("b"))).Text);
        Assert.Equal("a and (b unless c)", new PromExpr("a").And(new PromExpr("b").Unless("c")).Text);
        Assert.Equal("a / on (instance) group_left b", new PromExpr("a").DivideOnGroupLeft("b", "instance").Text);
        Assert.Equal("a < b", (new PromExpr("a") < new PromExpr("b")).Text);
    }

    [Theory]
    [InlineData("http-requests")]
    [InlineData("1xx")]
    [InlineData("")]
    public void Invalid_metric_names_are_refused_with_the_name(string metric)
    {
        var error = Assert.Throws<ArgumentException>(() => Selector.Of(metric));

        Assert.StartsWith($"selector: \"{metric}\" is not a valid metric name (expected [a-zA-Z_:][a-zA-Z0-9_:]*)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status-code")]
    [InlineData("job:name")]
    public void Invalid_label_names_are_refused_in_matchers_and_aggregations(string label)
    {
        Assert.StartsWith($"matcher: \"{label}\" is not a valid label name", Assert.Throws<ArgumentException>(() => Matcher.Eq(label, "x")).Message, StringComparison.Ordinal);
        Assert.StartsWith($"by: \"{label}\" is not a valid label name", Assert.Throws<ArgumentException>(() => Prom.Sum("x", label)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_aggregation_labels_are_refused() =>
        Assert.StartsWith("by: labels repeat in (job, job)", Assert.Throws<ArgumentException>(() => Prom.Sum("x", "job", "job")).Message, StringComparison.Ordinal);

    [Fact]
    public void Windows_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Prom.Rate(Requests, Duration.Zero));

    [Theory]
    [InlineData("job:http_requests:rate5m", true)]
    [InlineData("instance_datname:pg_stat_database_blks_hit:ratio_rate5m", true)]
    [InlineData("job:http_requests", false)]
    [InlineData(":http_requests:rate5m", false)]
    public void Record_names_are_level_metric_operations(string name, bool valid) =>
        Assert.Equal(valid, PromNames.IsValidRecordName(name));

    [Fact]
    public void One_matcher_model_writes_the_same_text_in_promql_slo_selectors_alertmanager_and_promtool_series()
    {
        const string value = "a\"b\\c\nd";
        const string expected = "job=\"a\\\"b\\\\c\\nd\"";

        Assert.Equal(expected, Matcher.Eq("job", value).ToString());
        Assert.Equal("m{" + expected + "}", Selector.Of("m", Matcher.Eq("job", value)).ToString());
        Assert.Equal("m{" + expected + "}", Observability.Rules.Slo.SliSelector.Of("m").Where("job", value).ToString());
        Assert.Equal("m{" + expected + "}", Observability.Rules.Testing.SeriesText.Format("m", ("job", value)));
        var route = Observability.Rules.Alertmanager.Route.To("r").Match(Matcher.Eq("job", value));
        Assert.Equal(expected, Assert.Single(route.Matchers).ToString());
    }

    [Fact]
    public void A_bad_matcher_is_refused_where_it_is_built_and_reported_where_it_is_validated()
    {
        Assert.StartsWith("matcher on \"status\": \"5(..\" is not a valid regular expression (", Assert.Throws<ArgumentException>(() => Matcher.Re("status", "5(..")).Message, StringComparison.Ordinal);
        Assert.StartsWith("matcher: \"1x\" is not a valid label name", Assert.Throws<ArgumentException>(() => Selector.Of("m", new Matcher("1x", MatchOp.Equal, "v"))).Message, StringComparison.Ordinal);
        Assert.Equal("\"1x\" is not a valid label name (expected [a-zA-Z_][a-zA-Z0-9_]*)", new Matcher("1x", MatchOp.Equal, "v").Problem);
        Assert.Null(Matcher.NotIn("fstype", "tmpfs", "a.b").Problem);
    }
}
