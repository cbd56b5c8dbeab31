using Observability.EndToEnd.Tests.Harness;
using Observability.Rules.Conventions;
using Observability.Rules.Packs;

namespace Observability.EndToEnd.Tests;

/// <summary>
/// Restarts in the middle of an incident, with the data directories kept (as a StatefulSet's volumes are):
/// nothing may be lost, nothing sent twice inside the repeat interval, silences and alert state must survive.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class RestartTests
{
    private static readonly TimeSpan GroupInterval = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Alertmanager_restarted_mid_incident_loses_nothing_repeats_nothing_and_keeps_its_silences()
    {
        await using var stack = await LiveStack.StartAsync(apiInstances: 1, (_, api) => api.Healthy());
        await Expect.AllRulesHealthy(stack);

        // A silence for SlowResponseTime, created through the API before the incident.
        var silenceId = await stack.Alertmanager.Api.CreateSilenceAsync(
            new Dictionary<string, string> { ["alertname"] = HttpRules.SlowResponseTime.Name, ["job"] = stack.ApiJob },
            TimeSpan.FromHours(1), "end-to-end: known slow endpoint");

        // The incident: HighErrorRate pages once.
        stack.Api[0].Traffic(requestsPerSecond: 100, errorRatio: 0.2);
        var page = await Expect.PagerDutyEvent(stack, HttpRules.HighErrorRate.Name, "trigger");

        // Alertmanager goes down. Meanwhile the incident grows: many more errors (HighErrorCount), and slow (silenced) answers.
        await stack.Alertmanager.StopAsync();
        stack.Api[0].Traffic(requestsPerSecond: 100_000, errorRatio: 0.2, latencySeconds: 2);
        await Expect.Firing(stack, HttpRules.HighErrorCount.Name);
        await Expect.Firing(stack, HttpRules.SlowResponseTime.Name);

        // Back on the same port with the same data directory (notification log and silences on disk).
        await stack.Alertmanager.StartAsync();

        // Not lost: the alert that started while Alertmanager was down is delivered once Prometheus re-sends it.
        var missed = await Expect.PagerDutyEvent(stack, HttpRules.HighErrorCount.Name, "trigger");
        Assert.Contains($" - job = {stack.ApiJob}\n", missed.Payload!.Detail("firing"), StringComparison.Ordinal);

        // The silence survived the restart and still holds SlowResponseTime back.
        var silence = Assert.Single(await stack.Alertmanager.Api.SilencesAsync(), s => s.Id == silenceId);
        Assert.Equal("active", silence.Status.State);
        var silenced = await Eventually.Until("SlowResponseTime suppressed by the silence after the restart", Expect.Notification, async () =>
            (await stack.Alertmanager.Api.AlertsAsync()).FirstOrDefault(a => a.Name == HttpRules.SlowResponseTime.Name && a.Status.SilencedBy.Contains(silenceId)),
            () => Expect.Describe(stack));
        Assert.Equal("suppressed", silenced.Status.State);

        // Not repeated: the notification log remembers HighErrorRate was sent; the repeat interval (1h) has not passed.
        await Expect.Quiet(GroupInterval * 2 + TimeSpan.FromSeconds(1));
        var pages = Expect.PagerDuty(stack, HttpRules.HighErrorRate.Name, "trigger");
        Assert.Equal(page.DedupKey, Assert.Single(pages).DedupKey);
        Assert.Single(Expect.PagerDuty(stack, HttpRules.HighErrorCount.Name, "trigger"));
        Assert.Empty(Expect.Mentioning(stack, HttpRules.SlowResponseTime.Name));
    }

    [Fact]
    public async Task Prometheus_restarted_with_its_data_reloads_the_rules_and_resumes_the_firing_alert()
    {
        await using var stack = await LiveStack.StartAsync(apiInstances: 1, (_, api) => api.Healthy());
        var before = await Expect.AllRulesHealthy(stack);

        stack.Api[0].Traffic(requestsPerSecond: 100, errorRatio: 0.2);
        var firing = await Expect.Firing(stack, HttpRules.HighErrorRate.Name);
        await Expect.PagerDutyEvent(stack, HttpRules.HighErrorRate.Name, "trigger");

        await stack.Prometheus.RestartAsync();

        // The same groups and rules come back, healthy.
        var after = await Expect.AllRulesHealthy(stack);
        Assert.Equal(
            before.SelectMany(g => g.Rules.Select(r => $"{g.Name}/{r.Name}")),
            after.SelectMany(g => g.Rules.Select(r => $"{g.Name}/{r.Name}")));

        // The alert resumes firing with its original start (restored from ALERTS_FOR_STATE, second precision).
        var resumed = await Expect.Firing(stack, HttpRules.HighErrorRate.Name);
        Assert.Equal(firing.Labels, resumed.Labels);
        Assert.Equal(firing.ActiveAt!.Value.ToUnixTimeSeconds(), resumed.ActiveAt!.Value.ToUnixTimeSeconds());

        // Alertmanager sees the same alert again: no second page.
        await Expect.Quiet(GroupInterval * 2 + TimeSpan.FromSeconds(1));
        Assert.Single(Expect.PagerDuty(stack, HttpRules.HighErrorRate.Name, "trigger"));
        Assert.Empty(Expect.PagerDuty(stack, HttpRules.HighErrorRate.Name, "resolve"));
    }
}
