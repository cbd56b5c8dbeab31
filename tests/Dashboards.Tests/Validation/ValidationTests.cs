using Observability.Rules.Validation;

namespace Observability.Dashboards.Tests.Validation;

public sealed class ValidationTests
{
    private static Dashboard Valid(string uid = "valid") =>
        Dashboard.Create(uid, "Valid")
            .Variable(Variables.Prometheus())
            .Row("R", row => row.Panel(Panels.Timeseries("T", Units.Seconds).Query("up")));

    private static IReadOnlyList<string> Messages(params Dashboard[] dashboards) =>
        DashboardValidator.Validate(dashboards).Select(p => p.ToString()).ToList();

    [Fact]
    public void A_valid_dashboard_has_no_problems() => Assert.Empty(Messages(Valid()));

    [Fact]
    public void Duplicate_uids_across_dashboards_are_reported()
    {
        Assert.Equal(
            ["dashboard \"same\": uid is used by 2 dashboards (\"Valid\", \"Valid\"); uids must be unique"],
            Messages(Valid("same"), Valid("same")));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_path()
    {
        var dashboard = Dashboard.Create("this-uid-is-far-too-long-for-grafana-to-keep", "Broken")
            .Variable(Variables.Prometheus())
            .Row("Traffic", row => row
                .Panel(Panels.Timeseries("Requests", "requests/s").Query("rate(x{job=~\"$job\"}[$__rate_interval])").Width(25))
                .Panel(Panels.Timeseries("Requests", Units.Seconds).Query("  "))
                .Panel(Panels.Stat("Up", Units.None).Target(new PromQuery("up") { Datasource = new DatasourceRef("prometheus", "mimir") }))
                .Panel(Panels.Stat("Logs", Units.None).Target(new LokiQuery("{app=\"x\"}")))
                .Panel(Panels.Gauge("Ratio", Units.PercentUnit, 1, 0).Query("up").Thresholds("green", (0.5m, "orange"), (0.2m, "red")))
                .Panel(Panels.Timeseries("Empty", Units.Seconds)));

        Assert.Equal(
            [
                "dashboard \"this-uid-is-far-too-long-for-grafana-to-keep\": uid is 44 characters long; Grafana allows at most 40",
                "dashboard \"this-uid-is-far-too-long-for-grafana-to-keep\", row \"Traffic\": panel title \"Requests\" is used by 2 panels; titles must be unique in a row",
                "dashboard \"this-uid-is-far-too-long-for-grafana-to-keep\", row \"Traffic\", panel \"Requests\": width is 25; expected 1 to 24 grid columns",
                "dashboard \"this-uid-is-far-too-long-for-grafana-to-keep\", row \"Traffic\", panel \"Requests\": unit \"requests/s\" is not a Grafana unit id (e.g. \"bytes\", \"percentunit\", \"reqps\", \"s\")",
                "dashboard \"this-uid-is-far-too-long-for-grafana-to-keep\", row \"Traffic\", panel \"Requests\", query A: references variable \"$job\", which the dashboard does not define (defined: \"datasource\")",
                "dashboard \"this-uid-is-far-too-long-for-grafana-to-keep\", row \"Traffic\", panel \"Requests\", query A: query is empty",
                "dashboard \"this-uid-is-far-too-long-for-grafana-to-keep\", row \"Traffic\", panel \"Up\", query A: datasource uid \"mimir\" is not defined; expected a provisioned uid (\"-- Grafana --\", \"jaeger\", \"loki\", \"prometheus\") or a datasource variable",
                "dashboard \"this-uid-is-far-too-long-for-grafana-to-keep\", row \"Traffic\", panel \"Logs\", query A: datasource uid \"${loki}\" references variable \"loki\", which the dashboard does not define",
                "dashboard \"this-uid-is-far-too-long-for-grafana-to-keep\", row \"Traffic\", panel \"Ratio\": min 1 is not below max 0",
                "dashboard \"this-uid-is-far-too-long-for-grafana-to-keep\", row \"Traffic\", panel \"Ratio\": threshold step 3 (0.2) is not above step 2 (0.5); steps must ascend",
                "dashboard \"this-uid-is-far-too-long-for-grafana-to-keep\", row \"Traffic\", panel \"Empty\": a timeseries panel needs at least one query",
            ],
            Messages(dashboard));
    }

    [Fact]
    public void Variables_datasources_and_ids_are_checked()
    {
        var dashboard = Dashboard.Create("vars", "Vars")
            .Variable(Variables.Prometheus())
            .Variable(Variables.Prometheus())
            .Variable(Variables.Textbox("text"))
            .Variable(Variables.Datasource("other", "prometheus", "thanos"))
            .Variable(Variables.LabelValues("instance", "instance", "up{job=~\"$job\"}"))
            .Link(DashboardLink.ToUrl("Docs", "https://docs.example/$service"))
            .Row("R", row => row
                .Panel(Panels.Timeseries("A", Units.Seconds).Query("up").Id(3))
                .Panel(Panels.Timeseries("B", Units.Seconds).Target(new PromQuery("up") { Datasource = Datasources.Variable("prometheus", "text") }).Id(3))
                .Panel(Panels.Timeseries("C", Units.Seconds).Target(new PromQuery("up") { Datasource = Datasources.Variable("loki", "datasource") }))
                .Panel(Panels.Stat("D ${__from} $__interval", Units.Seconds).Query("up").DataLink("x", "/d/y?var-a=${__value.raw}&var-b=$missing")));

        Assert.Equal(
            [
                "dashboard \"vars\", variable \"datasource\": is defined more than once",
                "dashboard \"vars\", variable \"other\": default datasource uid \"thanos\" is not provisioned; expected one of \"-- Grafana --\", \"jaeger\", \"loki\", \"prometheus\"",
                "dashboard \"vars\", variable \"instance\": references variable \"$job\", which the dashboard does not define (defined: \"datasource\", \"instance\", \"other\", \"text\")",
                "dashboard \"vars\", link \"Docs\": references variable \"$service\", which the dashboard does not define (defined: \"datasource\", \"instance\", \"other\", \"text\")",
                "dashboard \"vars\", row \"R\", panel \"B\", query A: datasource uid \"${text}\" references variable \"text\", which is not a datasource variable",
                "dashboard \"vars\", row \"R\", panel \"B\": id 3 is already used by dashboard \"vars\", row \"R\", panel \"A\"",
                "dashboard \"vars\", row \"R\", panel \"C\", query A: datasource uid \"${datasource}\" chooses a prometheus datasource, but the query is for loki",
                "dashboard \"vars\", row \"R\", panel \"D ${__from} $__interval\", link \"x\": references variable \"$missing\", which the dashboard does not define (defined: \"datasource\", \"instance\", \"other\", \"text\")",
            ],
            Messages(dashboard));
    }

    [Fact]
    public void No_dashboards_and_empty_rows_are_errors()
    {
        Assert.Equal(["dashboards: expected at least one dashboard, found none"], Messages());
        Assert.Equal(
            [
                "dashboard \"bad uid!\": uid may contain only letters, digits, '-' and '_'",
                "dashboard \"bad uid!\": has no rows; expected at least one row with a panel",
            ],
            Messages(Dashboard.Create("bad uid!", "T")));
        Assert.Equal(
            ["dashboard \"r\", row \"Empty\": has no panels"],
            Messages(Dashboard.Create("r", "T").Row(Row.Create("Empty"))));
    }

    [Fact]
    public void ThrowIfInvalid_carries_every_problem()
    {
        var error = Assert.Throws<ValidationException>(() => DashboardValidator.ThrowIfInvalid([Valid("x"), Valid("x"), Dashboard.Create("", "")]));

        Assert.Equal(4, error.Problems.Count);
        Assert.StartsWith("4 problems:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rate(x{job=~\"$job\"}[$__rate_interval])", "job")]
    [InlineData("${a} ${b:csv} [[c]] $__range ${__value.raw} $1", "a b c")]
    [InlineData("label_replace(up, \"x\", \"$1\", \"y\", \"(.*)\")", "")]
    public void Variable_references_are_found(string text, string expected) =>
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), DashboardValidator.ReferencedVariables(text));

    [Theory]
    [InlineData("{app=\"api\"} |= \"error\"", null)]
    [InlineData("sum by (app) (rate({namespace=~\"$ns\", app=~\"$app\"} | json | level=~\"error\" [$__auto]))", null)]
    [InlineData("{app=\"api\"} |~ `(?i)$search` | json", null)]
    [InlineData("{} |= \"x\"", "LogQL query has no stream selector with a matcher, e.g. {service_name=\"api\"}")]
    [InlineData("rate({app=\"api\"}[5m]", "LogQL query has an unclosed '('")]
    [InlineData("{app=\"api\"}) ", "LogQL query has an unbalanced ')' at character 12")]
    [InlineData("{app=\"api}", "LogQL query has an unterminated string starting at character 6")]
    public void LogQl_queries_get_a_structural_check(string logql, string? expected) =>
        Assert.Equal(expected, DashboardValidator.LogQlProblem(logql));
}
