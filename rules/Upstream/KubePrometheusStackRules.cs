using System.Collections.Immutable;
using Observability.Rules.Model;

namespace Observability.Rules.Upstream;

/// <summary>
/// Which of the chart's own switches a default rule group needs besides <c>defaultRules.rules.&lt;key&gt;</c>: the chart
/// renders the group only when that component is scraped (<c>kubeEtcd.enabled</c>, ...). Read from the templates in
/// <c>templates/prometheus/rules-1.14/</c> at 88.5.3.
/// </summary>
public enum ChartComponent
{
    /// <summary>Only <c>defaultRules.create</c> and the group's key.</summary>
    Always,

    /// <summary><c>kubeApiServer.enabled</c>.</summary>
    KubeApiServer,

    /// <summary><c>kubelet.enabled</c>.</summary>
    Kubelet,

    /// <summary><c>kubeEtcd.enabled</c> (control plane).</summary>
    KubeEtcd,

    /// <summary><c>kubeScheduler.enabled</c> (control plane).</summary>
    KubeScheduler,

    /// <summary><c>kubeControllerManager.enabled</c> (control plane).</summary>
    KubeControllerManager,

    /// <summary><c>kubeProxy.enabled</c> (control plane).</summary>
    KubeProxy,
}

/// <summary>One alerting rule of the chart: its name and the severity the chart gives it (one name may have two rules).</summary>
public sealed record ChartAlert(string Name, Severity Severity);

/// <summary>
/// One of the chart's default rule groups: the <c>defaultRules.rules</c> key that switches it (one key may switch several
/// groups), the group's name in Prometheus, the component it also needs, and its rules in the chart's order.
/// </summary>
public sealed record ChartRuleGroup(string ValuesKey, string GroupName, ChartComponent Component, ImmutableArray<ChartAlert> Alerts, ImmutableArray<string> Records)
{
    /// <summary>True for etcd, kube-scheduler, kube-controller-manager and kube-proxy: components a managed cluster hides.</summary>
    public bool IsControlPlane => KubePrometheusStackRules.IsControlPlane(Component);
}

/// <summary>
/// kube-prometheus-stack 88.5.3's default rules (<c>defaultRules</c>), written down once: every group the chart renders
/// with its default <c>defaultRules.rules</c> switches, with its alerts (name, severity) and recording rules. The product
/// derives from it what it turns on and off and what it counts; a test compares it with the chart's real render
/// (<c>reference/rendered/kube-prometheus-stack/88.5.3/default-rules.yaml</c>), rule by rule. Not listed: the
/// <c>windows</c> groups (they also need <c>windowsMonitoring.enabled</c>, off) and the <c>k8sContainerCpuLimits</c>-style
/// keys that the templates read but values.yaml does not set (so they render nothing).
/// </summary>
public static class KubePrometheusStackRules
{
    /// <summary>The chart version this table describes (a chart bump re-checks it against a new render).</summary>
    public const string ChartVersion = "88.5.3";

    /// <summary>Where the chart's alerts link their runbooks (<c>defaultRules.runbookUrl</c>).</summary>
    public const string RunbookBaseUrl = "https://runbooks.prometheus-operator.dev/runbooks/";

    /// <summary>The components a managed Kubernetes (EKS, GKE, AKS) does not let Prometheus scrape.</summary>
    public static ImmutableArray<ChartComponent> ControlPlane { get; } =
        [ChartComponent.KubeEtcd, ChartComponent.KubeScheduler, ChartComponent.KubeControllerManager, ChartComponent.KubeProxy];

    public static bool IsControlPlane(ChartComponent component) => ControlPlane.Contains(component);

