using Observability.Rules.Conventions;

namespace Observability.Dashboards.Platform;

/// <summary>The fields of the platform's JSON log lines.</summary>
public static class LogFields
{
    public const string Level = "level";
    public const string Message = "msg";
    public const string TraceId = "trace_id";
    public const string DurationMs = "duration_ms";
    public const string Endpoint = "endpoint";
}

/// <summary>Logs (Loki): error rate by service, log stream with level/service filters, slow requests, errors with trace links.</summary>
public static class Logs
{
    private const string ErrorLevels = "error|fatal|critical";

    public static Dashboard Build(DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var service = options.LogServiceLabel;
        var stream = $"{{namespace=~\"$namespace\", {service}=~\"$service\"}}";
        var traceLink = $"/d/{DashboardUids.Traces}/traces?var-{TraceVariables.TraceId}=${{__data.fields.{LogFields.TraceId}}}";
        return Common.Create(DashboardUids.Logs, "Logs",
                "The platform's logs in Loki: error rates per service, the log stream filtered by service, level and text, slow requests from the JSON logs, and errors linked to their traces.",
                "logs", "loki")
            .Variable(Variables.Loki())
            .Variable(Variables.LokiLabelValues("namespace", "namespace", "{namespace=~\".+\"}", "Namespace"))
            .Variable(Variables.LokiLabelValues("service", service, "{namespace=~\"$namespace\"}", "Service"))
            .Variable(new CustomVariable("level", ["error", "warn", "info", "debug"]) { Label = "Level", Multi = true, IncludeAll = true, AllValue = ".*" })
            .Variable(Variables.Textbox("search", "", "Search"))
            .Row("Errors", row => row
                .Panel(Panels.Timeseries("Error lines per second by service", Units.Short)
                    .LogQuery($"sum by ({service}) (rate({stream} | json | {LogFields.Level}=~\"{ErrorLevels}\" [$__auto]))", $"{{{{{service}}}}}")
                    .Width(12))
                .Panel(Panels.Timeseries("Log lines per second by level", Units.Short)
                    .LogQuery($"sum by ({LogFields.Level}) (rate({stream} | json | __error__=\"\" [$__auto]))", $"{{{{{LogFields.Level}}}}}")
                    .Stacked()
                    .Width(12)))
            .Row("Stream", row => row
                .Panel(Panels.Logs("Log lines", $"{stream} |~ `(?i)$search` | json | {LogFields.Level}=~\"$level\"")
                    .Description("Newest first. Filter with the service, level and search variables above.")
                    .Size(24, 14)))
            .Row("Slow requests", row => row
                .Panel(Panels.Timeseries("Request duration p95 from logs", Units.Milliseconds)
                    .LogQuery($"quantile_over_time(0.95, {stream} | json | unwrap {LogFields.DurationMs} | __error__=\"\" [$__auto]) by ({service})", $"{{{{{service}}}}}")
                    .Width(12))
                .Panel(Panels.Logs("Requests slower than 1 s", $"{stream} | json | {LogFields.DurationMs} > 1000")
                    .LogsOptions(prettifyJson: true)
                    .Width(12)))
            .Row("Errors with traces", row => row
                .Panel(Panels.Table("Errors by trace id in range")
                    .Description("Click a trace id to open the trace.")
                    .Target(new LokiQuery($"sum by ({service}, {LogFields.TraceId}) (count_over_time({stream} | json | {LogFields.Level}=~\"{ErrorLevels}\" | {LogFields.TraceId}!=\"\" [$__range]))")
                    {
                        Instant = true,
                    })
                    .DataLink("Open trace in the Traces dashboard", traceLink)
                    .DataLink("Open trace in Explore", Common.ExploreTraceUrl($"${{__data.fields.{LogFields.TraceId}}}"), targetBlank: true)
                    .Width(24)));
    }
}
