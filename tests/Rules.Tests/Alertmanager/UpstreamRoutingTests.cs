using Observability.Rules.Alertmanager;
using Observability.Rules.Packs;
using Observability.Rules.Conventions;
using Observability.Rules.Model;
using Observability.Rules.Upstream;

namespace Observability.Rules.Tests.Alertmanager;

/// <summary>
/// kube-prometheus-stack's default alerts reach the right receivers: every severity they use routes like ours (critical
/// pages, warning goes to Slack, info is emailed and never pages), and the overlap table's decisions hold in Alertmanager.
/// </summary>
public sealed class UpstreamRoutingTests
{
    private static readonly AlertmanagerConfig Default = PlatformRouting.Build(PlatformRoutingTests.DefaultOptions);

    private static readonly AlertmanagerConfig Full = PlatformRouting.Build(PlatformRoutingTests.FullOptions);

    private static Dictionary<string, string> Labels(params string[] pairs) =>
        pairs.ToDictionary(p => p[..p.IndexOf('=', StringComparison.Ordinal)], p => p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal);

    private static string Expected(Severity severity) => severity switch
    {
        Severity.Critical => "pagerduty,slack-critical",
        Severity.Warning => "slack-warning",
        _ => "email",
    };

    /// <summary>One real chart alert of every severity the chart uses (critical, warning, info, none), as the chart labels it.</summary>
    public static TheoryData<string, string> OnePerSeverity()
    {
        var data = new TheoryData<string, string>();
        foreach (var severity in KubePrometheusStackRules.Groups.SelectMany(g => g.Alerts).Select(a => a.Severity).Distinct().Order())
        {
            var alert = KubePrometheusStackRules.EnabledAlerts(controlPlane: false).FirstOrDefault(a => a.Severity == severity)
                ?? KubePrometheusStackRules.Groups.SelectMany(g => g.Alerts).First(a => a.Severity == severity && a.Name != WatchdogRules.Watchdog.Name);
            data.Add(alert.Name, severity.ToLabel());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OnePerSeverity))]
    public void A_chart_alert_of_each_severity_routes_like_amtool_says(string alert, string severity)
    {
        Assert.True(SeverityExtensions.TryParse(severity, out var parsed));
        var labels = Labels($"alertname={alert}", $"severity={severity}", "namespace=monitoring", "cluster=prod-eu-west-1");
        using var amtool = new Amtool(Default);

        amtool.AssertRoutes(Expected(parsed), labels);
        Assert.Equal(Expected(parsed), string.Join(',', Default.ReceiversFor(labels)));
    }

    /// <summary>
    /// The chart's alerts that an integration fails to deliver, per failing integration: a notice about a broken
    /// receiver is never sent only through that receiver (the end-to-end suite shows Slack's warnings channel answering
    /// 500 and the warning about it, routed there, lost).
    /// </summary>
    [Theory]
    [InlineData("AlertmanagerFailedToSendAlerts", "warning", "slack", "email")]
    [InlineData("AlertmanagerClusterFailedToSendAlerts", "warning", "slack", "email")]
    [InlineData("AlertmanagerClusterFailedToSendAlerts", "critical", "slack", "pagerduty,slack-critical")]
    [InlineData("AlertmanagerFailedToSendAlerts", "warning", "pagerduty", "slack-warning")]
    [InlineData("AlertmanagerClusterFailedToSendAlerts", "critical", "pagerduty", "pagerduty,slack-critical")]
    [InlineData("AlertmanagerFailedToSendAlerts", "warning", "email", "slack-warning")]
    [InlineData("AlertmanagerFailedToSendAlerts", "warning", "webhook", "slack-warning")]
    public void A_failing_integration_is_reported_through_another(string alert, string severity, string integration, string expected)
    {
        Assert.Contains(alert, PlatformRouting.FailedToSendAlerts);
        Assert.Contains(KubePrometheusStackRules.EnabledAlerts(controlPlane: false), a => a.Name == alert && a.Severity.ToLabel() == severity);
        var labels = Labels($"alertname={alert}", $"severity={severity}", $"integration={integration}", "namespace=monitoring", "service=kps-alertmanager");
        using var amtool = new Amtool(Default);

        amtool.AssertRoutes(expected, labels);
        Assert.Equal(expected, string.Join(',', Default.ReceiversFor(labels)));
    }

    [Fact]
    public void The_chart_uses_exactly_the_four_severities_and_info_never_pages()
    {
        var severities = KubePrometheusStackRules.Groups.SelectMany(g => g.Alerts).Select(a => a.Severity).Distinct().Order().ToList();
        Assert.Equal([Severity.Critical, Severity.Warning, Severity.Info, Severity.None], severities);
        Assert.Empty(RoutingChecks.Validate(Default, severities));
        Assert.Empty(RoutingChecks.Validate(Full, severities));

        // Every deployed chart alert, with or without the control plane, reaches what its severity says.
        foreach (var alert in KubePrometheusStackRules.EnabledAlerts(controlPlane: true))
        {
            var labels = Labels($"alertname={alert.Name}", $"severity={alert.Severity.ToLabel()}", "namespace=monitoring");
            var receivers = Default.ReceiversFor(labels);
            Assert.Equal(Expected(alert.Severity), string.Join(',', receivers));
            if (alert.Severity is Severity.Info or Severity.None)
                Assert.DoesNotContain(PlatformReceivers.PagerDuty, receivers);
        }
    }

    [Fact]
    public void The_charts_watchdog_and_info_inhibitor_are_off_and_a_watchdog_reaches_the_heartbeat()
    {
        // The table disables both: ours is the one Watchdog, and no InfoInhibitor is emailed all day.
        Assert.Contains(WatchdogRules.Watchdog.Name, UpstreamOverlaps.DisabledChartAlerts);
        Assert.Contains("InfoInhibitor", UpstreamOverlaps.DisabledChartAlerts);
        Assert.DoesNotContain(KubePrometheusStackRules.EnabledAlerts(controlPlane: true), a => a.Name is "Watchdog" or "InfoInhibitor");

        // The chart's Watchdog carries the same labels as ours, so even re-enabled it would only feed the heartbeat.
        using var full = new Amtool(Full);
        full.AssertRoutes("heartbeat", Labels("alertname=Watchdog", "severity=none", "cluster=prod-eu-west-1"));
        using var def = new Amtool(Default);
        def.AssertRoutes("null", Labels("alertname=Watchdog", "severity=none"));
    }

    [Fact]
    public void Amtool_accepts_the_overlap_inhibitions()
    {
        using var amtool = new Amtool(Default);

        var result = amtool.CheckConfig();

        Assert.Contains($" - {5 + UpstreamOverlaps.InhibitRules.Length} inhibit rules", result.Output, StringComparison.Ordinal);
        Assert.Equal(5, UpstreamOverlaps.InhibitRules.Length);
    }

    public static TheoryData<bool, string[], string[]> Inhibitions => new()
    {
        // TargetDown is muted while ServiceDown or NodeDown fires for the same job, never for another job
        { true, ["alertname=ServiceDown", "severity=critical", "job=api", "instance=10.0.0.5:8000"], ["alertname=TargetDown", "severity=warning", "job=api", "namespace=shop", "service=api"] },
        { true, ["alertname=NodeDown", "severity=critical", "job=node-exporter", "instance=10.0.0.7:9100"], ["alertname=TargetDown", "severity=warning", "job=node-exporter", "namespace=monitoring"] },
        { false, ["alertname=ServiceDown", "severity=critical", "job=api"], ["alertname=TargetDown", "severity=warning", "job=kube-state-metrics"] },
        { false, ["alertname=ServiceDown", "severity=critical"], ["alertname=TargetDown", "severity=warning"] },
        // the chart's kubelet warning is muted by ServiceDown of the same kubelet only
        { true, ["alertname=ServiceDown", "severity=critical", "job=kubelet", "instance=10.0.0.7:10250"], ["alertname=KubeletInstanceUnreachable", "severity=warning", "job=kubelet", "instance=10.0.0.7:10250"] },
        { false, ["alertname=ServiceDown", "severity=critical", "job=kubelet", "instance=10.0.0.7:10250"], ["alertname=KubeletInstanceUnreachable", "severity=warning", "job=kubelet", "instance=10.0.0.8:10250"] },
        // and so is the API server's, by ServiceDown of the same API server instance
        { true, ["alertname=ServiceDown", "severity=critical", "job=apiserver", "instance=10.0.0.2:6443"], ["alertname=KubeAPIInstanceUnreachable", "severity=warning", "job=apiserver", "instance=10.0.0.2:6443"] },
        { false, ["alertname=ServiceDown", "severity=critical", "job=apiserver", "instance=10.0.0.2:6443"], ["alertname=KubeAPIInstanceUnreachable", "severity=warning", "job=apiserver", "instance=10.0.0.3:6443"] },
        // all kubelets down: the kubelets' ServiceDown (paged first) mutes KubeletDown in its cluster; an application's does not
        { true, ["alertname=ServiceDown", "severity=critical", "job=kubelet", "instance=10.0.0.7:10250", "cluster=prod"], ["alertname=KubeletDown", "severity=critical", "cluster=prod"] },
        { false, ["alertname=ServiceDown", "severity=critical", "job=api", "cluster=prod"], ["alertname=KubeletDown", "severity=critical", "cluster=prod"] },
        { false, ["alertname=ServiceDown", "severity=critical", "job=kubelet", "cluster=staging"], ["alertname=KubeletDown", "severity=critical", "cluster=prod"] },
        { false, ["alertname=KubeletDown", "severity=critical", "cluster=prod"], ["alertname=ServiceDown", "severity=critical", "job=kubelet", "instance=10.0.0.7:10250", "cluster=prod"] },
        // Alertmanager pods down: their ServiceDown mutes the chart's AlertmanagerClusterDown of the same Service only
        { true, ["alertname=ServiceDown", "severity=critical", "job=kps-alertmanager", "namespace=monitoring", "service=kps-alertmanager", "instance=10.0.1.4:9093"], ["alertname=AlertmanagerClusterDown", "severity=critical", "namespace=monitoring", "service=kps-alertmanager"] },
        { false, ["alertname=ServiceDown", "severity=critical", "job=api", "namespace=shop", "service=api"], ["alertname=AlertmanagerClusterDown", "severity=critical", "namespace=monitoring", "service=kps-alertmanager"] },
        // LowDiskSpace mutes the predicted-full warning of the same mountpoint on the same node
        { true, ["alertname=LowDiskSpace", "severity=critical", "instance=10.0.0.7:9100", "mountpoint=/", "job=node-exporter"], ["alertname=NodeFilesystemSpaceFillingUp", "severity=critical", "instance=10.0.0.7:9100", "mountpoint=/", "device=/dev/sda1"] },
        { false, ["alertname=LowDiskSpace", "severity=critical", "instance=10.0.0.7:9100", "mountpoint=/"], ["alertname=NodeFilesystemSpaceFillingUp", "severity=warning", "instance=10.0.0.7:9100", "mountpoint=/var"] },
        { false, ["alertname=NodeFilesystemSpaceFillingUp", "severity=critical", "instance=10.0.0.7:9100", "mountpoint=/"], ["alertname=LowDiskSpace", "severity=critical", "instance=10.0.0.7:9100", "mountpoint=/"] },
        // the chart's own warning/critical pairs: the critical mutes the warning of the same alert and namespace
        { true, ["alertname=KubePersistentVolumeFillingUp", "severity=critical", "namespace=monitoring"], ["alertname=KubePersistentVolumeFillingUp", "severity=warning", "namespace=monitoring"] },
    };

    [Theory]
    [MemberData(nameof(Inhibitions))]
    public void Overlapping_chart_alerts_are_muted_exactly_as_the_table_says(bool inhibited, string[] source, string[] target) =>
        Assert.Equal(inhibited, Default.IsInhibited(Labels(target), [Labels(source)]));
}
