using Observability.Rules.Alertmanager;
using Observability.Rules.Model;
using Observability.Rules.PromQl;
using Observability.Rules.Validation;
using Observability.Stacks.Settings;

namespace Observability.Stacks.Composition;

/// <summary>The Alertmanager configuration of an environment and the secret values its receivers read.</summary>
internal sealed record AlertmanagerComposition(AlertmanagerConfig Config, IReadOnlyList<(string SecretName, string Key, SecretValue Value)> SecretValues)
{
    private const string Path = "observability:alertmanager.receivers";

    public static RoutingOptions Options(StackSettings s)
    {
        var r = s.Alertmanager.Receivers;
        var t = s.Alertmanager.Timings;
        var email = r.Email;
        return new RoutingOptions
        {
            Timings = new RoutingTimings
            {
                GroupWait = t.GroupWait,
                GroupInterval = t.GroupInterval,
                RepeatInterval = t.RepeatInterval,
                ResolveTimeout = t.ResolveTimeout,
                HeartbeatInterval = t.HeartbeatInterval,
            },
            Email = new EmailOptions
            {
                To = [.. email.To],
                Smarthost = email.Smarthost,
                From = email.From,
                AuthUsername = email.AuthUsername,
                RequireTls = email.RequireTls,
            },
            PagerDuty = r.Pagerduty is not null,
            PagerDutyUrl = r.Pagerduty?.Url is { } pagerDutyUrl ? new Uri(pagerDutyUrl) : null,
            SlackCriticalChannel = r.Slack?.EffectiveCriticalChannel,
            SlackWarningChannel = r.Slack?.EffectiveWarningChannel,
            SlackSharedWebhook = r.Slack?.WebhookUrl is not null,
            Heartbeat = r.Heartbeat is { } h ? new HeartbeatOptions { Url = new Uri(h.Url), WithToken = h.Token is not null } : null,
            Webhooks = r.Webhooks.Select(w => new ExtraWebhook
            {
                Name = w.Name,
                Url = new Uri(w.Url),
                Matchers = w.Match.Select(m => Matcher.Eq(m.Key, m.Value)).ToList(),
                WithToken = w.Token is not null,
            }).ToList(),
        };
    }

    /// <summary>Builds and checks the configuration; every problem is reported against the settings' key paths.</summary>
    public static AlertmanagerComposition Build(StackSettings s, IEnumerable<Severity> severitiesUsed)
    {
        var options = Options(s);
        AlertmanagerConfig config;
        try
        {
            config = PlatformRouting.Build(options);
        }
        catch (ValidationException e)
        {
            throw new ValidationException(e.Problems.Select(p => new Problem($"{Path} (routing {p.Path})", p.Message)).ToList());
        }

        var problems = RoutingChecks.Validate(config, severitiesUsed).Select(p => new Problem($"{Path} (alertmanager.yaml {p.Path})", p.Message)).ToList();

        var r = s.Alertmanager.Receivers;
        var known = new Dictionary<string, SecretValue?>(StringComparer.Ordinal)
        {
            [PlatformSecretKeys.PagerDutyRoutingKey] = r.Pagerduty?.RoutingKey,
            [PlatformSecretKeys.SlackCriticalWebhookUrl] = r.Slack?.CriticalWebhookUrl,
            [PlatformSecretKeys.SlackWarningWebhookUrl] = r.Slack?.WarningWebhookUrl,
            [PlatformSecretKeys.SlackWebhookUrl] = r.Slack?.WebhookUrl,
            [PlatformSecretKeys.SmtpPassword] = r.Email.Password,
            [PlatformSecretKeys.HeartbeatToken] = r.Heartbeat?.Token,
        };
        foreach (var webhook in r.Webhooks)
            known[PlatformSecretKeys.WebhookToken(webhook.Name)] = webhook.Token;

        var values = new List<(string, string, SecretValue)>();
        foreach (var secret in config.RequiredSecrets())
        {
            foreach (var key in secret.Keys)
            {
                if (known.TryGetValue(key, out var value) && value is not null)
                    values.Add((secret.SecretName, key, value));
                else
                    problems.Add(new Problem(Path, $"the Alertmanager configuration reads secret key \"{key}\" but no setting provides it"));
            }
        }

        ValidationException.ThrowIfAny(problems);
        return new AlertmanagerComposition(config, values);
    }
}
