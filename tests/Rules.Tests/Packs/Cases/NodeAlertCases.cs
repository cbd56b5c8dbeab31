using Observability.Rules.Packs;
using static Observability.Rules.Tests.Packs.CaseDsl;

namespace Observability.Rules.Tests.Packs.Cases;

/// <summary>Nodes: down, CPU, memory, disk, load. Firing and silent, with exact labels and annotations.</summary>
internal sealed class NodeAlertCases : PackCases
{
    private static readonly (string, string) Api = ("job", "api");

    public override RulePack Pack => NodeRules.Pack;

    public override IReadOnlyList<AlertCase> Cases { get; } =
    [
        Case(NodeRules.NodeDown, "node-exporter down fires after 1m",
            [S("up", Gauge(0), ("job", "node-exporter"), ("instance", "node-1:9100"))],
            SilentAt(M(0)),
            FiresAt(M(1), NodeRules.NodeDown, [("instance", "node-1:9100"), ("job", "node-exporter"), ("severity", "critical")],
                "Node node-1:9100 is down",
                "Prometheus cannot scrape node-exporter on node-1:9100 (for 1m): the node or its exporter is gone.")),
        Case(NodeRules.NodeDown, "node-exporter up, and another job down, stay silent",
            [
                S("up", Gauge(1), ("job", "node-exporter"), ("instance", "node-1:9100")),
                S("up", Gauge(0), Api, ("instance", "api-0:8080")),
            ],
            SilentAt(M(30))),

        Case(NodeRules.HighCpuUsage, "90% busy CPUs fire after 10m",
            [
                S("node_cpu_seconds_total", Counter(6), ("job", "node-exporter"), ("instance", "node-1:9100"), ("cpu", "0"), ("mode", "idle")),
                S("node_cpu_seconds_total", Counter(6), ("job", "node-exporter"), ("instance", "node-1:9100"), ("cpu", "1"), ("mode", "idle")),
                S("node_cpu_seconds_total", Counter(54), ("job", "node-exporter"), ("instance", "node-1:9100"), ("cpu", "0"), ("mode", "user")),
            ],
            SilentAt(M(10)),
            FiresAt(M(11), NodeRules.HighCpuUsage, [("instance", "node-1:9100"), ("job", "node-exporter"), ("severity", "warning")],
                "High CPU usage on node-1:9100",
                "CPU on node-1:9100 is 90% busy (threshold 80%, for 10m).")),
        Case(NodeRules.HighCpuUsage, "75% busy CPUs stay silent",
            [
                S("node_cpu_seconds_total", Counter(15), ("job", "node-exporter"), ("instance", "node-1:9100"), ("cpu", "0"), ("mode", "idle")),
                S("node_cpu_seconds_total", Counter(15), ("job", "node-exporter"), ("instance", "node-1:9100"), ("cpu", "1"), ("mode", "idle")),
            ],
            SilentAt(M(30))),

        Case(NodeRules.HighMemoryUsage, "90% memory in use fires after 10m",
            [
                S("node_memory_MemAvailable_bytes", Gauge(1_600_000_000), ("job", "node-exporter"), ("instance", "node-1:9100")),
                S("node_memory_MemTotal_bytes", Gauge(16_000_000_000), ("job", "node-exporter"), ("instance", "node-1:9100")),
            ],
            SilentAt(M(9)),
            FiresAt(M(10), NodeRules.HighMemoryUsage, [("instance", "node-1:9100"), ("job", "node-exporter"), ("severity", "warning")],
                "High memory usage on node-1:9100",
                "90% of memory on node-1:9100 is in use (threshold 85%, for 10m).")),
        Case(NodeRules.HighMemoryUsage, "80% memory in use stays silent",
            [
                S("node_memory_MemAvailable_bytes", Gauge(3_200_000_000), ("job", "node-exporter"), ("instance", "node-1:9100")),
                S("node_memory_MemTotal_bytes", Gauge(16_000_000_000), ("job", "node-exporter"), ("instance", "node-1:9100")),
            ],
            SilentAt(M(30))),

        Case(NodeRules.LowDiskSpace, "10% free on / fires after 5m",
            [
                S("node_filesystem_avail_bytes", Gauge(10_000_000_000), ("job", "node-exporter"), ("instance", "node-1:9100"), ("device", "/dev/sda1"), ("mountpoint", "/"), ("fstype", "ext4")),
                S("node_filesystem_size_bytes", Gauge(100_000_000_000), ("job", "node-exporter"), ("instance", "node-1:9100"), ("device", "/dev/sda1"), ("mountpoint", "/"), ("fstype", "ext4")),
            ],
            SilentAt(M(4)),
            FiresAt(M(5), NodeRules.LowDiskSpace, [("device", "/dev/sda1"), ("instance", "node-1:9100"), ("job", "node-exporter"), ("mountpoint", "/"), ("severity", "critical")],
                "Low disk space on node-1:9100 /",
                "Only 10% of / (/dev/sda1) on node-1:9100 is free (threshold 15%, for 5m).")),
        Case(NodeRules.LowDiskSpace, "full tmpfs and overlay are ignored, 20% free stays silent",
            [
                S("node_filesystem_avail_bytes", Gauge(1_000_000), ("job", "node-exporter"), ("instance", "node-1:9100"), ("device", "tmpfs"), ("mountpoint", "/run"), ("fstype", "tmpfs")),
                S("node_filesystem_size_bytes", Gauge(100_000_000), ("job", "node-exporter"), ("instance", "node-1:9100"), ("device", "tmpfs"), ("mountpoint", "/run"), ("fstype", "tmpfs")),
                S("node_filesystem_avail_bytes", Gauge(1_000_000), ("job", "node-exporter"), ("instance", "node-1:9100"), ("device", "overlay"), ("mountpoint", "/var/lib/containerd/x"), ("fstype", "overlay")),
                S("node_filesystem_size_bytes", Gauge(100_000_000), ("job", "node-exporter"), ("instance", "node-1:9100"), ("device", "overlay"), ("mountpoint", "/var/lib/containerd/x"), ("fstype", "overlay")),
                S("node_filesystem_avail_bytes", Gauge(20_000_000_000), ("job", "node-exporter"), ("instance", "node-1:9100"), ("device", "/dev/sda1"), ("mountpoint", "/"), ("fstype", "ext4")),
                S("node_filesystem_size_bytes", Gauge(100_000_000_000), ("job", "node-exporter"), ("instance", "node-1:9100"), ("device", "/dev/sda1"), ("mountpoint", "/"), ("fstype", "ext4")),
            ],
            SilentAt(M(30))),

        Case(NodeRules.HighLoadAverage, "load 10 on 2 CPUs fires after 5m",
            [
                S("node_load15", Gauge(10), ("job", "node-exporter"), ("instance", "node-1:9100")),
                S("node_cpu_seconds_total", Counter(30), ("job", "node-exporter"), ("instance", "node-1:9100"), ("cpu", "0"), ("mode", "idle")),
                S("node_cpu_seconds_total", Counter(30), ("job", "node-exporter"), ("instance", "node-1:9100"), ("cpu", "1"), ("mode", "idle")),
            ],
            SilentAt(M(4)),
            FiresAt(M(5), NodeRules.HighLoadAverage, [("instance", "node-1:9100"), ("job", "node-exporter"), ("severity", "warning")],
                "High load on node-1:9100",
                "The 15-minute load average on node-1:9100 is 5 per CPU (threshold 2, for 5m).")),
        Case(NodeRules.HighLoadAverage, "load 4 on 2 CPUs (exactly 2 per CPU) stays silent",
            [
                S("node_load15", Gauge(4), ("job", "node-exporter"), ("instance", "node-1:9100")),
                S("node_cpu_seconds_total", Counter(30), ("job", "node-exporter"), ("instance", "node-1:9100"), ("cpu", "0"), ("mode", "idle")),
                S("node_cpu_seconds_total", Counter(30), ("job", "node-exporter"), ("instance", "node-1:9100"), ("cpu", "1"), ("mode", "idle")),
            ],
            SilentAt(M(30))),
    ];
}
