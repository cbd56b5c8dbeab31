using System.Collections.Immutable;
using Observability.Rules.Model;
using Observability.Rules.Testing;

namespace Observability.Rules.PromQl;

/// <summary>How a label matcher compares: <c>=</c>, <c>!=</c>, <c>=~</c>, <c>!~</c>.</summary>
public enum MatchOp
{
    Equal,
    NotEqual,
    Regex,
    NotRegex,
}

/// <summary>One label matcher, e.g. <c>status=~"5.."</c>. The label name is validated when created.</summary>
public sealed record Matcher
{
    public Matcher(string label, MatchOp op, string value)
    {
        Label = PromNames.RequireLabelName(label, "matcher");
        if (!Enum.IsDefined(op))
            throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown match operator.");
        Op = op;
        Value = value ?? throw new ArgumentNullException(nameof(value));
    }

    public string Label { get; }

    public MatchOp Op { get; }

    public string Value { get; }

    public static Matcher Eq(string label, string value) => new(label, MatchOp.Equal, value);

    public static Matcher NotEq(string label, string value) => new(label, MatchOp.NotEqual, value);

    public static Matcher Re(string label, string pattern) => new(label, MatchOp.Regex, pattern);

    public static Matcher NotRe(string label, string pattern) => new(label, MatchOp.NotRegex, pattern);

    /// <summary>Matches any of <paramref name="values"/> literally (regex alternation of escaped values).</summary>
    public static Matcher In(string label, params IEnumerable<string> values) =>
        new(label, MatchOp.Regex, string.Join('|', values.Select(EscapeRegex)));

    /// <summary>Matches none of <paramref name="values"/> (literally).</summary>
    public static Matcher NotIn(string label, params IEnumerable<string> values) =>
        new(label, MatchOp.NotRegex, string.Join('|', values.Select(EscapeRegex)));

    public string OperatorText => Op switch
    {
        MatchOp.Equal => "=",
        MatchOp.NotEqual => "!=",
        MatchOp.Regex => "=~",
        _ => "!~",
    };

    public override string ToString() => $"{Label}{OperatorText}\"{SeriesText.Escape(Value)}\"";

    private static string EscapeRegex(string value) =>
        System.Text.RegularExpressions.Regex.Escape(value).Replace("\\ ", " ", StringComparison.Ordinal);
}

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
        foreach (var matcher in matchers)
        {
            var existing = builder.FindIndex(m => m.Label == matcher.Label && m.Op == matcher.Op);
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
