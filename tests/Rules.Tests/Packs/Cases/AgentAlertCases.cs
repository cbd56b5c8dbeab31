using Observability.Rules.Packs;
using static Observability.Rules.Tests.Packs.CaseDsl;

namespace Observability.Rules.Tests.Packs.Cases;

/// <summary>Agents and LLM: execution time, tokens, success and prompt failures. Firing and silent, with exact labels and annotations.</summary>
internal sealed class AgentAlertCases : PackCases
{
    public override RulePack Pack => AgentRules.Pack;

    public override IReadOnlyList<AlertCase> Cases { get; } =
    [
        Case(AgentRules.SlowAgentExecutions, "p95 of 58.5s fires after 10m",
            [
                S("agent_execution_duration_seconds_bucket", Counter(0), ("agent_id", "planner"), ("le", "10")),
                S("agent_execution_duration_seconds_bucket", Counter(0), ("agent_id", "planner"), ("le", "30")),
                S("agent_execution_duration_seconds_bucket", Counter(60), ("agent_id", "planner"), ("le", "60")),
                S("agent_execution_duration_seconds_bucket", Counter(60), ("agent_id", "planner"), ("le", "+Inf")),
            ],
            SilentAt(M(10)),
            FiresAt(M(11), AgentRules.SlowAgentExecutions, [("agent_id", "planner"), ("severity", "warning")],
                "Agent planner executes slowly",
                "The 95th percentile execution time of agent planner is 58.5s (threshold 30s, for 10m).")),
        Case(AgentRules.SlowAgentExecutions, "p95 of 29s stays silent",
            [
                S("agent_execution_duration_seconds_bucket", Counter(0), ("agent_id", "planner"), ("le", "10")),
                S("agent_execution_duration_seconds_bucket", Counter(60), ("agent_id", "planner"), ("le", "30")),
                S("agent_execution_duration_seconds_bucket", Counter(60), ("agent_id", "planner"), ("le", "60")),
                S("agent_execution_duration_seconds_bucket", Counter(60), ("agent_id", "planner"), ("le", "+Inf")),
            ],
            SilentAt(M(30))),

        Case(AgentRules.HighTokenUsage, "1.2M tokens in an hour over two models fire; exactly 1M does not",
            [
                S("agent_tokens_used_total", Counter(12_000, 70), ("agent_id", "writer"), ("model", "gpt-4o")),
                S("agent_tokens_used_total", Counter(8_000, 70), ("agent_id", "writer"), ("model", "claude-sonnet")),
            ],
            SilentAt(M(50)),
            FiresAt(M(60), AgentRules.HighTokenUsage, [("agent_id", "writer"), ("severity", "warning")],
                "Agent writer uses many LLM tokens",
                "Agent writer used 1.2M tokens in the last 1h (threshold 1,000,000).")),
        Case(AgentRules.HighTokenUsage, "600k tokens an hour stay silent",
            [S("agent_tokens_used_total", Counter(10_000, 70), ("agent_id", "summariser"), ("model", "gpt-4o"))],
            SilentAt(M(60))),

        Case(AgentRules.LowAgentSuccessRate, "90% success fires after 10m",
            [
                S("agent_executions_total", Counter(54), ("agent_id", "planner"), ("status", "success")),
                S("agent_executions_total", Counter(6), ("agent_id", "planner"), ("status", "failure")),
            ],
            SilentAt(M(10)),
            FiresAt(M(11), AgentRules.LowAgentSuccessRate, [("agent_id", "planner"), ("severity", "warning")],
                "Agent planner fails often",
                "Only 90% of agent planner executions succeed (threshold 95%, for 10m).")),
        Case(AgentRules.LowAgentSuccessRate, "98% success, and an idle agent, stay silent",
            [
                S("agent_executions_total", Counter(59), ("agent_id", "planner"), ("status", "success")),
                S("agent_executions_total", Counter(1), ("agent_id", "planner"), ("status", "failure")),
                S("agent_executions_total", Gauge(10), ("agent_id", "idle"), ("status", "success")),
            ],
            SilentAt(M(30))),

        Case(AgentRules.HighPromptFailureRate, "20% failed prompts fire after 5m",
            [
                S("prompt_executions_total", Counter(48), ("job", "prompt-service"), ("status", "success")),
                S("prompt_executions_total", Counter(12), ("job", "prompt-service"), ("status", "error")),
            ],
            SilentAt(M(5)),
            FiresAt(M(6), AgentRules.HighPromptFailureRate, [("job", "prompt-service"), ("severity", "warning")],
                "Prompt executions fail on prompt-service",
                "20% of prompt executions on prompt-service fail (threshold 10%, for 5m).")),
        Case(AgentRules.HighPromptFailureRate, "8.3% failed prompts stay silent",
            [
                S("prompt_executions_total", Counter(55), ("job", "prompt-service"), ("status", "success")),
                S("prompt_executions_total", Counter(5), ("job", "prompt-service"), ("status", "error")),
            ],
            SilentAt(M(30))),
    ];
}
