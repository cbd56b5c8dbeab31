using System.Collections.Immutable;
using Observability.Rules.PromQl;

namespace Observability.Rules.Slo;

/// <summary>
/// A series selector over a counter (or a histogram's base name): metric name and label matchers, written once
/// and rendered into every window. Immutable: <c>SliSelector.Of("http_requests_total").Where("job", "api")</c>. Its matchers
/// are <see cref="Matcher"/>s taken as given: the SLO validator reports every bad one with the SLO's name and path.
/// </summary>
public sealed record SliSelector
{
    public required string Metric { get; init; }

    public ImmutableArray<Matcher> Matchers { get; init; } = [];

    public static SliSelector Of(string metric, params ReadOnlySpan<Matcher> matchers) =>
        new() { Metric = metric, Matchers = [.. matchers] };

    public SliSelector Where(string label, string value) => With(new Matcher(label, MatchOp.Equal, value));

    public SliSelector WhereNot(string label, string value) => With(new Matcher(label, MatchOp.NotEqual, value));

    public SliSelector WhereMatches(string label, string regex) => With(new Matcher(label, MatchOp.Regex, regex));

    public SliSelector WhereNotMatches(string label, string regex) => With(new Matcher(label, MatchOp.NotRegex, regex));

    public SliSelector With(Matcher matcher) => this with { Matchers = Matchers.Add(matcher) };

    /// <summary>The same matchers on another metric (e.g. a histogram's <c>_bucket</c> series).</summary>
    public SliSelector OnMetric(string metric) => this with { Metric = metric };

    /// <summary>PromQL text: <c>metric{a="b", c=~"d"}</c>, or the bare metric name without matchers.</summary>
    public override string ToString() =>
        Matchers.IsDefaultOrEmpty ? Metric : $"{Metric}{{{string.Join(", ", Matchers)}}}";

    /// <summary>A range selector over <paramref name="window"/>: <c>metric{...}[5m]</c>.</summary>
    public string Range(Model.Duration window) => $"{this}[{window}]";
}
