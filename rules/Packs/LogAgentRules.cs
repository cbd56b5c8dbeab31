using Observability.Rules.Conventions;
using Observability.Rules.Model;
using Observability.Rules.PromQl;
using static Observability.Rules.Packs.PackAlert;

namespace Observability.Rules.Packs;

/// <summary>
/// The log agent on every node, Alloy or Promtail: each alert reads both agents' metrics (only the deployed agent's
/// exist), so switching <c>logAgent</c> needs no rule change. Alloy's component health has no Promtail counterpart.
/// </summary>
public static class LogAgentRules
{
    public const string GroupName = "log-agent";

    public static RulePack Pack { get; } = new(GroupName, Build);

    /// <summary>Any entry dropped in the drop window (10m), held for 5m (alloy-mixin LokiWriteDroppedEntries).</summary>
    public static AlertDeclaration LogAgentDroppingEntries { get; } =
        Pack.Alert("LogAgentDroppingEntries", Severity.Warning, Duration.Minutes(5), PlatformPanels.LogAgentDropped);

    /// <summary>More than 10% of a node's pushes to Loki fail for 15m (loki-mixin PromtailRequestsErrors).</summary>
    public static AlertDeclaration LogAgentPushErrors { get; } =
        Pack.Alert("LogAgentPushErrors", Severity.Warning, Duration.Minutes(15), PlatformPanels.LogAgentPushErrors, ThresholdSpec.Ratio(0.10));

    /// <summary>A log file more than 1,000,000 bytes ahead of what the agent has read, for 15m.</summary>
    public static AlertDeclaration LogAgentFileLagging { get; } =
        Pack.Alert("LogAgentFileLagging", Severity.Warning, Duration.Minutes(15), PlatformPanels.LogAgentUnread, ThresholdSpec.Positive(1_000_000, "bytes"));

    /// <summary>An Alloy component not healthy for 15m (alloy-mixin UnhealthyComponents).</summary>
    public static AlertDeclaration AlloyComponentUnhealthy { get; } =
        Pack.Alert("AlloyComponentUnhealthy", Severity.Warning, Duration.Minutes(15), PlatformPanels.AlloyComponents);

    public static RuleGroup Build(RulePackOptions o)
    {
        var c = o.Conventions.LogAgent;
        return RuleGroup.Create(GroupName)
            .Add(Create(o, LogAgentDroppingEntries,
                Either(alloy => c.Dropped(alloy) > 0.0),
                "Log agent {{ $labels.instance }} drops log entries",
                $"The log agent {{{{ $labels.job }}}} on {{{{ $labels.instance }}}} dropped {{{{ $value | humanize }}}} entries in the last {c.DropWindow} ({{{{ $labels.reason }}}}) after all retries: they never reach Loki."))
            .Add(Create(o, LogAgentPushErrors,
                t => Either(alloy => c.PushErrorRatio(alloy) > t.Value),
                "Log agent {{ $labels.instance }} cannot push to Loki",
                t => $"{{{{ $value | humanizePercentage }}}} of the pushes of {{{{ $labels.job }}}} on {{{{ $labels.instance }}}} to Loki fail (threshold {Percent(t.Value)}, {For(t.For)}); entries are retried, then dropped."))
            .Add(Create(o, LogAgentFileLagging,
                t => Either(alloy => c.UnreadBytes(alloy) > t.Value),
                "Log agent {{ $labels.instance }} falls behind on {{ $labels.path }}",
                t => $"{{{{ $labels.job }}}} on {{{{ $labels.instance }}}} has not read {{{{ $value | humanize1024 }}}}B of {{{{ $labels.path }}}} (threshold {Number(t.Value)} bytes, {For(t.For)}); its logs arrive late, or are lost when the file rotates."))
            .Add(Create(o, AlloyComponentUnhealthy,
                c.UnhealthyComponents() > 0.0,
                "Alloy {{ $labels.instance }} has unhealthy components",
                $"{{{{ $value | humanize }}}} components of {{{{ $labels.job }}}} on {{{{ $labels.instance }}}} are {{{{ $labels.health_type }}}} ({For(o.For(AlloyComponentUnhealthy))}): part of its pipeline does not run."));
    }

    /// <summary>The condition over Alloy's metrics or over Promtail's.</summary>
    private static PromExpr Either(Func<bool, PromExpr> condition) => condition(true).Or(condition(false));
}
