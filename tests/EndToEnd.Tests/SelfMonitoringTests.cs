using Observability.EndToEnd.Tests.Harness;
using Observability.Rules.Alertmanager;
using Observability.Rules.Packs;
using Observability.Rules.Conventions;
using Observability.Rules.Output;

namespace Observability.EndToEnd.Tests;

/// <summary>
/// The stack watching itself, with kube-prometheus-stack's own rules for Prometheus and Alertmanager (the chart's
/// <c>prometheus</c> and <c>alertmanager.rules</c> groups as rendered, their job selectors included; only the
/// <c>for</c> of <see cref="ChartRules.ShortenedFor"/> shortened) over Prometheus scraping itself and Alertmanager under
/// the chart's job names: a receiver that fails, an Alertmanager that is missing or unreachable, a rule that fails.
/// The healthy baseline (no chart alert but the Watchdog, not even pending) is
/// <see cref="AlertingPipelineTests.Healthy_every_group_loads_ok_and_only_the_Watchdog_heartbeat_is_delivered"/>; each
/// scenario here also shows its alert absent while the stack is still healthy.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SelfMonitoringTests
{
    private const string FailedToSendAlerts = "AlertmanagerFailedToSendAlerts";
    private const string ClusterFailedToSendAlerts = "AlertmanagerClusterFailedToSendAlerts";
    private const string NotConnectedToAlertmanagers = "PrometheusNotConnectedToAlertmanagers";
    private const string ErrorSendingToAnyAlertmanager = "PrometheusErrorSendingAlertsToAnyAlertmanager";
    private const string ErrorSendingToSomeAlertmanagers = "PrometheusErrorSendingAlertsToSomeAlertmanagers";
    private const string RuleFailures = "PrometheusRuleFailures";

    private const string ChartRunbooks = Observability.Rules.Upstream.KubePrometheusStackRules.RunbookBaseUrl;

    [Fact]
    public async Task PagerDuty_answering_500_raises_AlertmanagerFailedToSendAlerts_which_Slack_delivers()
    {
        await using var stack = await LiveStack.StartAsync(apiInstances: 1, (_, api) => api.Healthy());
        await Expect.AllRulesHealthy(stack);
        await stack.Receivers.WaitFor("the Watchdog heartbeat", Expect.Notification, d => d.Path == TestStack.HeartbeatPath);
        await AssertNotActive(stack, FailedToSendAlerts, ClusterFailedToSendAlerts);

        // PagerDuty's endpoint fails; then a page is due (HighErrorRate, critical: PagerDuty, then Slack critical).
        stack.Receivers.Fail(TestStack.PagerDutyPath, 500);
        stack.Api[0].Traffic(requestsPerSecond: 100, errorRatio: 0.2);
        await Expect.Firing(stack, HttpRules.HighErrorRate.Name);
        await Eventually.UntilTrue("Alertmanager to try PagerDuty and be refused", Expect.Notification,
            () => Task.FromResult(stack.Receivers.Refused.Any(d => d.Path == TestStack.PagerDutyPath)), stack.Receivers.Describe);

        // The chart's alert fires for the pagerduty integration, on the Alertmanager target as the chart labels it.
        var failed = await Expect.Firing(stack, FailedToSendAlerts, a => a.Labels.GetValueOrDefault("integration") == "pagerduty");
        AssertTargetLabels(failed, stack.AlertmanagerTarget, stack.Alertmanager.Address);
        Assert.Equal("warning", failed.Labels["severity"]);

        // ... and, a warning, it reaches Slack's warning channel, which works: the team learns that pages are failing.
        var chat = await Expect.SlackMessage(stack, TestStack.SlackWarningPath, FailedToSendAlerts, "FIRING");
        Assert.Equal(stack.Settings.Alertmanager.Receivers.Slack!.WarningChannel, chat.Channel);
        var text = Assert.Single(chat.Attachments).Text;
        Assert.Contains("*An Alertmanager instance failed to send notifications.* `warning`", text, StringComparison.Ordinal);
        Assert.Contains($"<{ChartRunbooks}alertmanager/alertmanagerfailedtosendalerts|Runbook>", text, StringComparison.Ordinal);
        var routed = Assert.Single(await stack.Alertmanager.Api.AlertsAsync(), a => a.Name == FailedToSendAlerts);
        Assert.Equal([PlatformReceivers.SlackWarning], routed.Receivers.Select(r => r.Name));

        // Its cluster-wide sibling (critical: every replica fails, here the only one) pages, fails at PagerDuty again, and
        // reaches Slack's critical channel; so does the page that PagerDuty refused.
        var cluster = await Expect.Firing(stack, ClusterFailedToSendAlerts, a => a.Labels.GetValueOrDefault("integration") == "pagerduty");
        AssertClusterLabels(cluster, stack.AlertmanagerTarget, "pagerduty");
        await Expect.SlackMessage(stack, TestStack.SlackCriticalPath, ClusterFailedToSendAlerts, "FIRING");
        await Expect.SlackMessage(stack, TestStack.SlackCriticalPath, HttpRules.HighErrorRate.Name, "FIRING");
        Assert.Empty(stack.Receivers.At(TestStack.PagerDutyPath));
    }

    [Fact]
    public async Task Slack_warning_answering_500_raises_AlertmanagerFailedToSendAlerts_which_is_emailed_and_the_cluster_alert_pages()
    {
        await using var stack = await LiveStack.StartAsync(apiInstances: 1, (_, api) => api.Healthy());
        await Expect.AllRulesHealthy(stack);
        await stack.Receivers.WaitFor("the Watchdog heartbeat", Expect.Notification, d => d.Path == TestStack.HeartbeatPath);
        await AssertNotActive(stack, FailedToSendAlerts, ClusterFailedToSendAlerts);

        // Slack's warning webhook fails; then a warning is due (SlowResponseTime: Slack warning only).
        stack.Receivers.Fail(TestStack.SlackWarningPath, 500);
        stack.Api[0].Traffic(requestsPerSecond: 100, errorRatio: 0, latencySeconds: 2);
        await Expect.Firing(stack, HttpRules.SlowResponseTime.Name);

        var failed = await Expect.Firing(stack, FailedToSendAlerts, a => a.Labels.GetValueOrDefault("integration") == "slack");
        AssertTargetLabels(failed, stack.AlertmanagerTarget, stack.Alertmanager.Address);

        // The warning about the failing integration is not sent through it: Slack failing, it is emailed (the route
        // before the warnings channel's; this stack's SMTP server is the refused loopback port, so the routing is what
        // is observed, in Alertmanager).
        var routed = await Eventually.Until($"{FailedToSendAlerts} in Alertmanager", Expect.Notification, async () =>
            (await stack.Alertmanager.Api.AlertsAsync()).FirstOrDefault(a => a.Name == FailedToSendAlerts && a.Labels.GetValueOrDefault("integration") == "slack"),
            () => Expect.Describe(stack));
        Assert.Equal([PlatformReceivers.Email], routed.Receivers.Select(r => r.Name));

        // And the chart's cluster-wide alert, critical, pages (and Slack's critical channel, which works).
        var cluster = await Expect.Firing(stack, ClusterFailedToSendAlerts, a => a.Labels.GetValueOrDefault("integration") == "slack");
        AssertClusterLabels(cluster, stack.AlertmanagerTarget, "slack");
        var page = await Expect.PagerDutyEvent(stack, ClusterFailedToSendAlerts, "trigger");
        var details = page.Payload!.Detail("firing");
        Assert.Contains(" - integration = slack\n", details, StringComparison.Ordinal);
        Assert.Contains($" - service = {stack.AlertmanagerTarget.Labels["service"]}\n", details, StringComparison.Ordinal);
        Assert.Contains($" - runbook_url = {ChartRunbooks}alertmanager/alertmanagerclusterfailedtosendalerts\n", details, StringComparison.Ordinal);
        Assert.Empty(Expect.Mentioning(stack, FailedToSendAlerts));
    }

    [Fact]
    public async Task No_Alertmanager_discovered_then_one_unreachable_raise_the_charts_Prometheus_alerts()
    {
        await using var stack = await LiveStack.StartAsync(apiInstances: 1, (_, api) => api.Healthy(), options: new LiveStackOptions(AlertmanagerDiscovered: false));
        await Expect.AllRulesHealthy(stack);

        // No Alertmanager endpoint (e.g. its pods not ready): Prometheus says so, and can tell no one.
        var notConnected = await Expect.Firing(stack, NotConnectedToAlertmanagers);
        AssertTargetLabels(notConnected, stack.PrometheusTarget, stack.Prometheus.Address);
        Assert.Equal("warning", notConnected.Labels["severity"]);
        Assert.Equal($"{ChartRunbooks}prometheus/prometheusnotconnectedtoalertmanagers", notConnected.Annotations["runbook_url"]);
        await AssertNotActive(stack, ErrorSendingToAnyAlertmanager, ErrorSendingToSomeAlertmanagers);
        Assert.Empty(stack.Receivers.Received);

        // The Alertmanager appears: the alert resolves at once (max_over_time sees the 1), the heartbeat gets through.
        await stack.DiscoverAlertmanager(true);
        await Expect.Resolved(stack, NotConnectedToAlertmanagers);
        await stack.Receivers.WaitFor("the Watchdog heartbeat", Expect.Notification, d => d.Path == TestStack.HeartbeatPath);
        await AssertNotActive(stack, NotConnectedToAlertmanagers, ErrorSendingToAnyAlertmanager, ErrorSendingToSomeAlertmanagers);

        // Now it stops answering, still discovered: every send fails.
        await stack.Alertmanager.StopAsync();
        var any = await Expect.Firing(stack, ErrorSendingToAnyAlertmanager);
        AssertTargetLabels(any, stack.PrometheusTarget, stack.Prometheus.Address);
        Assert.Equal("critical", any.Labels["severity"]);
        Assert.False(any.Labels.ContainsKey("alertmanager"), "the minimum over every Alertmanager has no alertmanager label");
        var some = await Expect.Firing(stack, ErrorSendingToSomeAlertmanagers);
        Assert.Equal($"{stack.Alertmanager.BaseUrl}api/v2/alerts", some.Labels["alertmanager"]);
        Assert.Equal("warning", some.Labels["severity"]);
        await AssertNotActive(stack, NotConnectedToAlertmanagers);

        // Back on its port: the page raised while it was away arrives (the 5m window still holds the errors).
        await stack.Alertmanager.StartAsync();
        var page = await Expect.PagerDutyEvent(stack, ErrorSendingToAnyAlertmanager, "trigger");
        Assert.Contains($" - job = {stack.PrometheusTarget.Job}\n", page.Payload!.Detail("firing"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rule_that_fails_to_evaluate_raises_PrometheusRuleFailures_for_its_group_and_pages()
    {
        // A test-only group joining an info metric: fine while each service has one owner, a many-to-one match error
        // ("many-to-many matching not allowed") once a second owner series appears for the same service.
        const string group = "e2e-service-owner";
        const string record = "service:e2e_service_info:owner";
        var rules = YamlText.Serialize(new OrderedDictionary<string, object?>
        {
            ["groups"] = new List<object?>
            {
                new OrderedDictionary<string, object?>
                {
                    ["name"] = group,
                    ["rules"] = new List<object?>
                    {
                        new OrderedDictionary<string, object?>
                        {
                            ["record"] = record,
                            ["expr"] = "e2e_service_info * on (service) group_left (owner) e2e_service_owner",
                        },
                    },
                },
            },
        });
        await using var stack = await LiveStack.StartAsync(apiInstances: 1, (_, api) => api.Healthy()
                .Declare("e2e_service_info", "gauge", "A service.").Set("e2e_service_info", Labels.Of(("service", "api")), 1)
                .Declare("e2e_service_owner", "gauge", "The team owning a service.").Set("e2e_service_owner", Labels.Of(("service", "api"), ("owner", "payments")), 1),
            options: new LiveStackOptions(ExtraRuleFiles: new Dictionary<string, string> { ["e2e-service-owner.yaml"] = rules }));

        // Healthy: every group, the test's too, evaluates; the join records; nothing fails.
        await Expect.AllRulesHealthy(stack);
        await Eventually.UntilTrue($"{record} recorded", Expect.Notification, async () =>
            (await stack.Prometheus.Api.QueryAsync(record)).Any(s => s.Labels.GetValueOrDefault("owner") == "payments"));
        await AssertNotActive(stack, RuleFailures);

        // A second owner for the same service: the rule cannot be evaluated any more.
        stack.Api[0].Set("e2e_service_owner", Labels.Of(("service", "api"), ("owner", "checkout")), 1);
        var broken = await Eventually.Until($"{record} to fail", Expect.Notification, async () =>
            (await stack.Prometheus.Api.RulesAsync()).Single(g => g.Name == group).Rules.SingleOrDefault(r => r.Health == "err"),
            () => Expect.Describe(stack));
        Assert.Contains("many-to-many matching not allowed", broken.LastError, StringComparison.Ordinal);

        var failing = await Expect.Firing(stack, RuleFailures);
        AssertTargetLabels(failing, stack.PrometheusTarget, stack.Prometheus.Address);
        Assert.Equal("critical", failing.Labels["severity"]);
        var ruleGroup = $"{stack.RuleFiles[^1]};{group}";
        Assert.Equal(ruleGroup, failing.Labels["rule_group"]);
        // Only the broken group: every rendered rule still evaluates.
        Assert.All((await stack.Prometheus.Api.AlertsAsync()).Where(a => a.Name == RuleFailures), a => Assert.Equal(ruleGroup, a.Labels["rule_group"]));

        var page = await Expect.PagerDutyEvent(stack, RuleFailures, "trigger");
        var details = page.Payload!.Detail("firing");
        Assert.Contains($" - rule_group = {ruleGroup}\n", details, StringComparison.Ordinal);
        Assert.Contains($" - runbook_url = {ChartRunbooks}prometheus/prometheusrulefailures\n", details, StringComparison.Ordinal);
    }

    /// <summary>The alert carries the labels prometheus-operator gives the chart's ServiceMonitor target, and its instance.</summary>
    private static void AssertTargetLabels(ActiveAlert alert, SelfTarget target, string address)
    {
        Assert.Equal(target.Job, alert.Labels["job"]);
        Assert.Equal(address, alert.Labels["instance"]);
        foreach (var (name, value) in target.Labels)
            Assert.Equal(value, alert.Labels.GetValueOrDefault(name));
    }

    /// <summary>The cluster-wide alert aggregates the replicas: only namespace, service and integration (and severity) are left.</summary>
    private static void AssertClusterLabels(ActiveAlert alert, SelfTarget target, string integration)
    {
        Assert.Equal(
            [$"alertname={ClusterFailedToSendAlerts}", $"integration={integration}", $"namespace={target.Labels["namespace"]}", $"service={target.Labels["service"]}", "severity=critical"],
            alert.Labels.Select(l => $"{l.Key}={l.Value}").Order(StringComparer.Ordinal));
    }

    /// <summary>None of these alerts is pending or firing in Prometheus.</summary>
    private static async Task AssertNotActive(LiveStack stack, params string[] names)
    {
        var active = (await stack.Prometheus.Api.AlertsAsync()).Where(a => names.Contains(a.Name)).ToList();
        Assert.True(active.Count == 0, $"Expected none of {string.Join(", ", names)} pending or firing:\n{string.Join('\n', active)}");
    }
}
