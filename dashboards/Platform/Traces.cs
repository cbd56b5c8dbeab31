using Observability.Rules.Conventions;

namespace Observability.Dashboards.Platform;

/// <summary>The variables of the Traces dashboard that other dashboards link with (<c>var-trace_id=...</c>).</summary>
public static class TraceVariables
{
    public const string TraceId = "trace_id";
    public const string Service = "service";
    public const string MinDuration = "min_duration";
}

/// <summary>Traces (Jaeger): trace search per service, slow and failed traces, one trace by id, and its log lines.</summary>
public static class Traces
{
    public static Dashboard Build(DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var service = "$" + TraceVariables.Service;
        return Common.Create(DashboardUids.Traces, "Traces",
                "Traces in Jaeger: search a service's recent, slow and failed traces, open one by id (the Logs dashboard links here with the trace id) and see its log lines.",
                "traces", "jaeger")
            .Time("now-1h")
            .Variable(Variables.Jaeger())
            .Variable(Variables.Loki())
            .Variable(new CustomVariable(TraceVariables.Service, options.TracedServices) { Label = "Service" })
            .Variable(Variables.Textbox(TraceVariables.MinDuration, "1s", "Slower than"))
            .Variable(Variables.Textbox(TraceVariables.TraceId, "", "Trace id"))
            .Row("Search", row => row
                .Panel(Panels.TraceSearch("Recent traces", JaegerQuery.Search(service, limit: 20)).Width(8))
                .Panel(Panels.TraceSearch("Slow traces", JaegerQuery.Search(service, minDuration: $"${TraceVariables.MinDuration}", limit: 20)).Width(8))
                .Panel(Panels.TraceSearch("Failed traces", JaegerQuery.Search(service, tags: "error=true", limit: 20)).Width(8)))
            .Row("Trace", row => row
                .Panel(Panels.Traces("Trace", JaegerQuery.Trace($"${TraceVariables.TraceId}"))
                    .Description("Enter a trace id above, or follow a link from the Logs dashboard.")
                    .Size(24, 16))
                .Panel(Panels.Logs("Log lines of this trace", $"{{{LogSchema.Namespace}=~\".+\"}} | {LogSchema.TraceId}=\"${TraceVariables.TraceId}\"")
                    .Description("The lines whose trace_id structured metadata is this trace, from every namespace.")
                    .LogsOptions(newestFirst: false, prettifyJson: true)
                    .Size(24, 10)));
    }
}
