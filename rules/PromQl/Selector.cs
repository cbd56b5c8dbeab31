using System.Collections.Immutable;
using Observability.Rules.Model;

namespace Observability.Rules.PromQl;

/// <summary>
/// An instant vector selector, <c>metric{label="value", ...}</c>. The metric name is validated; matchers keep
/// their order, and a later matcher on the same label with the same operator replaces the earlier one.
/// </summary>
public sealed record Selector
{
    private Selector(string metric, ImmutableArray<Matcher> matchers)
    {
        Metric = metric;
        Matchers = matchers;
    }

    public string Metric { get; }

    public ImmutableArray<Matcher> Matchers { get; }

    public static Selector Of(string metric, params IEnumerable<Matcher> matchers) =>
        new Selector(PromNames.RequireMetricName(metric, "selector"), []).With(matchers);

    /// <summary>The same matchers on another metric (e.g. <c>_bucket</c>, <c>_count</c> of a histogram).</summary>
    public Selector ForMetric(string metric) => new(PromNames.RequireMetricName(metric, "selector"), Matchers);

    /// <summary>The same matchers on <c>metric + suffix</c>, e.g. <c>Suffixed("_bucket")</c>.</summary>
    public Selector Suffixed(string suffix) => ForMetric(Metric + suffix);

    public Selector With(params IEnumerable<Matcher> matchers)
    {
        var builder = Matchers.ToList();
        foreach (var matcher in matchers.Select(m => m.Checked()))
        {
            var existing = builder.FindIndex(m => m.Name == matcher.Name && m.Op == matcher.Op);
            if (existing >= 0)
                builder[existing] = matcher;
            else
                builder.Add(matcher);
        }

        return new(Metric, [.. builder]);
    }

    public Selector Where(string label, string value) => With(Matcher.Eq(label, value));

    public Selector WhereNot(string label, string value) => With(Matcher.NotEq(label, value));

    public Selector WhereMatches(string label, string pattern) => With(Matcher.Re(label, pattern));

    public Selector WhereNotMatches(string label, string pattern) => With(Matcher.NotRe(label, pattern));

    /// <summary>A range selector over <paramref name="window"/>: <c>metric{...}[5m]</c>.</summary>
    public string Range(Duration window)
    {
        if (window.Milliseconds <= 0)
            throw new ArgumentOutOfRangeException(nameof(window), window, "A range window must be greater than 0s.");
        return $"{this}[{window}]";
    }

    public PromExpr ToExpr() => new(ToString());

    public override string ToString() =>
        Matchers.IsDefaultOrEmpty ? Metric : $"{Metric}{{{string.Join(", ", Matchers)}}}";

    public static implicit operator PromExpr(Selector selector) => selector.ToExpr();
}
