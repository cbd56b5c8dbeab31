using Observability.Dashboards.Tests.Support;

namespace Observability.Dashboards.Tests.Platform;

public sealed class GrafanaSchemaTests
{
    [Fact]
    public void Every_platform_dashboard_type_checks_against_grafanas_published_schema()
    {
        GrafanaSchema.AssertValid(Fixtures.Dashboards.Select(d => (d.Uid, DashboardJson.Serialize(d))));
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
