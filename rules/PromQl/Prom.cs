using System.Globalization;
using Observability.Rules.Model;

namespace Observability.Rules.PromQl;

/// <summary>
/// Typed builders for the PromQL shapes the rule packs, SLOs and dashboards repeat: rates over a window,
/// aggregations by labels, ratios, histogram quantiles. Label names are validated; output is canonical text.
/// </summary>
public static class Prom
{
    public static PromExpr Rate(Selector selector, Duration window) => new($"rate({selector.Range(window)})");

    public static PromExpr Increase(Selector selector, Duration window) => new($"increase({selector.Range(window)})");

    public static PromExpr Irate(Selector selector, Duration window) => new($"irate({selector.Range(window)})");

    public static PromExpr AvgOverTime(Selector selector, Duration window) => new($"avg_over_time({selector.Range(window)})");

    public static PromExpr MaxOverTime(Selector selector, Duration window) => new($"max_over_time({selector.Range(window)})");

    public static PromExpr Sum(PromExpr expr, params IEnumerable<string> by) => Aggregate("sum", expr, by);

    public static PromExpr Avg(PromExpr expr, params IEnumerable<string> by) => Aggregate("avg", expr, by);

    public static PromExpr Max(PromExpr expr, params IEnumerable<string> by) => Aggregate("max", expr, by);

    public static PromExpr Min(PromExpr expr, params IEnumerable<string> by) => Aggregate("min", expr, by);

    public static PromExpr Count(PromExpr expr, params IEnumerable<string> by) => Aggregate("count", expr, by);

    /// <summary><c>op by (a, b) (expr)</c>, or <c>op(expr)</c> without labels.</summary>
    public static PromExpr Aggregate(string op, PromExpr expr, IEnumerable<string> by)
    {
        var labels = By(by);
        return new(labels.Length == 0 ? $"{op}({expr.Text})" : $"{op} by ({labels}) ({expr.Text})");
    }

    /// <summary><c>op without (a, b) (expr)</c>: keeps every label but these (kube-prometheus' style for per-target series).</summary>
    public static PromExpr AggregateWithout(string op, PromExpr expr, params IEnumerable<string> without)
    {
        var labels = By(without);
        if (labels.Length == 0)
            throw new ArgumentException("without: name at least one label", nameof(without));
        return new($"{op} without ({labels}) ({expr.Text})");
    }

    /// <summary><c>histogram_quantile(q, sum by (le, ...) (rate(metric_bucket{...}[window])))</c>.</summary>
    public static PromExpr HistogramQuantile(double quantile, Selector buckets, Duration window, params IEnumerable<string> by)
    {
        if (quantile is < 0 or > 1 || double.IsNaN(quantile))
            throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "A quantile is between 0 and 1.");
        var labels = by.Where(l => l != "le").Prepend("le");
        return new($"histogram_quantile({PromExpr.Number(quantile)}, {Sum(Rate(buckets, window), labels).Text})");
    }

    /// <summary>
    /// The share of events matching <paramref name="bad"/>:
    /// <c>sum by (...) (rate(total{bad}[w])) / sum by (...) (rate(total[w]))</c>. NaN (no alert) when there is no traffic.
    /// </summary>
    public static PromExpr ErrorRatio(Selector total, IEnumerable<Matcher> bad, Duration window, params IEnumerable<string> by)
    {
        var labels = by.ToList();
        return Sum(Rate(total.With(bad), window), labels) / Sum(Rate(total, window), labels);
    }

    /// <summary>A number literal, formatted invariantly.</summary>
    public static PromExpr Number(double value) => new(PromExpr.Number(value));

    /// <summary><c>vector(value)</c>: one series without labels, always present (e.g. the Watchdog).</summary>
    public static PromExpr Vector(double value) => new($"vector({PromExpr.Number(value)})");

    private static string By(IEnumerable<string> labels)
    {
        var list = labels.ToList();
        foreach (var label in list)
            PromNames.RequireLabelName(label, "by");
        if (list.Distinct(StringComparer.Ordinal).Count() != list.Count)
            throw new ArgumentException($"by: labels repeat in ({string.Join(", ", list)})", nameof(labels));
        return string.Join(", ", list);
    }

    internal static string Join(IEnumerable<string> labels) => string.Join(", ", labels.Select(l => PromNames.RequireLabelName(l, "on")));

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
