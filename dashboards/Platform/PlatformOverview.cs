using Observability.Rules.Conventions;
using Observability.Rules.Packs;

namespace Observability.Dashboards.Platform;

/// <summary>Platform Overview: health, request rates, error rates, latency, resource use, firing alerts.</summary>
public static class PlatformOverview
{
    public static Dashboard Build(DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var r = options.Rules;
        static decimal T(AlertThreshold threshold) => DashboardOptions.Threshold(threshold);
        return Common.Create(DashboardUids.PlatformOverview, "Platform Overview",
                "The platform at a glance: which services are up, how much traffic they serve, how many requests fail, how fast they answer, and how loaded the cluster is.",
                "overview")
            .Annotation(Annotations.Deploys())
            .Row("Health", row => row
                .Panel(Common.UpStat("Service health", "min by (job) (up)", "{{job}}")
                    .Id(PlatformPanels.ServiceHealth.PanelId)
                    .Description("1 when every target of the job is scraped, 0 when at least one is down (ServiceDown fires after 1 minute).")
                    .Size(12, 6)
                    .Runbooks(options, HttpRules.ServiceDown.Name))
                .Panel(Panels.BarGauge("Firing alerts", Units.None)
                    .Id(PlatformPanels.FiringAlerts.PanelId)
                    .Description("Alerts firing now by severity. The Watchdog (severity none) must always fire: its absence means alerting is broken.")
                    .InstantQuery("sum by (severity) (ALERTS{alertstate=\"firing\"})", "{{severity}}")
                    .Thresholds(Common.Green, (1m, Common.Orange))
                    .Size(12, 6)))
            .Row("Traffic and errors", row => row
                .Panel(Panels.Timeseries("Requests per second", Units.RequestsPerSecond)
                    .Query($"sum by (job) ({RecordNames.HttpRequestRate})", "{{job}}"))
                .Panel(Panels.Timeseries("Error ratio (5xx)", Units.PercentUnit)
                    .Query($"sum by (job) ({RecordNames.HttpErrorRatio})", "{{job}}")
                    .AlertAbove(T(r.Threshold(HttpRules.HighErrorRate))))
                .Panel(Panels.Timeseries("Latency p95", Units.Seconds)
                    .Query($"max by (job) ({RecordNames.HttpLatencyP95})", "{{job}}")
                    .AlertAbove(T(r.Threshold(HttpRules.SlowResponseTime)))))
            .Row("Agents", row => row
                .Panel(Panels.Stat("Agent executions per minute", Units.OpsPerMinute)
                    .Query($"sum({RecordNames.AgentExecutionRate}) * 60", "executions")
                    .Thresholds(Common.Green))
                .Panel(Panels.Stat("Agent success ratio", Units.PercentUnit)
                    .Query($"min({RecordNames.AgentSuccessRatio})", "worst agent")
                    .Thresholds(Common.Red, (T(r.Threshold(AgentRules.LowAgentSuccessRate)), Common.Green)))
                .Panel(Panels.Stat("Tokens in the last hour", Units.Short)
                    .Query($"sum({RecordNames.AgentTokensLastHour})", "tokens")
                    .Thresholds(Common.Green, (T(r.Threshold(AgentRules.HighTokenUsage)), Common.Red))))
            .Row("Resources", row => row
                .Panel(Panels.Timeseries("Node CPU utilisation", Units.PercentUnit)
                    .Query(RecordNames.NodeCpuUtilisation, "{{instance}}")
                    .Range(0, 1)
                    .AlertAbove(T(r.Threshold(NodeRules.HighCpuUsage))))
                .Panel(Panels.Timeseries("Node memory utilisation", Units.PercentUnit)
                    .Query(RecordNames.NodeMemoryUtilisation, "{{instance}}")
                    .Range(0, 1)
                    .AlertAbove(T(r.Threshold(NodeRules.HighMemoryUsage))))
                .Panel(Panels.Stat("Pods not running", Units.None)
                    .Query("sum(kube_pod_status_phase{phase=~\"Pending|Failed|Unknown\"})", "pods")
                    .Thresholds(Common.Green, (1m, Common.Orange))));
    }
}
