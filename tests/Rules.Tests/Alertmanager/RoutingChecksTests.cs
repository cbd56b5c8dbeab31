using Observability.Rules.Alertmanager;
using Observability.Rules.Model;
using Observability.Rules.PromQl;

namespace Observability.Rules.Tests.Alertmanager;

public sealed class RoutingChecksTests
{
    private static readonly SecretRef SlackUrl = new("alertmanager-receivers", "slack-url");

    private static Receiver Slack(string name) =>
        Receiver.Create(name).Slack(new SlackConfig { Channel = "#" + name, ApiUrl = SlackUrl });

    /// <summary>A small valid configuration the bad ones start from.</summary>
    private static AlertmanagerConfig Valid() =>
        AlertmanagerConfig.Create(Route.To("default")
                .GroupedBy("alertname")
                .Child(Route.To("warnings").Where("severity", "warning")))
            .Receiver(Slack("default"))
            .Receiver(Slack("warnings"))
            .Inhibit(InhibitRule.When(Matcher.Eq("severity", "critical")).Mutes(Matcher.Eq("severity", "warning")).OnEqual("alertname"));

    private static string[] Check(AlertmanagerConfig config, params Severity[] severities) =>
        RoutingChecks.Validate(config, severities).Select(p => p.ToString()).ToArray();

    [Fact]
    public void A_valid_configuration_has_no_problems() =>
        Assert.Empty(Check(Valid(), Enum.GetValues<Severity>()));

    [Fact]
    public void Undefined_receiver_is_reported_at_its_route()
    {
        var config = Valid() with { Route = Valid().Route.Child(Route.To("pager").Where("severity", "critical")) };

        Assert.Equal(["route.routes[1].receiver: receiver \"pager\" is not defined (defined: default, warnings)"], Check(config));
    }

    [Fact]
    public void Unreachable_receiver_is_reported()
    {
        var config = Valid().Receiver(Slack("orphan"));

        Assert.Equal(["receivers[2] \"orphan\": no route that can match sends to this receiver: remove it or route to it"], Check(config));
    }

    [Fact]
    public void Duplicate_receiver_is_reported()
    {
        var config = Valid().Receiver(Slack("warnings"));

        Assert.Equal(["receivers[2] \"warnings\": duplicate receiver name (also receivers[1])"], Check(config));
    }

    [Fact]
    public void Route_with_the_matchers_of_an_earlier_sibling_is_shadowed_and_its_subtree_unreachable()
    {
        var config = Valid()
            .Receiver(Slack("odd"))
            with
        {
            Route = Valid().Route.Child(Route.Inheriting().Where("severity", "warning")
                .Child(Route.To("odd").Where("severity", "critical"))),
        };

        Assert.Equal(
            [
                "route.routes[1]: can never match: route.routes[0] comes first, has severity=\"warning\" and no continue: true, so it takes every alert this route would",
                "receivers[2] \"odd\": no route that can match sends to this receiver: remove it or route to it",
            ],
            Check(config));
    }

    [Fact]
    public void Contradiction_with_an_inherited_matcher_is_reported()
    {
        var config = Valid().Receiver(Slack("odd")) with
        {
            Route = Route.To("default")
                .Child(Route.To("warnings").Where("severity", "warning")
                    .Child(Route.To("odd").Match(Matcher.Re("severity", "critical|page")))),
        };

        Assert.Equal(
            [
                "route.routes[0].routes[0]: can never match: matchers severity=\"warning\" and severity=~\"critical|page\" contradict each other",
                "receivers[2] \"odd\": no route that can match sends to this receiver: remove it or route to it",
            ],
            Check(config));
    }

    [Fact]
    public void Equal_and_not_equal_on_the_same_value_contradict()
    {
        var config = Valid() with
        {
            Route = Valid().Route.Child(Route.To("warnings").Match(Matcher.Eq("team", "db"), Matcher.NotEq("team", "db"))),
        };

        Assert.Equal(["route.routes[1]: can never match: matchers team=\"db\" and team!=\"db\" contradict each other"], Check(config));
    }

    [Fact]
    public void Route_after_a_catch_all_sibling_without_continue_is_shadowed()
    {
        var config = Valid() with
        {
            Route = Route.To("default")
                .Child(Route.To("default").Match(Matcher.Re("severity", ".*")).ContinueMatching())
                .Child(Route.To("default"))
                .Child(Route.To("warnings").Where("severity", "warning")),
        };

        Assert.Equal(
            [
                "route.routes[2]: can never match: route.routes[1] comes first, has no matchers (it takes every alert) and no continue: true, so it takes every alert this route would",
                "receivers[1] \"warnings\": no route that can match sends to this receiver: remove it or route to it",
            ],
            Check(config));
    }

    [Fact]
    public void Route_after_a_broader_regex_sibling_is_shadowed_but_not_after_a_narrower_one()
    {
        var config = Valid() with
        {
            Route = Route.To("default")
                .Child(Route.To("warnings").Match(Matcher.Re("severity", "warning|info")))
                .Child(Route.To("default").Where("severity", "info").Where("team", "db"))
                .Child(Route.To("default").Match(Matcher.Re("severity", "info|none"))),
        };

        Assert.Equal(
            ["route.routes[1]: can never match: route.routes[0] comes first, has severity=~\"warning|info\" and no continue: true, so it takes every alert this route would"],
            Check(config));
    }

