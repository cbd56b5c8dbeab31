using Observability.Rules.PromQl;
namespace Observability.Rules.Alertmanager;

/// <summary>
/// While an alert matching <see cref="SourceMatchers"/> fires, alerts matching <see cref="TargetMatchers"/> that carry
/// the same values of every <see cref="Equal"/> label are muted.
/// </summary>
public sealed record InhibitRule
{
    public IReadOnlyList<Matcher> SourceMatchers { get; init; } = [];

    public IReadOnlyList<Matcher> TargetMatchers { get; init; } = [];

    public IReadOnlyList<string> Equal { get; init; } = [];

    /// <summary>Starts a rule: while an alert matching <paramref name="source"/> fires...</summary>
    public static InhibitRule When(params Matcher[] source) => new() { SourceMatchers = [.. source] };

    /// <summary>... mute alerts matching <paramref name="target"/> ...</summary>
    public InhibitRule Mutes(params Matcher[] target) => this with { TargetMatchers = [.. TargetMatchers, .. target] };

    /// <summary>... that share these labels' values with the source.</summary>
    public InhibitRule OnEqual(params string[] labels) => this with { Equal = [.. Equal, .. labels] };

    /// <summary>
    /// True when a firing <paramref name="source"/> alert mutes <paramref name="target"/> under this rule, as Alertmanager
    /// decides it: source and target matchers hold, and every <see cref="Equal"/> label has the same value on both
    /// (a missing label counts as empty). An alert never inhibits itself.
    /// </summary>
    public bool Inhibits(IReadOnlyDictionary<string, string> source, IReadOnlyDictionary<string, string> target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (ReferenceEquals(source, target) || SameLabels(source, target))
            return false;
        return SourceMatchers.All(m => m.Matches(source)) &&
               TargetMatchers.All(m => m.Matches(target)) &&
               Equal.All(label => Value(source, label) == Value(target, label));
    }

    private static string Value(IReadOnlyDictionary<string, string> labels, string name) =>
        labels.TryGetValue(name, out var value) ? value : "";

    private static bool SameLabels(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var value) && value == pair.Value);
}
