using System.Reflection;
using System.Runtime.CompilerServices;
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
            Alertmanager = new AlertmanagerSettings { Receivers = new ReceiverSettings { Email = null! } },
        };

        Assert.Equal(
            [
                "observability:environment: expected a lowercase name like dev or prod, found \"Platform\"",
                "observability:prometheus.replicas: expected a number from 1 to 10, found 0",
                "observability:prometheus.scrapeInterval: expected a duration from 1s to 5m, found 10m",
                "observability:networkPolicies.allowedNamespaces[0]: expected a namespace name, found \"Apps\"",
                "observability:alertmanager.receivers.email: required, but not set: expected the email receiver (to, smarthost, from) for everything that is neither critical nor warning",
                "observability:releases.loki.timeout: expected whole seconds (Helm's timeout is in seconds), found 1m30s500ms",
            ],
            SettingsLoader.Check(settings).Select(p => p.ToString()));
    }

    /// <summary>
    /// A value without a default is a C# <c>required</c>, non-nullable member with a hint: code cannot leave it out (the
    /// compiler says so; a missing log agent in code no longer compiles), and the binder fills it or reports it with the hint.
    /// </summary>
    [Fact]
    public void Every_setting_without_a_default_is_a_required_non_nullable_member_with_a_hint()
    {
        var nullability = new NullabilityInfoContext();
        var records = typeof(StackSettings).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(StackSettings).Namespace && t.IsClass && t.GetMethod("<Clone>$") is not null);
        var hinted = 0;
        foreach (var property in records.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)))
        {
            if (property.GetCustomAttribute<RequiredSettingAttribute>() is null)
                continue;
            var name = $"{property.DeclaringType!.Name}.{property.Name}";
            var required = property.IsDefined(typeof(RequiredMemberAttribute));
            hinted++;
            Assert.True(required, $"{name} has a hint but is not a required member");
            Assert.True(Nullable.GetUnderlyingType(property.PropertyType) is null, $"{name} is a nullable value type");
            Assert.Equal(NullabilityState.NotNull, nullability.Create(property).WriteState);
        }

        Assert.True(hinted >= 23, $"expected the 23 settings without a default or more, found {hinted}");
    }

    /// <summary>A stack file that sets no required value gets each one reported, the log agent among them; settings are null.</summary>
    [Fact]
    public void Required_values_missing_from_a_stack_file_are_each_reported_and_no_settings_are_returned()
    {
        var result = SettingsLoader.FromYaml("config:\n  observability:clusterName: prod-eu\n", "prod");
        Assert.Null(result.Settings);
        Assert.Equal(
            [
                "observability:alertmanager.receivers.email: required, but not set: expected the email receiver (to, smarthost, from) for everything that is neither critical nor warning",
                "observability:logAgent: required, but not set: expected the log agent: alloy (Promtail's successor) or promtail (end of life since 2026-03-02)",
            ],
            result.Problems.Select(p => p.ToString()));
    }
}