    /// <summary>The chart's <c>&lt;component&gt;.enabled</c> values key of a component (null for <see cref="ChartComponent.Always"/>).</summary>
    public static string? ValuesKey(ChartComponent component) => component switch
    {
        ChartComponent.Always => null,
        ChartComponent.KubeApiServer => "kubeApiServer",
        ChartComponent.Kubelet => "kubelet",
        ChartComponent.KubeEtcd => "kubeEtcd",
        ChartComponent.KubeScheduler => "kubeScheduler",
        ChartComponent.KubeControllerManager => "kubeControllerManager",
        ChartComponent.KubeProxy => "kubeProxy",
        _ => throw new ArgumentOutOfRangeException(nameof(component), component, "Unknown chart component."),
    };

    /// <summary>Every default group, by group name.</summary>
    public static ImmutableArray<ChartRuleGroup> Groups { get; } =
    [
        new("alertmanager", "alertmanager.rules", ChartComponent.Always,
            Alerts: [C("AlertmanagerFailedReload"), C("AlertmanagerMembersInconsistent"), W("AlertmanagerFailedToSendAlerts"), C("AlertmanagerClusterFailedToSendAlerts"), W("AlertmanagerClusterFailedToSendAlerts"), C("AlertmanagerConfigInconsistent"), C("AlertmanagerClusterDown"), C("AlertmanagerClusterCrashlooping"), W("AlertmanagerClusterFailedPeers")],
            Records: []),
        new("configReloaders", "config-reloaders", ChartComponent.Always,
            Alerts: [W("ConfigReloaderSidecarErrors")],
            Records: []),
        new("etcd", "etcd", ChartComponent.KubeEtcd,
            Alerts: [W("etcdMembersDown"), C("etcdInsufficientMembers"), C("etcdNoLeader"), W("etcdHighNumberOfLeaderChanges"), W("etcdHighNumberOfFailedGRPCRequests"), C("etcdHighNumberOfFailedGRPCRequests"), C("etcdGRPCRequestsSlow"), W("etcdMemberCommunicationSlow"), W("etcdHighNumberOfFailedProposals"), W("etcdHighFsyncDurations"), C("etcdHighFsyncDurations"), W("etcdHighCommitDurations"), C("etcdDatabaseQuotaLowSpace"), W("etcdExcessiveDatabaseGrowth"), W("etcdDatabaseHighFragmentationRatio")],
            Records: []),
        new("general", "general.rules", ChartComponent.Always,
            Alerts: [W("TargetDown"), N("Watchdog"), N("InfoInhibitor")],
            Records: []),
        new("k8sContainerCpuUsageSecondsTotal", "k8s.rules.container_cpu_usage_seconds_total", ChartComponent.Always,
            Alerts: [],
            Records: ["node_namespace_pod_container:container_cpu_usage_seconds_total:sum_rate5m", "node_namespace_pod_container:container_cpu_usage_seconds_total:sum_irate"]),
        new("k8sContainerMemoryCache", "k8s.rules.container_memory_cache", ChartComponent.Always,
            Alerts: [],
            Records: ["node_namespace_pod_container:container_memory_cache"]),
        new("k8sContainerMemoryRss", "k8s.rules.container_memory_rss", ChartComponent.Always,
            Alerts: [],
            Records: ["node_namespace_pod_container:container_memory_rss"]),
        new("k8sContainerMemorySwap", "k8s.rules.container_memory_swap", ChartComponent.Always,
            Alerts: [],
            Records: ["node_namespace_pod_container:container_memory_swap"]),
        new("k8sContainerMemoryWorkingSetBytes", "k8s.rules.container_memory_working_set_bytes", ChartComponent.Always,
            Alerts: [],
            Records: ["node_namespace_pod_container:container_memory_working_set_bytes"]),
        new("k8sContainerResource", "k8s.rules.container_resource", ChartComponent.Always,
            Alerts: [],
            Records: ["cluster:namespace:pod_memory:active:kube_pod_container_resource_requests", "namespace_memory:kube_pod_container_resource_requests:sum", "cluster:namespace:pod_cpu:active:kube_pod_container_resource_requests", "namespace_cpu:kube_pod_container_resource_requests:sum", "cluster:namespace:pod_memory:active:kube_pod_container_resource_limits", "namespace_memory:kube_pod_container_resource_limits:sum", "cluster:namespace:pod_cpu:active:kube_pod_container_resource_limits", "namespace_cpu:kube_pod_container_resource_limits:sum"]),
        new("k8sPodOwner", "k8s.rules.pod_owner", ChartComponent.Always,
            Alerts: [],
            Records: ["namespace_workload_pod:kube_pod_owner:relabel", "namespace_workload_pod:kube_pod_owner:relabel", "namespace_workload_pod:kube_pod_owner:relabel", "namespace_workload_pod:kube_pod_owner:relabel", "namespace_workload_pod:kube_pod_owner:relabel", "namespace_workload_pod:kube_pod_owner:relabel", "namespace_workload_pod:kube_pod_owner:relabel", "namespace_workload_pod:kube_pod_owner:relabel"]),
        new("kubeApiserverAvailability", "kube-apiserver-availability.rules", ChartComponent.KubeApiServer,
            Alerts: [],
            Records: ["code_verb:apiserver_request_total:increase30d", "code:apiserver_request_total:increase30d", "code:apiserver_request_total:increase30d", "cluster_verb_scope_le:apiserver_request_sli_duration_seconds_bucket:increase1h", "cluster_verb_scope_le:apiserver_request_sli_duration_seconds_bucket:increase30d", "cluster_verb_scope:apiserver_request_sli_duration_seconds_count:increase1h", "cluster_verb_scope:apiserver_request_sli_duration_seconds_count:increase30d", "apiserver_request:availability30d", "apiserver_request:availability30d", "apiserver_request:availability30d", "code_resource:apiserver_request_total:rate5m", "code_resource:apiserver_request_total:rate5m", "code_verb:apiserver_request_total:increase1h", "code_verb:apiserver_request_total:increase1h", "code_verb:apiserver_request_total:increase1h", "code_verb:apiserver_request_total:increase1h"]),
        new("kubeApiserverBurnrate", "kube-apiserver-burnrate.rules", ChartComponent.KubeApiServer,
            Alerts: [],
            Records: ["apiserver_request:burnrate1d", "apiserver_request:burnrate1h", "apiserver_request:burnrate2h", "apiserver_request:burnrate30m", "apiserver_request:burnrate3d", "apiserver_request:burnrate5m", "apiserver_request:burnrate6h", "apiserver_request:burnrate1d", "apiserver_request:burnrate1h", "apiserver_request:burnrate2h", "apiserver_request:burnrate30m", "apiserver_request:burnrate3d", "apiserver_request:burnrate5m", "apiserver_request:burnrate6h"]),
        new("kubeApiserverHistogram", "kube-apiserver-histogram.rules", ChartComponent.KubeApiServer,
            Alerts: [],
            Records: ["cluster_quantile:apiserver_request_sli_duration_seconds:histogram_quantile", "cluster_quantile:apiserver_request_sli_duration_seconds:histogram_quantile"]),
        new("kubeApiserverSlos", "kube-apiserver-slos", ChartComponent.KubeApiServer,
            Alerts: [C("KubeAPIErrorBudgetBurn"), C("KubeAPIErrorBudgetBurn"), W("KubeAPIErrorBudgetBurn"), W("KubeAPIErrorBudgetBurn")],
            Records: []),
        new("kubePrometheusGeneral", "kube-prometheus-general.rules", ChartComponent.Always,
            Alerts: [],
            Records: ["count:up1", "count:up0"]),
        new("kubePrometheusNodeRecording", "kube-prometheus-node-recording.rules", ChartComponent.Always,
            Alerts: [],
            Records: ["instance:node_cpu:rate:sum", "instance:node_network_receive_bytes:rate:sum", "instance:node_network_transmit_bytes:rate:sum", "instance:node_cpu:ratio", "cluster:node_cpu:sum_rate5m", "cluster:node_cpu:ratio"]),
        new("kubeSchedulerRecording", "kube-scheduler.rules", ChartComponent.KubeScheduler,
            Alerts: [],
            Records: ["cluster_quantile:scheduler_scheduling_attempt_duration_seconds:histogram_quantile", "cluster_quantile:scheduler_scheduling_algorithm_duration_seconds:histogram_quantile", "cluster_quantile:scheduler_pod_scheduling_sli_duration_seconds:histogram_quantile", "cluster_quantile:scheduler_scheduling_attempt_duration_seconds:histogram_quantile", "cluster_quantile:scheduler_scheduling_algorithm_duration_seconds:histogram_quantile", "cluster_quantile:scheduler_pod_scheduling_sli_duration_seconds:histogram_quantile", "cluster_quantile:scheduler_scheduling_attempt_duration_seconds:histogram_quantile", "cluster_quantile:scheduler_scheduling_algorithm_duration_seconds:histogram_quantile", "cluster_quantile:scheduler_pod_scheduling_sli_duration_seconds:histogram_quantile"]),
        new("kubeStateMetrics", "kube-state-metrics", ChartComponent.Always,
            Alerts: [C("KubeStateMetricsListErrors"), C("KubeStateMetricsWatchErrors"), C("KubeStateMetricsShardingMismatch"), C("KubeStateMetricsShardsMissing")],
            Records: []),
        new("kubelet", "kubelet.rules", ChartComponent.Kubelet,
            Alerts: [],
            Records: ["node_quantile:kubelet_pleg_relist_duration_seconds:histogram_quantile", "node_quantile:kubelet_pleg_relist_duration_seconds:histogram_quantile", "node_quantile:kubelet_pleg_relist_duration_seconds:histogram_quantile"]),
        new("kubernetesApps", "kubernetes-apps", ChartComponent.Always,
            Alerts: [W("KubePodCrashLooping"), W("KubePodNotReady"), W("KubeDeploymentGenerationMismatch"), W("KubeDeploymentReplicasMismatch"), W("KubeDeploymentRolloutStuck"), W("KubeStatefulSetReplicasMismatch"), W("KubeStatefulSetGenerationMismatch"), W("KubeStatefulSetUpdateNotRolledOut"), W("KubeDaemonSetRolloutStuck"), W("KubeContainerWaiting"), W("KubeDaemonSetNotScheduled"), W("KubeDaemonSetMisScheduled"), W("KubeJobNotCompleted"), W("KubeJobFailed"), W("KubeHpaReplicasMismatch"), W("KubeHpaMaxedOut"), W("KubePdbNotEnoughHealthyPods")],
            Records: []),
        new("kubernetesResources", "kubernetes-resources", ChartComponent.Always,
            Alerts: [W("KubeCPUOvercommit"), W("KubeMemoryOvercommit"), W("KubeCPUQuotaOvercommit"), W("KubeMemoryQuotaOvercommit"), I("KubeQuotaAlmostFull"), I("KubeQuotaFullyUsed"), W("KubeQuotaExceeded"), I("CPUThrottlingHigh")],
            Records: []),
        new("kubernetesStorage", "kubernetes-storage", ChartComponent.Always,
            Alerts: [C("KubePersistentVolumeFillingUp"), W("KubePersistentVolumeFillingUp"), C("KubePersistentVolumeInodesFillingUp"), W("KubePersistentVolumeInodesFillingUp"), C("KubePersistentVolumeErrors")],
            Records: []),
        new("kubernetesSystem", "kubernetes-system", ChartComponent.Always,
            Alerts: [W("KubeVersionMismatch"), W("KubeClientErrors")],
            Records: []),
        new("kubernetesSystem", "kubernetes-system-apiserver", ChartComponent.Always,
            Alerts: [W("KubeClientCertificateExpiration"), C("KubeClientCertificateExpiration"), W("KubeAggregatedAPIErrors"), W("KubeAggregatedAPIDown"), C("KubeAPIDown"), W("KubeAPIInstanceUnreachable"), W("KubeAPITerminatedRequests")],
            Records: []),
        new("kubeControllerManager", "kubernetes-system-controller-manager", ChartComponent.KubeControllerManager,
            Alerts: [C("KubeControllerManagerDown"), W("KubeControllerManagerInstanceUnreachable")],
            Records: []),
        new("kubeProxy", "kubernetes-system-kube-proxy", ChartComponent.KubeProxy,
            Alerts: [C("KubeProxyDown"), W("KubeProxyInstanceUnreachable")],
            Records: []),
        new("kubernetesSystem", "kubernetes-system-kubelet", ChartComponent.Always,
            Alerts: [W("KubeNodeNotReady"), I("KubeNodePressure"), W("KubeNodeUnreachable"), I("KubeletTooManyPods"), W("KubeNodeReadinessFlapping"), I("KubeNodeEviction"), W("KubeletPlegDurationHigh"), W("KubeletPodStartUpLatencyHigh"), W("KubeletClientCertificateExpiration"), C("KubeletClientCertificateExpiration"), W("KubeletServerCertificateExpiration"), C("KubeletServerCertificateExpiration"), W("KubeletClientCertificateRenewalErrors"), W("KubeletServerCertificateRenewalErrors"), W("KubeletInstanceUnreachable"), C("KubeletDown")],
            Records: []),
        new("kubeSchedulerAlerting", "kubernetes-system-scheduler", ChartComponent.KubeScheduler,
            Alerts: [C("KubeSchedulerDown"), W("KubeSchedulerInstanceUnreachable")],
            Records: []),
        new("nodeExporterAlerting", "node-exporter", ChartComponent.Always,
            Alerts: [W("NodeFilesystemSpaceFillingUp"), C("NodeFilesystemSpaceFillingUp"), W("NodeFilesystemAlmostOutOfSpace"), C("NodeFilesystemAlmostOutOfSpace"), W("NodeFilesystemFilesFillingUp"), C("NodeFilesystemFilesFillingUp"), W("NodeFilesystemAlmostOutOfFiles"), C("NodeFilesystemAlmostOutOfFiles"), W("NodeNetworkReceiveErrs"), W("NodeNetworkTransmitErrs"), W("NodeHighNumberConntrackEntriesUsed"), W("NodeTextFileCollectorScrapeError"), W("NodeClockSkewDetected"), W("NodeClockNotSynchronising"), C("NodeRAIDDegraded"), W("NodeRAIDDiskFailure"), W("NodeFileDescriptorLimit"), C("NodeFileDescriptorLimit"), I("NodeCPUHighUsage"), W("NodeSystemSaturation"), W("NodeMemoryMajorPagesFaults"), W("NodeMemoryHighUtilization"), W("NodeDiskIOSaturation"), W("NodeSystemdServiceFailed"), W("NodeSystemdServiceCrashlooping"), W("NodeBondingDegraded")],
            Records: []),
        new("nodeExporterRecording", "node-exporter.rules", ChartComponent.Always,
            Alerts: [],
            Records: ["instance:node_num_cpu:sum", "instance:node_cpu_utilisation:rate5m", "instance:node_load1_per_cpu:ratio", "instance:node_memory_utilisation:ratio", "instance:node_vmstat_pgmajfault:rate5m", "instance_device:node_disk_io_time_seconds:rate5m", "instance_device:node_disk_io_time_weighted_seconds:rate5m", "instance:node_network_receive_bytes_excluding_lo:rate5m", "instance:node_network_transmit_bytes_excluding_lo:rate5m", "instance:node_network_receive_drop_excluding_lo:rate5m", "instance:node_network_transmit_drop_excluding_lo:rate5m", "instance:node_network_receive_bytes_physical:rate5m", "instance:node_network_transmit_bytes_physical:rate5m", "instance:node_network_receive_drop_physical:rate5m", "instance:node_network_transmit_drop_physical:rate5m"]),
        new("network", "node-network", ChartComponent.Always,
            Alerts: [W("NodeNetworkInterfaceFlapping")],
            Records: []),
        new("node", "node.rules", ChartComponent.Always,
            Alerts: [],
            Records: ["node_namespace_pod:kube_pod_info:", "node:node_num_cpu:sum", ":node_memory_MemAvailable_bytes:sum", "node:node_cpu_utilization:ratio_rate5m", "cluster:node_cpu:ratio_rate5m"]),
        new("prometheus", "prometheus", ChartComponent.Always,
            Alerts: [C("PrometheusBadConfig"), W("PrometheusSDRefreshFailure"), W("PrometheusKubernetesListWatchFailures"), W("PrometheusNotificationQueueRunningFull"), W("PrometheusErrorSendingAlertsToSomeAlertmanagers"), W("PrometheusNotConnectedToAlertmanagers"), W("PrometheusTSDBReloadsFailing"), W("PrometheusTSDBCompactionsFailing"), W("PrometheusNotIngestingSamples"), W("PrometheusDuplicateTimestamps"), W("PrometheusOutOfOrderTimestamps"), C("PrometheusRemoteStorageFailures"), C("PrometheusRemoteWriteBehind"), W("PrometheusRemoteWriteDesiredShards"), C("PrometheusRuleFailures"), W("PrometheusMissingRuleEvaluations"), W("PrometheusTargetLimitHit"), W("PrometheusLabelLimitHit"), W("PrometheusScrapeBodySizeLimitHit"), W("PrometheusScrapeSampleLimitHit"), C("PrometheusTargetSyncFailure"), W("PrometheusHighQueryLoad"), C("PrometheusErrorSendingAlertsToAnyAlertmanager")],
            Records: []),
        new("prometheusOperator", "prometheus-operator", ChartComponent.Always,
            Alerts: [W("PrometheusOperatorListErrors"), W("PrometheusOperatorWatchErrors"), W("PrometheusOperatorSyncFailed"), W("PrometheusOperatorReconcileErrors"), W("PrometheusOperatorStatusUpdateErrors"), W("PrometheusOperatorNodeLookupErrors"), W("PrometheusOperatorNotReady"), W("PrometheusOperatorRejectedResources")],
            Records: []),
    ];

