using Observability.Rules.Conventions;
using Observability.Rules.Model;
using static Observability.Rules.Packs.PackAlert;

namespace Observability.Rules.Packs;

/// <summary>
/// Nodes (node-exporter): availability, CPU, memory, disk, load. Its CPU count, CPU and memory records are
/// kube-prometheus' own; with <see cref="RulePackOptions.UpstreamNodeRecordings"/> the chart records them instead.
/// </summary>
public static class NodeRules
{
    public const string GroupName = "nodes";

    public static RulePack Pack { get; } = new(GroupName, Build);

    /// <summary>node-exporter target down for 1m.</summary>
    public static AlertDeclaration NodeDown { get; } =
        Pack.Alert("NodeDown", Severity.Critical, Duration.Minutes(1), PlatformPanels.NodeUp);

    /// <summary>CPU busy above 80% for 10m.</summary>
    public static AlertDeclaration HighCpuUsage { get; } =
        Pack.Alert("HighCPUUsage", Severity.Warning, Duration.Minutes(10), PlatformPanels.NodeCpu, ThresholdSpec.Ratio(0.80));

    /// <summary>Memory in use above 85% for 10m.</summary>
    public static AlertDeclaration HighMemoryUsage { get; } =
        Pack.Alert("HighMemoryUsage", Severity.Warning, Duration.Minutes(10), PlatformPanels.NodeMemory, ThresholdSpec.Ratio(0.85));

    /// <summary>Less than 15% free on a real filesystem for 5m; tmpfs and overlay are ignored.</summary>
    public static AlertDeclaration LowDiskSpace { get; } =
        Pack.Alert("LowDiskSpace", Severity.Critical, Duration.Minutes(5), PlatformPanels.NodeDiskFree, ThresholdSpec.Ratio(0.15));

    /// <summary>15-minute load per CPU above 2 for 5m.</summary>
    public static AlertDeclaration HighLoadAverage { get; } =
        Pack.Alert("HighLoadAverage", Severity.Warning, Duration.Minutes(5), PlatformPanels.NodeLoad, ThresholdSpec.Positive(2, "load per CPU"));

    public static RuleGroup Build(RulePackOptions o)
    {
        var c = o.Conventions.Nodes;
        var group = RuleGroup.Create(GroupName);
        if (!o.UpstreamNodeRecordings)
        {
            group = group
                .Add(Recording.Create(RecordNames.NodeCpuCount).Expr(c.CpuCount()))
                .Add(Recording.Create(RecordNames.NodeCpuUtilisation).Expr(c.CpuUtilisation()))
                .Add(Recording.Create(RecordNames.NodeMemoryUtilisation).Expr(c.MemoryUtilisation()));
        }

        return group
            .Add(Recording.Create(RecordNames.NodeLoad15PerCpu).Expr(c.Load15PerCpu()))
            .Add(Recording.Create(RecordNames.NodeFilesystemAvailable).Expr(c.FilesystemAvailableRatio()))
            .Add(Create(o, NodeDown,
                c.Up.ToExpr().EqualTo(0),
                "Node {{ $labels.instance }} is down",
                $"Prometheus cannot scrape node-exporter on {{{{ $labels.instance }}}} ({For(o.For(NodeDown))}): the node or its exporter is gone."))
            .Add(Create(o, HighCpuUsage,
                t => Recorded(RecordNames.NodeCpuUtilisation) > t.Value,
                "High CPU usage on {{ $labels.instance }}",
                t => $"CPU on {{{{ $labels.instance }}}} is {{{{ $value | humanizePercentage }}}} busy (threshold {Percent(t.Value)}, {For(t.For)})."))
            .Add(Create(o, HighMemoryUsage,
                t => Recorded(RecordNames.NodeMemoryUtilisation) > t.Value,
                "High memory usage on {{ $labels.instance }}",
                t => $"{{{{ $value | humanizePercentage }}}} of memory on {{{{ $labels.instance }}}} is in use (threshold {Percent(t.Value)}, {For(t.For)})."))
            .Add(Create(o, LowDiskSpace,
                t => Recorded(RecordNames.NodeFilesystemAvailable) < t.Value,
                "Low disk space on {{ $labels.instance }} {{ $labels.mountpoint }}",
                t => $"Only {{{{ $value | humanizePercentage }}}} of {{{{ $labels.mountpoint }}}} ({{{{ $labels.device }}}}) on {{{{ $labels.instance }}}} is free (threshold {Percent(t.Value)}, {For(t.For)})."))
            .Add(Create(o, HighLoadAverage,
                t => Recorded(RecordNames.NodeLoad15PerCpu) > t.Value,
                "High load on {{ $labels.instance }}",
                t => $"The 15-minute load average on {{{{ $labels.instance }}}} is {{{{ $value | humanize }}}} per CPU (threshold {Number(t.Value)}, {For(t.For)})."));
    }
}
