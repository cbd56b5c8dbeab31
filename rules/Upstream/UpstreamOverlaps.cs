using System.Collections.Immutable;
using Observability.Rules.Alertmanager;
using Observability.Rules.Packs;
using Observability.Rules.Conventions;
using Observability.Rules.PromQl;

namespace Observability.Rules.Upstream;

/// <summary>How one overlap between the chart's default alerts and the platform packs is resolved.</summary>
public enum OverlapResolution
{
    /// <summary>The chart's alerts are turned off (<c>defaultRules.disabled</c>); ours stay.</summary>
    ChartDisabled,

    /// <summary>Both fire on different conditions; while ours fires, Alertmanager mutes the chart's (an inhibit rule).</summary>
    ChartMutedByOurs,

    /// <summary>Both fire on different conditions; while the chart's fires, Alertmanager mutes ours (an inhibit rule).</summary>
    OursMutedByChart,

    /// <summary>Different conditions with different labels: both stay, and only one of them pages.</summary>
    Distinct,
}

/// <summary>
/// An Alertmanager inhibition an overlap needs: while an alert named one of <see cref="Sources"/> (and matching
/// <see cref="SourceMatchers"/>) fires, alerts named one of <see cref="Targets"/> (and matching
/// <see cref="TargetMatchers"/>) with the same <see cref="Equal"/> labels are muted.
/// Every <see cref="Equal"/> label must be present on both sides (a missing label never counts as "the same").
/// </summary>
public sealed record OverlapInhibition(ImmutableArray<string> Sources, ImmutableArray<string> Targets, ImmutableArray<string> Equal)
{
    public ImmutableArray<Matcher> SourceMatchers { get; init; } = [];

    public ImmutableArray<Matcher> TargetMatchers { get; init; } = [];

    /// <summary>The Alertmanager inhibit rule.</summary>
    public InhibitRule ToInhibitRule() =>
        InhibitRule
            .When([Name(Sources), .. SourceMatchers, .. Equal.Select(Matcher.Present)])
            .Mutes([Name(Targets), .. TargetMatchers, .. Equal.Select(Matcher.Present)])
            .OnEqual([.. Equal]);

    private static Matcher Name(ImmutableArray<string> names) =>
        names.Length == 1 ? Matcher.Eq("alertname", names[0]) : Matcher.Re("alertname", string.Join('|', names));
}

/// <summary>
/// One condition that both the chart's default rules and our packs watch, and the decision: one alert per condition,
/// never two pages for one fault.
/// </summary>
public sealed record Overlap(string Condition, ImmutableArray<string> ChartAlerts, ImmutableArray<string> OurAlerts, OverlapResolution Resolution, string Reason)
{
    /// <summary>The inhibition of <see cref="OverlapResolution.ChartMutedByOurs"/> and <see cref="OverlapResolution.OursMutedByChart"/>.</summary>
    public OverlapInhibition? Inhibition { get; init; }
}

