using System.Collections.Immutable;
using Observability.Rules.Model;
using Observability.Rules.Validation;

namespace Observability.Stacks.Settings;

/// <summary>Alertmanager: replicas, storage, notification timings and receivers.</summary>
public sealed record AlertmanagerSettings
{
    [Range(1, 9)]
    public int Replicas { get; init; } = 1;

    [DurationRange("1h", "3650d")]
    public Duration Retention { get; init; } = Duration.Hours(120);

    public StorageSettings Storage { get; init; } = new() { Size = "2Gi" };

    public ResourceSettings Resources { get; init; } = new()
    {
        Requests = new() { Cpu = "50m", Memory = "128Mi" },
        Limits = new() { Cpu = null, Memory = "256Mi" },
    };

    public AlertmanagerTimings Timings { get; init; } = new();

    /// <summary>Required: the email receiver has no default (the binder starts from this record's defaults).</summary>
    public required ReceiverSettings Receivers { get; init; }
}

/// <summary>Alertmanager's grouping and repeat timings (route defaults), resolve timeout and heartbeat interval.</summary>
public sealed record AlertmanagerTimings : ICheckedSettings
{
    [DurationRange("0s", "1h")]
    public Duration GroupWait { get; init; } = Duration.Seconds(30);

    [DurationRange("1s", "24h")]
    public Duration GroupInterval { get; init; } = Duration.Minutes(5);

    [DurationRange("1s", "7d")]
    public Duration RepeatInterval { get; init; } = Duration.Hours(4);

    [DurationRange("1s", "24h")]
    public Duration ResolveTimeout { get; init; } = Duration.Minutes(5);

    /// <summary>How often the always-firing Watchdog is re-sent to the heartbeat.</summary>
    [DurationRange("1s", "1h")]
    public Duration HeartbeatInterval { get; init; } = Duration.Minutes(1);

    public void Check(string path, ICollection<Problem> problems)
    {
        if (RepeatInterval < GroupInterval)
            problems.Add(new Problem($"{path}.repeatInterval", $"expected at least groupInterval ({GroupInterval}), found {RepeatInterval}"));
    }
}

/// <summary>
/// Where notifications go (rules/Alertmanager PlatformRouting): critical pages through PagerDuty and goes to the Slack
/// critical channel, warning to the Slack warning channel, everything else by email; Watchdog to the heartbeat.
/// Each receiver is optional except email; once present, its secrets are required.
/// </summary>
public sealed record ReceiverSettings : ICheckedSettings
{
    [RequiredSetting("the email receiver (to, smarthost, from) for everything that is neither critical nor warning")]
    public required EmailReceiver Email { get; init; }

    /// <summary>Pages for critical alerts; absent turns PagerDuty off.</summary>
    public PagerDutyReceiver? Pagerduty { get; init; }

    /// <summary>Slack channels for critical and warning alerts; absent sends warnings to email.</summary>
    public SlackReceiver? Slack { get; init; }

    /// <summary>The dead man's switch that the always-firing Watchdog alert keeps alive; absent routes Watchdog nowhere.</summary>
    public HeartbeatReceiver? Heartbeat { get; init; }

    /// <summary>More webhooks, each receiving the alerts its matchers select (besides the usual receivers).</summary>
    public ImmutableArray<WebhookReceiver> Webhooks { get; init; } = [];

    public void Check(string path, ICollection<Problem> problems)
    {
        foreach (var name in Webhooks.GroupBy(w => w.Name).Where(g => g.Key is not null && g.Count() > 1))
            problems.Add(new Problem($"{path}.webhooks", $"expected unique names, found \"{name.Key}\" more than once"));
    }
}

/// <summary>SMTP email; the password (only with authUsername) is a secret.</summary>
public sealed record EmailReceiver : ICheckedSettings
{
    [Pattern(@"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", "an email address like oncall@example.org")]
    public ImmutableArray<string> To { get; init; } = [];

    [RequiredSetting("the SMTP server as host:port, e.g. smtp.example.org:587")]
    [Pattern(@"^[a-zA-Z0-9]([-a-zA-Z0-9.]*[a-zA-Z0-9])?:[0-9]{1,5}$", "host:port like smtp.example.org:587")]
    public required string Smarthost { get; init; }

    [RequiredSetting("the sender address, e.g. alertmanager@example.org")]
    [Pattern(@"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", "an email address like alertmanager@example.org")]
    public required string From { get; init; }

    public string? AuthUsername { get; init; }

    public SecretValue? Password { get; init; }

    public bool RequireTls { get; init; } = true;

    public void Check(string path, ICollection<Problem> problems)
    {
        if (To.IsEmpty)
            problems.Add(new Problem($"{path}.to", "expected at least one address, found none"));
        if (AuthUsername is not null && Password is null)
            problems.Add(new Problem($"{path}.password", "required with authUsername, but not set: expected the SMTP password (pulumi config set --secret --path 'alertmanager.receivers.email.password' <password>)"));
    }
}

