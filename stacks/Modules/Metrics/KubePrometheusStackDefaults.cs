using System.Collections.Immutable;
using Observability.Rules.Upstream;
using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
using static Observability.Stacks.Composition.Tree;

namespace Observability.Stacks.Modules;

/// <summary>One of the chart's default dashboards: its file name in the chart, its uid, and what the chart gates it on.</summary>
/// <param name="Component">The control-plane component it needs (<see cref="ChartComponent.Always"/> when none).</param>
/// <param name="NeverOnKubernetes">A dashboard for nodes a Kubernetes cluster does not have (AIX, macOS): we turn it off.</param>
public sealed record ChartDashboard(string File, string Uid, ChartComponent Component = ChartComponent.Always, bool NeverOnKubernetes = false);

/// <summary>
/// What kube-prometheus-stack brings by default and what we keep of it: its default rules (on, with the control-plane
/// groups a setting and the overlaps with our packs disabled, <see cref="UpstreamOverlaps"/>) and its default dashboards
/// (on, not a setting: they read the default recording rules, which are always on, so none is left empty; the AIX and
/// macOS node dashboards are off, the control-plane ones follow <see cref="RuleSettings.ControlPlane"/>).
/// </summary>
public static class KubePrometheusStackDefaults
{
    /// <summary>The chart's 29 default dashboards at 88.5.3 that our values can render (Windows ones need windowsMonitoring).</summary>
    public static ImmutableArray<ChartDashboard> Dashboards { get; } =
    [
        new("alertmanager-overview.json", "alertmanager-overview"),
        new("apiserver.json", "09ec8aa1e996d6ffcd6817bbaff4db1b"),
        new("cluster-total.json", "ff635a025bcfea7bc3dd4f508990a3e9"),
        new("controller-manager.json", "72e0e05bef5099e5f049b05fdc429ed4", ChartComponent.KubeControllerManager),
        new("etcd.json", "c2f4e12cdf69feb95caa41a5a1b423d9", ChartComponent.KubeEtcd),
        new("grafana-overview.json", "6be0s85Mk"),
        new("k8s-coredns.json", "vkQ0UHxik"),
        new("k8s-resources-cluster.json", "efa86fd1d0c121a26444b636a3f509a8"),
        new("k8s-resources-multicluster.json", "b59e6c9f2fcbe2e16d77fc492374cc4f"),
        new("k8s-resources-namespace.json", "85a562078cdf77779eaa1add43ccec1e"),
        new("k8s-resources-node.json", "200ac8fdbfbb74b39aff88118e4d1c2c"),
        new("k8s-resources-nodes-overview.json", "058020e04168bfdea0c52269cb699df2"),
        new("k8s-resources-pod.json", "6581e46e4e5c7ba40a07646395ef7b23"),
        new("k8s-resources-workload.json", "a164a7f0339f99e89cea5cb47e9be617"),
        new("k8s-resources-workloads-namespace.json", "a87fb0d919ec0ea5f6543124e16c42a5"),
        new("kubelet.json", "3138fa155d5915769fbded898ac09fd9"),
        new("namespace-by-pod.json", "8b7a8b326d7a6f1f04244066368c67af"),
        new("namespace-by-workload.json", "bbb2a765a623ae38130206c7d94a160f"),
        new("node-cluster-rsrc-use.json", "3e97d1d02672cdd0861f4c97c64f89b2"),
        new("node-rsrc-use.json", "fac67cfbe174d3ef53eb473d73d9212f"),
        new("nodes-aix.json", "7e0a61e486f727d763fb1d86fdd629c2", NeverOnKubernetes: true),
        new("nodes-darwin.json", "629701ea43bf69291922ea45f4a87d37", NeverOnKubernetes: true),
        new("nodes.json", "7d57716318ee0dddbac5a7f451fb7753"),
        new("persistentvolumesusage.json", "919b92a8e8041bd567af9edab12c840c"),
        new("pod-total.json", "7a18067ce943a40ae25454675c19ff5c"),
        new("prometheus.json", "9fa0d141-d019-4ad7-8bc5-42196ee308bd"),
        new("proxy.json", "632e265de029684c40b21cb76bca4f94", ChartComponent.KubeProxy),
        new("scheduler.json", "2e6b6a3b4bddf1427b3a55aa1311c656", ChartComponent.KubeScheduler),
        new("workload-total.json", "728bf77cc1166d2f3133bf25846876cc"),
    ];

    /// <summary>The chart's default dashboards an environment deploys.</summary>
    public static IEnumerable<ChartDashboard> DeployedDashboards(StackSettings s) =>
        Dashboards.Where(d => !d.NeverOnKubernetes && (s.Rules.ControlPlane || !KubePrometheusStackRules.IsControlPlane(d.Component)));

    /// <summary>
    /// <c>defaultRules</c>: every group key written out (control-plane keys follow the setting), the overlapping alerts
    /// disabled, and our alert labels on the chart's alerts too, so they route and group like ours.
    /// </summary>
    public static OrderedDictionary<string, object?> DefaultRules(StackSettings s)
    {
        var rules = Map();
        foreach (var group in KubePrometheusStackRules.Groups.DistinctBy(g => g.ValuesKey).OrderBy(g => g.ValuesKey, StringComparer.Ordinal))
            rules[group.ValuesKey] = s.Rules.ControlPlane || !group.IsControlPlane;
        rules["windows"] = false;

        var disabled = Map();
        foreach (var alert in UpstreamOverlaps.DisabledChartAlerts)
            disabled[alert] = true;

        var labels = Map();
        foreach (var (key, value) in s.Rules.AlertLabels)
            labels[key] = value;

        return Map(
            ("create", true),
            ("rules", rules),
            ("disabled", disabled),
            ("additionalRuleLabels", labels.Count == 0 ? null : labels));
    }

    /// <summary>
    /// The control-plane components' <c>enabled</c> switches: their Services, ServiceMonitors, rules and dashboards. A
    /// managed cluster hides them, and a ServiceMonitor for them would only yield targets that are down forever.
    /// </summary>
    public static IEnumerable<(string Key, object? Value)> ControlPlaneComponents(StackSettings s) =>
        KubePrometheusStackRules.ControlPlane.Select(c => (KubePrometheusStackRules.ValuesKey(c)!, (object?)Map(("enabled", s.Rules.ControlPlane))));

    /// <summary><c>nodeExporter</c>: the AIX and macOS node dashboards off (a Kubernetes cluster runs Linux nodes).</summary>
    public static OrderedDictionary<string, object?> NodeExporter() => Map(
        ("operatingSystems", Map(
            ("aix", Map(("enabled", false))),
            ("darwin", Map(("enabled", false))))));

    /// <summary>The chart's alerting rules an environment deploys (one per rule; a name may have a warning and a critical rule).</summary>
    public static int ChartAlertCount(StackSettings s) => KubePrometheusStackRules.EnabledAlerts(s.Rules.ControlPlane).Count();

    /// <summary>The chart's recording rules an environment deploys.</summary>
    public static int ChartRecordCount(StackSettings s) => KubePrometheusStackRules.EnabledRecords(s.Rules.ControlPlane).Count();
}
