using Observability.Rules.Conventions;
using Observability.Rules.Packs;
using Observability.Rules.PromQl;

namespace Observability.Dashboards.Platform;

/// <summary>
/// Observability Pipeline: the stack watching itself. Logs (Loki and the log agent), traces (Jaeger) and Grafana, one
/// panel per alert of their packs, drawing the alert's own expression and threshold.
/// </summary>
public static class ObservabilityPipeline
{
    public static Dashboard Build(DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var r = options.Rules;
        var loki = r.Conventions.Loki;
        var agent = r.Conventions.LogAgent;
        var tracing = r.Conventions.Tracing;
        var grafana = r.Conventions.Grafana;
        static decimal T(AlertThreshold threshold) => DashboardOptions.Threshold(threshold);
        static PromExpr Either(Func<bool, PromExpr> query) => query(true).Or(query(false));
        return Common.Create(DashboardUids.ObservabilityPipeline, "Observability Pipeline",
                "The monitoring stack itself: do logs reach Loki, do spans reach Jaeger, does Grafana answer. Each panel explains one alert of the loki, log-agent, tracing and grafana packs.",
                "observability", "loki", "jaeger", "grafana")
            .Row("Logs: Loki", row => row
                .Panel(Panels.Timeseries("Log lines received", Units.OpsPerSecond)
                    .Id(PlatformPanels.LokiLinesReceived.PanelId)
                    .Description("Lines per second Loki's distributors accept from every agent. LogsNotArriving fires when this stays at 0 while Loki is up.")
                    .Query(Prom.Sum(Prom.Rate(loki.LinesReceived, loki.Window), "tenant"), "{{tenant}}")
                    .Min(0)
                    .Runbooks(options, LokiRules.LogsNotArriving.Name)
                    .Width(12))
                .Panel(Panels.Timeseries("Loki request errors", Units.PercentUnit)
                    .Id(PlatformPanels.LokiRequestErrors.PanelId)
                    .Query(loki.RequestErrorRatio(), "{{job}} {{route}}")
                    .Range(0, 1)
                    .AlertAbove(T(r.Threshold(LokiRules.LokiRequestErrors)))
                    .Runbooks(options, LokiRules.LokiRequestErrors.Name)
                    .Width(12))
                .Panel(Panels.Timeseries($"Loki panics in {loki.PanicWindow}", Units.Short)
                    .Id(PlatformPanels.LokiPanics.PanelId)
                    .Query(Prom.Sum(Prom.Increase(loki.Panics, loki.PanicWindow), "job"), "{{job}}")
                    .Min(0)
                    .AlertAbove(0.5m)
                    .Runbooks(options, LokiRules.LokiRequestPanics.Name)
                    .Width(8))
                .Panel(Panels.Timeseries("Discarded lines", Units.PercentUnit)
                    .Id(PlatformPanels.LokiDiscarded.PanelId)
                    .Description("Share of each tenant's lines Loki rejects, by reason (rate_limited, stream_limit, line_too_long, ...).")
                    .Query(loki.DiscardedRatio(), "{{tenant}} {{reason}}")
                    .Min(0)
                    .AlertAbove(T(r.Threshold(LokiRules.LokiDiscardingLogs)))
                    .Runbooks(options, LokiRules.LokiDiscardingLogs.Name)
                    .Width(8))
                .Panel(Panels.Timeseries("Since the last compaction", Units.Seconds)
                    .Id(PlatformPanels.LokiCompaction.PanelId)
                    .Description("Retention runs in the compactor's compaction: when this grows, old logs are not deleted.")
                    .Query(loki.SecondsSinceCompaction(), "{{job}}")
                    .Min(0)
                    .AlertAbove(T(r.Threshold(LokiRules.LokiCompactionNotRunning)))
                    .Runbooks(options, LokiRules.LokiCompactionNotRunning.Name)
                    .Width(8)))
            .Row("Logs: agent", row => row
                .Panel(Panels.Timeseries($"Entries dropped in {agent.DropWindow}", Units.Short)
                    .Id(PlatformPanels.LogAgentDropped.PanelId)
                    .Query(Either(agent.Dropped), "{{instance}} {{reason}}")
                    .Min(0)
                    .AlertAbove(0.5m)
                    .Runbooks(options, LogAgentRules.LogAgentDroppingEntries.Name)
                    .Width(12))
                .Panel(Panels.Timeseries("Failed pushes to Loki", Units.PercentUnit)
                    .Id(PlatformPanels.LogAgentPushErrors.PanelId)
                    .Query(Either(agent.PushErrorRatio), "{{instance}}")
                    .Range(0, 1)
                    .AlertAbove(T(r.Threshold(LogAgentRules.LogAgentPushErrors)))
                    .Runbooks(options, LogAgentRules.LogAgentPushErrors.Name)
                    .Width(12))
                .Panel(Panels.Timeseries("Unread log bytes", Units.Bytes)
                    .Id(PlatformPanels.LogAgentUnread.PanelId)
                    .Description("Bytes written to each log file that the agent has not read yet.")
                    .Query(Either(agent.UnreadBytes), "{{instance}} {{path}}")
                    .Min(0)
                    .AlertAbove(T(r.Threshold(LogAgentRules.LogAgentFileLagging)))
                    .Runbooks(options, LogAgentRules.LogAgentFileLagging.Name)
                    .Width(12))
                .Panel(Panels.Timeseries("Alloy components not healthy", Units.Short)
                    .Id(PlatformPanels.AlloyComponents.PanelId)
                    .Query(agent.UnhealthyComponents(), "{{instance}} {{health_type}}")
                    .Min(0)
                    .AlertAbove(0.5m)
                    .Runbooks(options, LogAgentRules.AlloyComponentUnhealthy.Name)
                    .Width(12)))
            .Row("Traces: Jaeger", row => row
                .Panel(Panels.Timeseries("Spans accepted and HTTP requests", Units.OpsPerSecond)
                    .Id(PlatformPanels.JaegerSpansAccepted.PanelId)
                    .Description("SpansNotArriving fires when requests are served but no span is accepted.")
                    .Query(tracing.AcceptedRate(), "spans accepted")
                    .Query(Prom.Sum(Prom.Rate(r.Conventions.Http.Requests, r.Conventions.Http.Window)), "HTTP requests")
                    .Min(0)
                    .Runbooks(options, TracingRules.SpansNotArriving.Name)
                    .Width(12))
                .Panel(Panels.Timeseries("Refused spans", Units.PercentUnit)
                    .Id(PlatformPanels.JaegerSpansRefused.PanelId)
                    .Query(tracing.RefusedRatio(), "{{receiver}} {{transport}}")
                    .Range(0, 1)
                    .AlertAbove(T(r.Threshold(TracingRules.JaegerSpansRefused)))
                    .Runbooks(options, TracingRules.JaegerSpansRefused.Name)
                    .Width(12))
                .Panel(Panels.Timeseries("Spans failing to reach storage", Units.PercentUnit)
                    .Id(PlatformPanels.JaegerExportFailures.PanelId)
                    .Query(tracing.SendFailedRatio(), "{{exporter}}")
                    .Range(0, 1)
                    .AlertAbove(T(r.Threshold(TracingRules.JaegerSpanExportFailing)))
                    .Runbooks(options, TracingRules.JaegerSpanExportFailing.Name)
                    .Width(12))
                .Panel(Panels.Timeseries("Exporter queue fill", Units.PercentUnit)
                    .Id(PlatformPanels.JaegerQueue.PanelId)
                    .Description("Only with a sending queue on the exporter (jaeger_storage_exporter queue); empty otherwise.")
                    .Query(tracing.QueueUtilisation(), "{{exporter}}")
                    .Range(0, 1)
                    .AlertAbove(T(r.Threshold(TracingRules.JaegerExporterQueueFull)))
                    .Runbooks(options, TracingRules.JaegerExporterQueueFull.Name)
                    .Width(12)))
            .Row("Grafana", row => row
                .Panel(Common.UpStat("Grafana up", grafana.Up.ToString(), "{{instance}}")
                    .Id(PlatformPanels.GrafanaUp.PanelId)
                    .Runbooks(options, GrafanaRules.GrafanaMissing.Name)
                    .Width(8))
                .Panel(Panels.Timeseries("Grafana request errors", Units.PercentUnit)
                    .Id(PlatformPanels.GrafanaRequestErrors.PanelId)
                    .Query(grafana.RequestErrorRatio(), "{{job}}")
                    .Range(0, 1)
                    .AlertAbove(T(r.Threshold(GrafanaRules.GrafanaRequestErrors)))
                    .Runbooks(options, GrafanaRules.GrafanaRequestErrors.Name)
                    .Width(8))
                .Panel(Panels.Timeseries("Datasource errors", Units.PercentUnit)
                    .Id(PlatformPanels.GrafanaDatasourceErrors.PanelId)
                    .Query(grafana.DatasourceErrorRatio(), "{{datasource}}")
                    .Range(0, 1)
                    .AlertAbove(T(r.Threshold(GrafanaRules.GrafanaDatasourceErrors)))
                    .Runbooks(options, GrafanaRules.GrafanaDatasourceErrors.Name)
                    .Width(8)));
    }
}
