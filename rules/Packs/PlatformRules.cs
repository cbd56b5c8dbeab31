using System.Collections.Immutable;
using Observability.Rules.Output;
using Observability.Rules.Validation;

namespace Observability.Rules.Packs;

/// <summary>The platform's rule packs: one group per pack, validated, in a stable order.</summary>
public static class PlatformRules
{
    public const string WatchdogGroupName = WatchdogRules.GroupName;

    /// <summary>Every pack, in build order. A new pack is added here; its alerts are declared in its own file.</summary>
    public static ImmutableArray<RulePack> Packs { get; } =
    [
        HttpRules.Pack, AgentRules.Pack, PostgresRules.Pack, RedisRules.Pack, NodeRules.Pack, KubernetesRules.Pack,
        LokiRules.Pack, LogAgentRules.Pack, TracingRules.Pack, GrafanaRules.Pack, WatchdogRules.Pack,
    ];

    /// <summary>
    /// Every enabled pack's group. Throws a <see cref="ValidationException"/> with every problem when the options
    /// or the resulting rules are invalid; never returns an empty list (the Watchdog or a pack must be enabled).
    /// </summary>
    public static ImmutableArray<Model.RuleGroup> Build(RulePackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidationException.ThrowIfAny(options.Validate());

        var result = Packs.Where(options.IsEnabled).Select(p => p.Build(options)).ToImmutableArray();
        ValidationException.ThrowIfAny(RuleValidator.Validate(result));
        return result;
    }

    /// <summary>The rule file (<c>groups:</c>) of <see cref="Build"/>.</summary>
    public static string ToRuleFile(RulePackOptions options) => RuleYaml.ToRuleFile(Build(options));
}