/// <summary>PagerDuty Events API v2.</summary>
public sealed record PagerDutyReceiver
{
    [RequiredSetting("the PagerDuty Events v2 routing key: pulumi config set --secret --path 'alertmanager.receivers.pagerduty.routingKey' <key>")]
    public required SecretValue RoutingKey { get; init; }

    /// <summary>The Events API endpoint (e.g. https://events.eu.pagerduty.com/v2/enqueue); null for PagerDuty's default.</summary>
    [Url]
    public string? Url { get; init; }
}

/// <summary>
/// Slack: critical alerts to one channel, warnings to another (or both to <see cref="Channel"/>). Slack binds an incoming
/// webhook to a channel, so each channel has its own webhook URL, unless one shared <see cref="WebhookUrl"/> is given.
/// The webhook URLs are secrets.
/// </summary>
public sealed record SlackReceiver : ICheckedSettings
{
    /// <summary>The channel for both critical alerts and warnings, unless <see cref="CriticalChannel"/> / <see cref="WarningChannel"/> say otherwise.</summary>
    [Pattern("^#[a-z0-9_-]{1,80}$", "a Slack channel like #alerts")]
    public string? Channel { get; init; }

    /// <summary>Channel for critical alerts.</summary>
    [Pattern("^#[a-z0-9_-]{1,80}$", "a Slack channel like #alerts-critical")]
    public string? CriticalChannel { get; init; }

    /// <summary>Channel for warnings; with neither this nor <see cref="Channel"/>, warnings go to email.</summary>
    [Pattern("^#[a-z0-9_-]{1,80}$", "a Slack channel like #alerts-warning")]
    public string? WarningChannel { get; init; }

    /// <summary>One incoming webhook used for every channel.</summary>
    public SecretValue? WebhookUrl { get; init; }

    public SecretValue? CriticalWebhookUrl { get; init; }

    public SecretValue? WarningWebhookUrl { get; init; }

    /// <summary>The channel critical alerts go to, or null.</summary>
    public string? EffectiveCriticalChannel => CriticalChannel ?? Channel;

    /// <summary>The channel warnings go to, or null.</summary>
    public string? EffectiveWarningChannel => WarningChannel ?? Channel;

    public void Check(string path, ICollection<Problem> problems)
    {
        if (EffectiveCriticalChannel is null && EffectiveWarningChannel is null)
        {
            problems.Add(new Problem(path, "expected channel, criticalChannel or warningChannel (or remove slack), found none"));
            return;
        }

        if (WebhookUrl is not null)
        {
            if (CriticalWebhookUrl is not null || WarningWebhookUrl is not null)
                problems.Add(new Problem($"{path}.webhookUrl", "expected either webhookUrl (shared) or criticalWebhookUrl/warningWebhookUrl, found both"));
            return;
        }

        if (EffectiveCriticalChannel is not null && CriticalWebhookUrl is null)
            problems.Add(new Problem($"{path}.criticalWebhookUrl", "required with a critical channel, but not set: expected the Slack incoming-webhook URL (pulumi config set --secret --path 'alertmanager.receivers.slack.criticalWebhookUrl' <url>), or one shared webhookUrl"));
        if (EffectiveWarningChannel is not null && WarningWebhookUrl is null)
            problems.Add(new Problem($"{path}.warningWebhookUrl", "required with a warning channel, but not set: expected the Slack incoming-webhook URL (pulumi config set --secret --path 'alertmanager.receivers.slack.warningWebhookUrl' <url>), or one shared webhookUrl"));
    }
}

/// <summary>The Watchdog heartbeat (dead man's switch).</summary>
public sealed record HeartbeatReceiver
{
    /// <summary>The URL pinged, written in the configuration: put credentials in <see cref="Token"/>, not in the URL.</summary>
    [RequiredSetting("the dead man's switch URL, e.g. https://hc-ping.example.com/observability-prod")]
    [Url]
    public required string Url { get; init; }

    /// <summary>A bearer token, when the service takes one.</summary>
    public SecretValue? Token { get; init; }
}

/// <summary>An extra webhook receiver.</summary>
public sealed record WebhookReceiver
{
    [RequiredSetting("a short name like tickets")]
    [Pattern("^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$", "a short lowercase name like tickets")]
    public required string Name { get; init; }

    /// <summary>The URL notifications are posted to, written in the configuration: put credentials in <see cref="Token"/>.</summary>
    [RequiredSetting("the URL notifications are posted to")]
    [Url]
    public required string Url { get; init; }

    /// <summary>A bearer token, when the endpoint takes one.</summary>
    public SecretValue? Token { get; init; }

    /// <summary>Label equality matchers selecting the alerts it receives (empty: all).</summary>
    [Pattern("^[a-zA-Z_][a-zA-Z0-9_]*$", "a label name")]
    public ImmutableSortedDictionary<string, string> Match { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
}
