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

    public static RuleGroup Build(RulePackOptions o)
    {
        var c = o.Conventions.LogAgent;
        var t = o.LogAgent;
        return RuleGroup.Create(GroupName)
            .Add(Create(o, AlertNames.LogAgentDroppingEntries,
                Either(alloy => c.Dropped(alloy) > 0.0),
                t.LogAgentDroppingEntriesFor, Severity.Warning, PlatformPanels.LogAgentDropped,
                "Log agent {{ $labels.instance }} drops log entries",
                $"The log agent {{{{ $labels.job }}}} on {{{{ $labels.instance }}}} dropped {{{{ $value | humanize }}}} entries in the last {c.DropWindow} ({{{{ $labels.reason }}}}) after all retries: they never reach Loki."))
            .Add(Create(o, AlertNames.LogAgentPushErrors,
                Either(alloy => c.PushErrorRatio(alloy) > t.LogAgentPushErrors.Value),
                t.LogAgentPushErrors.For, Severity.Warning, PlatformPanels.LogAgentPushErrors,
                "Log agent {{ $labels.instance }} cannot push to Loki",
                $"{{{{ $value | humanizePercentage }}}} of the pushes of {{{{ $labels.job }}}} on {{{{ $labels.instance }}}} to Loki fail (threshold {Percent(t.LogAgentPushErrors.Value)}, {For(t.LogAgentPushErrors.For)}); entries are retried, then dropped."))
            .Add(Create(o, AlertNames.LogAgentFileLagging,
                Either(alloy => c.UnreadBytes(alloy) > t.LogAgentFileLagging.Value),
                t.LogAgentFileLagging.For, Severity.Warning, PlatformPanels.LogAgentUnread,
                "Log agent {{ $labels.instance }} falls behind on {{ $labels.path }}",
                $"{{{{ $labels.job }}}} on {{{{ $labels.instance }}}} has not read {{{{ $value | humanize1024 }}}}B of {{{{ $labels.path }}}} (threshold {Number(t.LogAgentFileLagging.Value)} bytes, {For(t.LogAgentFileLagging.For)}); its logs arrive late, or are lost when the file rotates."))
            .Add(Create(o, AlertNames.AlloyComponentUnhealthy,
                c.UnhealthyComponents() > 0.0,
                t.AlloyComponentUnhealthyFor, Severity.Warning, PlatformPanels.AlloyComponents,
                "Alloy {{ $labels.instance }} has unhealthy components",
                $"{{{{ $value | humanize }}}} components of {{{{ $labels.job }}}} on {{{{ $labels.instance }}}} are {{{{ $labels.health_type }}}} ({For(t.AlloyComponentUnhealthyFor)}): part of its pipeline does not run."));
    }

    /// <summary>The condition over Alloy's metrics or over Promtail's.</summary>
    private static PromExpr Either(Func<bool, PromExpr> condition) => condition(true).Or(condition(false));
}