    /// <summary>The groups deployed when the control plane is (or is not) watched.</summary>
    public static IEnumerable<ChartRuleGroup> EnabledGroups(bool controlPlane) =>
        Groups.Where(g => controlPlane || !g.IsControlPlane);

    /// <summary>
    /// The chart's alerting rules that are deployed: those of <see cref="EnabledGroups"/> whose name the overlap table
    /// does not disable (<see cref="UpstreamOverlaps.DisabledChartAlerts"/>).
    /// </summary>
    public static IEnumerable<ChartAlert> EnabledAlerts(bool controlPlane) =>
        EnabledGroups(controlPlane).SelectMany(g => g.Alerts).Where(a => !UpstreamOverlaps.DisabledChartAlerts.Contains(a.Name));

    /// <summary>The chart's recording rules that are deployed (<c>defaultRules.disabled</c> applies to alerts only).</summary>
    public static IEnumerable<string> EnabledRecords(bool controlPlane) =>
        EnabledGroups(controlPlane).SelectMany(g => g.Records);

    /// <summary>The runbook the chart links for an alert of a group: <c>&lt;base&gt;&lt;area&gt;/&lt;alertname in lower case&gt;</c>.</summary>
    public static bool IsChartRunbookUrl(string alert, string? url) =>
        url is not null && url.StartsWith(RunbookBaseUrl, StringComparison.Ordinal) &&
        url.EndsWith("/" + alert.ToLowerInvariant(), StringComparison.Ordinal);

    private static ChartAlert C(string name) => new(name, Severity.Critical);

    private static ChartAlert W(string name) => new(name, Severity.Warning);

    private static ChartAlert I(string name) => new(name, Severity.Info);

    private static ChartAlert N(string name) => new(name, Severity.None);
}
