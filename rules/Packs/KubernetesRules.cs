using Observability.Rules.Conventions;
using Observability.Rules.Model;
using static Observability.Rules.Packs.PackAlert;

namespace Observability.Rules.Packs;

/// <summary>Kubernetes workloads: restarting containers, memory near the limit, CPU throttling.</summary>
public static class KubernetesRules
{
    public const string GroupName = "kubernetes";

    public static RuleGroup Build(RulePackOptions o)
    {
        var c = o.Conventions.Kubernetes;
        var t = o.Kubernetes;
        return RuleGroup.Create(GroupName)
            .Add(Create(o, AlertNames.PodRestarting,
                c.RestartsOverWindow() > t.PodRestarting.Value,
                t.PodRestarting.For, Severity.Warning, PlatformPanels.PodRestarts,
                "Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} keeps restarting",
                $"Container {{{{ $labels.container }}}} of pod {{{{ $labels.namespace }}}}/{{{{ $labels.pod }}}} restarted {{{{ $value | humanize }}}} times in the last {c.RestartWindow} (threshold {Number(t.PodRestarting.Value)})."))
            .Add(Create(o, AlertNames.ContainerHighMemory,
                c.MemoryOfLimit() > t.ContainerHighMemory.Value,
                t.ContainerHighMemory.For, Severity.Warning, PlatformPanels.ContainerMemory,
                "Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} is close to its memory limit",
                $"Container {{{{ $labels.container }}}} of pod {{{{ $labels.namespace }}}}/{{{{ $labels.pod }}}} uses {{{{ $value | humanizePercentage }}}} of its memory limit (threshold {Percent(t.ContainerHighMemory.Value)}, {For(t.ContainerHighMemory.For)}); it will be OOM-killed at 100%."))
            .Add(Create(o, AlertNames.ContainerCpuThrottling,
                c.ThrottledRatio() > t.ContainerCpuThrottling.Value,
                t.ContainerCpuThrottling.For, Severity.Info, PlatformPanels.ContainerThrottling,
                "Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} is CPU-throttled",
                $"{{{{ $value | humanizePercentage }}}} of CPU periods of container {{{{ $labels.container }}}} in pod {{{{ $labels.namespace }}}}/{{{{ $labels.pod }}}} are throttled (threshold {Percent(t.ContainerCpuThrottling.Value)}, {For(t.ContainerCpuThrottling.For)})."));
    }
}
