using Observability.Rules.Packs;
using static Observability.Rules.Tests.Packs.CaseDsl;

namespace Observability.Rules.Tests.Packs.Cases;

/// <summary>The Watchdog: fires with no input at all, at every evaluation. It has no silent case by design.</summary>
internal sealed class WatchdogAlertCases : PackCases
{
    public override RulePack Pack => WatchdogRules.Pack;

    public override IReadOnlyList<AlertCase> Cases { get; } =
    [
        Case(WatchdogRules.Watchdog, "always fires, even without any series",
            [],
            FiresAt(M(0), WatchdogRules.Watchdog, [("severity", "none")],
                "Alerting pipeline heartbeat",
                "This alert always fires. It proves that Prometheus evaluates rules and Alertmanager delivers notifications; " +
                "the dead man's switch it is routed to pages when it stops arriving."),
            FiresAt(M(30), WatchdogRules.Watchdog, [("severity", "none")],
                "Alerting pipeline heartbeat",
                "This alert always fires. It proves that Prometheus evaluates rules and Alertmanager delivers notifications; " +
                "the dead man's switch it is routed to pages when it stops arriving.")),
    ];
}
