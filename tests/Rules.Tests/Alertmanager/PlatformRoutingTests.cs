using Observability.Rules.Alertmanager;
using Observability.Rules.Model;
using Observability.Rules.PromQl;
using Observability.Rules.Upstream;
using Observability.Rules.Validation;
using Observability.TestSupport;

namespace Observability.Rules.Tests.Alertmanager;

public sealed class PlatformRoutingTests
{
    internal static readonly EmailOptions Email = new()
    {
        To = ["platform-alerts@example.org"],
        Smarthost = "smtp.example.org:587",
        From = "alertmanager@example.org",
    };

    /// <summary>Only what is required: PagerDuty and both Slack channels on (their defaults), no heartbeat.</summary>
    internal static RoutingOptions DefaultOptions => new() { Email = Email };

    /// <summary>Every receiver kind, several of some, tokens, SMTP authentication, a maintenance window.</summary>
    internal static RoutingOptions FullOptions => new()
    {
        Email = Email with { To = ["platform-alerts@example.org", "sre-leads@example.org"], AuthUsername = "alertmanager" },
        PagerDutyUrl = new Uri("https://events.eu.pagerduty.com/v2/enqueue"),
        Heartbeat = new HeartbeatOptions { Url = new Uri("https://deadmanssnitch.example/ping/platform"), WithToken = true },
        Webhooks =
        [
            new ExtraWebhook { Name = "tickets", Url = new Uri("https://tickets.example.org/alertmanager"), Matchers = [Matcher.Re("severity", "critical|warning")], WithToken = true },
            new ExtraWebhook { Name = "audit", Url = new Uri("http://audit.monitoring.svc:8080/alerts") },
        ],
        MaintenanceWindow = [TimePeriod.Weekly(DayOfWeek.Saturday, "02:00", "04:00", "Europe/Berlin")],
        Timings = new RoutingTimings { GroupWait = Duration.Seconds(10), RepeatInterval = Duration.Hours(12) },
    };

    private static readonly Severity[] AllSeverities = Enum.GetValues<Severity>();

    private static Dictionary<string, string> Labels(params string[] pairs)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var (name, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            labels[name] = value;
        }

