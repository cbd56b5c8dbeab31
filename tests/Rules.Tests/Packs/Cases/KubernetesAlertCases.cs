using Observability.Rules.Packs;
using static Observability.Rules.Tests.Packs.CaseDsl;

namespace Observability.Rules.Tests.Packs.Cases;

/// <summary>Kubernetes workloads: restarts, memory near the limit, CPU throttling. Firing and silent, with exact labels and annotations.</summary>
internal sealed class KubernetesAlertCases : PackCases
{
    public override RulePack Pack => KubernetesRules.Pack;

    public override IReadOnlyList<AlertCase> Cases { get; } =
    [
        Case(KubernetesRules.PodRestarting, "5 restarts within the hour fire at once",
            [S("kube_pod_container_status_restarts_total", Gauge(0, 10).ThenConstant(5, 20), ("job", "kube-state-metrics"), ("namespace", "shop"), ("pod", "api-7d9f"), ("container", "api"))],
            SilentAt(M(10)),
            FiresAt(M(20), KubernetesRules.PodRestarting, [("container", "api"), ("namespace", "shop"), ("pod", "api-7d9f"), ("severity", "warning")],
                "Container api of shop/api-7d9f keeps restarting",
                "Container api of pod shop/api-7d9f restarted 5 times in the last 1h (threshold 3).")),
        Case(KubernetesRules.PodRestarting, "3 restarts within the hour stay silent",
            [S("kube_pod_container_status_restarts_total", Gauge(0, 10).ThenConstant(3, 20), ("job", "kube-state-metrics"), ("namespace", "shop"), ("pod", "api-7d9f"), ("container", "api"))],
            SilentAt(M(20))),

        Case(KubernetesRules.ContainerHighMemory, "90% of the memory limit fires after 10m",
            [
                S("container_memory_working_set_bytes", Gauge(900_000_000), ("job", "kubelet"), ("namespace", "shop"), ("pod", "api-7d9f"), ("container", "api")),
                S("kube_pod_container_resource_limits", Gauge(1_000_000_000), ("job", "kube-state-metrics"), ("namespace", "shop"), ("pod", "api-7d9f"), ("container", "api"), ("resource", "memory"), ("unit", "byte")),
            ],
            SilentAt(M(9)),
            FiresAt(M(10), KubernetesRules.ContainerHighMemory, [("container", "api"), ("namespace", "shop"), ("pod", "api-7d9f"), ("severity", "warning")],
                "Container api of shop/api-7d9f is close to its memory limit",
                "Container api of pod shop/api-7d9f uses 90% of its memory limit (threshold 85%, for 10m); it will be OOM-killed at 100%.")),
        Case(KubernetesRules.ContainerHighMemory, "80% of the limit, a container without limit and the pod cgroup stay silent",
            [
                S("container_memory_working_set_bytes", Gauge(800_000_000), ("job", "kubelet"), ("namespace", "shop"), ("pod", "api-7d9f"), ("container", "api")),
                S("kube_pod_container_resource_limits", Gauge(1_000_000_000), ("job", "kube-state-metrics"), ("namespace", "shop"), ("pod", "api-7d9f"), ("container", "api"), ("resource", "memory"), ("unit", "byte")),
                S("container_memory_working_set_bytes", Gauge(5_000_000_000), ("job", "kubelet"), ("namespace", "shop"), ("pod", "api-7d9f"), ("container", "")),
                S("container_memory_working_set_bytes", Gauge(5_000_000_000), ("job", "kubelet"), ("namespace", "shop"), ("pod", "batch-1"), ("container", "batch")),
            ],
            SilentAt(M(30))),

        Case(KubernetesRules.ContainerCpuThrottling, "50% throttled periods fire after 15m",
            [
                S("container_cpu_cfs_throttled_periods_total", Counter(300), ("job", "kubelet"), ("namespace", "shop"), ("pod", "api-7d9f"), ("container", "api")),
                S("container_cpu_cfs_periods_total", Counter(600), ("job", "kubelet"), ("namespace", "shop"), ("pod", "api-7d9f"), ("container", "api")),
            ],
            SilentAt(M(15)),
            FiresAt(M(16), KubernetesRules.ContainerCpuThrottling, [("container", "api"), ("namespace", "shop"), ("pod", "api-7d9f"), ("severity", "info")],
                "Container api of shop/api-7d9f is CPU-throttled",
                "50% of CPU periods of container api in pod shop/api-7d9f are throttled (threshold 25%, for 15m).")),
        Case(KubernetesRules.ContainerCpuThrottling, "20% throttled periods stay silent",
            [
                S("container_cpu_cfs_throttled_periods_total", Counter(120), ("job", "kubelet"), ("namespace", "shop"), ("pod", "api-7d9f"), ("container", "api")),
                S("container_cpu_cfs_periods_total", Counter(600), ("job", "kubelet"), ("namespace", "shop"), ("pod", "api-7d9f"), ("container", "api")),
            ],
            SilentAt(M(30))),
    ];
}
