using Observability.Rules.Alertmanager;
using Observability.Rules.Model;
using Observability.Rules.PromQl;
using Observability.TestSupport;

namespace Observability.Rules.Tests.Alertmanager;

public sealed class AlertmanagerModelTests
{
    private static readonly SecretRef Key = new("am-secrets", "key");

    /// <summary>Several receivers of every kind, every route option, a time interval with all its fields.</summary>
    private static AlertmanagerConfig Everything() =>
        AlertmanagerConfig.Create(Route.To("team-email")
                .GroupedBy("alertname", "cluster")
                .WithGroupWait(Duration.Seconds(15))
                .WithGroupInterval(Duration.Minutes(2))
                .WithRepeatInterval(Duration.Hours(3))
                .Child(Route.To("pagers").Where("severity", "critical").ContinueMatching()
                    .WithRepeatInterval(Duration.Minutes(30)))
                .Child(Route.Inheriting().Where("team", "db").GroupedBy("...")
                    .Child(Route.To("chat").Match(Matcher.Re("severity", "warning|info")).ActiveDuring("office-hours"))
                    .Child(Route.To("hooks").Match(Matcher.NotRe("env", "dev|test"), Matcher.NotEq("quiet", "true")).MutedDuring("holidays"))))
            .WithGlobal(new GlobalConfig
            {
                ResolveTimeout = Duration.Minutes(10),
                Smtp = new SmtpSettings { Smarthost = "smtp.example.org:465", From = "am@example.org", AuthUsername = "am", AuthPassword = new SecretRef("am-secrets", "smtp"), RequireTls = false },
            })
            .Receiver(Receiver.Create("team-email")
                .Email(new EmailConfig { To = "a@example.org" })
                .Email(new EmailConfig { To = "b@example.org", SendResolved = false, Headers = new Dictionary<string, string> { ["Subject"] = "alert", ["Reply-To"] = "sre@example.org" } }))
            .Receiver(Receiver.Create("pagers")
                .PagerDuty(new PagerDutyConfig { RoutingKey = new SecretRef("am-secrets", "pd-primary") })
                .PagerDuty(new PagerDutyConfig { RoutingKey = new SecretRef("am-secrets", "pd-secondary"), Severity = "error", Description = "{{ .CommonLabels.alertname }}" }))
            .Receiver(Receiver.Create("chat")
                .Slack(new SlackConfig { Channel = "#db", ApiUrl = new SecretRef("am-secrets", "slack-db") })
                .Slack(new SlackConfig { Channel = "@oncall", ApiUrl = new SecretRef("am-secrets", "slack-oncall"), SendResolved = false, Title = "{{ .Status }}" }))
            .Receiver(Receiver.Create("hooks")
                .Webhook(new WebhookConfig { Url = new Uri("https://hooks.example.org/a"), BearerToken = new SecretRef("other-secret", "token"), MaxAlerts = 20 })
                .Webhook(new WebhookConfig { Url = new Uri("http://hooks.monitoring.svc:9000/b"), SendResolved = false }))
            .Inhibit(InhibitRule.When(Matcher.Eq("severity", "critical")).Mutes(Matcher.Eq("severity", "warning")).OnEqual("alertname", "cluster"))
            .TimeInterval(TimeInterval.Create("office-hours")
                .Period(new TimePeriod
                {
                    Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
                    Times = [new TimeRange("09:00", "12:30"), new TimeRange("13:30", "17:00")],
                    Location = "Europe/Berlin",
                }))
            .TimeInterval(TimeInterval.Create("holidays")
                .Period(new TimePeriod { Months = ["december"], DaysOfMonth = ["24:26", "31"] })
                .Period(new TimePeriod { Months = ["january"], DaysOfMonth = ["1"] }));

    [Fact]
    public void Configuration_with_every_receiver_kind_and_route_option_matches_its_golden_file() =>
        Golden.Matches(AlertmanagerYaml.Serialize(Everything()), "golden/everything.yaml");

    [Fact]
    public void Amtool_accepts_the_configuration_with_every_receiver_kind_and_route_option()
    {
        using var amtool = new Amtool(Everything());

        var result = amtool.CheckConfig();

        Assert.Contains(" - 4 receivers", result.Output, StringComparison.Ordinal);
        Assert.Contains(" - 1 inhibit rules", result.Output, StringComparison.Ordinal);
        Assert.Empty(RoutingChecks.Validate(Everything(), [Severity.Critical, Severity.Warning, Severity.Info]));
    }

    public static TheoryData<string, string[]> EverythingCases => new()
    {
        { "pagers", ["severity=critical"] },
        { "pagers,hooks", ["severity=critical", "team=db"] },
        { "team-email", ["severity=warning"] },
        { "chat", ["severity=warning", "team=db", "env=prod"] },
        { "hooks", ["severity=none", "team=db", "env=prod"] },
        { "team-email", ["severity=none", "team=db", "env=dev"] },
        { "team-email", ["severity=none", "team=db", "quiet=true"] },
    };

    [Theory]
    [MemberData(nameof(EverythingCases))]
    public void Route_resolution_agrees_with_amtool(string expected, string[] labels)
    {
        var set = labels.ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal);
        using var amtool = new Amtool(Everything());

