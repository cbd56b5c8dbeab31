using System.Text.RegularExpressions;
using Observability.Rules.Conventions;
using Observability.Rules.Model;
using Observability.Rules.Packs;
using Observability.Rules.PromQl;
using Observability.Rules.Validation;

namespace Observability.Rules.Alertmanager;

/// <summary>
/// The platform's Alertmanager configuration. Alerts are grouped by alertname, severity and namespace;
/// Watchdog goes to the heartbeat (or a null receiver); critical pages through PagerDuty and continues to the Slack
/// critical channel; warning goes to the Slack warnings channel; everything else is emailed. A critical alert
/// inhibits warning and info alerts of the same alertname and namespace, NodeDown the other alerts of its node,
/// ServiceDown the HTTP alerts of its job, an SLO's fast error-budget burn (the page) its slow burn (the ticket), and the
/// inhibitions of the overlap table (<see cref="Upstream.UpstreamOverlaps"/>) settle the chart's default alerts that
/// overlap ours. Upstream severities route like ours: critical pages, warning goes to Slack, info and none are emailed;
/// the one exception is the chart's warning that Slack itself fails to deliver, which is emailed.
/// </summary>
public static partial class PlatformRouting
{
    /// <summary>The labels alerts are grouped by.</summary>
    public static readonly IReadOnlyList<string> GroupBy = ["alertname", "severity", "namespace"];

    public static readonly string WatchdogAlert = WatchdogRules.Watchdog.Name;
    public static readonly string NodeDownAlert = NodeRules.NodeDown.Name;
    public static readonly string ServiceDownAlert = HttpRules.ServiceDown.Name;

    /// <summary>
    /// The chart's alerts that Alertmanager failed to deliver notifications through an integration (labelled
    /// <c>integration</c>). Their warnings would route to the Slack warnings channel, so when Slack is the integration
    /// failing they are emailed instead: a notice about a broken receiver never goes only through that receiver.
    /// </summary>
    public static readonly IReadOnlyList<string> FailedToSendAlerts = ["AlertmanagerFailedToSendAlerts", "AlertmanagerClusterFailedToSendAlerts"];

    /// <summary>The HTTP alerts of the platform's rule packs, which ServiceDown inhibits for its job.</summary>
    public static readonly IReadOnlyList<string> HttpAlerts = [HttpRules.HighErrorRate.Name, HttpRules.HighErrorCount.Name, HttpRules.SlowResponseTime.Name];

