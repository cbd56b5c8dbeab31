using System.Collections.Immutable;
using System.Globalization;
using Observability.Rules.Conventions;
using Observability.Rules.Model;
using Observability.Rules.PromQl;

namespace Observability.Rules.Packs;

/// <summary>What kind of number an alert's threshold is, and so which values an override may take.</summary>
public enum ThresholdKind
{
    /// <summary>A share between 0 and 1 exclusive (0.05 = 5%).</summary>
    Ratio,

    /// <summary>A finite number greater than 0 (a rate, a duration in seconds, a count, bytes).</summary>
    Positive,
}

/// <summary>An alert's threshold: its kind, its default and the unit the alert compares it in.</summary>
public sealed record ThresholdSpec(ThresholdKind Kind, double Default, string Unit)
{
    /// <summary>A share between 0 and 1 exclusive.</summary>
    public static ThresholdSpec Ratio(double @default) => new(ThresholdKind.Ratio, @default, "ratio");

    /// <summary>A number greater than 0 in <paramref name="unit"/> (e.g. <c>seconds</c>, <c>requests/s</c>).</summary>
    public static ThresholdSpec Positive(double @default, string unit) => new(ThresholdKind.Positive, @default, unit);

    /// <summary>Why <paramref name="value"/> cannot be this threshold, or null when it can.</summary>
    public string? Problem(double value) => Kind switch
    {
        ThresholdKind.Ratio when !(value > 0 && value < 1) =>
            string.Create(CultureInfo.InvariantCulture, $"must be a ratio between 0 and 1 exclusive (e.g. 0.05 for 5%), found {value}"),
        ThresholdKind.Positive when !(value > 0) || double.IsInfinity(value) =>
            string.Create(CultureInfo.InvariantCulture, $"must be a number greater than 0, found {value}"),
        _ => null,
    };
}

/// <summary>
/// One platform alert, declared once in its pack's file: name, pack, severity, <c>for</c>, threshold, the dashboard panel
/// that explains it. Its runbook is <see cref="RunbookFile"/>. The pack options (<see cref="RulePackOptions.For"/>,
/// <see cref="RulePackOptions.Threshold"/>), their validation, the stack override keys (<c>rules.alerts.&lt;Name&gt;</c>),
/// the <c>dashboard_url</c> and the promtool case list all read this declaration.
/// </summary>
public sealed record AlertDeclaration
{
    public required string Name { get; init; }

    /// <summary>The pack (rule group) that builds the alert.</summary>
    public required RulePack Pack { get; init; }

    public required Severity Severity { get; init; }

    /// <summary>The default <c>for</c>; <c>0s</c> fires at once.</summary>
    public required Duration For { get; init; }

    /// <summary>The panel the alert's <c>dashboard_url</c> opens.</summary>
    public required PanelRef Panel { get; init; }

    /// <summary>The threshold a stack may override; null when only the <c>for</c> can change.</summary>
    public ThresholdSpec? Threshold { get; init; }

    /// <summary>Fires at every evaluation by design (the Watchdog): no silent case, no override.</summary>
    public bool AlwaysFiring { get; init; }

    /// <summary>The runbook, relative to the repository root (the default runbook URL pattern points here).</summary>
    public string RunbookFile => $"docs/runbooks/{Name}.md";

    /// <summary>Why overriding the threshold with <paramref name="value"/> (shown as <paramref name="found"/>) is wrong, or null.</summary>
    public string? ThresholdProblem(double value, string found) =>
        Threshold is null
            ? $"expected no threshold ({Name} has no threshold; only its for can change), found {found}"
            : Threshold.Problem(value);

    public override string ToString() => Name;
}

/// <summary>
/// A rule pack: one rule group, built by one function, and the alerts declared with <see cref="Alert"/> in the pack's file
/// (in declaration order). <see cref="PlatformRules.Packs"/> lists the packs.
/// </summary>
public sealed class RulePack
{
    private readonly List<AlertDeclaration> alerts = [];
    private readonly Func<RulePackOptions, RuleGroup> build;

    public RulePack(string groupName, Func<RulePackOptions, RuleGroup> build)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupName);
        GroupName = groupName;
        this.build = build ?? throw new ArgumentNullException(nameof(build));
    }

    /// <summary>The rule group's name, also the pack's name in <see cref="RulePackOptions.DisabledPacks"/>.</summary>
    public string GroupName { get; }

    /// <summary>The pack's alerts, in declaration order.</summary>
    public IReadOnlyList<AlertDeclaration> Alerts => alerts;

    /// <summary>The pack's rule group for <paramref name="options"/>.</summary>
    public RuleGroup Build(RulePackOptions options) => build(options);

    /// <summary>Declares an alert of this pack (called from the pack's static properties, in order).</summary>
    public AlertDeclaration Alert(string name, Severity severity, Duration @for, PanelRef panel, ThresholdSpec? threshold = null, bool alwaysFiring = false)
    {
        if (!PromNames.IsValidAlertName(name))
            throw new ArgumentException($"alert \"{name}\" of pack \"{GroupName}\" is not PascalCase (expected [A-Z][A-Za-z0-9]*)", nameof(name));
        ArgumentNullException.ThrowIfNull(panel);
        var alert = new AlertDeclaration
        {
            Name = name, Pack = this, Severity = severity, For = @for, Panel = panel, Threshold = threshold, AlwaysFiring = alwaysFiring,
        };
        alerts.Add(alert);
        return alert;
    }

    public override string ToString() => GroupName;
}

/// <summary>Every platform alert declaration, from the packs of <see cref="PlatformRules.Packs"/>.</summary>
public static class PlatformAlerts
{
    /// <summary>Every declared alert, pack by pack in build order.</summary>
    public static ImmutableArray<AlertDeclaration> All { get; } = [.. PlatformRules.Packs.SelectMany(p => p.Alerts)];

    private static readonly ImmutableDictionary<string, AlertDeclaration> ByName = All.ToImmutableDictionary(a => a.Name, StringComparer.Ordinal);

    /// <summary>The alerts a stack may override (<c>rules.alerts.&lt;Name&gt;</c>), by name in ordinal order.</summary>
    public static ImmutableArray<string> OverridableNames { get; } =
        [.. All.Where(a => !a.AlwaysFiring).Select(a => a.Name).Order(StringComparer.Ordinal)];

    /// <summary>The declaration named <paramref name="name"/>, or null.</summary>
    public static AlertDeclaration? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The declaration named <paramref name="name"/> that a stack may override, or null.</summary>
    public static AlertDeclaration? FindOverridable(string name) => Find(name) is { AlwaysFiring: false } alert ? alert : null;
}
