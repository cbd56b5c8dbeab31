using Observability.Rules.Output;

namespace Observability.Rules.Alertmanager;

/// <summary>
/// Writes an <see cref="AlertmanagerConfig"/> as <c>alertmanager.yaml</c>: keys in Alertmanager's documented order,
/// matchers in the <c>matchers:</c> list syntax, secrets only as <c>*_file</c> paths, defaults left out.
/// </summary>
public static class AlertmanagerYaml
{
    public static string Serialize(AlertmanagerConfig config) => YamlText.Serialize(ToTree(config));

    /// <summary>The configuration as a tree for <see cref="YamlText"/> (e.g. to embed it in Helm values).</summary>
    public static OrderedDictionary<string, object?> ToTree(AlertmanagerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var tree = new OrderedDictionary<string, object?>();
        var global = GlobalTree(config.Global);
        if (global.Count > 0)
            tree["global"] = global;
        tree["route"] = RouteTree(config.Route);
        if (config.InhibitRules.Count > 0)
            tree["inhibit_rules"] = config.InhibitRules.Select(InhibitTree).ToList();
        tree["receivers"] = config.Receivers.Select(ReceiverTree).ToList();
        if (config.TimeIntervals.Count > 0)
            tree["time_intervals"] = config.TimeIntervals.Select(TimeIntervalTree).ToList();
        if (config.Templates.Count > 0)
            tree["templates"] = config.Templates.ToList();
        return tree;
    }

    private static OrderedDictionary<string, object?> GlobalTree(GlobalConfig global)
    {
        var tree = new OrderedDictionary<string, object?>();
        if (global.ResolveTimeout is { } resolve)
            tree["resolve_timeout"] = resolve;
        if (global.Smtp is { } smtp)
        {
            tree["smtp_from"] = smtp.From;
            tree["smtp_smarthost"] = smtp.Smarthost;
            if (smtp.AuthUsername is { } user)
                tree["smtp_auth_username"] = user;
            if (smtp.AuthPassword is { } password)
                tree["smtp_auth_password_file"] = password.FilePath;
            tree["smtp_require_tls"] = smtp.RequireTls;
        }

        return tree;
    }

    private static OrderedDictionary<string, object?> RouteTree(Route route)
    {
        var tree = new OrderedDictionary<string, object?>();
        if (route.Receiver is { } receiver)
            tree["receiver"] = receiver;
        if (route.GroupBy is { } groupBy)
            tree["group_by"] = groupBy.ToList();
        if (route.Continue)
            tree["continue"] = true;
        if (route.Matchers.Count > 0)
            tree["matchers"] = route.Matchers.Select(m => m.ToString()).ToList();
        if (route.MuteTimeIntervals.Count > 0)
            tree["mute_time_intervals"] = route.MuteTimeIntervals.ToList();
        if (route.ActiveTimeIntervals.Count > 0)
            tree["active_time_intervals"] = route.ActiveTimeIntervals.ToList();
        if (route.GroupWait is { } wait)
            tree["group_wait"] = wait;
        if (route.GroupInterval is { } interval)
            tree["group_interval"] = interval;
        if (route.RepeatInterval is { } repeat)
            tree["repeat_interval"] = repeat;
        if (route.Routes.Count > 0)
            tree["routes"] = route.Routes.Select(RouteTree).ToList();
        return tree;
    }

    private static OrderedDictionary<string, object?> InhibitTree(InhibitRule rule)
    {
        var tree = new OrderedDictionary<string, object?>();
        if (rule.SourceMatchers.Count > 0)
            tree["source_matchers"] = rule.SourceMatchers.Select(m => m.ToString()).ToList();
        if (rule.TargetMatchers.Count > 0)
            tree["target_matchers"] = rule.TargetMatchers.Select(m => m.ToString()).ToList();
        if (rule.Equal.Count > 0)
            tree["equal"] = rule.Equal.ToList();
        return tree;
    }

