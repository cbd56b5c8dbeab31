using System.Collections.Immutable;
using Observability.Rules.Conventions;
using Observability.Rules.Model;
using Observability.Rules.Validation;

namespace Observability.Rules.Packs;

/// <summary>An alert's threshold and how long it must hold (<c>for</c>) before the alert fires; <c>0s</c> fires at once.</summary>
public sealed record AlertThreshold(double Value, Duration For);

/// <summary>One alert's overrides of its declaration: a threshold (alerts that have one) and a <c>for</c>; null keeps the default.</summary>
public sealed record AlertTuning(double? Threshold = null, Duration? For = null);

/// <summary>
/// Everything the platform's rule packs can be tuned by. Each alert's defaults are its <see cref="AlertDeclaration"/>;
/// <see cref="Alerts"/> overrides them by alert name (the stack keys <c>rules.alerts.&lt;Name&gt;</c>), and
/// <see cref="MaxFor"/> caps every <c>for</c> (end-to-end tests shorten them).
/// </summary>
public sealed record RulePackOptions
{
    /// <summary>The placeholder in <see cref="RunbookUrlPattern"/> replaced by the alert name.</summary>
    public const string AlertNamePlaceholder = "{alertname}";

    public static RulePackOptions Default { get; } = new();

    /// <summary>Selectors, labels and windows the rules read.</summary>
    public PlatformConventions Conventions { get; init; } = PlatformConventions.Default;

    /// <summary>Where each alert's runbook lives; <c>{alertname}</c> becomes the alert name.</summary>
    public string RunbookUrlPattern { get; init; } = "https://github.com/platform/observability/blob/main/docs/runbooks/{alertname}.md";

    /// <summary>Grafana's external URL, the base of every <c>dashboard_url</c>.</summary>
    public string GrafanaBaseUrl { get; init; } = "http://localhost:3000";

    /// <summary>Labels added to every alert (e.g. <c>team</c>), besides <c>severity</c>.</summary>
    public ImmutableSortedDictionary<string, string> AlertLabels { get; init; } = LabelSet.Empty;

    /// <summary>The packs (by <see cref="RulePack.GroupName"/>) that build no group; every other pack of <see cref="PlatformRules.Packs"/> does.</summary>
    public ImmutableSortedSet<string> DisabledPacks { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    /// <summary>Per alert name: overrides of the declared threshold and <c>for</c>.</summary>
    public ImmutableSortedDictionary<string, AlertTuning> Alerts { get; init; } = ImmutableSortedDictionary.Create<string, AlertTuning>(StringComparer.Ordinal);

    /// <summary>Caps every alert's <c>for</c>; null leaves them as declared or overridden.</summary>
    public Duration? MaxFor { get; init; }

    /// <summary>
    /// True where kube-prometheus-stack's <c>node-exporter.rules</c> group is deployed beside the nodes pack: it records
    /// <see cref="RecordNames.UpstreamNodeRecords"/> with the same expressions, so the pack does not (no two rules may
    /// record the same series) and its alerts read the chart's series.
    /// </summary>
    public bool UpstreamNodeRecordings { get; init; }

    public string RunbookUrl(string alertName) =>
        RunbookUrlPattern.Replace(AlertNamePlaceholder, alertName, StringComparison.Ordinal);

    public string DashboardUrl(PanelRef panel) => panel.Url(GrafanaBaseUrl);

    /// <summary>True unless <paramref name="pack"/> is one of <see cref="DisabledPacks"/>.</summary>
    public bool IsEnabled(RulePack pack) => !DisabledPacks.Contains(pack.GroupName);

    /// <summary>These options with <paramref name="packs"/> switched off.</summary>
    public RulePackOptions Without(params IEnumerable<RulePack> packs) =>
        this with { DisabledPacks = DisabledPacks.Union(packs.Select(p => p.GroupName)) };

    /// <summary>These options with <paramref name="alert"/>'s threshold and/or <c>for</c> overridden.</summary>
    public RulePackOptions Tune(AlertDeclaration alert, double? threshold = null, Duration? @for = null)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var current = Alerts.GetValueOrDefault(alert.Name) ?? new AlertTuning();
        return this with { Alerts = Alerts.SetItem(alert.Name, new AlertTuning(threshold ?? current.Threshold, @for ?? current.For)) };
    }

    /// <summary>The <c>for</c> of <paramref name="alert"/>: its override or declaration, capped at <see cref="MaxFor"/>.</summary>
    public Duration For(AlertDeclaration alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var pending = Alerts.GetValueOrDefault(alert.Name)?.For ?? alert.For;
        return MaxFor is { } max && pending > max ? max : pending;
    }

    /// <summary>The threshold and <c>for</c> of <paramref name="alert"/>, which must declare a threshold.</summary>
    public AlertThreshold Threshold(AlertDeclaration alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var spec = alert.Threshold ?? throw new InvalidOperationException($"{alert.Name} declares no threshold; only its for can change.");
        return new AlertThreshold(Alerts.GetValueOrDefault(alert.Name)?.Threshold ?? spec.Default, For(alert));
    }

    /// <summary>Every alert's <c>for</c> capped at <paramref name="max"/>: for end-to-end tests that cannot wait 10 minutes.</summary>
    public RulePackOptions WithForAtMost(Duration max) =>
        this with { MaxFor = MaxFor is { } current && current < max ? current : max };

    /// <summary>Every problem of these options, paths under <paramref name="path"/> (e.g. <c>rules</c> → <c>rules.alerts.HighErrorRate.threshold</c>).</summary>
    public IReadOnlyList<Problem> Validate(string path = "rules")
    {
        var problems = new List<Problem>();
        if (RunbookPatternProblem(RunbookUrlPattern) is { } runbook)
            problems.Add(new Problem($"{path}.runbookUrlPattern", runbook));
        if (!IsHttpUrl(GrafanaBaseUrl))
            problems.Add(new Problem($"{path}.grafanaBaseUrl", $"\"{GrafanaBaseUrl}\" is not an absolute http(s) URL"));
        foreach (var pack in DisabledPacks.Where(p => PlatformRules.Packs.All(k => k.GroupName != p)))
            problems.Add(new Problem($"{path}.disabledPacks", $"unknown pack \"{pack}\" (expected one of {string.Join(", ", PlatformRules.Packs.Select(k => k.GroupName))})"));
        foreach (var (name, tuning) in Alerts)
        {
            if (PlatformAlerts.FindOverridable(name) is not { } alert)
                problems.Add(new Problem($"{path}.alerts.{name}", $"unknown alert (expected one of {string.Join(", ", PlatformAlerts.OverridableNames)})"));
            else if (tuning.Threshold is { } value && alert.ThresholdProblem(value, value.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } problem)
                problems.Add(new Problem($"{path}.alerts.{name}.threshold", problem));
        }

        return problems;
    }

    /// <summary>Why <paramref name="pattern"/> cannot be a runbook URL pattern, or null when it can.</summary>
    public static string? RunbookPatternProblem(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (!pattern.Contains(AlertNamePlaceholder, StringComparison.Ordinal))
            return $"\"{pattern}\" does not contain {AlertNamePlaceholder}";
        return IsHttpUrl(pattern.Replace(AlertNamePlaceholder, "X", StringComparison.Ordinal)) ? null : $"\"{pattern}\" is not an absolute http(s) URL";
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
