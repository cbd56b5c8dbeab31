using Observability.Rules.Conventions;
using Observability.Rules.Model;
using Observability.Rules.PromQl;
using static Observability.Rules.Packs.PackAlert;

namespace Observability.Rules.Packs;

/// <summary>AI agents and LLM use: execution success and latency, token budgets, prompt and pipeline failures.</summary>
public static class AgentRules
{
    public const string GroupName = "agents";

    public static RuleGroup Build(RulePackOptions o)
    {
        var c = o.Conventions.Agents;
        var t = o.Agents;
        return RuleGroup.Create(GroupName)
            .Add(Recording.Create(RecordNames.AgentExecutionRate).Expr(c.ExecutionRate()))
            .Add(Recording.Create(RecordNames.AgentSuccessRatio).Expr(c.SuccessRatio()))
            .Add(Recording.Create(RecordNames.AgentDurationP95).Expr(c.DurationQuantile(0.95)))
            .Add(Recording.Create(RecordNames.AgentDurationBucketRate).Expr(c.DurationBucketRate()))
            .Add(Recording.Create(RecordNames.AgentTokensLastHour).Expr(c.TokensOverWindow()))
            .Add(Recording.Create(RecordNames.PromptFailureRatio).Expr(c.PromptFailureRatio()))
            .Add(Recording.Create(RecordNames.PipelineFailureRatio).Expr(c.PipelineFailureRatio()))
            .Add(Create(o, AlertNames.SlowAgentExecutions,
                Recorded(RecordNames.AgentDurationP95) > t.SlowAgentExecutions.Value,
                t.SlowAgentExecutions.For, Severity.Warning, PlatformPanels.AgentDuration,
                "Agent {{ $labels.agent_id }} executes slowly",
                $"The 95th percentile execution time of agent {{{{ $labels.agent_id }}}} is {{{{ $value | humanizeDuration }}}} (threshold {Number(t.SlowAgentExecutions.Value)}s, {For(t.SlowAgentExecutions.For)})."))
            .Add(Create(o, AlertNames.HighTokenUsage,
                Prom.Sum(Recorded(RecordNames.AgentTokensLastHour), c.By) > t.HighTokenUsage.Value,
                t.HighTokenUsage.For, Severity.Warning, PlatformPanels.TokensPerHour,
                "Agent {{ $labels.agent_id }} uses many LLM tokens",
                $"Agent {{{{ $labels.agent_id }}}} used {{{{ $value | humanize }}}} tokens in the last {c.TokenWindow} (threshold {Number(t.HighTokenUsage.Value)})."))
            .Add(Create(o, AlertNames.LowAgentSuccessRate,
                Recorded(RecordNames.AgentSuccessRatio) < t.LowAgentSuccessRate.Value,
                t.LowAgentSuccessRate.For, Severity.Warning, PlatformPanels.AgentSuccessRatio,
                "Agent {{ $labels.agent_id }} fails often",
                $"Only {{{{ $value | humanizePercentage }}}} of agent {{{{ $labels.agent_id }}}} executions succeed (threshold {Percent(t.LowAgentSuccessRate.Value)}, {For(t.LowAgentSuccessRate.For)})."))
            .Add(Create(o, AlertNames.HighPromptFailureRate,
                Recorded(RecordNames.PromptFailureRatio) > t.HighPromptFailureRate.Value,
                t.HighPromptFailureRate.For, Severity.Warning, PlatformPanels.PromptFailureRatio,
                "Prompt executions fail on {{ $labels.job }}",
                $"{{{{ $value | humanizePercentage }}}} of prompt executions on {{{{ $labels.job }}}} fail (threshold {Percent(t.HighPromptFailureRate.Value)}, {For(t.HighPromptFailureRate.For)})."));
    }
}
