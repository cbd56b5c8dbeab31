using System.Globalization;

namespace Observability.Rules.Conventions;

/// <summary>
/// The platform dashboards' stable uids. They are contracts: alerts link to them (dashboard_url), Grafana
/// bookmarks and the dashboard ConfigMaps use them. A rename shows in the golden files.
/// </summary>
public static class DashboardUids
{
    public const string PlatformOverview = "platform-overview";
    public const string ApiOverview = "api-overview";
    public const string AgentPerformance = "agent-performance";
    public const string CostAnalytics = "cost-analytics";
    public const string QualityMetrics = "quality-metrics";
    public const string SystemHealth = "system-health";
    public const string DatabasePerformance = "database-performance";
    public const string Redis = "redis";
    public const string Slos = "slos";
    public const string Logs = "logs";
    public const string Traces = "traces";
    public const string ObservabilityPipeline = "observability-pipeline";
}

/// <summary>A panel of a dashboard, by the dashboard's uid and the panel's explicit, stable id.</summary>
public sealed record PanelRef(string DashboardUid, int PanelId)
{
    /// <summary>The URL that opens the dashboard focused on the panel (Grafana's <c>viewPanel</c>).</summary>
    public string Url(string grafanaBaseUrl) =>
        string.Create(CultureInfo.InvariantCulture, $"{grafanaBaseUrl.TrimEnd('/')}/d/{DashboardUid}?viewPanel={PanelId}");
}
