using Observability.Rules.Model;

namespace Observability.Rules.Slo;

/// <summary>
/// What a dashboard needs to show one SLO: produced from the SLO definitions (rules/Slo), turned into
/// Grafana panels by dashboards/. Expressions read the SLO's recording rules, so panels and alerts agree.
/// </summary>
public sealed record SloDashboardSpec
{
    /// <summary>The SLO's name, e.g. <c>api-availability</c> (the value of the <c>slo</c> label).</summary>
    public required string Name { get; init; }

    public required string Service { get; init; }

    public required string Description { get; init; }

    /// <summary>The objective in percent, e.g. 99.9.</summary>
    public required decimal ObjectivePercent { get; init; }

    public required Duration Period { get; init; }

    /// <summary>Fraction of the period's error budget left (1 = untouched, 0 = spent, negative = overspent).</summary>
    public required string ErrorBudgetRemainingExpr { get; init; }

    /// <summary>The SLI as a success ratio over a short window (0..1), for the "SLI over time" panel.</summary>
    public required string SliExpr { get; init; }

    /// <summary>Burn rate per window, window text ("5m", "1h", ...) → expression; in ascending window order.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> BurnRateExprs { get; init; }

    /// <summary>The burn-rate thresholds the alerts use (e.g. 14.4, 6, 3, 1), for threshold lines.</summary>
    public required IReadOnlyList<decimal> AlertBurnRates { get; init; }

    /// <summary>Metric names the expressions read (recording rules), for the dashboards' metric cross-check.</summary>
    public required IReadOnlyList<string> RecordedMetrics { get; init; }
}
