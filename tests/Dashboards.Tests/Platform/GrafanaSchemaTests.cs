using Observability.Dashboards.Tests.Support;

namespace Observability.Dashboards.Tests.Platform;

public sealed class GrafanaSchemaTests
{
    [Fact]
    public void Every_platform_dashboard_type_checks_against_grafanas_published_schema()
    {
        GrafanaSchema.AssertValid(Fixtures.Dashboards.Select(d => (d.Uid, DashboardJson.Serialize(d))));
    }

    internal static Dashboard Everything() =>
        Dashboard.Create("everything", "Every panel type")
            .Variable(Variables.Prometheus()).Variable(Variables.Loki()).Variable(Variables.Jaeger())
            .Variable(Variables.Custom("level", "error", "info"))
            .Variable(Variables.Textbox("trace_id"))
            .Annotation(Annotations.Tagged("Releases", "blue", "release"))
            .Row("All", row => row
                .Panel(Panels.Timeseries("ts", Units.Seconds).Query("up").Stacked().Fill(0).ShowThresholds(ThresholdDisplay.LineAndArea))
                .Panel(Panels.Stat("stat", Units.PercentUnit).Query("up").Reduce("mean", "max"))
                .Panel(Panels.Gauge("gauge", Units.PercentUnit, 0, 1).Query("up").PercentThresholds("red", (50m, "green")))
                .Panel(Panels.BarGauge("bargauge", Units.Bytes).Query("up").LegendOptions(LegendMode.Hidden))
                .Panel(Panels.Table("table").Target(new PromQuery("up") { Instant = true, Format = PromFormat.Table }).Transform("organize"))
                .Panel(Panels.Heatmap("heatmap", Units.Seconds, "sum by (le) (rate(http_request_duration_seconds_bucket[5m]))"))
                .Panel(Panels.Text("text", "# Title"))
                .Panel(Panels.Logs("logs", "{service_name=\"api\", level=~\"$level\"}"))
                .Panel(Panels.Traces("traces", JaegerQuery.Trace("$trace_id")))
                .Panel(Panels.TraceSearch("search", JaegerQuery.Search("api", minDuration: "1s")).DataLink("trace", "/d/traces?var-trace_id=${__value.raw}")));

    [Fact]
    public void The_builder_sample_with_every_feature_type_checks_too()
    {
        var everything = Everything();

        Assert.Empty(DashboardValidator.Validate([everything, Builder.BuilderTests.Sample()]));
        GrafanaSchema.AssertValid([("everything", DashboardJson.Serialize(everything)), ("sample", DashboardJson.Serialize(Builder.BuilderTests.Sample()))]);
    }

    [Fact]
    public void Every_panel_type_is_in_the_sample_and_type_checked_or_named_as_unpublished()
    {
        // A new panel type is one sealed record deriving from Panel<TSelf>: this fails until the sample above uses it and
        // GrafanaSchema types its options (or names its plugin as one @grafana/schema publishes no types for).
        var types = typeof(Panel).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Panel)) && !t.IsAbstract).ToHashSet();
        var used = Everything().AllPanels().Select(p => p.Panel).ToList();

        Assert.Equal(types.Select(t => t.Name).Order(StringComparer.Ordinal), used.Select(p => p.GetType()).Distinct().Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(used, p => Assert.True(
            GrafanaSchema.CheckedPanelTypes.Contains(p.TypeId) ^ GrafanaSchema.UnpublishedPanelTypes.Contains(p.TypeId),
            $"panel type {p.TypeId} ({p.GetType().Name}) is neither type-checked by GrafanaSchema nor named as unpublished"));
    }

    [Fact]
    public void The_schema_check_rejects_a_dashboard_grafana_would_not_accept()
    {
        var json = DashboardJson.Serialize(Fixtures.ByUid("api-overview"))
            .Replace("\"mode\": \"absolute\"", "\"mode\": \"absolut\"", StringComparison.Ordinal)
            .Replace("\"graphTooltip\": 1", "\"graphTooltip\": 7", StringComparison.Ordinal);

        var error = Assert.ThrowsAny<Exception>(() => GrafanaSchema.AssertValid([("broken", json)]));

        Assert.Contains("broken.ts", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"absolut\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("DashboardCursorSync", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_schema_check_rejects_panel_options_the_plugin_does_not_know()
    {
        var json = DashboardJson.Serialize(Fixtures.ByUid("logs"))
            .Replace("\"sortOrder\": \"Descending\"", "\"sortOrder\": \"Newest\"", StringComparison.Ordinal);

        var error = Assert.ThrowsAny<Exception>(() => GrafanaSchema.AssertValid([("logs", json)]));

        Assert.Contains("\"Newest\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("logs.ts", error.Message, StringComparison.Ordinal);
    }
}