    /// <summary>Builds the configuration; throws <see cref="ValidationException"/> listing every problem of the options.</summary>
    public static AlertmanagerConfig Build(RoutingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidationException.ThrowIfAny(Check(options));

        var secrets = options.Secrets;
        var timings = options.Timings;
        var maintenance = options.MaintenanceWindow.Count > 0;

        // Everything else: email; without email, the warnings channel; without that, nobody (RoutingChecks reports it).
        var fallback = options.Email is not null ? PlatformReceivers.Email
            : options.SlackWarningChannel is not null ? PlatformReceivers.SlackWarning
            : PlatformReceivers.Null;
        var root = Route.To(fallback)
            .GroupedBy([.. GroupBy])
            .WithGroupWait(timings.GroupWait)
            .WithGroupInterval(timings.GroupInterval)
            .WithRepeatInterval(timings.RepeatInterval);

        var watchdog = Route.To(options.Heartbeat is null ? PlatformReceivers.Null : PlatformReceivers.Heartbeat)
            .Where("alertname", WatchdogAlert);
        if (options.Heartbeat is not null)
        {
            watchdog = watchdog
                .WithGroupWait(Duration.Zero)
                .WithGroupInterval(timings.HeartbeatInterval)
                .WithRepeatInterval(timings.HeartbeatInterval);
        }

        root = root.Child(watchdog);

        foreach (var webhook in options.Webhooks)
            root = root.Child(Route.To(PlatformReceivers.Webhook(webhook.Name)).Match([.. webhook.Matchers]).ContinueMatching());

        if (options.PagerDuty)
        {
            root = root.Child(Route.To(PlatformReceivers.PagerDuty)
                .Where("severity", Severity.Critical.ToLabel())
                .ContinueMatching(options.SlackCriticalChannel is not null));
        }

        if (options.SlackCriticalChannel is not null)
            root = root.Child(Route.To(PlatformReceivers.SlackCritical).Where("severity", Severity.Critical.ToLabel()));

        if (options.SlackWarningChannel is not null && options.Email is not null)
        {
            // Slack failing: its warnings about itself are emailed (critical ones page above, through PagerDuty).
            var slackFailing = Route.To(PlatformReceivers.Email).Match(
                Matcher.Re("alertname", string.Join('|', FailedToSendAlerts)),
                Matcher.Eq("integration", "slack"),
                Matcher.Eq("severity", Severity.Warning.ToLabel()));
            root = root.Child(maintenance ? slackFailing.MutedDuring(PlatformReceivers.MaintenanceInterval) : slackFailing);
        }

        if (options.SlackWarningChannel is not null)
        {
            var warning = Route.To(PlatformReceivers.SlackWarning).Where("severity", Severity.Warning.ToLabel());
            root = root.Child(maintenance ? warning.MutedDuring(PlatformReceivers.MaintenanceInterval) : warning);
        }

        if (maintenance)
        {
            // The root route cannot be muted: the rest goes through a catch-all child that can.
            root = root.Child(Route.To(fallback).MutedDuring(PlatformReceivers.MaintenanceInterval));
        }

        var email = options.Email;
        var config = AlertmanagerConfig.Create(root)
            .WithGlobal(new GlobalConfig
            {
                ResolveTimeout = timings.ResolveTimeout,
                Smtp = email is null ? null : new SmtpSettings
                {
                    Smarthost = email.Smarthost,
                    From = email.From,
                    AuthUsername = email.AuthUsername,
                    AuthPassword = email.AuthUsername is null ? null : secrets.Ref(PlatformSecretKeys.SmtpPassword),
                    RequireTls = email.RequireTls,
                },
            });

        if (email is not null)
        {
            config = config.Receiver(email.To.Aggregate(
                Receiver.Create(PlatformReceivers.Email),
                (receiver, to) => receiver.Email(new EmailConfig
                {
                    To = to,
                    Headers = new Dictionary<string, string> { ["Subject"] = NotificationTemplates.Call(NotificationTemplates.EmailSubject) },
                })));
        }

        if (options.PagerDuty)
        {
            config = config.Receiver(Receiver.Create(PlatformReceivers.PagerDuty).PagerDuty(new PagerDutyConfig
            {
                RoutingKey = secrets.Ref(PlatformSecretKeys.PagerDutyRoutingKey),
                Url = options.PagerDutyUrl,
                Description = NotificationTemplates.Call(NotificationTemplates.PagerDutyDescription),
                Severity = Severity.Critical.ToLabel(),
            }));
        }

        if (options.SlackCriticalChannel is { } critical)
            config = config.Receiver(Receiver.Create(PlatformReceivers.SlackCritical).Slack(Slack(critical, secrets.Ref(options.SlackSharedWebhook ? PlatformSecretKeys.SlackWebhookUrl : PlatformSecretKeys.SlackCriticalWebhookUrl))));

        if (options.SlackWarningChannel is { } warningChannel)
            config = config.Receiver(Receiver.Create(PlatformReceivers.SlackWarning).Slack(Slack(warningChannel, secrets.Ref(options.SlackSharedWebhook ? PlatformSecretKeys.SlackWebhookUrl : PlatformSecretKeys.SlackWarningWebhookUrl))));

        config = config.Receiver(options.Heartbeat is { } heartbeat
            ? Receiver.Create(PlatformReceivers.Heartbeat).Webhook(new WebhookConfig
            {
                Url = heartbeat.Url,
                BearerToken = heartbeat.WithToken ? secrets.Ref(PlatformSecretKeys.HeartbeatToken) : null,
                SendResolved = false,
            })
            : Receiver.Create(PlatformReceivers.Null));
        if (fallback == PlatformReceivers.Null && options.Heartbeat is not null)
            config = config.Receiver(Receiver.Create(PlatformReceivers.Null));

        foreach (var webhook in options.Webhooks)
        {
            config = config.Receiver(Receiver.Create(PlatformReceivers.Webhook(webhook.Name)).Webhook(new WebhookConfig
            {
                Url = webhook.Url,
                BearerToken = webhook.WithToken ? secrets.Ref(PlatformSecretKeys.WebhookToken(webhook.Name)) : null,
            }));
        }

        config = config
            .Inhibit(InhibitRule
                .When(Matcher.Eq("severity", Severity.Critical.ToLabel()))
                .Mutes(Matcher.Re("severity", $"{Severity.Warning.ToLabel()}|{Severity.Info.ToLabel()}"))
                .OnEqual("alertname", "namespace"))
            .Inhibit(InhibitRule
                .When(Matcher.Eq("alertname", NodeDownAlert), Matcher.Present("instance"))
                .Mutes(Matcher.NotEq("alertname", NodeDownAlert), Matcher.Present("instance"))
                .OnEqual("instance"))
            .Inhibit(InhibitRule
                .When(Matcher.Eq("alertname", NodeDownAlert), Matcher.Present("node"))
                .Mutes(Matcher.NotEq("alertname", NodeDownAlert), Matcher.Present("node"))
                .OnEqual("node"))
            .Inhibit(InhibitRule
                .When(Matcher.Eq("alertname", ServiceDownAlert), Matcher.Present("job"))
                .Mutes(Matcher.Re("alertname", options.HttpAlertNamePattern), Matcher.Present("job"))
                .OnEqual("job"))
            .Inhibit(InhibitRule
                .When(Matcher.Eq("alertname", Slo.SloConventions.BurnFastAlert), Matcher.Present("slo"))
                .Mutes(Matcher.Eq("alertname", Slo.SloConventions.BurnSlowAlert), Matcher.Present("slo"))
                .OnEqual("slo"));

        // The chart's default alerts that overlap ours: one notification per fault (the overlap table decides).
        foreach (var rule in Upstream.UpstreamOverlaps.InhibitRules)
            config = config.Inhibit(rule);

        if (maintenance)
            config = config.TimeInterval(new TimeInterval { Name = PlatformReceivers.MaintenanceInterval, Periods = options.MaintenanceWindow });

        return config
            .Template($"{options.TemplatesDirectory.TrimEnd('/')}/*.tmpl")
            .TemplateFile(NotificationTemplates.FileName, NotificationTemplates.Content);
    }