    private static OrderedDictionary<string, object?> ReceiverTree(Receiver receiver)
    {
        var tree = new OrderedDictionary<string, object?> { ["name"] = receiver.Name };
        if (receiver.EmailConfigs.Count > 0)
            tree["email_configs"] = receiver.EmailConfigs.Select(EmailTree).ToList();
        if (receiver.PagerDutyConfigs.Count > 0)
            tree["pagerduty_configs"] = receiver.PagerDutyConfigs.Select(PagerDutyTree).ToList();
        if (receiver.SlackConfigs.Count > 0)
            tree["slack_configs"] = receiver.SlackConfigs.Select(SlackTree).ToList();
        if (receiver.WebhookConfigs.Count > 0)
            tree["webhook_configs"] = receiver.WebhookConfigs.Select(WebhookTree).ToList();
        return tree;
    }

    private static OrderedDictionary<string, object?> EmailTree(EmailConfig email)
    {
        var tree = new OrderedDictionary<string, object?>
        {
            ["send_resolved"] = email.SendResolved,
            ["to"] = email.To,
        };
        if (email.Headers.Count > 0)
        {
            var headers = new OrderedDictionary<string, object?>();
            foreach (var (name, value) in email.Headers.OrderBy(h => h.Key, StringComparer.Ordinal))
                headers[name] = value;
            tree["headers"] = headers;
        }

        return tree;
    }

    private static OrderedDictionary<string, object?> PagerDutyTree(PagerDutyConfig pagerDuty)
    {
        var tree = new OrderedDictionary<string, object?> { ["send_resolved"] = pagerDuty.SendResolved };
        if (pagerDuty.RoutingKey is { } key)
            tree["routing_key_file"] = key.FilePath;
        if (pagerDuty.Url is { } url)
            tree["url"] = url.OriginalString;
        if (pagerDuty.Description is { } description)
            tree["description"] = description;
        if (pagerDuty.Severity is { } severity)
            tree["severity"] = severity;
        return tree;
    }

    private static OrderedDictionary<string, object?> SlackTree(SlackConfig slack)
    {
        var tree = new OrderedDictionary<string, object?> { ["send_resolved"] = slack.SendResolved };
        if (slack.ApiUrl is { } url)
            tree["api_url_file"] = url.FilePath;
        tree["channel"] = slack.Channel;
        if (slack.Color is { } color)
            tree["color"] = color;
        if (slack.Title is { } title)
            tree["title"] = title;
        if (slack.Text is { } text)
            tree["text"] = text;
        return tree;
    }

    private static OrderedDictionary<string, object?> WebhookTree(WebhookConfig webhook)
    {
        var tree = new OrderedDictionary<string, object?>
        {
            ["send_resolved"] = webhook.SendResolved,
            ["url"] = webhook.Url.OriginalString,
        };
        if (webhook.MaxAlerts > 0)
            tree["max_alerts"] = webhook.MaxAlerts;
        if (webhook.BearerToken is { } token)
        {
            tree["http_config"] = new OrderedDictionary<string, object?>
            {
                ["authorization"] = new OrderedDictionary<string, object?>
                {
                    ["type"] = "Bearer",
                    ["credentials_file"] = token.FilePath,
                },
            };
        }

        return tree;
    }

    private static OrderedDictionary<string, object?> TimeIntervalTree(TimeInterval interval) => new()
    {
        ["name"] = interval.Name,
        ["time_intervals"] = interval.Periods.Select(PeriodTree).ToList(),
    };

    private static OrderedDictionary<string, object?> PeriodTree(TimePeriod period)
    {
        var tree = new OrderedDictionary<string, object?>();
        if (period.Times.Count > 0)
        {
            tree["times"] = period.Times
                .Select(t => new OrderedDictionary<string, object?> { ["start_time"] = t.Start, ["end_time"] = t.End })
                .ToList();
        }

        if (period.Weekdays.Count > 0)
            tree["weekdays"] = period.Weekdays.Select(d => d.ToString().ToLowerInvariant()).ToList();
        if (period.DaysOfMonth.Count > 0)
            tree["days_of_month"] = period.DaysOfMonth.ToList();
        if (period.Months.Count > 0)
            tree["months"] = period.Months.ToList();
        if (period.Location is { } location)
            tree["location"] = location;
        return tree;
    }
}
