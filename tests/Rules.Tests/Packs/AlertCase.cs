using System.Collections.Immutable;
using Observability.Rules.Model;
using Observability.Rules.Packs;
using Observability.Rules.Testing;

namespace Observability.Rules.Tests.Packs;

/// <summary>One scenario for one alert: input series sampled every minute, and what must (not) fire when.</summary>
public sealed record AlertCase(string Alert, string Scenario, ImmutableArray<InputSeries> Series, ImmutableArray<AlertCheck> Checks)
{
    public PromtoolTestGroup ToTestGroup() => new()
    {
        Name = $"{Alert}: {Scenario}",
        Interval = Duration.Minutes(1),
        InputSeries = Series,
        AlertRuleTests = [.. Checks.Select(c => new AlertRuleTest { EvalTime = c.At, AlertName = Alert, ExpAlerts = c.Alerts })],
    };

    public override string ToString() => $"{Alert}: {Scenario}";
}

/// <summary>At <see cref="At"/>, exactly <see cref="Alerts"/> fire (none: the alert is silent).</summary>
public sealed record AlertCheck(Duration At, ImmutableArray<ExpectedAlert> Alerts)
{
    public bool Silent => Alerts.IsDefaultOrEmpty;
}

/// <summary>
/// The promtool cases of one rule pack, in one file per pack (<c>Cases/&lt;Pack&gt;AlertCases.cs</c>), as kubernetes-mixin
/// keeps one test file per area. <see cref="AlertCases"/> finds every such class; a pack without one, or a declared
/// alert without a firing and a silent case in its pack's file, fails <see cref="PlatformAlertTests"/>.
/// </summary>
public abstract class PackCases
{
    public abstract RulePack Pack { get; }

    public abstract IReadOnlyList<AlertCase> Cases { get; }
}

/// <summary>Every pack's cases, pack by pack in <see cref="PlatformRules.Packs"/> order.</summary>
internal static class AlertCases
{
    /// <summary>Every <see cref="PackCases"/> class of this assembly, one instance each, in pack order.</summary>
    public static IReadOnlyList<PackCases> Packs { get; } =
        typeof(PackCases).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(PackCases)) && !t.IsAbstract)
            .Select(t => (PackCases)Activator.CreateInstance(t, nonPublic: true)!)
            .OrderBy(c => PlatformRules.Packs.IndexOf(c.Pack))
            .ThenBy(c => c.GetType().Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>Every case of every pack.</summary>
    public static IReadOnlyList<AlertCase> All { get; } = [.. Packs.SelectMany(p => p.Cases)];
}

/// <summary>Shorthands for writing cases that read like the scenario.</summary>
internal static class CaseDsl
{
    private static readonly RulePackOptions Options = RulePackOptions.Default;

    private static readonly ImmutableDictionary<string, AlertRule> Rules =
        PlatformRules.Build(Options).SelectMany(g => g.Alerts).ToImmutableDictionary(a => a.Alert);

    public static InputSeries S(string metric, SeriesValues values, params (string Name, string Value)[] labels) =>
        InputSeries.Of(metric, values, labels);

    /// <summary>A counter growing by <paramref name="perMinute"/> each minute for <paramref name="minutes"/> minutes.</summary>
    public static SeriesValues Counter(double perMinute, int minutes = 40) => SeriesValues.Linear(0, perMinute, minutes);

    /// <summary>A gauge holding <paramref name="value"/> for <paramref name="minutes"/> minutes.</summary>
    public static SeriesValues Gauge(double value, int minutes = 40) => SeriesValues.Constant(value, minutes);

    public static Duration M(int minutes) => Duration.Minutes(minutes);

    public static AlertCheck SilentAt(Duration at) => new(at, []);

    /// <summary>
    /// The alert fires with exactly these labels (severity included) and annotations. The summary and description are
    /// written out in full (they prove the expression's value); the links come from the one runbook/dashboard pattern.
    /// </summary>
    public static AlertCheck FiresAt(Duration at, AlertDeclaration alert, (string Name, string Value)[] labels, string summary, string description)
    {
        var rule = Rules[alert.Name];
        return new(at,
        [
            new ExpectedAlert
            {
                ExpLabels = LabelSet.Of(labels),
                ExpAnnotations = LabelSet.Of(
                    ("summary", summary),
                    ("description", description),
                    ("runbook_url", Options.RunbookUrl(alert.Name)),
                    ("dashboard_url", rule.DashboardUrl!)),
            },
        ]);
    }

    public static AlertCase Case(AlertDeclaration alert, string scenario, InputSeries[] series, params AlertCheck[] checks) =>
        new(alert.Name, scenario, [.. series], [.. checks]);
}