        amtool.AssertRoutes(expected, set);
        Assert.Equal(expected, string.Join(',', Everything().ReceiversFor(set)));
    }

    [Fact]
    public void Secrets_are_grouped_per_kubernetes_secret_with_sorted_keys()
    {
        Assert.Equal(
            ["am-secrets: pd-primary, pd-secondary, slack-db, slack-oncall, smtp", "other-secret: token"],
            Everything().RequiredSecrets().Select(s => $"{s.SecretName}: {string.Join(", ", s.Keys)}"));
    }

    [Fact]
    public void Matchers_are_written_in_the_quoted_matchers_syntax()
    {
        Assert.Equal("severity=\"critical\"", Matcher.Eq("severity", "critical").ToString());
        Assert.Equal("job!=\"a\\\"b\\\\c\"", Matcher.NotEq("job", "a\"b\\c").ToString());
        Assert.Equal("alertname=~\"Http.+\"", Matcher.Re("alertname", "Http.+").ToString());
        Assert.Equal("env!~\"dev|test\"", Matcher.NotRe("env", "dev|test").ToString());
        Assert.Equal("msg=\"line1\\nline2\"", Matcher.Eq("msg", "line1\nline2").ToString());
    }

    [Fact]
    public void Amtool_reads_escaped_matcher_values_as_written()
    {
        var config = AlertmanagerConfig.Create(Route.To("default").Child(Route.To("odd").Match(Matcher.Eq("job", "a\"b\\c"))))
            .Receiver(Receiver.Create("default"))
            .Receiver(Receiver.Create("odd"));
        using var amtool = new Amtool(config);

        amtool.CheckConfig();
        var shown = ExternalTool.RunOk(ExternalTool.Amtool, "config", "routes", "show", $"--config.file={amtool.ConfigFile}");

        Assert.Contains("job=\"a\\\"b\\\\c\"", shown.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Regex_matchers_are_anchored_and_missing_labels_read_as_empty()
    {
        var matcher = Matcher.Re("alertname", "Http.+");
        Assert.True(matcher.Accepts("HttpErrors"));
        Assert.False(matcher.Accepts("NoHttpErrors"));
        Assert.True(Matcher.Eq("team", "").Matches(new Dictionary<string, string>()));
        Assert.False(Matcher.Present("team").Matches(new Dictionary<string, string>()));
    }

    [Theory]
    [InlineData("1team", "matcher: \"1team\" is not a valid label name (expected [a-zA-Z_][a-zA-Z0-9_]*)")]
    [InlineData("team-name", "matcher: \"team-name\" is not a valid label name (expected [a-zA-Z_][a-zA-Z0-9_]*)")]
    public void Bad_label_names_are_rejected_with_the_name(string name, string message) =>
        Assert.StartsWith(message, Assert.Throws<ArgumentException>(() => Matcher.Eq(name, "x")).Message, StringComparison.Ordinal);

    [Fact]
    public void Bad_regex_is_rejected_with_the_label_and_pattern() =>
        Assert.StartsWith(
            "matcher on \"alertname\": \"Http(\" is not a valid regular expression",
            Assert.Throws<ArgumentException>(() => Matcher.Re("alertname", "Http(")).Message,
            StringComparison.Ordinal);

    [Theory]
    [InlineData("Alertmanager", "key", "\"Alertmanager\" is not a Kubernetes Secret name")]
    [InlineData("am", "a/b", "\"a/b\" is not a Secret key (expected [-._a-zA-Z0-9]+)")]
    [InlineData("am", "..", "\"..\" is not a Secret key (expected [-._a-zA-Z0-9]+)")]
    public void Bad_secret_references_are_rejected(string name, string key, string message) =>
        Assert.StartsWith(message, Assert.Throws<ArgumentException>(() => new SecretRef(name, key)).Message, StringComparison.Ordinal);

    [Fact]
    public void Secret_reference_points_at_the_operator_mount() =>
        Assert.Equal("/etc/alertmanager/secrets/am-secrets/key", Key.FilePath);

    [Theory]
    [InlineData("9:00", "17:00", "\"9:00\" is not a time of day (expected HH:MM between 00:00 and 24:00)")]
    [InlineData("09:00", "24:30", "\"24:30\" is not a time of day (expected HH:MM between 00:00 and 24:00)")]
    [InlineData("22:00", "02:00", "time range \"22:00\"-\"02:00\": the start must be before the end (a range cannot cross midnight; split it in two)")]
    public void Bad_time_ranges_are_rejected(string start, string end, string message) =>
        Assert.StartsWith(message, Assert.Throws<ArgumentException>(() => new TimeRange(start, end)).Message, StringComparison.Ordinal);

    [Fact]
    public void Builders_return_new_values_and_leave_the_original_unchanged()
    {
        var route = Route.To("a");
        var child = route.Where("severity", "critical").ContinueMatching();
        var config = AlertmanagerConfig.Create(route);
        var withReceiver = config.Receiver(Receiver.Create("a"));

        Assert.Empty(route.Matchers);
        Assert.False(route.Continue);
        Assert.Single(child.Matchers);
        Assert.Empty(config.Receivers);
        Assert.Single(withReceiver.Receivers);
    }
}
