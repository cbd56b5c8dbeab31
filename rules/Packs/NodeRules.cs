using Observability.Rules.Conventions;
using Observability.Rules.Model;
using static Observability.Rules.Packs.PackAlert;

namespace Observability.Rules.Packs;

/// <summary>
/// Nodes (node-exporter): availability, CPU, memory, disk, load. Its CPU count, CPU and memory records are
/// kube-prometheus' own; with <see cref="NodePackOptions.UpstreamRecordings"/> the chart records them instead.
/// </summary>
public static class NodeRules
{
    public const string GroupName = "nodes";

    public static RuleGroup Build(RulePackOptions o)
    {
        var c = o.Conventions.Nodes;
        var t = o.Nodes;
        var group = RuleGroup.Create(GroupName);
        if (!t.UpstreamRecordings)
        {
            group = group
                .Add(Recording.Create(RecordNames.NodeCpuCount).Expr(c.CpuCount()))
                .Add(Recording.Create(RecordNames.NodeCpuUtilisation).Expr(c.CpuUtilisation()))
                .Add(Recording.Create(RecordNames.NodeMemoryUtilisation).Expr(c.MemoryUtilisation()));
        }

        return group
            .Add(Recording.Create(RecordNames.NodeLoad15PerCpu).Expr(c.Load15PerCpu()))
            .Add(Recording.Create(RecordNames.NodeFilesystemAvailable).Expr(c.FilesystemAvailableRatio()))
            .Add(Create(o, AlertNames.NodeDown,
                c.Up.ToExpr().EqualTo(0),
                t.NodeDownFor, Severity.Critical, PlatformPanels.NodeUp,
                "Node {{ $labels.instance }} is down",
                $"Prometheus cannot scrape node-exporter on {{{{ $labels.instance }}}} ({For(t.NodeDownFor)}): the node or its exporter is gone."))
            .Add(Create(o, AlertNames.HighCpuUsage,
                Recorded(RecordNames.NodeCpuUtilisation) > t.HighCpuUsage.Value,
                t.HighCpuUsage.For, Severity.Warning, PlatformPanels.NodeCpu,
                "High CPU usage on {{ $labels.instance }}",
                $"CPU on {{{{ $labels.instance }}}} is {{{{ $value | humanizePercentage }}}} busy (threshold {Percent(t.HighCpuUsage.Value)}, {For(t.HighCpuUsage.For)})."))
            .Add(Create(o, AlertNames.HighMemoryUsage,
                Recorded(RecordNames.NodeMemoryUtilisation) > t.HighMemoryUsage.Value,
                t.HighMemoryUsage.For, Severity.Warning, PlatformPanels.NodeMemory,
                "High memory usage on {{ $labels.instance }}",
                $"{{{{ $value | humanizePercentage }}}} of memory on {{{{ $labels.instance }}}} is in use (threshold {Percent(t.HighMemoryUsage.Value)}, {For(t.HighMemoryUsage.For)})."))
            .Add(Create(o, AlertNames.LowDiskSpace,
                Recorded(RecordNames.NodeFilesystemAvailable) < t.LowDiskSpace.Value,
                t.LowDiskSpace.For, Severity.Critical, PlatformPanels.NodeDiskFree,
                "Low disk space on {{ $labels.instance }} {{ $labels.mountpoint }}",
                $"Only {{{{ $value | humanizePercentage }}}} of {{{{ $labels.mountpoint }}}} ({{{{ $labels.device }}}}) on {{{{ $labels.instance }}}} is free (threshold {Percent(t.LowDiskSpace.Value)}, {For(t.LowDiskSpace.For)})."))
            .Add(Create(o, AlertNames.HighLoadAverage,
                Recorded(RecordNames.NodeLoad15PerCpu) > t.HighLoadAverage.Value,
                t.HighLoadAverage.For, Severity.Warning, PlatformPanels.NodeLoad,
                "High load on {{ $labels.instance }}",
                $"The 15-minute load average on {{{{ $labels.instance }}}} is {{{{ $value | humanize }}}} per CPU (threshold {Number(t.HighLoadAverage.Value)}, {For(t.HighLoadAverage.For)})."));
    }
}
