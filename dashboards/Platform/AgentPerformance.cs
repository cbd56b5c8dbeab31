using Observability.Dashboards.Metrics;
using Observability.Rules.Conventions;
using Observability.Rules.Packs;

namespace Observability.Dashboards.Platform;

/// <summary>Agent Performance: executions per minute by status, duration p50/p95/p99, tokens by model, success rate, cost per agent.</summary>
public static class AgentPerformance
{
    private const string Agent = "agent_id=~\"$agent_id\"";

    public static Dashboard Build(DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var r = options.Rules;
        static decimal T(AlertThreshold threshold) => DashboardOptions.Threshold(threshold);
        var executions = PlatformMetrics.AgentExecutions;
        return Common.Create(DashboardUids.AgentPerformance, "Agent Performance",
                "AI agents: how often they run, how often they succeed, how long they take, the tokens they use and what they cost.",
                "agents", "llm")
            .Variable(Variables.LabelValues("agent_id", "agent_id", executions, "Agent"))
            .Row("Alerts", row => row
                .Panel(Panels.Timeseries("Success ratio per agent", Units.PercentUnit)
                    .Id(PlatformPanels.AgentSuccessRatio.PanelId)
                    .Description("Share of executions with status \"success\". LowAgentSuccessRate fires below the dashed line for 10 minutes.")
                    .Query($"{RecordNames.AgentSuccessRatio}{{{Agent}}}", "{{agent_id}}")
                    .Range(0, 1)
                    .AlertBelow(T(r.Threshold(AgentRules.LowAgentSuccessRate)))
                    .Runbooks(options, AgentRules.LowAgentSuccessRate.Name)
                    .Width(12))
                .Panel(Panels.Timeseries("Execution time p95 per agent", Units.Seconds)
                    .Id(PlatformPanels.AgentDuration.PanelId)
                    .Description("95th percentile execution time. SlowAgentExecutions fires above the dashed line for 10 minutes.")
                    .Query($"{RecordNames.AgentDurationP95}{{{Agent}}}", "{{agent_id}}")
                    .AlertAbove(T(r.Threshold(AgentRules.SlowAgentExecutions)))
                    .Runbooks(options, AgentRules.SlowAgentExecutions.Name)
                    .Width(12)))
            .Row("Executions", row => row
                .Panel(Panels.Timeseries("Executions per minute by status", Units.OpsPerMinute)
                    .Query($"sum by (status) (rate({executions}{{{Agent}}}[$__rate_interval])) * 60", "{{status}}")
                    .Stacked()
                    .Width(16))
                .Panel(Panels.Gauge("Success rate in range", Units.PercentUnit, 0, 1)
                    .InstantQuery(
                        $"sum(increase({executions}{{{Agent}, status=\"success\"}}[$__range]))\n/\nsum(increase({executions}{{{Agent}}}[$__range]))",
                        "success rate")
                    .Thresholds(Common.Red, (T(r.Threshold(AgentRules.LowAgentSuccessRate)) - 0.05m, Common.Orange), (T(r.Threshold(AgentRules.LowAgentSuccessRate)), Common.Green))
                    .Size(8, 8))
                .Panel(Panels.Timeseries("Execution time p50 / p95 / p99", Units.Seconds)
                    .Query($"histogram_quantile(0.50, sum by (le) ({RecordNames.AgentDurationBucketRate}{{{Agent}}}))", "p50")
                    .Query($"histogram_quantile(0.95, sum by (le) ({RecordNames.AgentDurationBucketRate}{{{Agent}}}))", "p95")
                    .Query($"histogram_quantile(0.99, sum by (le) ({RecordNames.AgentDurationBucketRate}{{{Agent}}}))", "p99")
                    .Width(24)))
            .Row("Tokens and cost", row => row
                .Panel(Panels.Timeseries("Tokens per minute by model", Units.Short)
                    .Query($"sum by (model) (rate({PlatformMetrics.AgentTokensUsed}{{{Agent}}}[$__rate_interval])) * 60", "{{model}}")
                    .Stacked())
                .Panel(Panels.BarGauge("Cost per agent in range", Units.Usd)
                    .InstantQuery($"sort_desc(sum by (agent_id) ({Cost.Increase(options, Agent, "$__range")}))", "{{agent_id}}")
                    .Thresholds(Common.Green)
                    .Decimals(2)));
    }
}
