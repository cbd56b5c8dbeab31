using System.Text.Json.Nodes;

namespace Observability.Dashboards.Tests.Builder;

public sealed class BuilderTests
{
    internal static Dashboard Sample() =>
        Dashboard.Create(uid: "sample", title: "Sample")
            .Tags("api", "generated")
            .Refresh("1m")
            .Time("now-24h")
            .Timezone("utc")
            .GraphTooltip(CursorSync.Tooltip)
            .Link(DashboardLink.ToUrl("Runbooks", "https://runbooks.example/"))
            .Variable(Variables.Prometheus())
            .Variable(Variables.LabelValues("job", "job", "up"))
            .Annotation(Annotations.Alerts())
            .Annotation(Annotations.Deploys())
            .Row("Traffic", row => row
                .Panel(Panels.Timeseries("Requests per second", Units.RequestsPerSecond)
                    .Query("sum by (job) (rate(http_requests_total{job=~\"$job\"}[$__rate_interval]))", legend: "{{job}}")
                    .LegendOptions(LegendMode.Table, LegendPlacement.Right, "mean", "max")
                    .Tooltip(TooltipMode.Single))
                .Panel(Panels.Stat("Error ratio", Units.PercentUnit)
                    .InstantQuery("sum(rate(http_requests_total{status=~\"5..\"}[5m])) / sum(rate(http_requests_total[5m]))")
                    .Thresholds("green", (0.01m, "orange"), (0.05m, "red"))
                    .Decimals(2)
                    .Reduce("mean")
                    .Link("Runbook", "https://runbooks.example/HighErrorRate.md")
                    .DataLink("Explore", "/explore?x=${__value.raw}")
                    .Id(7)))
            .Row("Details", row => row
                .Collapsed()
                .Panel(Panels.Text("Notes", "Read **me**.").Size(24, 3)));

    [Fact]
    public void Builder_methods_return_new_values_and_leave_the_original_alone()
    {
        var original = Dashboard.Create("a", "A");
        var tagged = original.Tags("x");
        var panel = Panels.Timeseries("T", Units.Seconds);
        var withQuery = panel.Query("up");

        Assert.Empty(original.TagList);
        Assert.Equal(new[] { "x" }, tagged.TagList.ToArray());
        Assert.Empty(panel.TargetList);
        Assert.Single(withQuery.TargetList);
    }

    [Fact]
    public void Each_panel_type_owns_its_defaults()
    {
        Assert.Equal([8, 5, 5, 5, 10, 8, 4, 10, 10], new Panel[]
        {
            Panels.Timeseries("t", Units.Short), Panels.Stat("s", Units.Short), Panels.Gauge("g", Units.Short, 0, 1),
            Panels.BarGauge("b", Units.Short), Panels.Table("x"), Panels.Heatmap("h", Units.Seconds), Panels.Text("m", "x"),
            Panels.Logs("l", "{a=\"b\"}"), Panels.Traces("r", JaegerQuery.Trace("1")),
        }.Select(p => p.DefaultHeight));
        Assert.Equal("thresholds", Panels.Stat("s", Units.Short).ColorMode);
        Assert.Equal("palette-classic", Panels.Timeseries("t", Units.Short).ColorMode);
        Assert.Equal(new[] { "lastNotNull" }, Panels.BarGauge("b", Units.Short).ReduceCalcs.ToArray());

        // The type-specific methods keep the panel's type through the shared ones.
        TimeseriesPanel ts = Panels.Timeseries("t", Units.Short).Query("up").Min(0).Stacked().Width(6);
        Assert.True(ts.IsStacked);
        Assert.Equal(6, ts.GridWidth);
    }

    [Fact]
    public void Text_and_traces_panels_write_no_field_config()
    {
        var json = DashboardJson.ToJson(Dashboard.Create("d", "D")
            .Row("R", row => row.Panel(Panels.Text("t", "x")).Panel(Panels.Traces("r", JaegerQuery.Trace("$t"))).Panel(Panels.Table("x").Query("up"))));
        var panels = json["panels"]!.AsArray();

        Assert.Null(panels[1]!["fieldConfig"]);
        Assert.Null(panels[2]!["fieldConfig"]);
        Assert.Equal("{}", panels[2]!["options"]!.ToJsonString());
        Assert.Equal("auto", (string)panels[3]!["fieldConfig"]!["defaults"]!["custom"]!["align"]!);
    }

    [Fact]
    public void Sample_dashboard_matches_its_golden_file() =>
        TestSupport.Golden.Matches(DashboardJson.Serialize(Sample()), "golden/sample.json");

    [Fact]
    public void Unsized_panels_share_the_row_and_wrap_when_the_line_is_full()
    {
        var dashboard = Dashboard.Create("d", "D")
            .Row("One", row => row
                .Panel(Panels.Stat("a", Units.None).Query("up"))
                .Panel(Panels.Stat("b", Units.None).Query("up"))
                .Panel(Panels.Stat("c", Units.None).Query("up")))
            .Row("Two", row => row
                .Panel(Panels.Timeseries("d", Units.None).Query("up").Width(16))
                .Panel(Panels.Timeseries("e", Units.None).Query("up"))
                .Panel(Panels.Timeseries("f", Units.None).Query("up").Width(12).Height(4)));

        var rows = Layout.Place(dashboard);

        Assert.Equal(new GridPos(0, 0, 24, 1), rows[0].Pos);
        Assert.Equal([new GridPos(0, 1, 8, 5), new GridPos(8, 1, 8, 5), new GridPos(16, 1, 8, 5)], rows[0].Panels.Select(p => p.Pos));
        Assert.Equal(new GridPos(0, 6, 24, 1), rows[1].Pos);
        // "Two" gives 28 columns, so the unsized panel gets an even share of a full line (24 / 1), and wraps.
        Assert.Equal([new GridPos(0, 7, 16, 8), new GridPos(0, 15, 24, 8), new GridPos(0, 23, 12, 4)], rows[1].Panels.Select(p => p.Pos));
    }

