namespace Observability.Dashboards;

/// <summary>Panel presets: one function per panel type, with the settings the platform's dashboards share.</summary>
public static class Panels
{
    public static TimeseriesPanel Timeseries(string title, string unit) => new(title) { UnitId = unit };

    /// <summary>A single big number (last value by default), coloured by its thresholds.</summary>
    public static StatPanel Stat(string title, string unit) => new(title) { UnitId = unit };

    public static GaugePanel Gauge(string title, string unit, decimal min, decimal max) =>
        new(title) { UnitId = unit, MinValue = min, MaxValue = max };

    public static BarGaugePanel BarGauge(string title, string unit) => new(title) { UnitId = unit };

    public static TablePanel Table(string title) => new(title);

    /// <summary>A heatmap of a Prometheus histogram (add the <c>_bucket</c> query with <see cref="Heatmap(string, string, string)"/>).</summary>
    public static HeatmapPanel Heatmap(string title, string unit) => new(title) { UnitId = unit };

    /// <summary>A heatmap of <c>sum by (le) (rate(&lt;histogram&gt;_bucket[...]))</c>, queried in Prometheus' heatmap format.</summary>
    public static HeatmapPanel Heatmap(string title, string unit, string bucketRateExpr) =>
        Heatmap(title, unit).Target(new PromQuery(bucketRateExpr) { Format = PromFormat.Heatmap, LegendFormat = "{{le}}" });

    /// <summary>A Markdown text panel.</summary>
    public static TextPanel Text(string title, string markdown) => new(title, markdown);

    /// <summary>A log stream (Loki).</summary>
    public static LogsPanel Logs(string title, string logql) =>
        new LogsPanel(title).Target(new LokiQuery(logql) { MaxLines = 1000 });

    /// <summary>A trace view or trace search (Jaeger).</summary>
    public static TracesPanel Traces(string title, JaegerQuery query) => new TracesPanel(title).Target(query);

    /// <summary>A table of traces found by a Jaeger search (Grafana shows search results as a table with links to each trace).</summary>
    public static TablePanel TraceSearch(string title, JaegerQuery query) => new TablePanel(title).Target(query);
}