        return labels;
    }

    [Fact]
    public void Default_configuration_matches_its_golden_file() =>
        Golden.Matches(AlertmanagerYaml.Serialize(PlatformRouting.Build(DefaultOptions)), "golden/platform-default.yaml");

    [Fact]
    public void Full_configuration_matches_its_golden_file() =>
        Golden.Matches(AlertmanagerYaml.Serialize(PlatformRouting.Build(FullOptions)), "golden/platform-full.yaml");

    [Fact]
    public void Template_file_matches_its_golden_file() =>
        Golden.Matches(PlatformRouting.Build(DefaultOptions).TemplateFiles[NotificationTemplates.FileName], "golden/platform-notifications.tmpl");

    [Fact]
    public void Amtool_accepts_the_default_configuration_and_its_template()
    {
        using var amtool = new Amtool(PlatformRouting.Build(DefaultOptions));

        var result = amtool.CheckConfig();

        Assert.Contains($" - {5 + UpstreamOverlaps.InhibitRules.Length} inhibit rules", result.Output, StringComparison.Ordinal);
        Assert.Contains(" - 5 receivers", result.Output, StringComparison.Ordinal);
        Assert.Contains(" - 1 templates", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Amtool_accepts_the_configuration_with_every_receiver_kind()
    {
        using var amtool = new Amtool(PlatformRouting.Build(FullOptions));

        var result = amtool.CheckConfig();

        Assert.Contains(" - 7 receivers", result.Output, StringComparison.Ordinal);
        Assert.Contains(" - 1 templates", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Platform_configurations_pass_the_static_checks_for_every_severity()
    {
        Assert.Empty(RoutingChecks.Validate(PlatformRouting.Build(DefaultOptions), AllSeverities));
        Assert.Empty(RoutingChecks.Validate(PlatformRouting.Build(FullOptions), AllSeverities));
        Assert.Empty(RoutingChecks.Validate(PlatformRouting.Build(DefaultOptions with { PagerDuty = false, SlackCriticalChannel = null, SlackWarningChannel = null }), AllSeverities));
    }

    public static TheoryData<string, string[]> DefaultCases => new()
    {
        { "pagerduty,slack-critical", ["alertname=HighErrorRate", "severity=critical", "namespace=shop"] },
        { "slack-warning", ["alertname=HighLatency", "severity=warning", "namespace=shop"] },
        { "email", ["alertname=CertificateExpiresSoon", "severity=info", "namespace=shop"] },
        { "email", ["alertname=Something", "severity=none"] },
        { "email", ["alertname=Unlabelled"] },
        { "null", ["alertname=Watchdog", "severity=none"] },
        { "pagerduty,slack-critical", ["alertname=NodeDown", "severity=critical", "instance=10.0.0.7:9100", "node=worker-1"] },
        { "pagerduty,slack-critical", ["alertname=ServiceDown", "severity=critical", "job=api", "namespace=shop"] },
    };

    [Theory]
    [MemberData(nameof(DefaultCases))]
    public void Default_configuration_routes_like_amtool_says(string expected, string[] labels)
    {
        var config = PlatformRouting.Build(DefaultOptions);
        using var amtool = new Amtool(config);

        amtool.AssertRoutes(expected, Labels(labels));
        Assert.Equal(expected, string.Join(',', config.ReceiversFor(Labels(labels))));
    }

    public static TheoryData<string, string[]> FullCases => new()
    {
        { "webhook-tickets,webhook-audit,pagerduty,slack-critical", ["alertname=HighErrorRate", "severity=critical", "namespace=shop"] },
        { "webhook-tickets,webhook-audit,slack-warning", ["alertname=HighLatency", "severity=warning", "namespace=shop"] },
        { "webhook-audit,email", ["alertname=CertificateExpiresSoon", "severity=info"] },
        { "webhook-audit,email", ["alertname=Something", "severity=none"] },
        { "heartbeat", ["alertname=Watchdog", "severity=none"] },
        { "webhook-tickets,webhook-audit,pagerduty,slack-critical", ["alertname=NodeDown", "severity=critical", "instance=10.0.0.7:9100"] },
        { "webhook-tickets,webhook-audit,pagerduty,slack-critical", ["alertname=ServiceDown", "severity=critical", "job=api"] },
    };

    [Theory]
    [MemberData(nameof(FullCases))]
    public void Full_configuration_routes_like_amtool_says(string expected, string[] labels)
    {
        var config = PlatformRouting.Build(FullOptions);
        using var amtool = new Amtool(config);

        amtool.AssertRoutes(expected, Labels(labels));
        Assert.Equal(expected, string.Join(',', config.ReceiversFor(Labels(labels))));
    }

    [Fact]
    public void Without_slack_criticals_page_only_and_warnings_are_emailed()
    {
        var config = PlatformRouting.Build(DefaultOptions with { SlackCriticalChannel = null, SlackWarningChannel = null });
        using var amtool = new Amtool(config);

        amtool.CheckConfig();
        amtool.AssertRoutes("pagerduty", Labels("alertname=X", "severity=critical"));
        amtool.AssertRoutes("email", Labels("alertname=X", "severity=warning"));
        Assert.DoesNotContain("continue", AlertmanagerYaml.Serialize(config), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_email_the_rest_goes_to_the_warnings_channel()
    {
        var config = PlatformRouting.Build(new RoutingOptions());
        using var amtool = new Amtool(config);

        amtool.CheckConfig();
        amtool.AssertRoutes("slack-warning", Labels("alertname=X", "severity=info"));
        amtool.AssertRoutes("pagerduty,slack-critical", Labels("alertname=X", "severity=critical"));
        Assert.Null(config.Global.Smtp);
        Assert.Empty(RoutingChecks.Validate(config, AllSeverities));
    }

    [Fact]
    public void Without_email_or_slack_the_static_checks_report_severities_that_reach_nobody()
    {
        var config = PlatformRouting.Build(new RoutingOptions
        {
            SlackCriticalChannel = null,
            SlackWarningChannel = null,
            Heartbeat = new HeartbeatOptions { Url = new Uri("https://hc.example/ping") },
        });
        using var amtool = new Amtool(config);

        amtool.CheckConfig();
        amtool.AssertRoutes("null", Labels("alertname=X", "severity=warning"));
        amtool.AssertRoutes("heartbeat", Labels("alertname=Watchdog"));
        Assert.Equal(
            [
                "route (severity=\"warning\"): alerts of this severity reach only \"null\", which sends nothing",
                "route (severity=\"info\"): alerts of this severity reach only \"null\", which sends nothing",
                "route (severity=\"none\"): alerts of this severity reach only \"null\", which sends nothing",
            ],
            RoutingChecks.Validate(config, AllSeverities).Select(p => p.ToString()));
    }

    [Fact]
    public void Default_configuration_needs_exactly_the_pagerduty_and_slack_secrets()
    {
        var config = PlatformRouting.Build(DefaultOptions);

        var secret = Assert.Single(config.RequiredSecrets());
        Assert.Equal("alertmanager-receivers", secret.SecretName);
        Assert.Equal(["pagerduty-routing-key", "slack-critical-webhook-url", "slack-warning-webhook-url"], secret.Keys);
    }

    [Fact]
    public void With_a_shared_slack_webhook_both_channels_read_one_key()
    {
        var config = PlatformRouting.Build(DefaultOptions with { SlackSharedWebhook = true });

        Assert.Equal(["pagerduty-routing-key", "slack-webhook-url"], Assert.Single(config.RequiredSecrets()).Keys);
        Assert.All(
            config.Receivers.SelectMany(r => r.SlackConfigs),
            s => Assert.Equal("/etc/alertmanager/secrets/alertmanager-receivers/slack-webhook-url", s.ApiUrl!.FilePath));
    }

    [Fact]
    public void Full_configuration_needs_every_secret_it_reads_and_reads_them_only_from_files()
    {
        var config = PlatformRouting.Build(FullOptions with { Secrets = new SecretLayout { SecretName = "am-prod" } });
        var yaml = AlertmanagerYaml.Serialize(config);

        var secret = Assert.Single(config.RequiredSecrets());
        Assert.Equal("am-prod", secret.SecretName);
        Assert.Equal(
            ["heartbeat-token", "pagerduty-routing-key", "slack-critical-webhook-url", "slack-warning-webhook-url", "smtp-password", "webhook-tickets-token"],
            secret.Keys);
        foreach (var key in secret.Keys)
            Assert.Contains($"/etc/alertmanager/secrets/am-prod/{key}\n", yaml, StringComparison.Ordinal);
        var fileLines = yaml.Split('\n').Where(l => l.Contains("_file:", StringComparison.Ordinal)).ToList();
        Assert.Equal(secret.Keys.Count, fileLines.Count);
        Assert.All(fileLines, l => Assert.Contains(": /etc/alertmanager/secrets/am-prod/", l, StringComparison.Ordinal));
        Assert.DoesNotContain("api_url:", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("routing_key:", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("smtp_auth_password:", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("credentials:", yaml, StringComparison.Ordinal);
    }

    [ReferenceFact]
    public void Secret_files_are_where_prometheus_operator_mounts_the_alertmanager_secrets()
    {
        var crd = File.ReadAllText(Reference.StrictCrdSchema("Alertmanager"));
        var values = File.ReadAllText(Reference.ChartValues("kube-prometheus-stack", KubePrometheusStackRules.ChartVersion));

        Assert.Contains("mounted into `/etc/alertmanager/secrets/<secret-name>`", crd, StringComparison.Ordinal);
        Assert.Equal("/etc/alertmanager/secrets", SecretRef.OperatorMountRoot);
        Assert.Contains("The Secrets are mounted into /etc/alertmanager/secrets/.", values, StringComparison.Ordinal);
        Assert.Contains("'/etc/alertmanager/config/*.tmpl'", values, StringComparison.Ordinal);
        Assert.Equal(["/etc/alertmanager/config/*.tmpl"], PlatformRouting.Build(DefaultOptions).Templates);
    }

    [Fact]
    public void Bad_options_are_reported_together_with_their_paths()
    {
        var options = DefaultOptions with
        {
            Email = Email with { To = ["oncall", "oncall"], From = "", Smarthost = "smtp.example.org" },
            SlackWarningChannel = "alerts warning",
            Heartbeat = new HeartbeatOptions { Url = new Uri("https://user:secret@hc.example/ping") },
            Webhooks =
            [
                new ExtraWebhook { Name = "Tickets", Url = new Uri("ftp://tickets.example/") },
                new ExtraWebhook { Name = "audit", Url = new Uri("https://audit.example/") },
                new ExtraWebhook { Name = "audit", Url = new Uri("https://audit.example/") },
            ],
            HttpAlertNamePattern = "Http(",
            Timings = new RoutingTimings { GroupInterval = Duration.Minutes(10), RepeatInterval = Duration.Minutes(5) },
        };

        var e = Assert.Throws<ValidationException>(() => PlatformRouting.Build(options));

        Assert.Equal(
            [
                "Timings.RepeatInterval: must be at least Timings.GroupInterval (10m), found 5m",
                "Email.To[0]: expected an email address like oncall@example.org, found \"oncall\"",
                "Email.To[1]: expected an email address like oncall@example.org, found \"oncall\"",
                "Email.To: lists an address more than once",
                "Email.From: expected an email address like alertmanager@example.org, found \"\"",
                "Email.Smarthost: expected host:port like smtp.example.org:587, found \"smtp.example.org\"",
                "SlackWarningChannel: expected a Slack channel like #alerts-critical (or null for none), found \"alerts warning\"",
                "Heartbeat.Url: must not carry credentials (user:password@): the URL is written into the configuration; use WithToken",
                "Webhooks[0].Name: expected lower-case letters, digits and dashes (e.g. tickets), found \"Tickets\"",
                "Webhooks[0].Url: expected an absolute http(s) URL, found \"ftp://tickets.example/\"",
                "Webhooks[2].Name: \"audit\" is used by an earlier webhook",
            ],
            e.Problems.Take(11).Select(p => p.ToString()));
        Assert.Equal(12, e.Problems.Count);
        Assert.StartsWith("HttpAlertNamePattern: matcher on \"alertname\": \"Http(\" is not a valid regular expression", e.Problems[11].ToString(), StringComparison.Ordinal);
    }
}
