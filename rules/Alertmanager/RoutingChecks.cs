using Observability.Rules.Model;
using Observability.Rules.PromQl;
using Observability.Rules.Validation;

namespace Observability.Rules.Alertmanager;

/// <summary>
/// Checks beyond <c>amtool check-config</c>: names that resolve, receivers that are reachable, routes that can match,
/// severities that reach someone, inhibit rules scoped by <c>equal</c>, and secrets that are referenced where required.
/// Paths follow the YAML (<c>route.routes[2]</c>, <c>receivers[1] "slack-warning"</c>, <c>inhibit_rules[0]</c>).
/// </summary>
public static class RoutingChecks
{
    /// <summary>The alert name used to probe where a severity is routed.</summary>
    public const string ProbeAlertName = "RoutingCheckProbe";

    public static IReadOnlyList<Problem> Validate(AlertmanagerConfig config, IEnumerable<Severity> severitiesUsed)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(severitiesUsed);
        var problems = new List<Problem>();

        var receivers = new Dictionary<string, (int Index, Receiver Receiver)>(StringComparer.Ordinal);
        for (var i = 0; i < config.Receivers.Count; i++)
        {
            var receiver = config.Receivers[i];
            if (!receivers.TryAdd(receiver.Name, (i, receiver)))
                problems.Add(new(ReceiverPath(i, receiver), $"duplicate receiver name (also receivers[{receivers[receiver.Name].Index}])"));
        }

