using Observability.Rules.Alertmanager;
using Observability.Rules.Output;
using Observability.Rules.Packs;
using Observability.Stacks.Settings;

namespace Observability.EndToEnd.Tests.Harness;

/// <summary>
/// Bridge until the stacks' renderer lands on main: composes the rule files and the Alertmanager configuration from
/// the settings through the same entry points the composition uses (<see cref="PlatformRules.Build"/>,
/// <see cref="PlatformRouting.Build"/>) and writes them in render's layout (<c>rules/</c>, <c>alertmanager/</c>).
/// </summary>
public static class StackRenderer
{
    public static void Render(StackSettings settings, string output)
    {
        var rules = PlatformRules.Build(RulePackOptionsFrom(settings));
        Write(output, "rules/platform.yaml", RuleYaml.ToRuleFile(rules));

        var routing = PlatformRouting.Build(RoutingOptionsFrom(settings));
        Write(output, "alertmanager/alertmanager.yaml", AlertmanagerYaml.Serialize(routing));
        foreach (var (name, content) in routing.TemplateFiles)
            Write(output, $"alertmanager/{name}", content);
    }

    private static RulePackOptions RulePackOptionsFrom(StackSettings settings)
    {
        var options = RulePackOptions.Default with
        {
            RunbookUrlPattern = settings.Rules.RunbookBaseUrl + RulePackOptions.AlertNamePlaceholder + ".md",
        };
        var http = options.Http;
        foreach (var (name, value) in settings.Rules.Alerts)
        {
            http = name switch
            {
                "HighErrorRate" => http with { HighErrorRate = Override(http.HighErrorRate, value) },
                "HighErrorCount" => http with { HighErrorCount = Override(http.HighErrorCount, value) },
                "SlowResponseTime" => http with { SlowResponseTime = Override(http.SlowResponseTime, value) },
                "ServiceDown" => http with { ServiceDownFor = value.For ?? http.ServiceDownFor },
                _ => http,
            };
        }

        return options with { Http = http };
    }

    private static AlertThreshold Override(AlertThreshold threshold, AlertOverride value) =>
        new(value.Threshold is { } t ? (double)t : threshold.Value, value.For ?? threshold.For);

    private static RoutingOptions RoutingOptionsFrom(StackSettings settings)
    {
        var timings = settings.Alertmanager.Timings;
        var receivers = settings.Alertmanager.Receivers;
        return new RoutingOptions
        {
            Timings = new RoutingTimings
            {
                GroupWait = timings.GroupWait,
                GroupInterval = timings.GroupInterval,
                RepeatInterval = timings.RepeatInterval,
                ResolveTimeout = timings.ResolveTimeout,
            },
            Email = new EmailOptions { To = ["oncall@example.org"], Smarthost = "127.0.0.1:25", From = "alertmanager@example.org" },
            PagerDuty = receivers.Pagerduty is not null,
            PagerDutyUrl = receivers.Pagerduty?.Url is { } pagerDutyUrl ? new Uri(pagerDutyUrl) : null,
            SlackCriticalChannel = receivers.Slack?.Channel,
            SlackWarningChannel = receivers.Slack?.Channel,
            Heartbeat = receivers.Heartbeat?.Url is { } heartbeat ? new HeartbeatOptions { Url = new Uri(heartbeat) } : null,
            HttpAlertNamePattern = "HighErrorRate|HighErrorCount|SlowResponseTime",
        };
    }

    private static void Write(string output, string relativePath, string content)
    {
        var path = Path.Combine(output, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
