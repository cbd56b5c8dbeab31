using Observability.Rules.Conventions;
using Observability.Rules.Model;
using Observability.Rules.PromQl;
using static Observability.Rules.Packs.PackAlert;

namespace Observability.Rules.Packs;

/// <summary>AI agents and LLM use: execution success and latency, token budgets, prompt and pipeline failures.</summary>
public static class AgentRules
{
    public const string GroupName = "agents";

    public static RulePack Pack { get; } = new(GroupName, Build);

    /// <summary>p95 agent execution time above 30 s for 10m.</summary>
    public static AlertDeclaration SlowAgentExecutions { get; } =
        Pack.Alert("SlowAgentExecutions", Severity.Warning, Duration.Minutes(10), PlatformPanels.AgentDuration, ThresholdSpec.Positive(30, "seconds"));

    /// <summary>More than 1,000,000 tokens per agent in the token window (1h); fires at once.</summary>
    public static AlertDeclaration HighTokenUsage { get; } =
        Pack.Alert("HighTokenUsage", Severity.Warning, Duration.Zero, PlatformPanels.TokensPerHour, ThresholdSpec.Positive(1_000_000, "tokens per hour"));

    /// <summary>Agent success share below 95% for 10m.</summary>
    public static AlertDeclaration LowAgentSuccessRate { get; } =
        Pack.Alert("LowAgentSuccessRate", Severity.Warning, Duration.Minutes(10), PlatformPanels.AgentSuccessRatio, ThresholdSpec.Ratio(0.95));

    /// <summary>Prompt failure share above 10% for 5m.</summary>
    public static AlertDeclaration HighPromptFailureRate { get; } =
        Pack.Alert("HighPromptFailureRate", Severity.Warning, Duration.Minutes(5), PlatformPanels.PromptFailureRatio, ThresholdSpec.Ratio(0.10));

    public static RuleGroup Build(RulePackOptions o)
    {
        var c = o.Conventions.Agents;
        return RuleGroup.Create(GroupName)
            .Add(Recording.Create(RecordNames.AgentExecutionRate).Expr(c.ExecutionRate()))
            .Add(Recording.Create(RecordNames.AgentSuccessRatio).Expr(c.SuccessRatio()))
            .Add(Recording.Create(RecordNames.AgentDurationP95).Expr(c.DurationQuantile(0.95)))
            .Add(Recording.Create(RecordNames.AgentDurationBucketRate).Expr(c.DurationBucketRate()))
            .Add(Recording.Create(RecordNames.AgentTokensLastHour).Expr(c.TokensOverWindow()))
            .Add(Recording.Create(RecordNames.PromptFailureRatio).Expr(c.PromptFailureRatio()))
            .Add(Recording.Create(RecordNames.PipelineFailureRatio).Expr(c.PipelineFailureRatio()))
            .Add(Create(o, SlowAgentExecutions,
                t => Recorded(RecordNames.AgentDurationP95) > t.Value,
                "Agent {{ $labels.agent_id }} executes slowly",
                t => $"The 95th percentile execution time of agent {{{{ $labels.agent_id }}}} is {{{{ $value | humanizeDuration }}}} (threshold {Number(t.Value)}s, {For(t.For)})."))
            .Add(Create(o, HighTokenUsage,
                t => Prom.Sum(Recorded(RecordNames.AgentTokensLastHour), c.By) > t.Value,
                "Agent {{ $labels.agent_id }} uses many LLM tokens",
                t => $"Agent {{{{ $labels.agent_id }}}} used {{{{ $value | humanize }}}} tokens in the last {c.TokenWindow} (threshold {Number(t.Value)})."))
            .Add(Create(o, LowAgentSuccessRate,
                t => Recorded(RecordNames.AgentSuccessRatio) < t.Value,
                "Agent {{ $labels.agent_id }} fails often",
                t => $"Only {{{{ $value | humanizePercentage }}}} of agent {{{{ $labels.agent_id }}}} executions succeed (threshold {Percent(t.Value)}, {For(t.For)})."))
            .Add(Create(o, HighPromptFailureRate,
                t => Recorded(RecordNames.PromptFailureRatio) > t.Value,
                "Prompt executions fail on {{ $labels.job }}",
                t => $"{{{{ $value | humanizePercentage }}}} of prompt executions on {{{{ $labels.job }}}} fail (threshold {Percent(t.Value)}, {For(t.For)})."));
    }
}
