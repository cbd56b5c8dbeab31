using Observability.Rules.Model;
using Observability.Rules.PromQl;

namespace Observability.Rules.Alertmanager;

/// <summary>Grouping and notification timings; end-to-end tests shrink them.</summary>
public sealed record RoutingTimings
{
    public Duration GroupWait { get; init; } = Duration.Seconds(30);

    public Duration GroupInterval { get; init; } = Duration.Minutes(5);

    public Duration RepeatInterval { get; init; } = Duration.Hours(4);

    public Duration ResolveTimeout { get; init; } = Duration.Minutes(5);

    /// <summary>How often the always-firing Watchdog is re-sent to the heartbeat (its group_interval and repeat_interval).</summary>
    public Duration HeartbeatInterval { get; init; } = Duration.Minutes(1);
}

/// <summary>Email for everything that is neither critical nor warning.</summary>
public sealed record EmailOptions
{
    /// <summary>Addresses; each gets its own email config.</summary>
    public required IReadOnlyList<string> To { get; init; }

    /// <summary><c>host:port</c>.</summary>
    public required string Smarthost { get; init; }

    public required string From { get; init; }

    /// <summary>When set, the password is read from the <see cref="PlatformSecretKeys.SmtpPassword"/> key.</summary>
    public string? AuthUsername { get; init; }

    public bool RequireTls { get; init; } = true;
}

/// <summary>An additional webhook (another system) that receives the alerts its matchers select, beside the usual receivers.</summary>
public sealed record ExtraWebhook
{
    /// <summary>Short name; the receiver is <c>webhook-&lt;name&gt;</c>, its token key <c>webhook-&lt;name&gt;-token</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Carries no credentials (written as is): use <see cref="WithToken"/> for those.</summary>
    public required Uri Url { get; init; }

    /// <summary>Which alerts it receives; empty means all.</summary>
    public IReadOnlyList<Matcher> Matchers { get; init; } = [];

    /// <summary>Sends <c>Authorization: Bearer</c> with the token from the Secret.</summary>
    public bool WithToken { get; init; }
}

/// <summary>Where the Watchdog heartbeat goes: a dead man's switch that alarms when the pings stop.</summary>
public sealed record HeartbeatOptions
{
    /// <summary>The dead man's switch URL, written as is: use <see cref="WithToken"/> when the service takes a bearer token.</summary>
    public required Uri Url { get; init; }

    public bool WithToken { get; init; }
}

/// <summary>How the configuration refers to secrets: one Kubernetes Secret, mounted by prometheus-operator.</summary>
public sealed record SecretLayout
{
    public const string DefaultSecretName = "alertmanager-receivers";

    /// <summary>The Secret to create beside the Alertmanager and list in <c>alertmanagerSpec.secrets</c>.</summary>
    public string SecretName { get; init; } = DefaultSecretName;

    public string MountRoot { get; init; } = SecretRef.OperatorMountRoot;

    public SecretRef Ref(string key) => new(SecretName, key, MountRoot);
}

/// <summary>The Secret keys the platform configuration reads (only those its options turn on).</summary>
public static class PlatformSecretKeys
{
    public const string SmtpPassword = "smtp-password";
    public const string PagerDutyRoutingKey = "pagerduty-routing-key";
    public const string SlackCriticalWebhookUrl = "slack-critical-webhook-url";
    public const string SlackWarningWebhookUrl = "slack-warning-webhook-url";

    /// <summary>The one Slack webhook both channels use when <see cref="RoutingOptions.SlackSharedWebhook"/> is set.</summary>
    public const string SlackWebhookUrl = "slack-webhook-url";
    public const string HeartbeatToken = "heartbeat-token";

    public static string WebhookToken(string webhookName) => $"webhook-{webhookName}-token";
}

/// <summary>The receivers' names in the platform configuration (contracts: tests and runbooks name them).</summary>
public static class PlatformReceivers
{
    public const string PagerDuty = "pagerduty";
    public const string SlackCritical = "slack-critical";
    public const string SlackWarning = "slack-warning";
    public const string Email = "email";
    public const string Heartbeat = "heartbeat";
    public const string Null = "null";
    public const string MaintenanceInterval = "maintenance";

    public static string Webhook(string webhookName) => $"webhook-{webhookName}";
}

/// <summary>
/// The per-environment choices for <see cref="PlatformRouting.Build"/>: timings, the receivers' non-secret data, and
/// where secrets are read from. Secret values are never part of it.
/// </summary>
public sealed record RoutingOptions
{
    public RoutingTimings Timings { get; init; } = new();

    /// <summary>
    /// Everything that is neither critical nor warning is emailed. Without email it goes to the Slack warnings channel,
    /// without that to nobody (a null receiver, which <see cref="RoutingChecks"/> reports for every severity that reaches it).
    /// </summary>
    public EmailOptions? Email { get; init; }

    /// <summary>Critical alerts page through PagerDuty (then continue to Slack).</summary>
    public bool PagerDuty { get; init; } = true;

    /// <summary>PagerDuty's Events API endpoint; null for the default (set e.g. https://events.eu.pagerduty.com/v2/enqueue).</summary>
    public Uri? PagerDutyUrl { get; init; }

    /// <summary>Slack channel for critical alerts; null for none.</summary>
    public string? SlackCriticalChannel { get; init; } = "#alerts-critical";

    /// <summary>Slack channel for warnings; null sends warnings to email.</summary>
    public string? SlackWarningChannel { get; init; } = "#alerts-warning";

    /// <summary>
    /// False (default): each channel has its own incoming webhook (Slack binds a webhook to one channel), keys
    /// <see cref="PlatformSecretKeys.SlackCriticalWebhookUrl"/> and <see cref="PlatformSecretKeys.SlackWarningWebhookUrl"/>.
    /// True: both read <see cref="PlatformSecretKeys.SlackWebhookUrl"/>.
    /// </summary>
    public bool SlackSharedWebhook { get; init; }

    /// <summary>The dead man's switch; null routes Watchdog to a null receiver.</summary>
    public HeartbeatOptions? Heartbeat { get; init; }

    public IReadOnlyList<ExtraWebhook> Webhooks { get; init; } = [];

    /// <summary>A recurring window in which warnings and email notifications are muted (criticals and the heartbeat are not); empty for none.</summary>
    public IReadOnlyList<TimePeriod> MaintenanceWindow { get; init; } = [];

    /// <summary>
    /// Which alerts ServiceDown inhibits (those of the same job): alert names matching this regular expression.
    /// By default the HTTP alerts of the platform's rule packs (<see cref="PlatformRouting.HttpAlerts"/>).
    /// </summary>
    public string HttpAlertNamePattern { get; init; } = string.Join('|', PlatformRouting.HttpAlerts.Select(System.Text.RegularExpressions.Regex.Escape));

    public SecretLayout Secrets { get; init; } = new();

    /// <summary>Where Alertmanager finds the template files (kube-prometheus-stack: <c>/etc/alertmanager/config</c>).</summary>
    public string TemplatesDirectory { get; init; } = "/etc/alertmanager/config";
}
