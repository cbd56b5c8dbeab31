using Observability.Rules.Conventions;
using Observability.Rules.Model;
using static Observability.Rules.Packs.PackAlert;

namespace Observability.Rules.Packs;

/// <summary>Kubernetes workloads: restarting containers, memory near the limit, CPU throttling.</summary>
public static class KubernetesRules
{
    public const string GroupName = "kubernetes";

    public static RulePack Pack { get; } = new(GroupName, Build);

    /// <summary>More than 3 restarts of a container in the restart window (1h); fires at once.</summary>
    public static AlertDeclaration PodRestarting { get; } =
        Pack.Alert("PodRestarting", Severity.Warning, Duration.Zero, PlatformPanels.PodRestarts, ThresholdSpec.Positive(3, "restarts per hour"));

    /// <summary>Working set above 85% of the memory limit for 10m.</summary>
    public static AlertDeclaration ContainerHighMemory { get; } =
        Pack.Alert("ContainerHighMemory", Severity.Warning, Duration.Minutes(10), PlatformPanels.ContainerMemory, ThresholdSpec.Ratio(0.85));

    /// <summary>More than 25% of CFS periods throttled for 15m (info: often a limit to revisit, rarely an outage).</summary>
    public static AlertDeclaration ContainerCpuThrottling { get; } =
        Pack.Alert("ContainerCPUThrottling", Severity.Info, Duration.Minutes(15), PlatformPanels.ContainerThrottling, ThresholdSpec.Ratio(0.25));

    public static RuleGroup Build(RulePackOptions o)
    {
        var c = o.Conventions.Kubernetes;
        return RuleGroup.Create(GroupName)
            .Add(Create(o, PodRestarting,
                t => c.RestartsOverWindow() > t.Value,
                "Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} keeps restarting",
                t => $"Container {{{{ $labels.container }}}} of pod {{{{ $labels.namespace }}}}/{{{{ $labels.pod }}}} restarted {{{{ $value | humanize }}}} times in the last {c.RestartWindow} (threshold {Number(t.Value)})."))
            .Add(Create(o, ContainerHighMemory,
                t => c.MemoryOfLimit() > t.Value,
                "Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} is close to its memory limit",
                t => $"Container {{{{ $labels.container }}}} of pod {{{{ $labels.namespace }}}}/{{{{ $labels.pod }}}} uses {{{{ $value | humanizePercentage }}}} of its memory limit (threshold {Percent(t.Value)}, {For(t.For)}); it will be OOM-killed at 100%."))
            .Add(Create(o, ContainerCpuThrottling,
                t => c.ThrottledRatio() > t.Value,
                "Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} is CPU-throttled",
                t => $"{{{{ $value | humanizePercentage }}}} of CPU periods of container {{{{ $labels.container }}}} in pod {{{{ $labels.namespace }}}}/{{{{ $labels.pod }}}} are throttled (threshold {Percent(t.Value)}, {For(t.For)})."));
    }
}