/// <summary>
/// Every overlap between kube-prometheus-stack's default alerts and the platform packs, decided in one place. The chart's
/// values (<c>defaultRules.disabled</c>), the Alertmanager inhibitions, the counts and the README's overlap table all read
/// this list.
/// </summary>
public static class UpstreamOverlaps
{
    public static ImmutableArray<Overlap> All { get; } =
    [
        new("Alerting pipeline heartbeat (always firing)", ["Watchdog"], [WatchdogRules.Watchdog.Name], OverlapResolution.ChartDisabled,
            "same name and labels: two rules would write one series; ours has the runbook and is routed to the heartbeat"),
        new("Info alerts shown only beside a warning or critical", ["InfoInhibitor"], [], OverlapResolution.ChartDisabled,
            "it needs a null route and an inhibit rule of the chart's own Alertmanager config; ours emails info alerts (never pages), so it would itself be emailed all the time"),
        new("A scrape target is down", ["TargetDown"], [HttpRules.ServiceDown.Name, NodeRules.NodeDown.Name], OverlapResolution.ChartMutedByOurs,
            "TargetDown (warning, more than 10% of a job's targets for 10m) also covers the chart's components; while ServiceDown or NodeDown pages for the same job it is muted")
        {
            Inhibition = new([HttpRules.ServiceDown.Name, NodeRules.NodeDown.Name], ["TargetDown"], ["job"]),
        },
        new("A kubelet or API server target is down", ["KubeletInstanceUnreachable", "KubeAPIInstanceUnreachable"], [HttpRules.ServiceDown.Name], OverlapResolution.ChartMutedByOurs,
            "the same up == 0 series; ServiceDown pages sooner (1m against 15m), the chart's warning is muted for the same instance")
        {
            Inhibition = new([HttpRules.ServiceDown.Name], ["KubeletInstanceUnreachable", "KubeAPIInstanceUnreachable"], ["job", "instance"]),
        },
        new("Every kubelet is down", ["KubeletDown"], [HttpRules.ServiceDown.Name], OverlapResolution.ChartMutedByOurs,
            "no kubelet target up: ServiceDown pages after 1m (one notification, the kubelets grouped), KubeletDown would page again at 15m; while the kubelet's ServiceDown fires in its cluster, KubeletDown is muted (a kubelet gone from discovery, with no up series, leaves KubeletDown alone)")
        {
            Inhibition = new([HttpRules.ServiceDown.Name], ["KubeletDown"], ["cluster"]) { SourceMatchers = [Matcher.Eq("job", "kubelet")] },
        },
        new("Half the Alertmanagers are down", ["AlertmanagerClusterDown"], [HttpRules.ServiceDown.Name], OverlapResolution.ChartMutedByOurs,
            "the same up == 0 of the Alertmanager pods; ServiceDown pages after 1m, the chart's page would follow at 5m; while ServiceDown fires for the same Service it is muted")
        {
            Inhibition = new([HttpRules.ServiceDown.Name], ["AlertmanagerClusterDown"], ["namespace", "service"]),
        },
        new("A container keeps restarting", ["KubePodCrashLooping"], [KubernetesRules.PodRestarting.Name], OverlapResolution.ChartDisabled,
            "every crash loop restarts the container, so PodRestarting fires too, and it also catches restarts that never reach CrashLoopBackOff; its threshold is a stack setting"),
        new("Container CPU throttled", ["CPUThrottlingHigh"], [KubernetesRules.ContainerCpuThrottling.Name], OverlapResolution.ChartDisabled,
            "the same ratio of throttled CFS periods (25%, 15m, info); ours links its panel and runbook and its threshold is a stack setting"),
        new("Node CPU busy", ["NodeCPUHighUsage"], [NodeRules.HighCpuUsage.Name], OverlapResolution.ChartDisabled,
            "the same busy share of node CPUs; ours warns earlier (80%) from the recorded instance:node_cpu_utilisation:rate5m"),
        new("Node memory in use", ["NodeMemoryHighUtilization"], [NodeRules.HighMemoryUsage.Name], OverlapResolution.ChartDisabled,
            "the same MemAvailable / MemTotal ratio; ours warns earlier (85%) from the recorded instance:node_memory_utilisation:ratio"),
        new("Node load per CPU", ["NodeSystemSaturation"], [NodeRules.HighLoadAverage.Name], OverlapResolution.ChartDisabled,
            "load per CPU above 2; ours reads the 15-minute load (less flapping than the chart's 1-minute load)"),
        new("Filesystem almost full", ["NodeFilesystemAlmostOutOfSpace"], [NodeRules.LowDiskSpace.Name], OverlapResolution.ChartDisabled,
            "a static free-space threshold twice (chart: 5% / 3% for 30m); ours pages at 15% free, tunable per stack"),
        new("Filesystem filling up (predicted)", ["NodeFilesystemSpaceFillingUp"], [NodeRules.LowDiskSpace.Name], OverlapResolution.ChartMutedByOurs,
            "a different condition (full within 24h / 4h at the 6h trend) that warns before the threshold; once LowDiskSpace pages for the mountpoint it is muted")
        {
            Inhibition = new([NodeRules.LowDiskSpace.Name], ["NodeFilesystemSpaceFillingUp"], ["instance", "mountpoint"]),
        },
        new("A node is gone", ["KubeNodeNotReady", "KubeNodeUnreachable"], [NodeRules.NodeDown.Name], OverlapResolution.Distinct,
            "the Kubernetes Node object (kubelet status, label node, warnings after 15m) against the node-exporter scrape (label instance, the page): one page, and the chart's warnings say what Kubernetes makes of it"),
    ];

    /// <summary>The chart's alerts turned off by <c>defaultRules.disabled</c>, sorted.</summary>
    public static ImmutableArray<string> DisabledChartAlerts { get; } =
        [.. All.Where(o => o.Resolution == OverlapResolution.ChartDisabled).SelectMany(o => o.ChartAlerts).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The inhibit rules the overlaps need, in table order.</summary>
    public static ImmutableArray<InhibitRule> InhibitRules { get; } =
        [.. All.Select(o => o.Inhibition).OfType<OverlapInhibition>().Select(i => i.ToInhibitRule())];
}
