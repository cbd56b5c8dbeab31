using System.Text.Json;

namespace Observability.Dashboards.Platform;

/// <summary>What every platform dashboard shares: tags, links between them, variables, annotations, colours.</summary>
internal static class Common
{
    public const string PlatformTag = "platform";
    public const string GeneratedTag = "generated";

    public const string Green = "green";
    public const string Orange = "orange";
    public const string Red = "red";

    /// <summary>A platform dashboard: tags, the Prometheus datasource variable, alert annotations and links to the others.</summary>
    public static Dashboard Create(string uid, string title, string description, params string[] tags) =>
        Dashboard.Create(uid, title)
            .Description(description)
            .Tags([PlatformTag, GeneratedTag, .. tags])
            .Time("now-6h")
            .Refresh("30s")
            .GraphTooltip(CursorSync.Crosshair)
            .Link(DashboardLink.ToTagged("Platform dashboards", PlatformTag))
            .Variable(Variables.Prometheus())
            .Annotation(Annotations.Alerts());

    /// <summary>A threshold line for an alert's "above" threshold: green below, red from the threshold.</summary>
    public static TimeseriesPanel AlertAbove(this TimeseriesPanel panel, decimal threshold) =>
        panel.Thresholds(Green, (threshold, Red)).ShowThresholds(ThresholdDisplay.Dashed);

    /// <summary>A threshold line for an alert's "below" threshold: red below, green from the threshold.</summary>
    public static TimeseriesPanel AlertBelow(this TimeseriesPanel panel, decimal threshold) =>
        panel.Thresholds(Red, (threshold, Green)).ShowThresholds(ThresholdDisplay.Dashed);

    /// <summary>Adds the runbook of each alert the panel explains as a panel link.</summary>
    public static TPanel Runbooks<TPanel>(this TPanel panel, DashboardOptions options, params string[] alerts)
        where TPanel : Panel<TPanel> =>
        alerts.Aggregate(panel, (p, alert) => p.Link($"Runbook: {alert}", options.RunbookUrl(alert)));

    /// <summary>Up (1) or down (0) as a coloured stat: red when down.</summary>
    public static StatPanel UpStat(string title, string expr, string legend) =>
        Panels.Stat(title, Units.None)
            .Query(expr, legend)
            .Thresholds(Red, (1m, Green))
            .Reduce("lastNotNull");

    /// <summary>
    /// A Grafana Explore URL for one trace in the Jaeger datasource; <paramref name="traceIdTemplate"/> is a Grafana
    /// template (e.g. <c>${__value.raw}</c>) that Grafana fills in when the link is clicked.
    /// </summary>
    public static string ExploreTraceUrl(string traceIdTemplate)
    {
        const string placeholder = "TRACE_ID_PLACEHOLDER";
        // Written with Utf8JsonWriter rather than JsonSerializer on anonymous types: the same bytes, without the
        // reflection-based serializer's start-up cost in every render.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("trace");
            w.WriteString("datasource", Datasources.JaegerUid);
            w.WriteStartArray("queries");
            w.WriteStartObject();
            w.WriteString("refId", "A");
            w.WriteStartObject("datasource");
            w.WriteString("type", Datasources.JaegerType);
            w.WriteString("uid", Datasources.JaegerUid);
            w.WriteEndObject();
            w.WriteString("query", placeholder);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartObject("range");
            w.WriteString("from", "now-1h");
            w.WriteString("to", "now");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        var panes = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        return "/explore?schemaVersion=1&orgId=1&panes=" + Uri.EscapeDataString(panes).Replace(placeholder, traceIdTemplate, StringComparison.Ordinal);
    }
}
