using Observability.Rules.Model;
using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
using Observability.Stacks.Tests.Support;

namespace Observability.Stacks.Tests.Settings;

/// <summary>
/// Settings built in code (a Pulumi program using the components as a library) get the loader's checks through
/// <see cref="SettingsLoader.Check"/>: the same problems, with the same key paths, as a stack file with those values.
/// </summary>
public sealed class SettingsInCodeTests
{
    /// <summary>The smallest valid settings in code: an environment, a log agent, an email receiver.</summary>
    internal static StackSettings Minimal() => new()
    {
        Environment = "platform",
        LogAgent = LogAgentKind.Alloy,
        Alertmanager = new AlertmanagerSettings
        {
            Receivers = new ReceiverSettings
            {
                Email = new EmailReceiver { To = ["oncall@example.org"], Smarthost = "smtp.example.org:587", From = "am@example.org" },
            },
        },
    };

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Loaded_settings_pass_the_check(string stack) => Assert.Empty(SettingsLoader.Check(TestStacks.Settings(stack)));

    public static TheoryData<string> Stacks() => new(TestStacks.Names);

    [Fact]
    public void Minimal_settings_in_code_are_valid_and_compose()
    {
        var settings = Minimal();
        Assert.Empty(SettingsLoader.Check(settings));
        var plan = EnvironmentComposer.Compose(settings);
        Assert.Equal(600, plan.Release(StackConventions.KubePrometheusStackRelease).Policy.TimeoutSeconds);
    }

    [Fact]
    public void Bad_values_in_code_are_reported_like_bad_keys_in_a_stack_file_every_one_at_once()
    {
        var settings = Minimal() with
        {
            Environment = "Platform",
            Prometheus = new PrometheusSettings { Replicas = 0, ScrapeInterval = Duration.Minutes(10) },
            Releases = new ReleaseSettings { Loki = new ReleasePolicy { Timeout = Duration.FromMilliseconds(90_500) } },
            NetworkPolicies = new NetworkPolicySettings { AllowedNamespaces = ["Apps"] },
            LogAgent = null,
        };

        Assert.Equal(
            [
                "observability:environment: expected a lowercase name like dev or prod, found \"Platform\"",
                "observability:prometheus.replicas: expected a number from 1 to 10, found 0",
                "observability:prometheus.scrapeInterval: expected a duration from 1s to 5m, found 10m",
                "observability:networkPolicies.allowedNamespaces[0]: expected a namespace name, found \"Apps\"",
                "observability:logAgent: required, but not set: expected the log agent: alloy (Promtail's successor) or promtail (end of life since 2026-03-02)",
                "observability:releases.loki.timeout: expected whole seconds (Helm's timeout is in seconds), found 1m30s500ms",
            ],
            SettingsLoader.Check(settings).Select(p => p.ToString()));
    }
}