    [Fact]
    public void Undefined_time_intervals_are_reported_with_their_index()
    {
        var config = Valid()
            .TimeInterval(TimeInterval.Create("weekends").Period(new TimePeriod { Weekdays = [DayOfWeek.Saturday, DayOfWeek.Sunday] }))
            with
        {
            Route = Valid().Route.Child(Route.To("warnings").Where("severity", "info").MutedDuring("weekends").MutedDuring("holidays").ActiveDuring("office")),
        };

        Assert.Equal(
            [
                "route.routes[1].mute_time_intervals[1]: time interval \"holidays\" is not defined (defined: weekends)",
                "route.routes[1].active_time_intervals[0]: time interval \"office\" is not defined (defined: weekends)",
            ],
            Check(config));
    }

    [Fact]
    public void Empty_and_duplicate_time_intervals_are_reported()
    {
        var config = Valid()
            .TimeInterval(TimeInterval.Create("never"))
            .TimeInterval(TimeInterval.Create("never").Period(TimePeriod.Weekly(DayOfWeek.Monday, "00:00", "24:00")));

        Assert.Equal(
            [
                "time_intervals[0] \"never\": has no time_intervals entries: it would never be active",
                "time_intervals[1] \"never\": duplicate time interval name (also time_intervals[0])",
            ],
            Check(config));
    }

    [Fact]
    public void Root_route_problems_are_reported()
    {
        var config = Valid() with
        {
            Route = new Route { Matchers = [Matcher.Eq("team", "db")], MuteTimeIntervals = ["x"], Continue = true, Routes = Valid().Route.Routes },
        };

        Assert.Equal(
            [
                "route.receiver: the root route needs a receiver (the default for alerts no child route takes), found none",
                "route.matchers: the root route matches every alert and must have no matchers, found team=\"db\"",
                "route: the root route cannot have mute_time_intervals or active_time_intervals: put them on a catch-all child route",
                "route.continue: the root route cannot have continue: true",
                "route.mute_time_intervals[0]: time interval \"x\" is not defined (defined: none)",
                "receivers[0] \"default\": no route that can match sends to this receiver: remove it or route to it",
            ],
            Check(config));
    }

    [Fact]
    public void Inhibit_rules_need_equal_and_both_sides()
    {
        var config = Valid() with
        {
            InhibitRules =
            [
                InhibitRule.When(Matcher.Eq("severity", "critical")).Mutes(Matcher.Eq("severity", "warning")),
                new InhibitRule { Equal = ["namespace", "bad-label"] },
            ],
        };

        Assert.Equal(
            [
                "inhibit_rules[0].equal: is empty: a source anywhere would inhibit every target everywhere; list the labels source and target must share (e.g. alertname, namespace)",
                "inhibit_rules[1].source_matchers: is empty: any firing alert would inhibit the targets",
                "inhibit_rules[1].target_matchers: is empty: the rule would inhibit every alert",
                "inhibit_rules[1].equal[1]: \"bad-label\" is not a label name",
            ],
            Check(config));
    }

    [Fact]
    public void A_severity_that_reaches_only_a_null_receiver_is_reported()
    {
        var config = AlertmanagerConfig.Create(Route.To("null").Child(Route.To("warnings").Where("severity", "warning")))
            .Receiver(Receiver.Create("null"))
            .Receiver(Slack("warnings"));

        Assert.Equal(
            [
                "route (severity=\"critical\"): alerts of this severity reach only \"null\", which sends nothing",
                "route (severity=\"info\"): alerts of this severity reach only \"null\", which sends nothing",
            ],
            Check(config, Severity.Info, Severity.Warning, Severity.Critical, Severity.Info));
    }

    [Fact]
    public void Missing_required_secrets_and_smtp_settings_are_reported_per_config()
    {
        var config = AlertmanagerConfig.Create(Route.To("all"))
            .Receiver(Receiver.Create("all")
                .PagerDuty(new PagerDutyConfig())
                .PagerDuty(new PagerDutyConfig { RoutingKey = new SecretRef("am", "pd") })
                .Slack(new SlackConfig { Channel = "#x" })
                .Email(new EmailConfig { To = "a@example.org" })
                .Webhook(new WebhookConfig { Url = new Uri("https://user:pw@hooks.example/x") }));

        Assert.Equal(
            [
                "receivers[0] \"all\".email_configs[0]: needs SMTP settings (global smtp_smarthost and smtp_from), found none",
                "receivers[0] \"all\".slack_configs[0]: needs the Slack webhook URL secret (api_url_file), found none",
                "receivers[0] \"all\".pagerduty_configs[0]: needs the PagerDuty routing key secret (routing_key_file), found none",
                "receivers[0] \"all\".webhook_configs[0].url: must not carry credentials (user:password@): the URL is written in plain text; use a bearer token secret",
            ],
            Check(config));
    }

    [Fact]
    public void Smtp_username_without_password_secret_is_reported()
    {
        var config = Valid().WithGlobal(new GlobalConfig { Smtp = new SmtpSettings { Smarthost = "smtp.example.org:587", From = "am@example.org", AuthUsername = "am" } });

        Assert.Equal(["global.smtp_auth_password_file: SMTP authentication as \"am\" needs the password secret, found none"], Check(config));
    }

    [Fact]
    public void Missing_secrets_lists_every_key_not_provided()
    {
        var config = PlatformRouting.Build(PlatformRoutingTests.DefaultOptions);

        var problems = RoutingChecks.MissingSecrets(config, [new SecretRef(SecretLayout.DefaultSecretName, PlatformSecretKeys.PagerDutyRoutingKey)]);

        Assert.Equal(
            [
                "secret alertmanager-receivers: key \"slack-critical-webhook-url\" is required (read from /etc/alertmanager/secrets/alertmanager-receivers/slack-critical-webhook-url) but not provided",
                "secret alertmanager-receivers: key \"slack-warning-webhook-url\" is required (read from /etc/alertmanager/secrets/alertmanager-receivers/slack-warning-webhook-url) but not provided",
            ],
            problems.Select(p => p.ToString()));
    }
}