    [Fact]
    public void Ids_are_numbered_in_layout_order_skipping_explicit_ones()
    {
        var dashboard = Dashboard.Create("d", "D")
            .Row("R1", row => row
                .Panel(Panels.Stat("a", Units.None).Query("up"))
                .Panel(Panels.Stat("b", Units.None).Query("up").Id(2)))
            .Row("R2", row => row
                .Panel(Panels.Stat("c", Units.None).Query("up").Id(1))
                .Panel(Panels.Stat("d", Units.None).Query("up")));

        var rows = Layout.Place(dashboard);

        Assert.Equal([3, 4, 5], new[] { rows[0].Id, rows[0].Panels[0].Id, rows[1].Id });
        Assert.Equal([4, 2], rows[0].Panels.Select(p => p.Id));
        Assert.Equal([1, 6], rows[1].Panels.Select(p => p.Id));
    }

    [Fact]
    public void A_collapsed_row_holds_its_panels_and_the_next_row_follows_its_header()
    {
        var json = DashboardJson.ToJson(Dashboard.Create("d", "D")
            .Row(Row.Create("Hidden").Collapsed().Panel(Panels.Text("t", "x")))
            .Row("Shown", row => row.Panel(Panels.Text("u", "y"))));

        var panels = json["panels"]!.AsArray();
        Assert.Equal(3, panels.Count);
        Assert.True((bool)panels[0]!["collapsed"]!);
        Assert.Equal("t", (string)panels[0]!["panels"]![0]!["title"]!);
        Assert.Equal(1, (int)panels[1]!["gridPos"]!["y"]!);
        Assert.Equal("u", (string)panels[2]!["title"]!);
    }

    [Fact]
    public void Queries_get_ref_ids_in_order()
    {
        Assert.Equal(["A", "B", "Z", "AA", "AB", "BA"], new[] { 0, 1, 25, 26, 27, 52 }.Select(DashboardJson.RefId));
    }

    [Fact]
    public void Jaeger_and_loki_targets_use_their_datasource_variables()
    {
        var json = DashboardJson.ToJson(Dashboard.Create("d", "D")
            .Row("R", row => row
                .Panel(Panels.Logs("Logs", "{app=\"api\"} |= \"error\""))
                .Panel(Panels.Traces("Trace", JaegerQuery.Trace("$trace_id")))
                .Panel(Panels.TraceSearch("Search", JaegerQuery.Search("api", tags: "error=true", minDuration: "1s")))));
        var panels = json["panels"]!.AsArray();

        AssertJson("""{"refId":"A","datasource":{"type":"loki","uid":"${loki}"},"expr":"{app=\"api\"} |= \"error\"","queryType":"range","maxLines":1000}""", panels[1]!["targets"]![0]);
        AssertJson("""{"refId":"A","datasource":{"type":"jaeger","uid":"${jaeger}"},"query":"$trace_id"}""", panels[2]!["targets"]![0]);
        AssertJson("""{"refId":"A","datasource":{"type":"jaeger","uid":"${jaeger}"},"queryType":"search","service":"api","tags":"error=true","minDuration":"1s","limit":20}""", panels[3]!["targets"]![0]);
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}, found {actual?.ToJsonString()}");

    [Fact]
    public void Numbers_are_written_exactly()
    {
        var json = DashboardJson.ToJson(Dashboard.Create("d", "D")
            .Row("R", row => row.Panel(Panels.Gauge("g", Units.PercentUnit, 0, 1.50m).Query("up").Thresholds("red", (0.999m, "green")))));
        var defaults = json["panels"]![1]!["fieldConfig"]!["defaults"]!;

        Assert.Equal("1.5", defaults["max"]!.ToJsonString());
        Assert.Equal("0", defaults["min"]!.ToJsonString());
        Assert.Equal("0.999", defaults["thresholds"]!["steps"]![1]!["value"]!.ToJsonString());
    }

    [Fact]
    public void Serialised_json_ends_with_a_newline_and_has_no_carriage_returns()
    {
        var text = DashboardJson.Serialize(Sample());

        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', text);
        Assert.NotNull(JsonNode.Parse(text));
    }

    [Fact]
    public void A_panel_with_queries_on_different_datasources_uses_the_mixed_datasource()
    {
        var json = DashboardJson.ToJson(Dashboard.Create("d", "D")
            .Row("R", row => row.Panel(Panels.Timeseries("t", Units.Short).Query("up").LogQuery("sum(rate({app=\"x\"}[1m]))"))));

        AssertJson("""{"type":"datasource","uid":"-- Mixed --"}""", json["panels"]![1]!["datasource"]);
        AssertJson("""{"type":"loki","uid":"${loki}"}""", json["panels"]![1]!["targets"]![1]!["datasource"]);
    }
}
