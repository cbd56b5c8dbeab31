using System.Collections.Immutable;
using Observability.Rules.Model;
using Observability.Rules.PromQl;

namespace Observability.Rules.Slo;

/// <summary>Whom a burn-rate alert wakes: a page (someone acts now) or a ticket (someone acts this week).</summary>
public enum AlertTier
{
    Page,
    Ticket,
}

/// <summary>
/// One multi-window burn-rate condition (Google SRE workbook, ch. 5): fire when the error budget consumed over
/// <see cref="Long"/> exceeds <see cref="BudgetPercent"/> % of the period's budget, and the <see cref="Short"/>
/// window (1/12 of the long one) still burns as fast, so the alert clears soon after the burning stops.
/// </summary>
/// <remarks>
/// The burn-rate factor follows from the period: burning at factor <c>f</c> for a window <c>w</c> consumes
/// <c>f · w / period</c> of the budget, so consuming <c>p</c> % in <c>w</c> means <c>f = p/100 · period / w</c>.
/// For 30d: 2 % in 1h → 14.4, 5 % in 6h → 6, 10 % in 1d → 3, 10 % in 3d → 1. For 28d: 13.44, 5.6, 2.8, 0.9333.
/// For 7d: 3.36, 1.4, 0.7, 0.2333. See <see cref="BurnRates.Factor"/> for the (exact) arithmetic.
/// </remarks>
public sealed record BurnRateWindow(AlertTier Tier, Duration Long, Duration Short, decimal BudgetPercent)
{
    /// <summary>The SRE workbook's four conditions: page on 2 %/1h and 5 %/6h, ticket on 10 %/1d and 10 %/3d.</summary>
    public static ImmutableArray<BurnRateWindow> Workbook { get; } =
    [
        new(AlertTier.Page, Duration.Hours(1), Duration.Minutes(5), 2m),
        new(AlertTier.Page, Duration.Hours(6), Duration.Minutes(30), 5m),
        new(AlertTier.Ticket, Duration.Days(1), Duration.Hours(2), 10m),
        new(AlertTier.Ticket, Duration.Days(3), Duration.Hours(6), 10m),
    ];

    public override string ToString() => $"{Tier} {Long}/{Short} at {PromExpr.Number(BudgetPercent)}% of the budget";
}

/// <summary>
/// How SLOs compile: where alerts link to, their severities and <c>for</c> durations, the burn-rate conditions.
/// Every duration is a parameter so that end-to-end tests can shrink them through stack settings.
/// </summary>
public sealed record SloOptions
{
    /// <summary>The placeholder in <see cref="RunbookUrlPattern"/> replaced by the alert name (the rule packs' convention).</summary>
    public const string AlertNamePlaceholder = "{alertname}";

    /// <summary>
    /// Where each alert's runbook lives, the same pattern as every other rule, e.g.
    /// <c>https://github.com/acme/observability/blob/main/docs/runbooks/{alertname}.md</c>.
    /// </summary>
    public required string RunbookUrlPattern { get; init; }

    /// <summary>Grafana's external URL; alerts link to the SLO dashboard (<c>/d/slos?var-slo=...</c>).</summary>
    public required string GrafanaBaseUrl { get; init; }

    public Severity PageSeverity { get; init; } = Severity.Critical;

    public Severity TicketSeverity { get; init; } = Severity.Warning;

    public Severity NoDataSeverity { get; init; } = Severity.Warning;

    /// <summary>
    /// <c>for</c> of the page alert, unless the SLO sets its own (<see cref="SloDefinition.PageFor"/>). Small on purpose: the short window already filters blips, and every minute of
    /// delay at 14.4× costs 0.03 % of a 30d budget.
    /// </summary>
    public Duration PageFor { get; init; } = Duration.Minutes(2);

    /// <summary><c>for</c> of the ticket alert, unless the SLO sets its own (<see cref="SloDefinition.TicketFor"/>).</summary>
    public Duration TicketFor { get; init; } = Duration.Minutes(10);

    /// <summary><c>for</c> of the no-data alert, unless the SLO sets its own: how long the SLI may be missing (e.g. during a Prometheus restart) before it alerts.</summary>
    public Duration NoDataFor { get; init; } = Duration.Minutes(10);

    /// <summary>Evaluation interval of the SLO groups; the server's global interval when <c>null</c>.</summary>
    public Duration? EvaluationInterval { get; init; }

    /// <summary>
    /// Evaluation interval of each SLO's long-window group (<see cref="SloConventions.LongGroupName"/>: the windows of
    /// at least <see cref="SloConventions.LongWindowFrom"/>, the period, the period's burn rate and budget, and the
    /// ticket alert). Those windows are the expensive ones (a 30d window reads 172,800 samples of a 15s rule per
    /// series) and move by a hair per minute, so evaluating them every minute instead of every 15s costs a quarter as
    /// much and moves the ticket by at most this interval. Must not be shorter than <see cref="EvaluationInterval"/>.
    /// </summary>
    public Duration LongWindowInterval { get; init; } = Duration.Minutes(1);

    /// <summary>The runbook of an alert.</summary>
    public string RunbookUrl(string alertName) => RunbookUrlPattern.Replace(AlertNamePlaceholder, alertName, StringComparison.Ordinal);

    /// <summary>The burn-rate conditions; windows must be among <see cref="SloConventions.Windows"/>.</summary>
    public ImmutableArray<BurnRateWindow> BurnRateWindows { get; init; } = BurnRateWindow.Workbook;
}
