using System.Collections.Immutable;
using Observability.Rules.Model;
using Observability.Rules.Packs;
using Observability.Rules.Validation;

namespace Observability.Stacks.Settings;

/// <summary>The platform rule packs (rules/Packs): which packs run, runbook links, labels, and per-alert overrides.</summary>
public sealed record RuleSettings : ICheckedSettings
{
    /// <summary>Where each alert's <c>runbook_url</c> points; <c>{alertname}</c> becomes the alert name.</summary>
    public string RunbookUrlPattern { get; init; } = "https://github.com/acme/observability/blob/main/docs/runbooks/{alertname}.md";

    /// <summary>Labels added to every alert and SLO alert (e.g. <c>team</c>).</summary>
    [Pattern("^[a-zA-Z_][a-zA-Z0-9_]*$", "a Prometheus label name")]
    public ImmutableSortedDictionary<string, string> AlertLabels { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    public RulePacks Packs { get; init; } = new();

    /// <summary>Caps every alert's <c>for</c> (test stacks that cannot wait minutes); null leaves them as set.</summary>
    [DurationRange("0s", "1h")]
    public Duration? MaxFor { get; init; }

    /// <summary>Which scrape jobs ServiceDown watches.</summary>
    public ServiceDownSettings ServiceDown { get; init; } = new();

    /// <summary>
    /// Watch the control plane: scrape etcd, kube-scheduler, kube-controller-manager and kube-proxy and deploy the chart's
    /// rules and dashboards for them. Off by default: managed clusters (EKS, GKE, AKS) hide these components, and their
    /// targets would be down forever. Turn it on for self-managed clusters (kubeadm, k3s, ...).
    /// </summary>
    public bool ControlPlane { get; init; }

    /// <summary>Per alert (PascalCase name): its <c>for</c> and threshold.</summary>
    [Pattern("^[A-Z][A-Za-z0-9]*$", "a PascalCase alert name like HighErrorRate")]
    public ImmutableSortedDictionary<string, AlertOverride> Alerts { get; init; } = ImmutableSortedDictionary<string, AlertOverride>.Empty;

    /// <summary>The part of <see cref="RunbookUrlPattern"/> before <c>{alertname}</c>: every runbook URL starts with it.</summary>
    public string RunbookBaseUrl => RunbookUrlPattern.Split("{alertname}")[0];

    /// <summary>
    /// Each override names a declared alert (<see cref="PlatformAlerts"/>, which need no composition) and sets only what the
    /// declaration lets change, within its threshold's kind; the runbook pattern yields absolute URLs.
    /// </summary>
    public void Check(string path, ICollection<Problem> problems)
    {
        var thresholds = new List<(AlertDeclaration Alert, decimal Value)>();
        foreach (var (name, over) in Alerts)
        {
            if (PlatformAlerts.FindOverridable(name) is not { } alert)
            {
                var known = PlatformAlerts.OverridableNames;
                problems.Add(new Problem($"{path}.alerts.{name}", $"unknown alert{SettingsBinder.Suggest(name, known)} (expected one of {string.Join(", ", known)})"));
            }
            else if (over.Threshold is { } value && alert.Threshold is null)
            {
                problems.Add(new Problem($"{path}.alerts.{name}.threshold", alert.ThresholdProblem((double)value, $"{value}")!));
            }
            else if (over.Threshold is { } threshold)
            {
                thresholds.Add((alert, threshold));
            }
        }

        if (RulePackOptions.RunbookPatternProblem(RunbookUrlPattern) is { } runbook)
            problems.Add(new Problem($"{path}.runbookUrlPattern", runbook));

        // Threshold values in the packs' order, after the names, as they were always reported.
        foreach (var (alert, value) in thresholds.OrderBy(t => PlatformAlerts.All.IndexOf(t.Alert)))
        {
            if (alert.ThresholdProblem((double)value, $"{value}") is { } problem)
                problems.Add(new Problem($"{path}.alerts.{alert.Name}.threshold", problem));
        }
    }
}

/// <summary>
/// The jobs whose targets ServiceDown (<c>up == 0</c>, critical) pages for. node-exporter is never one of them (NodeDown
/// covers nodes). By default every other job except the control-plane ones kube-prometheus-stack scrapes but many clusters
/// cannot reach (kube-controller-manager, kube-scheduler, kube-etcd, kube-proxy); <c>jobs</c> scopes it to a list instead.
/// </summary>
public sealed record ServiceDownSettings : ICheckedSettings
{
    private const string JobPattern = "^[A-Za-z0-9_][A-Za-z0-9_.:/-]*$";
    private const string JobExpected = "a job name like api or kube-scheduler";

    /// <summary>When set, ServiceDown watches exactly these jobs (literal names); <see cref="ExcludeJobs"/> is then unused.</summary>
    [Pattern(JobPattern, JobExpected)]
    public ImmutableArray<string> Jobs { get; init; } = [];

    /// <summary>Jobs ServiceDown leaves alone when <see cref="Jobs"/> is empty (replaces the default list).</summary>
    [Pattern(JobPattern, JobExpected)]
    public ImmutableArray<string> ExcludeJobs { get; init; } = [.. Rules.Conventions.HttpConventions.ControlPlaneJobs];

    public void Check(string path, ICollection<Problem> problems)
    {
        foreach (var (key, list) in new[] { ("jobs", Jobs), ("excludeJobs", ExcludeJobs) })
        {
            foreach (var duplicate in list.GroupBy(j => j, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
                problems.Add(new Problem($"{path}.{key}", $"expected each job once, found \"{duplicate}\" more than once"));
        }

        if (Jobs.Contains(Rules.Conventions.HttpConventions.NodeExporterJob))
            problems.Add(new Problem($"{path}.jobs", $"expected jobs other than {Rules.Conventions.HttpConventions.NodeExporterJob} (NodeDown pages for nodes), found it"));
    }
}

/// <summary>Which rule packs run. Postgres and Redis default to on exactly when their exporter is configured.</summary>
public sealed record RulePacks
{
    public bool Http { get; init; } = true;

    public bool Agents { get; init; } = true;

    public bool? Postgres { get; init; }

    public bool? Redis { get; init; }

    public bool Nodes { get; init; } = true;

    public bool Kubernetes { get; init; } = true;

    /// <summary>Loki's own alerts (requests, panics, discarded lines, compactor, logs not arriving).</summary>
    public bool Loki { get; init; } = true;

    /// <summary>The log agent's alerts (Alloy or Promtail: dropped entries, failing pushes, files not read).</summary>
    public bool LogAgent { get; init; } = true;

    /// <summary>Jaeger's alerts (refused spans, storage failures, queue, spans not arriving).</summary>
    public bool Tracing { get; init; } = true;

    /// <summary>Grafana's alerts (gone, failing requests, failing datasources).</summary>
    public bool Grafana { get; init; } = true;

    /// <summary>The always-firing Watchdog heartbeat.</summary>
    public bool Watchdog { get; init; } = true;
}

/// <summary>One alert's overrides.</summary>
public sealed record AlertOverride
{
    [DurationRange("0s", "24h")]
    public Duration? For { get; init; }

    /// <summary>The alert's threshold, in the unit the alert compares (ratio 0..1, seconds, count...).</summary>
    [Range(-1e12, 1e12)]
    public decimal? Threshold { get; init; }
}
