using System.Collections.Immutable;

namespace Observability.Rules.Slo;

/// <summary>How a label matcher compares: <c>=</c>, <c>!=</c>, <c>=~</c>, <c>!~</c>.</summary>
public enum MatchType
{
    Equal,
    NotEqual,
    Regex,
    NotRegex,
}

/// <summary>One label matcher of a selector, e.g. <c>status=~"5.."</c>.</summary>
public sealed record LabelMatcher(string Label, MatchType Type, string Value)
{
    public static LabelMatcher Eq(string label, string value) => new(label, MatchType.Equal, value);

    public static LabelMatcher Regex(string label, string regex) => new(label, MatchType.Regex, regex);

    public string Operator => Type switch
    {
        MatchType.Equal => "=",
        MatchType.NotEqual => "!=",
        MatchType.Regex => "=~",
        MatchType.NotRegex => "!~",
        _ => throw new ArgumentOutOfRangeException(nameof(Type), Type, "Unknown match type."),
    };

    /// <summary>PromQL text: <c>label="value"</c>, the value escaped for a double-quoted string.</summary>
    public override string ToString() => $"{Label}{Operator}\"{Escape(Value)}\"";

    internal static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
}

/// <summary>
/// A series selector over a counter (or a histogram's base name): metric name and label matchers, written once
/// and rendered into every window. Immutable: <c>SliSelector.Of("http_requests_total").Where("job", "api")</c>.
/// </summary>
public sealed record SliSelector
{
    public required string Metric { get; init; }

    public ImmutableArray<LabelMatcher> Matchers { get; init; } = [];

    public static SliSelector Of(string metric, params ReadOnlySpan<LabelMatcher> matchers) =>
        new() { Metric = metric, Matchers = [.. matchers] };

    public SliSelector Where(string label, string value) => With(new LabelMatcher(label, MatchType.Equal, value));

    public SliSelector WhereNot(string label, string value) => With(new LabelMatcher(label, MatchType.NotEqual, value));

    public SliSelector WhereMatches(string label, string regex) => With(new LabelMatcher(label, MatchType.Regex, regex));

    public SliSelector WhereNotMatches(string label, string regex) => With(new LabelMatcher(label, MatchType.NotRegex, regex));

    public SliSelector With(LabelMatcher matcher) => this with { Matchers = Matchers.Add(matcher) };

    /// <summary>The same matchers on another metric (e.g. a histogram's <c>_bucket</c> series).</summary>
    public SliSelector OnMetric(string metric) => this with { Metric = metric };

    /// <summary>PromQL text: <c>metric{a="b", c=~"d"}</c>, or the bare metric name without matchers.</summary>
    public override string ToString() =>
        Matchers.IsDefaultOrEmpty ? Metric : $"{Metric}{{{string.Join(", ", Matchers)}}}";

    /// <summary>A range selector over <paramref name="window"/>: <c>metric{...}[5m]</c>.</summary>
    public string Range(Model.Duration window) => $"{this}[{window}]";
}
