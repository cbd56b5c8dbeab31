using Observability.Rules.Conventions;
using Observability.Rules.Model;
using Observability.Rules.PromQl;

namespace Observability.Rules.Packs;

/// <summary>The Watchdog: always firing, severity none. Alertmanager routes it to a dead man's switch.</summary>
public static class WatchdogRules
{
    public const string GroupName = "watchdog";

    public static RulePack Pack { get; } = new(GroupName, Build);

    /// <summary>Fires at every evaluation (no silent case, no override).</summary>
    public static AlertDeclaration Watchdog { get; } =
        Pack.Alert("Watchdog", Severity.None, Duration.Zero, PlatformPanels.FiringAlerts, alwaysFiring: true);

    public static RuleGroup Build(RulePackOptions o) =>
        RuleGroup.Create(GroupName)
            .Add(PackAlert.Create(o, Watchdog,
                Prom.Vector(1),
                "Alerting pipeline heartbeat",
                "This alert always fires. It proves that Prometheus evaluates rules and Alertmanager delivers notifications; " +
                "the dead man's switch it is routed to pages when it stops arriving."));
}