    private static SlackConfig Slack(string channel, SecretRef url) => new()
    {
        Channel = channel,
        ApiUrl = url,
        Title = NotificationTemplates.Call(NotificationTemplates.SlackTitle),
        Text = NotificationTemplates.Call(NotificationTemplates.SlackText),
        Color = NotificationTemplates.Call(NotificationTemplates.SlackColor),
    };

    /// <summary>Every problem of the options, with the option's path (e.g. <c>Email.To[1]</c>).</summary>
    public static IReadOnlyList<Problem> Check(RoutingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<Problem>();

        var t = options.Timings;
        if (t.GroupInterval <= Duration.Zero)
            problems.Add(new("Timings.GroupInterval", $"must be greater than 0s, found {t.GroupInterval}"));
        if (t.RepeatInterval < t.GroupInterval)
            problems.Add(new("Timings.RepeatInterval", $"must be at least Timings.GroupInterval ({t.GroupInterval}), found {t.RepeatInterval}"));
        if (t.ResolveTimeout <= Duration.Zero)
            problems.Add(new("Timings.ResolveTimeout", $"must be greater than 0s, found {t.ResolveTimeout}"));
        if (t.HeartbeatInterval <= Duration.Zero)
            problems.Add(new("Timings.HeartbeatInterval", $"must be greater than 0s, found {t.HeartbeatInterval}"));

        var email = options.Email;
        if (email is not null)
        {
            if (email.To.Count == 0)
                problems.Add(new("Email.To", "needs at least one address, found none"));
            for (var i = 0; i < email.To.Count; i++)
            {
                if (!EmailPattern().IsMatch(email.To[i] ?? ""))
                    problems.Add(new($"Email.To[{i}]", $"expected an email address like oncall@example.org, found \"{email.To[i]}\""));
            }

            if (email.To.Count != email.To.Distinct(StringComparer.OrdinalIgnoreCase).Count())
                problems.Add(new("Email.To", "lists an address more than once"));
            if (!EmailPattern().IsMatch(email.From ?? ""))
                problems.Add(new("Email.From", $"expected an email address like alertmanager@example.org, found \"{email.From}\""));
            if (!SmarthostPattern().IsMatch(email.Smarthost ?? ""))
                problems.Add(new("Email.Smarthost", $"expected host:port like smtp.example.org:587, found \"{email.Smarthost}\""));
            if (email.AuthUsername is { } user && string.IsNullOrWhiteSpace(user))
                problems.Add(new("Email.AuthUsername", "is blank: leave it null for no SMTP authentication"));
        }

        CheckChannel(problems, "SlackCriticalChannel", options.SlackCriticalChannel);
        CheckChannel(problems, "SlackWarningChannel", options.SlackWarningChannel);

        if (options.PagerDutyUrl is { } pagerDutyUrl)
            CheckUrl(problems, "PagerDutyUrl", pagerDutyUrl);

        if (options.Heartbeat is { } heartbeat)
            CheckUrl(problems, "Heartbeat.Url", heartbeat.Url);

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Webhooks.Count; i++)
        {
            var webhook = options.Webhooks[i];
            var path = $"Webhooks[{i}]";
            if (!WebhookNamePattern().IsMatch(webhook.Name ?? ""))
                problems.Add(new($"{path}.Name", $"expected lower-case letters, digits and dashes (e.g. tickets), found \"{webhook.Name}\""));
            else if (!names.Add(webhook.Name!))
                problems.Add(new($"{path}.Name", $"\"{webhook.Name}\" is used by an earlier webhook"));
            CheckUrl(problems, $"{path}.Url", webhook.Url);
        }

