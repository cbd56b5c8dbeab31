using Observability.Rules.Conventions;
using Observability.Rules.Packs;

namespace Observability.Dashboards.Platform;

/// <summary>System Health: CPU, memory, disk, network per node; pods and containers; DB and Redis connections.</summary>
public static class SystemHealth
{
    private const string Node = "instance=~\"$instance\"";
    private const string Ns = "namespace=~\"$namespace\"";

    public static Dashboard Build(DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var r = options.Rules;
        static decimal T(AlertThreshold threshold) => DashboardOptions.Threshold(threshold);
        return Common.Create(DashboardUids.SystemHealth, "System Health",
                "Nodes (CPU, memory, disk, network), pods and containers, and the connections to the database and Redis.",
                "kubernetes", "nodes")
            .Variable(Variables.LabelValues("instance", "instance", NodeExporterMetrics.UnameInfo, "Node"))
            .Variable(Variables.LabelValues("namespace", "namespace", "kube_pod_container_status_restarts_total", "Namespace"))
            .Annotation(Annotations.Deploys("namespace=~\"$namespace\""))
            .Row("Nodes", row => row
                .Panel(Common.UpStat("Node exporters up", $"up{{job=\"{NodeExporterMetrics.Exporter.Job}\", {Node}}}", "{{instance}}")
                    .Id(PlatformPanels.NodeUp.PanelId)
                    .Runbooks(options, NodeRules.NodeDown.Name)
                    .Width(24))
                .Panel(Panels.Timeseries("CPU utilisation", Units.PercentUnit)
                    .Id(PlatformPanels.NodeCpu.PanelId)
                    .Query($"{RecordNames.NodeCpuUtilisation}{{{Node}}}", "{{instance}}")
                    .Range(0, 1)
                    .AlertAbove(T(r.Threshold(NodeRules.HighCpuUsage)))
                    .Runbooks(options, NodeRules.HighCpuUsage.Name)
                    .Width(12))
                .Panel(Panels.Timeseries("Memory utilisation", Units.PercentUnit)
                    .Id(PlatformPanels.NodeMemory.PanelId)
                    .Query($"{RecordNames.NodeMemoryUtilisation}{{{Node}}}", "{{instance}}")
                    .Range(0, 1)
                    .AlertAbove(T(r.Threshold(NodeRules.HighMemoryUsage)))
                    .Runbooks(options, NodeRules.HighMemoryUsage.Name)
                    .Width(12))
                .Panel(Panels.Timeseries("Free disk space", Units.PercentUnit)
                    .Id(PlatformPanels.NodeDiskFree.PanelId)
                    .Description("Free share of each real filesystem (tmpfs and overlay excluded). LowDiskSpace fires below the dashed line.")
                    .Query($"{RecordNames.NodeFilesystemAvailable}{{{Node}}}", "{{instance}} {{mountpoint}}")
                    .Range(0, 1)
                    .AlertBelow(T(r.Threshold(NodeRules.LowDiskSpace)))
                    .Runbooks(options, NodeRules.LowDiskSpace.Name)
                    .Width(12))
                .Panel(Panels.Timeseries("Load (15m) per CPU", Units.Short)
                    .Id(PlatformPanels.NodeLoad.PanelId)
                    .Query($"{RecordNames.NodeLoad15PerCpu}{{{Node}}}", "{{instance}}")
                    .Min(0)
                    .AlertAbove(T(r.Threshold(NodeRules.HighLoadAverage)))
                    .Runbooks(options, NodeRules.HighLoadAverage.Name)
                    .Width(12))
                .Panel(Panels.Timeseries("Network received", Units.BytesPerSecond)
                    .Query($"sum by (instance) (rate({NodeExporterMetrics.NetworkReceiveBytes}{{{Node}, device!~\"lo|veth.*|cali.*|flannel.*|cni.*\"}}[$__rate_interval]))", "{{instance}}")
                    .Width(12))
                .Panel(Panels.Timeseries("Network transmitted", Units.BytesPerSecond)
                    .Query($"sum by (instance) (rate({NodeExporterMetrics.NetworkTransmitBytes}{{{Node}, device!~\"lo|veth.*|cali.*|flannel.*|cni.*\"}}[$__rate_interval]))", "{{instance}}")
                    .Width(12)))
            .Row("Pods and containers", row => row
                .Panel(Panels.Table("Container restarts in the last hour")
                    .Id(PlatformPanels.PodRestarts.PanelId)
                    .Description("PodRestarting fires above the threshold.")
                    .Target(new PromQuery($"sort_desc(sum by (namespace, pod, container) (increase(kube_pod_container_status_restarts_total{{{Ns}}}[1h])) > 0)")
                    {
                        Instant = true,
                        Format = PromFormat.Table,
                    })
                    .Runbooks(options, KubernetesRules.PodRestarting.Name)
                    .Width(24))
                .Panel(Panels.Timeseries("Container memory of limit", Units.PercentUnit)
                    .Id(PlatformPanels.ContainerMemory.PanelId)
                    .Query(
                        $"max by (namespace, pod, container) (container_memory_working_set_bytes{{container!=\"\", {Ns}}})\n" +
                        $"/\nmax by (namespace, pod, container) (kube_pod_container_resource_limits{{resource=\"memory\", {Ns}}})",
                        "{{namespace}}/{{pod}}/{{container}}")
                    .Min(0)
                    .AlertAbove(T(r.Threshold(KubernetesRules.ContainerHighMemory)))
                    .Runbooks(options, KubernetesRules.ContainerHighMemory.Name)
                    .Width(12))
                .Panel(Panels.Timeseries("Container CPU throttling", Units.PercentUnit)
                    .Id(PlatformPanels.ContainerThrottling.PanelId)
                    .Query(
                        $"sum by (namespace, pod, container) (rate(container_cpu_cfs_throttled_periods_total{{container!=\"\", {Ns}}}[5m]))\n" +
                        $"/\nsum by (namespace, pod, container) (rate(container_cpu_cfs_periods_total{{container!=\"\", {Ns}}}[5m]))",
                        "{{namespace}}/{{pod}}/{{container}}")
                    .Range(0, 1)
                    .AlertAbove(T(r.Threshold(KubernetesRules.ContainerCpuThrottling)))
                    .Runbooks(options, KubernetesRules.ContainerCpuThrottling.Name)
                    .Width(12)))
            .Row("Connections", row => row
                .Panel(Panels.Timeseries("Database connections", Units.Short)
                    .Query($"sum by (instance) ({PostgresExporterMetrics.ActivityCount})", "in use {{instance}}")
                    .Query($"max by (instance) ({PostgresExporterMetrics.MaxConnections})", "max {{instance}}")
                    .Width(12))
                .Panel(Panels.Timeseries("Redis connections", Units.Short)
                    .Query($"sum by (instance) ({RedisExporterMetrics.ConnectedClients})", "clients {{instance}}")
                    .Query($"max by (instance) ({RedisExporterMetrics.MaxClients})", "max {{instance}}")
                    .Width(12)));
    }
}
