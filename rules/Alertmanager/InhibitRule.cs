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
}
