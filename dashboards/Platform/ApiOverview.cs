using Observability.Dashboards.Metrics;
using Observability.Rules.Conventions;
using Observability.Rules.Packs;

namespace Observability.Dashboards.Platform;

/// <summary>API Overview / HTTP performance: RPS by endpoint, error %, p50/p95/p99, requests in progress.</summary>
public static class ApiOverview
{
    private const string Job = "job=~\"$job\"";
    private const string Scope = "job=~\"$job\", endpoint=~\"$endpoint\"";

    public static Dashboard Build(DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var r = options.Rules;
        static decimal T(AlertThreshold threshold) => DashboardOptions.Threshold(threshold);
        var requests = PlatformMetrics.HttpRequests;
        return Common.Create(DashboardUids.ApiOverview, "API Overview",
                "HTTP performance of the platform's API services: traffic, errors and latency per job and per endpoint.",
                "api", "http")
            .Variable(Variables.LabelValues("job", "job", requests))
            .Variable(Variables.LabelValues("endpoint", "endpoint", $"{requests}{{{Job}}}"))
            .Annotation(Annotations.Deploys())
            .Row("Service level (per job)", row => row
                .Panel(Panels.Timeseries("Requests per second", Units.RequestsPerSecond)
                    .Id(PlatformPanels.HttpRequestRate.PanelId)
                    .Query($"{RecordNames.HttpRequestRate}{{{Job}}}", "{{job}}")
                    .Width(12))
                .Panel(Panels.Timeseries("Error ratio (5xx)", Units.PercentUnit)
                    .Id(PlatformPanels.HttpErrorRatio.PanelId)
                    .Description("Share of requests answered with a 5xx status. HighErrorRate fires above the dashed line for 5 minutes.")
                    .Query($"{RecordNames.HttpErrorRatio}{{{Job}}}", "{{job}}")
                    .Min(0)
                    .AlertAbove(T(r.Threshold(HttpRules.HighErrorRate)))
                    .Runbooks(options, HttpRules.HighErrorRate.Name)
                    .Width(12))
                .Panel(Panels.Timeseries("Errors per second (5xx)", Units.RequestsPerSecond)
                    .Id(PlatformPanels.HttpErrorRate.PanelId)
                    .Description("5xx responses per second. HighErrorCount fires above the dashed line for 5 minutes.")
                    .Query($"{RecordNames.HttpErrorRate}{{{Job}}}", "{{job}}")
                    .Min(0)
                    .AlertAbove(T(r.Threshold(HttpRules.HighErrorCount)))
                    .Runbooks(options, HttpRules.HighErrorCount.Name)
                    .Width(12))
                .Panel(Panels.Timeseries("Latency p50 / p95 / p99", Units.Seconds)
                    .Id(PlatformPanels.HttpLatency.PanelId)
                    .Description("Request latency quantiles per job. SlowResponseTime fires when p95 stays above the dashed line for 5 minutes.")
                    .Query($"{RecordNames.HttpLatencyP50}{{{Job}}}", "p50 {{job}}")
                    .Query($"{RecordNames.HttpLatencyP95}{{{Job}}}", "p95 {{job}}")
                    .Query($"{RecordNames.HttpLatencyP99}{{{Job}}}", "p99 {{job}}")
                    .AlertAbove(T(r.Threshold(HttpRules.SlowResponseTime)))
                    .Runbooks(options, HttpRules.SlowResponseTime.Name)
                    .Width(12)))
            .Row("Endpoints", row => row
                .Panel(Panels.Timeseries("Requests per second by endpoint", Units.RequestsPerSecond)
                    .Query($"sum by (endpoint) (rate({requests}{{{Scope}}}[$__rate_interval]))", "{{endpoint}}")
                    .LegendOptions(LegendMode.Table, LegendPlacement.Right, "mean", "max"))
                .Panel(Panels.Timeseries("Error % by endpoint", Units.PercentUnit)
                    .Query(
                        $"sum by (endpoint) (rate({requests}{{{Scope}, status=~\"5..\"}}[$__rate_interval]))\n" +
                        $"/\nsum by (endpoint) (rate({requests}{{{Scope}}}[$__rate_interval]))",
                        "{{endpoint}}")
                    .Min(0))
                .Panel(Panels.Timeseries("p95 latency by endpoint", Units.Seconds)
                    .Query($"histogram_quantile(0.95, sum by (endpoint, le) ({RecordNames.HttpLatencyBucketRate}{{{Scope}}}))", "{{endpoint}}"))
                .Panel(Panels.Table("Top endpoints by 5xx in range")
                    .Target(new PromQuery($"topk(10, sum by (endpoint) (increase({requests}{{{Scope}, status=~\"5..\"}}[$__range])))")
                    {
                        Instant = true,
                        Format = PromFormat.Table,
                    })
                    .Width(12))
                .Panel(Panels.Timeseries("Requests in progress", Units.Short)
                    .Query($"sum by (job) ({PlatformMetrics.HttpRequestsInProgress}{{{Job}}})", "{{job}}")
                    .Width(12)))
            .Row("Latency distribution", row => row
                .Panel(Panels.Heatmap("Request latency", Units.Seconds, $"sum by (le) ({RecordNames.HttpLatencyBucketRate}{{{Scope}}})")
                    .Width(24)));
    }
}