        var intervals = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < config.TimeIntervals.Count; i++)
        {
            var name = config.TimeIntervals[i].Name;
            if (!intervals.TryAdd(name, i))
                problems.Add(new($"time_intervals[{i}] \"{name}\"", $"duplicate time interval name (also time_intervals[{intervals[name]}])"));
            if (config.TimeIntervals[i].Periods.Count == 0)
                problems.Add(new($"time_intervals[{i}] \"{name}\"", "has no time_intervals entries: it would never be active"));
        }

        CheckRoot(config.Route, problems);
        var used = new HashSet<string>(StringComparer.Ordinal);
        CheckRoute(config.Route, "route", [], config.Route.Receiver, receivers, intervals, used, problems);

        for (var i = 0; i < config.Receivers.Count; i++)
        {
            var receiver = config.Receivers[i];
            if (!used.Contains(receiver.Name))
                problems.Add(new(ReceiverPath(i, receiver), "no route that can match sends to this receiver: remove it or route to it"));
            CheckReceiver(config, i, receiver, problems);
        }

        if (config.Global.Smtp is { AuthUsername: { } user, AuthPassword: null })
            problems.Add(new("global.smtp_auth_password_file", $"SMTP authentication as \"{user}\" needs the password secret, found none"));

        for (var i = 0; i < config.InhibitRules.Count; i++)
            CheckInhibitRule(config.InhibitRules[i], $"inhibit_rules[{i}]", problems);

        foreach (var severity in severitiesUsed.Distinct().Order())
            CheckSeverity(config, severity, receivers, problems);

        return problems;
    }

    /// <summary>Every secret the configuration reads that is not in <paramref name="provided"/> (e.g. the keys of the Secret an environment declares).</summary>
    public static IReadOnlyList<Problem> MissingSecrets(AlertmanagerConfig config, IEnumerable<SecretRef> provided)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(provided);
        var have = provided.Select(p => (p.SecretName, p.Key)).ToHashSet();
        return config.SecretReferences()
            .Where(s => !have.Contains((s.SecretName, s.Key)))
            .Select(s => new Problem($"secret {s.SecretName}", $"key \"{s.Key}\" is required (read from {s.FilePath}) but not provided"))
            .ToList();
    }

    private static string ReceiverPath(int index, Receiver receiver) => $"receivers[{index}] \"{receiver.Name}\"";

    private static void CheckRoot(Route root, List<Problem> problems)
    {
        if (root.Receiver is null)
            problems.Add(new("route.receiver", "the root route needs a receiver (the default for alerts no child route takes), found none"));
        if (root.Matchers.Count > 0)
            problems.Add(new("route.matchers", $"the root route matches every alert and must have no matchers, found {Describe(root.Matchers)}"));
        if (root.MuteTimeIntervals.Count > 0 || root.ActiveTimeIntervals.Count > 0)
            problems.Add(new("route", "the root route cannot have mute_time_intervals or active_time_intervals: put them on a catch-all child route"));
        if (root.Continue)
            problems.Add(new("route.continue", "the root route cannot have continue: true"));
    }

    private static void CheckRoute(
        Route route,
        string path,
        IReadOnlyList<Matcher> inherited,
        string? receiver,
        Dictionary<string, (int Index, Receiver Receiver)> receivers,
        Dictionary<string, int> intervals,
        HashSet<string> used,
        List<Problem> problems)
    {
        if (route.Receiver is { } name && !receivers.ContainsKey(name))
            problems.Add(new($"{path}.receiver", $"receiver \"{name}\" is not defined (defined: {List(receivers.Keys)})"));

        CheckIntervals(route.MuteTimeIntervals, $"{path}.mute_time_intervals", intervals, problems);
        CheckIntervals(route.ActiveTimeIntervals, $"{path}.active_time_intervals", intervals, problems);

        var all = inherited.Concat(route.Matchers).ToList();
        var contradiction = Contradiction(all);
        if (contradiction is not null)
        {
            problems.Add(new(path, $"can never match: {contradiction}"));
            return;
        }

        if (receiver is not null)
            used.Add(receiver); // a route with children still receives what none of them takes

        for (var i = 0; i < route.Routes.Count; i++)
        {
            var child = route.Routes[i];
            var childPath = $"{path}.routes[{i}]";
            var childAll = all.Concat(child.Matchers).ToList();
            var shadow = Enumerable.Range(0, i)
                .FirstOrDefault(j => !route.Routes[j].Continue && route.Routes[j].Matchers.All(m => Implied(m, childAll)), -1);
            if (shadow >= 0)
            {
                var earlier = route.Routes[shadow];
                var what = earlier.Matchers.Count == 0 ? "no matchers (it takes every alert)" : Describe(earlier.Matchers);
                problems.Add(new(childPath, $"can never match: {path}.routes[{shadow}] comes first, has {what} and no continue: true, so it takes every alert this route would"));
                continue;
            }

            CheckRoute(child, childPath, all, child.Receiver ?? receiver, receivers, intervals, used, problems);
        }
    }

    private static void CheckIntervals(IReadOnlyList<string> names, string path, Dictionary<string, int> intervals, List<Problem> problems)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (!intervals.ContainsKey(names[i]))
                problems.Add(new($"{path}[{i}]", $"time interval \"{names[i]}\" is not defined (defined: {List(intervals.Keys)})"));
        }
    }

    /// <summary>Why no label set satisfies all matchers at once, or null when one can (or when it cannot tell).</summary>
    private static string? Contradiction(IReadOnlyList<Matcher> matchers)
    {
        foreach (var byName in matchers.GroupBy(m => m.Name, StringComparer.Ordinal))
        {
            var list = byName.ToList();
            var equal = list.FirstOrDefault(m => m.Op == MatchOp.Equal);
            if (equal is null)
                continue; // without an exact value, regular expressions are not compared

            var conflict = list.FirstOrDefault(m => !m.Accepts(equal.Value));
            if (conflict is not null)
                return $"matchers {equal} and {conflict} contradict each other";
        }

        return null;
    }

    /// <summary>True when every label set satisfying <paramref name="given"/> also satisfies <paramref name="matcher"/>.</summary>
    private static bool Implied(Matcher matcher, IReadOnlyList<Matcher> given) =>
        given.Contains(matcher) ||
        given.Any(g => g.Name == matcher.Name && g.Op == MatchOp.Equal && matcher.Accepts(g.Value));

    private static void CheckReceiver(AlertmanagerConfig config, int index, Receiver receiver, List<Problem> problems)
    {
        var path = ReceiverPath(index, receiver);
        for (var i = 0; i < receiver.EmailConfigs.Count; i++)
        {
            if (config.Global.Smtp is null)
                problems.Add(new($"{path}.email_configs[{i}]", "needs SMTP settings (global smtp_smarthost and smtp_from), found none"));
        }

        for (var i = 0; i < receiver.SlackConfigs.Count; i++)
        {
            if (receiver.SlackConfigs[i].ApiUrl is null)
                problems.Add(new($"{path}.slack_configs[{i}]", "needs the Slack webhook URL secret (api_url_file), found none"));
        }

        for (var i = 0; i < receiver.PagerDutyConfigs.Count; i++)
        {
            if (receiver.PagerDutyConfigs[i].RoutingKey is null)
                problems.Add(new($"{path}.pagerduty_configs[{i}]", "needs the PagerDuty routing key secret (routing_key_file), found none"));
            if (receiver.PagerDutyConfigs[i].Url is { } url)
                CheckUrl(url, $"{path}.pagerduty_configs[{i}].url", problems);
        }

        for (var i = 0; i < receiver.WebhookConfigs.Count; i++)
        {
            CheckUrl(receiver.WebhookConfigs[i].Url, $"{path}.webhook_configs[{i}].url", problems);
        }
    }

    private static void CheckUrl(Uri url, string path, List<Problem> problems)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            problems.Add(new(path, $"expected an absolute http(s) URL, found \"{url}\""));
        else if (url.UserInfo.Length > 0)
            problems.Add(new(path, "must not carry credentials (user:password@): the URL is written in plain text; use a bearer token secret"));
    }

    private static void CheckInhibitRule(InhibitRule rule, string path, List<Problem> problems)
    {
        if (rule.SourceMatchers.Count == 0)
            problems.Add(new($"{path}.source_matchers", "is empty: any firing alert would inhibit the targets"));
        if (rule.TargetMatchers.Count == 0)
            problems.Add(new($"{path}.target_matchers", "is empty: the rule would inhibit every alert"));
        if (rule.Equal.Count == 0)
        {
            problems.Add(new($"{path}.equal", "is empty: a source anywhere would inhibit every target everywhere; list the labels source and target must share (e.g. alertname, namespace)"));
        }
        else
        {
            for (var i = 0; i < rule.Equal.Count; i++)
            {
                if (!PromNames.IsValidLabelName(rule.Equal[i]))
                    problems.Add(new($"{path}.equal[{i}]", $"\"{rule.Equal[i]}\" is not a label name"));
            }
        }
    }

    private static void CheckSeverity(AlertmanagerConfig config, Severity severity, Dictionary<string, (int Index, Receiver Receiver)> receivers, List<Problem> problems)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["alertname"] = ProbeAlertName,
            ["severity"] = severity.ToLabel(),
        };
        var names = config.ReceiversFor(labels);
        var notifying = names.Where(n => receivers.TryGetValue(n, out var r) && r.Receiver.Notifies).ToList();
        if (notifying.Count == 0)
        {
            problems.Add(new(
                $"route (severity=\"{severity.ToLabel()}\")",
                names.Count == 0
                    ? "alerts of this severity reach no receiver"
                    : $"alerts of this severity reach only {List(names.Distinct(StringComparer.Ordinal).Select(n => receivers.ContainsKey(n) ? $"\"{n}\", which sends nothing" : $"\"{n}\", which is not defined"))}"));
        }
    }

    private static string Describe(IEnumerable<Matcher> matchers) => string.Join(", ", matchers.Select(m => m.ToString()));

    private static string List(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }
}
