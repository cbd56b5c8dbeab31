using Observability.Rules.Model;

namespace Observability.Rules.Slo;

/// <summary>
/// Burn-rate arithmetic, in <see cref="decimal"/> so that the thresholds in the output are the numbers an SRE would
/// write by hand (0.0144, never 0.014400000000000001).
/// </summary>
public static class BurnRates
{
    /// <summary>Decimal places kept when a factor does not terminate (28d over 3d: 0.9333…).</summary>
    public const int FactorDecimals = 4;

    /// <summary>
    /// The burn-rate factor at which <paramref name="budgetPercent"/> % of a <paramref name="period"/>'s budget is
    /// consumed in <paramref name="window"/>: <c>f = budgetPercent / 100 · period / window</c>.
    /// Exact whenever the quotient has at most <see cref="FactorDecimals"/> decimals (every 30d factor, and all but the
    /// 3d ones for 28d and 7d); otherwise truncated, never rounded up, so that the alert errs on the side of firing
    /// (28d, 10 % in 3d: 0.9333 instead of 0.93333…, i.e. 0.0003 % of the budget earlier).
    /// </summary>
    public static decimal Factor(decimal budgetPercent, Duration period, Duration window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window.Milliseconds, 0L, nameof(window));
        var exact = budgetPercent * period.Milliseconds / (100m * window.Milliseconds);
        return Normalise(Math.Round(exact, FactorDecimals, MidpointRounding.ToZero));
    }

    /// <summary>The error-ratio threshold of a factor: <c>factor · (1 − objective)</c>, exact (14.4 × 0.001 = 0.0144).</summary>
    public static decimal Threshold(decimal factor, decimal errorBudgetRatio) => Normalise(factor * errorBudgetRatio);

    /// <summary>How long a full budget lasts at <paramref name="factor"/>: <c>period / factor</c>, to the minute.</summary>
    public static Duration TimeToExhaustion(Duration period, decimal factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(factor, 0m);
        var minutes = decimal.Floor(period.Milliseconds / 60_000m / factor);
        return Duration.Minutes((long)minutes);
    }

    /// <summary>Removes trailing zeros (14.40 → 14.4) so that equal values print alike.</summary>
    internal static decimal Normalise(decimal value) => value / 1.000000000000000000000000000000000m;
}
