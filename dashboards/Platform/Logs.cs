using Observability.Rules.Conventions;

namespace Observability.Dashboards.Platform;

/// <summary>
/// Logs (Loki): error rate by service, log stream with level/service filters, slow requests, errors with trace links.
/// Every query selects streams by the labels the log pipeline promotes (<see cref="LogSchema"/>) and reads trace ids
/// from structured metadata; only fields the pipeline leaves in the line (duration) are parsed, by name.
/// </summary>
public static class Logs
{
    private const string ErrorLevels = "error|fatal|critical";

    public static Dashboard Build(DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string service = LogSchema.Service;
        const string level = LogSchema.Level;
        const string traceId = LogSchema.TraceId;
        var selection = $"{LogSchema.Namespace}=~\"$namespace\", {service}=~\"$service\"";
        var stream = $"{{{selection}}}";
        var errors = $"{{{selection}, {level}=~\"{ErrorLevels}\"}}";
        var byLevel = $"{{{selection}, {level}=~\"$level\"}}";
        var duration = $"| json {LogFields.DurationMs}";
        var traceLink = $"/d/{DashboardUids.Traces}/traces?var-{TraceVariables.TraceId}=${{__data.fields.{traceId}}}";
        return Common.Create(DashboardUids.Logs, "Logs",
                "The platform's logs in Loki: error rates per service, the log stream filtered by service, level and text, slow requests from the JSON logs, and errors linked to their traces.",
                "logs", "loki")
            .Variable(Variables.Loki())
            .Variable(Variables.LokiLabelValues("namespace", LogSchema.Namespace, $"{{{LogSchema.Namespace}=~\".+\"}}", "Namespace"))
            .Variable(Variables.LokiLabelValues("service", service, $"{{{LogSchema.Namespace}=~\"$namespace\"}}", "Service"))
            .Variable(new CustomVariable("level", ["error", "warn", "info", "debug"]) { Label = "Level", Multi = true, IncludeAll = true, AllValue = ".*" })
            .Variable(Variables.Textbox("search", "", "Search"))
            .Row("Errors", row => row
                .Panel(Panels.Timeseries("Error lines per second by service", Units.Short)
                    .LogQuery($"sum by ({service}) (rate({errors} [$__auto]))", $"{{{{{service}}}}}")
                    .Width(12))
                .Panel(Panels.Timeseries("Log lines per second by level", Units.Short)
                    .LogQuery($"sum by ({level}) (rate({stream} [$__auto]))", $"{{{{{level}}}}}")
                    .Stacked()
                    .Width(12)))
            .Row("Stream", row => row
                .Panel(Panels.Logs("Log lines", $"{byLevel} |~ `(?i)$search`")
                    .Description("Newest first. Filter with the service, level and search variables above.")
                    .Size(24, 14)))
            .Row("Slow requests", row => row
                .Panel(Panels.Timeseries("Request duration p95 from logs", Units.Milliseconds)
                    .LogQuery($"quantile_over_time(0.95, {stream} {duration} | unwrap {LogFields.DurationMs} | __error__=\"\" [$__auto]) by ({service})", $"{{{{{service}}}}}")
                    .Width(12))
                .Panel(Panels.Logs("Requests slower than 1 s", $"{stream} {duration} | {LogFields.DurationMs} > 1000")
                    .LogsOptions(prettifyJson: true)
                    .Width(12)))
            .Row("Errors with traces", row => row
                .Panel(Panels.Table("Errors by trace id in range")
                    .Description("Click a trace id to open the trace.")
                    .Target(new LokiQuery($"sum by ({service}, {traceId}) (count_over_time({errors} | {traceId}!=\"\" [$__range]))")
                    {
                        Instant = true,
                    })
                    .DataLink("Open trace in the Traces dashboard", traceLink)
                    .DataLink("Open trace in Explore", Common.ExploreTraceUrl($"${{__data.fields.{traceId}}}"), targetBlank: true)
                    .Width(24)));
    }
}