        try
        {
            _ = Matcher.Re("alertname", options.HttpAlertNamePattern);
        }
        catch (ArgumentException e)
        {
            problems.Add(new("HttpAlertNamePattern", e.Message));
        }

        if (!(options.TemplatesDirectory ?? "").StartsWith('/'))
            problems.Add(new("TemplatesDirectory", $"expected an absolute path, found \"{options.TemplatesDirectory}\""));

        try
        {
            _ = options.Secrets.Ref(PlatformSecretKeys.SmtpPassword);
        }
        catch (ArgumentException e)
        {
            problems.Add(new("Secrets", e.Message));
        }

        return problems;
    }

    private static void CheckChannel(List<Problem> problems, string path, string? channel)
    {
        if (channel is not null && !SlackChannelPattern().IsMatch(channel))
            problems.Add(new(path, $"expected a Slack channel like #alerts-critical (or null for none), found \"{channel}\""));
    }

    private static void CheckUrl(List<Problem> problems, string path, Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            problems.Add(new(path, $"expected an absolute http(s) URL, found \"{url}\""));
        else if (url.UserInfo.Length > 0)
            problems.Add(new(path, "must not carry credentials (user:password@): the URL is written into the configuration; use WithToken"));
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[A-Za-z0-9.-]+:[0-9]{1,5}$", RegexOptions.CultureInvariant)]
    private static partial Regex SmarthostPattern();

    [GeneratedRegex(@"^[#@]?[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlackChannelPattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex WebhookNamePattern();
}
