using System.Globalization;
using Xunit.Sdk;
using YamlDotNet.RepresentationModel;

namespace Observability.EndToEnd.Tests.Harness;

/// <summary>The waits and reads the scenarios share: every wait bounded, every failure showing what was seen.</summary>
public static class Expect
{
    /// <summary>Long enough for a scrape, a rule's <c>for</c>, Alertmanager's group_wait and a delivery, on a busy machine.</summary>
    public static readonly TimeSpan Notification = TimeSpan.FromSeconds(45);

    /// <summary>The rule group names of <paramref name="ruleFiles"/>, in file order.</summary>
    public static IReadOnlyList<string> GroupNames(IReadOnlyList<string> ruleFiles, string where)
    {
        var names = new List<string>();
        foreach (var file in ruleFiles)
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file))
                stream.Load(reader);
            var root = (YamlMappingNode)stream.Documents[0].RootNode;
            foreach (var group in ((YamlSequenceNode)root.Children[new YamlScalarNode("groups")]).Children.Cast<YamlMappingNode>())
                names.Add(((YamlScalarNode)group.Children[new YamlScalarNode("name")]).Value!);
        }

        if (names.Count == 0)
            throw new XunitException($"The rule files of {where} have no rule groups.");
        return names;
    }

    /// <summary>Waits until Prometheus has loaded every group of the stack's rule files and evaluated every rule with health "ok".</summary>
    public static async Task<IReadOnlyList<RuleGroupStatus>> AllRulesHealthy(LiveStack stack)
    {
        var expected = GroupNames(stack.RuleFiles, stack.Folder.Path).Order(StringComparer.Ordinal).ToList();
        IReadOnlyList<RuleGroupStatus> last = [];
        return await Eventually.Until("every rendered rule group loaded with every rule's health \"ok\"", Notification, async () =>
        {
            last = await stack.Prometheus.Api.RulesAsync().ConfigureAwait(false);
            var loaded = last.Select(g => g.Name).Order(StringComparer.Ordinal).ToList();
            return loaded.SequenceEqual(expected, StringComparer.Ordinal) && last.All(g => g.Rules.All(r => r.Health == "ok")) ? last : null;
        }, () =>
            $"expected groups: {string.Join(", ", expected)}\n" +
            string.Join('\n', last.SelectMany(g => g.Rules.Where(r => r.Health != "ok").Select(r => $"  {g.Name}/{r.Name}: health={r.Health} {r.LastError}"))) +
            $"\nloaded groups: {string.Join(", ", last.Select(g => g.Name))}").ConfigureAwait(false);
    }

    /// <summary>Waits until Prometheus reports <paramref name="alertName"/> firing (matching <paramref name="where"/>).</summary>
    public static Task<ActiveAlert> Firing(LiveStack stack, string alertName, Func<ActiveAlert, bool>? where = null) =>
        Eventually.Until($"{alertName} firing in Prometheus", Notification, async () =>
            (await stack.Prometheus.Api.AlertsAsync().ConfigureAwait(false))
                .FirstOrDefault(a => a.Name == alertName && a.State == "firing" && (where?.Invoke(a) ?? true)),
            () => Describe(stack));

    /// <summary>Waits until Prometheus has no pending or firing <paramref name="alertName"/> matching <paramref name="where"/>.</summary>
    public static Task Resolved(LiveStack stack, string alertName, Func<ActiveAlert, bool>? where = null) =>
        Eventually.UntilTrue($"{alertName} to resolve in Prometheus", Notification, async () =>
            !(await stack.Prometheus.Api.AlertsAsync().ConfigureAwait(false)).Any(a => a.Name == alertName && (where?.Invoke(a) ?? true)),
            () => Describe(stack));

    /// <summary>The annotation of an alerting rule as Prometheus loaded it from the rendered files.</summary>
    public static async Task<string> RuleAnnotation(LiveStack stack, string alertName, string annotation)
    {
        var rule = (await stack.Prometheus.Api.RulesAsync().ConfigureAwait(false))
            .SelectMany(g => g.Rules).FirstOrDefault(r => r.Type == "alerting" && r.Name == alertName)
            ?? throw new XunitException($"No alerting rule {alertName} is loaded.");
        return rule.Annotations.TryGetValue(annotation, out var value)
            ? value
            : throw new XunitException($"Alerting rule {alertName} has no {annotation} annotation.");
    }

    /// <summary>PagerDuty events for <paramref name="alertName"/> with this action (<c>trigger</c> or <c>resolve</c>).</summary>
    public static IReadOnlyList<PagerDutyEvent> PagerDuty(LiveStack stack, string alertName, string action) =>
        [.. stack.Receivers.At(TestStack.PagerDutyPath).Select(d => d.AsPagerDuty())
            .Where(e => e.EventAction == action && MentionsAlert(e, alertName))];

    /// <summary>Slack messages on <paramref name="path"/> whose title is for <paramref name="alertName"/> with this status (<c>FIRING</c> or <c>RESOLVED</c>).</summary>
    public static IReadOnlyList<SlackMessage> Slack(LiveStack stack, string path, string alertName, string status) =>
        [.. stack.Receivers.At(path).Select(d => d.AsSlack())
            .Where(m => m.Attachments.Any(a => a.Title.StartsWith($"[{status}", StringComparison.Ordinal) && TitleNames(a.Title, alertName)))];

    /// <summary>Every delivery, anywhere, that mentions <paramref name="alertName"/>.</summary>
    public static IReadOnlyList<Delivery> Mentioning(LiveStack stack, string alertName) =>
        [.. stack.Receivers.Received.Where(d => d.Body.GetRawText().Contains(alertName, StringComparison.Ordinal))];

    public static Task<PagerDutyEvent> PagerDutyEvent(LiveStack stack, string alertName, string action) =>
        Eventually.Until($"a PagerDuty {action} event for {alertName} at {TestStack.PagerDutyPath}", Notification,
            () => Task.FromResult(PagerDuty(stack, alertName, action).FirstOrDefault()), () => Describe(stack));

    public static Task<SlackMessage> SlackMessage(LiveStack stack, string path, string alertName, string status) =>
        Eventually.Until($"a Slack {status} message for {alertName} at {path}", Notification,
            () => Task.FromResult(Slack(stack, path, alertName, status).FirstOrDefault()), () => Describe(stack));

    /// <summary>
    /// Lets <paramref name="period"/> pass (a deliberate quiet period: no notification may arrive in it), then
    /// returns. Used after the last expected notification to show that no further one (a duplicate) follows.
    /// </summary>
    public static Task Quiet(TimeSpan period) => Task.Delay(period);

    public static string Describe(LiveStack stack)
    {
        try
        {
            return stack.DescribeAsync().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return stack.Receivers.Describe();
        }
    }

    private static bool MentionsAlert(PagerDutyEvent e, string alertName)
    {
        var details = e.Payload is null ? "" : e.Payload.Detail("firing") + "\n" + e.Payload.Detail("resolved");
        return details.Contains($"alertname = {alertName}\n", StringComparison.Ordinal);
    }

    private static bool TitleNames(string title, string alertName)
    {
        var close = title.IndexOf("] ", StringComparison.Ordinal);
        if (close < 0)
            return false;
        var rest = title[(close + 2)..];
        return rest == alertName || rest.StartsWith(alertName + " ", StringComparison.Ordinal);
    }
}
