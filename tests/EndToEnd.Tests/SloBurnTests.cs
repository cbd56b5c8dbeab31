using System.Globalization;
using Observability.EndToEnd.Tests.Harness;
using Observability.Rules.Slo;

namespace Observability.EndToEnd.Tests;

/// <summary>
/// Multi-window burn-rate alerts over synthetic traffic. The windows are hours and days, the test lasts seconds:
/// the recorded ratios divide bad by all events over whatever data the window holds, so a window with a few seconds
/// of data reports the true ratio, and the burn rate is what the test sets.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SloBurnTests
{
    private const string Slo = PlatformSlos.ApiAvailability;

    [Fact]
    public async Task Burning_the_availability_budget_at_5x_opens_a_ticket_and_at_15x_pages()
    {
        await using var stack = await LiveStack.StartAsync(apiInstances: 1, (_, api) => api.Healthy());
        await Expect.AllRulesHealthy(stack);
        var objective = stack.Settings.Slos.Objectives[Slo].Objective!.Value;
        var budget = (double)((100m - objective) / 100m);

        // 5× the budget: above the ticket factors (3×, 1×), below the page factors (14.4×, 6×).
        stack.Api[0].Traffic(requestsPerSecond: 10_000, errorRatio: 5 * budget);
        await Expect.Firing(stack, SloConventions.BurnSlowAlert, OfSlo);
        var ticket = await Expect.SlackMessage(stack, TestStack.SlackWarningPath, SloConventions.BurnSlowAlert, "FIRING");
        Assert.Contains($"*SLO {Slo} (api) burns its error budget faster than the period allows* `warning`",
            Assert.Single(ticket.Attachments).Text, StringComparison.Ordinal);
        Assert.DoesNotContain(await stack.Prometheus.Api.AlertsAsync(), a => a.Name == SloConventions.BurnFastAlert && OfSlo(a));
        Assert.DoesNotContain(Expect.PagerDuty(stack, SloConventions.BurnFastAlert, "trigger"), MentionsSlo);

        // 15× the budget (above 14.4×); the traffic is large so the new ratio dominates every window within seconds.
        stack.Api[0].Traffic(requestsPerSecond: 1_000_000, errorRatio: 15 * budget);
        var firing = await Expect.Firing(stack, SloConventions.BurnFastAlert, OfSlo);
        Assert.Equal("critical", firing.Labels["severity"]);
        Assert.Equal("api", firing.Labels[SloConventions.ServiceLabel]);
        // Its value is the long window's ratio of the condition that holds: at least the lowest page factor (6×).
        Assert.True(double.Parse(firing.Value, CultureInfo.InvariantCulture) > 6 * budget, $"long-window error ratio {firing.Value}");

        // The page reaches the page receiver (PagerDuty), naming the SLO and its runbook.
        var page = await Eventually.Until($"a PagerDuty trigger for {SloConventions.BurnFastAlert} of {Slo}", Expect.Notification,
            () => Task.FromResult(Expect.PagerDuty(stack, SloConventions.BurnFastAlert, "trigger").FirstOrDefault(MentionsSlo)),
            () => Expect.Describe(stack));
        Assert.Equal(stack.Settings.Alertmanager.Receivers.Pagerduty!.RoutingKey!.Reveal(), page.RoutingKey);
        var details = page.Payload!.Detail("firing");
        Assert.Contains(" - service = api\n", details, StringComparison.Ordinal);
        Assert.Contains(" - severity = critical\n", details, StringComparison.Ordinal);
        var runbook = await Expect.RuleAnnotation(stack, SloConventions.BurnFastAlert, "runbook_url");
        Assert.EndsWith($"/{SloConventions.BurnFastAlert}.md", runbook, StringComparison.Ordinal);
        Assert.Contains($" - runbook_url = {runbook}\n", details, StringComparison.Ordinal);

        // The 14.4× condition itself holds: the 1h and 5m ratios, recorded from seconds of data, pass 14.4× the budget.
        var threshold = (14.4 * budget).ToString("R", CultureInfo.InvariantCulture);
        var ratio1h = $"{SloConventions.ErrorRatio(Rules.Model.Duration.Hours(1))}{{slo=\"{Slo}\"}}";
        var ratio5m = $"{SloConventions.ErrorRatio(Rules.Model.Duration.Minutes(5))}{{slo=\"{Slo}\"}}";
        await Eventually.UntilTrue("the 1h and 5m error ratios above 14.4× the budget", Expect.Notification, async () =>
            (await stack.Prometheus.Api.QueryAsync($"{ratio1h} > {threshold} and {ratio5m} > {threshold}")).Count == 1);
        Assert.InRange(Assert.Single(await stack.Prometheus.Api.QueryAsync(ratio1h)).Value, 14.4 * budget, 15 * budget);
    }

    private static bool OfSlo(ActiveAlert alert) => alert.Labels.GetValueOrDefault(SloConventions.SloLabel) == Slo;

    private static bool MentionsSlo(PagerDutyEvent e) =>
        e.Payload?.Detail("firing").Contains($" - {SloConventions.SloLabel} = {Slo}\n", StringComparison.Ordinal) == true;
}
