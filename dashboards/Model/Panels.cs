namespace Observability.Dashboards;

/// <summary>Panel presets: one function per panel type, with the settings the platform's dashboards share.</summary>
public static class Panels
{
    public static Panel Timeseries(string title, string unit) => new(PanelType.Timeseries, title) { UnitId = unit };

    /// <summary>A single big number (last value by default), coloured by its thresholds.</summary>
    public static Panel Stat(string title, string unit) =>
        new(PanelType.Stat, title) { UnitId = unit, ColorMode = "thresholds" };

    public static Panel Gauge(string title, string unit, decimal min, decimal max) =>
        new(PanelType.Gauge, title) { UnitId = unit, MinValue = min, MaxValue = max, ColorMode = "thresholds" };

    public static Panel BarGauge(string title, string unit) =>
        new(PanelType.BarGauge, title) { UnitId = unit, ColorMode = "thresholds" };

    public static Panel Table(string title) => new(PanelType.Table, title);

    /// <summary>A heatmap of a Prometheus histogram (add the <c>_bucket</c> query with <see cref="Heatmap(string, string, string)"/>).</summary>
    public static Panel Heatmap(string title, string unit) => new(PanelType.Heatmap, title) { UnitId = unit };

    /// <summary>A heatmap of <c>sum by (le) (rate(&lt;histogram&gt;_bucket[...]))</c>, queried in Prometheus' heatmap format.</summary>
    public static Panel Heatmap(string title, string unit, string bucketRateExpr) =>
        Heatmap(title, unit).Target(new PromQuery(bucketRateExpr) { Format = PromFormat.Heatmap, LegendFormat = "{{le}}" });

    /// <summary>A Markdown text panel.</summary>
    public static Panel Text(string title, string markdown) => new(PanelType.Text, title) { TextContent = markdown };

    /// <summary>A log stream (Loki).</summary>
    public static Panel Logs(string title, string logql) =>
        new Panel(PanelType.Logs, title).Target(new LokiQuery(logql) { MaxLines = 1000 });

    /// <summary>A trace view or trace search (Jaeger).</summary>
    public static Panel Traces(string title, JaegerQuery query) => new Panel(PanelType.Traces, title).Target(query);

    /// <summary>A table of traces found by a Jaeger search (Grafana shows search results as a table with links to each trace).</summary>
    public static Panel TraceSearch(string title, JaegerQuery query) => new Panel(PanelType.Table, title).Target(query);
}
