using System.Collections.Immutable;
using Observability.Rules.Model;

namespace Observability.Rules.Slo;

/// <summary>
/// Every name the SLO rules produce, in one place (as Sloth's conventions.go): recorded metrics, labels, alert
/// names, group names. They are contracts: dashboards, runbooks and Alertmanager routes read them, so a rename shows
/// in the golden files.
/// </summary>
public static class SloConventions
{
    /// <summary>The label carrying the SLO's name on every recorded series and alert.</summary>
    public const string SloLabel = "slo";

    /// <summary>The label carrying the SLO's service on every recorded series and alert.</summary>
    public const string ServiceLabel = "service";

    /// <summary>Per-second rate of bad events over 5m (the base every longer window is computed from).</summary>
    public const string BadEventsRate5m = "slo:sli_bad_events:rate5m";

    /// <summary>Per-second rate of all events over 5m.</summary>
    public const string EventsRate5m = "slo:sli_events:rate5m";

    /// <summary>The objective as a ratio (0.999), a constant series per SLO.</summary>
    public const string Objective = "slo:objective:ratio";

    /// <summary>The error budget as a ratio of events (0.001), a constant series per SLO.</summary>
    public const string ErrorBudget = "slo:error_budget:ratio";

    /// <summary>The period in days (30), a constant series per SLO.</summary>
    public const string PeriodDays = "slo:time_period:days";

    /// <summary>Burn rate over the last 5m: the 5m error ratio over the error budget (1 = spending exactly the budget).</summary>
    public const string CurrentBurnRate = "slo:current_burn_rate:ratio";

    /// <summary>Burn rate over the whole period.</summary>
    public const string PeriodBurnRate = "slo:period_burn_rate:ratio";

    /// <summary>Fraction of the period's error budget left: 1 untouched, 0 spent, negative overspent.</summary>
    public const string ErrorBudgetRemaining = "slo:period_error_budget_remaining:ratio";

    /// <summary>Pages: the budget burns fast enough to be gone in days (default windows 1h/5m and 6h/30m).</summary>
    public const string BurnFastAlert = "ErrorBudgetBurnFast";

    /// <summary>Tickets: the budget burns faster than the period allows (default windows 1d/2h and 3d/6h).</summary>
    public const string BurnSlowAlert = "ErrorBudgetBurnSlow";

    /// <summary>The SLI has no data: the metric vanished or the selectors match nothing.</summary>
    public const string NoDataAlert = "SloNoData";

    /// <summary>Every alert name the SLO rules can produce (one runbook each).</summary>
    public static ImmutableArray<string> AlertNames { get; } = [BurnFastAlert, BurnSlowAlert, NoDataAlert];

    /// <summary>The error-ratio windows recorded for every SLO, ascending (the period's window comes in addition).</summary>
    public static ImmutableArray<Duration> Windows { get; } =
    [
        Duration.Minutes(5), Duration.Minutes(30), Duration.Hours(1), Duration.Hours(2),
        Duration.Hours(6), Duration.Days(1), Duration.Days(3),
    ];

    /// <summary>The base window: the only one computed from the raw counters.</summary>
    public static Duration BaseWindow => Windows[0];

    /// <summary><c>slo:sli_error:ratio_rate5m</c>, <c>..._rate1h</c>, <c>..._rate30d</c>: the error ratio over a window.</summary>
    public static string ErrorRatio(Duration window) => $"slo:sli_error:ratio_rate{window}";

    /// <summary>The rule group holding one SLO's SLI, its windows shorter than <see cref="LongWindowFrom"/>, the page and the no-data alert.</summary>
    public static string GroupName(string sloName) => $"slo-{sloName}";

    /// <summary>The rule group holding one SLO's long windows, the period's burn rate and budget, and the ticket alert, evaluated every <see cref="SloOptions.LongWindowInterval"/>.</summary>
    public static string LongGroupName(string sloName) => $"slo-{sloName}-long";

    /// <summary>Windows from this length on (and the period) are recorded in the long-window group.</summary>
    public static Duration LongWindowFrom => Duration.Days(1);

    /// <summary>Whether a window's error ratio is recorded in the long-window group.</summary>
    public static bool IsLongWindow(Duration window) => window >= LongWindowFrom;

    /// <summary>The SLO dashboard (uid <c>slos</c>) filtered to one SLO through its <c>slo</c> variable.</summary>
    public static string DashboardUrl(string grafanaBaseUrl, string sloName) =>
        $"{grafanaBaseUrl.TrimEnd('/')}/d/{Conventions.DashboardUids.Slos}?var-{SloLabel}={Uri.EscapeDataString(sloName)}";
}
