namespace Observability.Rules.Alertmanager;

/// <summary>An <c>email_configs</c> entry. SMTP settings come from <see cref="GlobalConfig.Smtp"/>.</summary>
public sealed record EmailConfig
{
    public required string To { get; init; }

    public bool SendResolved { get; init; } = true;

    /// <summary>Extra headers (e.g. <c>Subject</c>), values may be Alertmanager templates. Written sorted by name.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}

/// <summary>A <c>slack_configs</c> entry. The incoming-webhook URL is a secret, read from a file.</summary>
public sealed record SlackConfig
{
    public required string Channel { get; init; }

    /// <summary>The incoming-webhook URL (<c>api_url_file</c>). Required: <see cref="RoutingChecks"/> reports its absence.</summary>
    public SecretRef? ApiUrl { get; init; }

    public bool SendResolved { get; init; } = true;

    public string? Title { get; init; }

    public string? Text { get; init; }

    public string? Color { get; init; }
}

/// <summary>A <c>pagerduty_configs</c> entry (Events API v2). The routing key is a secret, read from a file.</summary>
public sealed record PagerDutyConfig
{
    /// <summary>The integration's routing key (<c>routing_key_file</c>). Required: <see cref="RoutingChecks"/> reports its absence.</summary>
    public SecretRef? RoutingKey { get; init; }

    public bool SendResolved { get; init; } = true;

    /// <summary>The Events API endpoint; null for PagerDuty's default (e.g. set the EU endpoint, or a local receiver in tests).</summary>
    public Uri? Url { get; init; }

    public string? Description { get; init; }

    /// <summary>PagerDuty severity (critical, error, warning, info), may be a template.</summary>
    public string? Severity { get; init; }
}

/// <summary>
/// A <c>webhook_configs</c> entry. The URL is written as is (Alertmanager 0.25 has no <c>url_file</c>): put no credentials
/// in it; a token goes in <see cref="BearerToken"/>, sent as <c>Authorization: Bearer</c> from <c>credentials_file</c>.
/// </summary>
public sealed record WebhookConfig
{
    public required Uri Url { get; init; }

    public SecretRef? BearerToken { get; init; }

    public bool SendResolved { get; init; } = true;

    /// <summary>At most this many alerts per message; 0 means all.</summary>
    public int MaxAlerts { get; init; }
}

/// <summary>A named receiver. A receiver with no configs is a null receiver: it accepts alerts and sends nothing.</summary>
public sealed record Receiver
{
    public required string Name { get; init; }

    public IReadOnlyList<EmailConfig> EmailConfigs { get; init; } = [];

    public IReadOnlyList<SlackConfig> SlackConfigs { get; init; } = [];

    public IReadOnlyList<PagerDutyConfig> PagerDutyConfigs { get; init; } = [];

    public IReadOnlyList<WebhookConfig> WebhookConfigs { get; init; } = [];

    public static Receiver Create(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new Receiver { Name = name };
    }

    /// <summary>True when the receiver sends somewhere (false for a null receiver).</summary>
    public bool Notifies => EmailConfigs.Count + SlackConfigs.Count + PagerDutyConfigs.Count + WebhookConfigs.Count > 0;

    public Receiver Email(EmailConfig config) => this with { EmailConfigs = [.. EmailConfigs, config] };

    public Receiver Slack(SlackConfig config) => this with { SlackConfigs = [.. SlackConfigs, config] };

    public Receiver PagerDuty(PagerDutyConfig config) => this with { PagerDutyConfigs = [.. PagerDutyConfigs, config] };

    public Receiver Webhook(WebhookConfig config) => this with { WebhookConfigs = [.. WebhookConfigs, config] };

    /// <summary>Every secret this receiver reads.</summary>
    public IEnumerable<SecretRef> SecretReferences() =>
        SlackConfigs.Select(s => s.ApiUrl)
            .Concat(PagerDutyConfigs.Select(p => p.RoutingKey))
            .Concat(WebhookConfigs.Select(w => w.BearerToken))
            .OfType<SecretRef>();
}
