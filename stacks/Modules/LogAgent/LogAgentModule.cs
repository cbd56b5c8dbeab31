using Observability.Rules.Packs;
using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
using static Observability.Stacks.Composition.ChartConventions;
using static Observability.Stacks.Composition.StackConventions;

namespace Observability.Stacks.Modules;

/// <summary>
/// The log agent: Grafana Alloy or Promtail (end of life since 2026-03-02), one DaemonSet tailing every pod's log files and
/// pushing to Loki. Both run the same <see cref="LogPipeline"/>, written in their own syntax (<see cref="LogAgentValues"/>).
/// </summary>
public sealed class LogAgentModule : IModule
{
    /// <summary>Grafana Alloy, installed as <see cref="StackConventions.AlloyRelease"/>.</summary>
    public static ChartReference Alloy { get; } = new("alloy", "https://grafana.github.io/helm-charts", "1.11.1", AlloyRelease);

    /// <summary>Promtail, installed as <see cref="StackConventions.PromtailRelease"/>.</summary>
    public static ChartReference Promtail { get; } = new("promtail", "https://grafana.github.io/helm-charts", "6.17.1", PromtailRelease);

    public static LogAgentModule Instance { get; } = new();

    public string Name => "log-agent";

    public PlanComponent Component => PlanComponent.LogAgent;

    public IReadOnlyList<ChartReference> Charts { get; } = [Alloy, Promtail];

    public IReadOnlyList<ValuesPath> FreeFormValues { get; } =
    [
        new(Promtail.Chart, "resources", "Kubernetes ResourceRequirements, left as {}"),
        new(Alloy.Chart, "alloy.resources", "Kubernetes ResourceRequirements, left as {}"),
    ];

    public IReadOnlyList<ValuesPath> IgnoredValues { get; } =
    [
        new(Promtail.Chart, "config.snippets.pipelineStages", "read only by the chart's default config.snippets.scrapeConfigs, which ours replaces"),
        new(Promtail.Chart, "config.snippets.common", "read only by the chart's default config.snippets.scrapeConfigs, which ours replaces"),
        new(Promtail.Chart, "config.snippets.extraRelabelConfigs", "read only by the chart's default config.snippets.scrapeConfigs, which ours replaces"),
        new(Promtail.Chart, "config.snippets.addScrapeJobLabel", "read only by the chart's default config.snippets.scrapeConfigs, which ours replaces"),
    ];

    public IReadOnlyList<string> RuleGroups { get; } = [LogAgentRules.GroupName];

    public IReadOnlyList<string> Dashboards { get; } = ["observability-pipeline"];

    public bool IsEnabled(StackSettings s) => true;

    /// <summary>The pods and Services its chart creates, as the pinned chart names and labels them (checked against its render).</summary>
    public ChartInventory Inventory(StackSettings s)
    {
        var pods = new List<ChartPods>();
        var services = new List<ChartService>();
        var logging = s.Namespaces.Logging;

        // The log agent: promtail templates/{daemonset,service-metrics}.yaml; alloy templates/controllers/daemonset.yaml, templates/service.yaml.
        if (s.LogAgent == LogAgentKind.Alloy)
        {
            var alloy = SelectorLabels("alloy", AlloyRelease);
            pods.Add(new(AlloyRelease, logging, "DaemonSet", "alloy", alloy, [12345]));
            services.Add(new(AlloyRelease, logging, "alloy", alloy, alloy, [("http-metrics", 12345)]));
        }
        else
        {
            var promtail = SelectorLabels("promtail", PromtailRelease);
            pods.Add(new(PromtailRelease, logging, "DaemonSet", "promtail", promtail, [3101]));
            services.Add(new(PromtailRelease, logging, "promtail-metrics", promtail, promtail, [("http-metrics", 3101)]));
        }

        return new ChartInventory(pods, services);
    }

    public ModulePlan Compose(ModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = context.Settings;
        var release = s.LogAgent == LogAgentKind.Alloy
            ? Alloy.Release(s.Charts.Alloy, s.Releases.Alloy, s.Namespaces.Logging, LogAgentValues.Alloy(s), Component)
            : Promtail.Release(s.Charts.Promtail, s.Releases.Promtail, s.Namespaces.Logging, LogAgentValues.Promtail(s), Component);
        return new ModulePlan { Name = Name, Component = Component, Releases = [release] };
    }
}
