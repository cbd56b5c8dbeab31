using Observability.Rules.Model;
using Observability.Stacks.Settings;
using Observability.TestSupport;

namespace Observability.Stacks.Tests.Settings;

public sealed class SettingsLoaderTests
{
    [Fact]
    public void Prod_stack_file_loads_with_its_ha_settings_and_encrypted_secrets()
    {
        var result = SettingsLoader.FromRepository(Repo.Root, "prod");

        Assert.Empty(result.Problems);
        var settings = result.GetOrThrow();
        Assert.Equal("prod", settings.Environment);
        Assert.Equal(2, settings.Prometheus.Replicas);
        Assert.Equal(Duration.Days(30), settings.Prometheus.Retention);
        Assert.Equal(3, settings.Alertmanager.Replicas);
        Assert.Equal(LokiMode.Distributed, settings.Loki.Mode);
        Assert.Equal(JaegerStorageType.Opensearch, settings.Jaeger.Storage.Type);
        Assert.Equal(SecretSource.Encrypted, settings.Alertmanager.Receivers.Pagerduty!.RoutingKey.Source);
        Assert.Equal("<secret:observability:alertmanager.receivers.pagerduty.routingKey>", settings.Alertmanager.Receivers.Pagerduty.RoutingKey.ToString());
    }

    [Fact]
    public void Dev_stack_file_loads_without_a_warning()
    {
        var result = SettingsLoader.FromRepository(Repo.Root, "dev");

        Assert.Empty(result.Problems);
        Assert.Equal(LokiMode.Monolithic, result.GetOrThrow().Loki.Mode);
        Assert.Equal(LogAgentKind.Alloy, result.GetOrThrow().LogAgent);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Promtail_is_a_warning_naming_the_key_and_the_fix()
    {
        var result = SettingsLoader.FromStackFile(Repo.PathOf("tests", "Stacks.Tests", "stacks", "Pulumi.promtail.yaml"));

        Assert.Empty(result.Problems);
        Assert.Equal(
            ["observability:logAgent: promtail reached end of life on 2026-03-02 and gets no more fixes; set observability:logAgent: alloy (Grafana Alloy, its successor: same log labels and Loki endpoint)."],
            result.Warnings);
    }

    [Fact]
    public void A_plain_text_secret_is_a_warning_naming_the_key_and_the_command_that_encrypts_it()
    {
        var result = SettingsLoader.FromStackFile(Repo.PathOf("tests", "Stacks.Tests", "stacks", "Pulumi.full.yaml"));

        Assert.Contains("observability:alertmanager.receivers.pagerduty.routingKey: a secret stored in plain text in the stack file; " +
            "encrypt it with `pulumi config set --secret --path 'observability:alertmanager.receivers.pagerduty.routingKey' <value>`.", result.Warnings);
    }

    [Fact]
    public void Config_map_path_shares_the_validation_and_reports_every_problem_at_once()
    {
        var result = SettingsLoader.FromConfig("dev", new Dictionary<string, ConfigValue>
        {
            ["observability:logAgent"] = new("alloy", false),
            ["observability:prometheus"] = new("""{"retention":"30 days","replicas":0,"retentionn":"1d"}""", false),
            ["observability:grafna"] = new("{}", false),
            ["kubernetes:context"] = new("kind-dev", false),
        });

        Assert.False(result.IsValid);
        Assert.Equal(
            [
                "observability:grafna: unknown key (did you mean \"observability:grafana\"?) (expected one of environment, clusterName, namespaces, prometheus, alertmanager, grafana, loki, logAgent, jaeger, scrape, exporters, rules, slos, dashboards, charts, releases, networkPolicies, kubeContext)",
                "observability:prometheus.retention: expected a duration like 30s, 5m, 1h or 7d, found \"30 days\"",
                "observability:prometheus.replicas: expected a number from 1 to 10, found 0",
                "observability:prometheus.retentionn: unknown key (did you mean \"retention\"?) (expected one of replicas, retention, retentionSize, scrapeInterval, evaluationInterval, storage, resources, remoteWrite, externalLabels, replicaExternalLabel, exemplars)",
                "observability:alertmanager.receivers.email: required, but not set: expected the email receiver (to, smarthost, from) for everything that is neither critical nor warning",
            ],
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Config_map_secrets_are_known_to_the_pulumi_path_and_never_printed()
    {
        var result = SettingsLoader.FromConfig("prod", new Dictionary<string, ConfigValue>
        {
            ["observability:logAgent"] = new("alloy", false),
            ["observability:alertmanager"] = new("""{"receivers":{"email":{"to":["oncall@example.org"],"smarthost":"smtp.example.org:587","from":"am@example.org"},"pagerduty":{"routingKey":"pd-key-123"}}}""", true),
        });

        var key = result.GetOrThrow().Alertmanager.Receivers.Pagerduty!.RoutingKey;
        Assert.True(key.IsKnown);
        Assert.Equal("pd-key-123", key.Reveal());
        Assert.DoesNotContain("pd-key-123", key.ToString(), StringComparison.Ordinal);
        Assert.Empty(result.Warnings);
    }
}
