using Observability.Rules.Model;
using Observability.Rules.Output;
using Observability.Stacks.Composition;
using Observability.Stacks.Modules;
using Observability.Stacks.Settings;
using Observability.Stacks.Tests.Support;
using Observability.TestSupport;
using YamlDotNet.RepresentationModel;

namespace Observability.Stacks.Tests.Composition;

/// <summary>Properties of the composed environments that the issue and the known traps ask for.</summary>
public sealed class CompositionTests
{
    private static object? At(OrderedDictionary<string, object?> tree, string dotted)
    {
        object? node = tree;
        foreach (var part in dotted.Split('.'))
        {
            if (node is not OrderedDictionary<string, object?> map || !map.TryGetValue(part, out node))
                return null;
        }

        return node;
    }

    [Fact]
    public void Prometheus_selects_rules_and_monitors_without_the_release_label()
    {
        var values = TestStacks.Plan("prod").Release(StackConventions.KubePrometheusStackRelease).Values;
        foreach (var kind in new[] { "rule", "serviceMonitor", "podMonitor", "probe", "scrapeConfig" })
            Assert.Equal(false, At(values, $"prometheus.prometheusSpec.{kind}SelectorNilUsesHelmValues"));
        Assert.Empty((OrderedDictionary<string, object?>)At(values, "prometheus.prometheusSpec.ruleSelector")!);
        Assert.Empty((OrderedDictionary<string, object?>)At(values, "prometheus.prometheusSpec.serviceMonitorNamespaceSelector")!);

        // Our PrometheusRules carry no release label, and are still selected by the empty selector.
        var rules = TestStacks.Plan("prod").Objects.Where(o => o.Kind == "PrometheusRule").ToList();
        Assert.NotEmpty(rules);
        Assert.All(rules, r => Assert.DoesNotContain("release:", r.ToYaml(), StringComparison.Ordinal));
    }

    [Fact]
    public void Prod_is_highly_available_with_pdbs_and_anti_affinity_and_dev_is_not()
    {
        var prod = TestStacks.Plan("prod").Release(StackConventions.KubePrometheusStackRelease).Values;
        Assert.Equal(2, At(prod, "prometheus.prometheusSpec.replicas"));
        Assert.Equal("30d", At(prod, "prometheus.prometheusSpec.retention"));
        Assert.Equal(3, At(prod, "alertmanager.alertmanagerSpec.replicas"));
        Assert.Equal("hard", At(prod, "prometheus.prometheusSpec.podAntiAffinity"));
        Assert.Equal("hard", At(prod, "alertmanager.alertmanagerSpec.podAntiAffinity"));
        Assert.Equal(true, At(prod, "prometheus.podDisruptionBudget.enabled"));
        Assert.Equal(true, At(prod, "alertmanager.podDisruptionBudget.enabled"));
        Assert.NotNull(At(prod, "grafana.podDisruptionBudget"));
        Assert.NotNull(At(prod, "grafana.affinity"));

        var dev = TestStacks.Plan("dev").Release(StackConventions.KubePrometheusStackRelease).Values;
        Assert.Equal(1, At(dev, "prometheus.prometheusSpec.replicas"));
        Assert.Null(At(dev, "prometheus.podDisruptionBudget"));
        Assert.Null(At(dev, "prometheus.prometheusSpec.podAntiAffinity"));
    }

    [Fact]
    public void External_labels_name_the_cluster_and_environment()
    {
        var values = TestStacks.Plan("prod").Release(StackConventions.KubePrometheusStackRelease).Values;
        Assert.Equal("prod-eu-west-1", At(values, "prometheus.prometheusSpec.externalLabels.cluster"));
        Assert.Equal("prod", At(values, "prometheus.prometheusSpec.externalLabels.environment"));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Grafana_admin_comes_from_a_secret_and_alertmanager_from_our_config_secret(string stack)
    {
        var plan = TestStacks.Plan(stack);
        var values = plan.Release(StackConventions.KubePrometheusStackRelease).Values;
        Assert.Equal(MetricsModule.GrafanaAdminSecret, At(values, "grafana.admin.existingSecret"));
        Assert.Null(At(values, "grafana.adminPassword"));
        Assert.Equal(MetricsModule.AlertmanagerConfigSecret, At(values, "alertmanager.alertmanagerSpec.configSecret"));
        Assert.Equal(true, At(values, "alertmanager.alertmanagerSpec.useExistingSecret"));

        var admin = plan.Objects.Single(o => o.Kind == "Secret" && o.Name == MetricsModule.GrafanaAdminSecret);
        var password = Assert.IsType<SecretValue>(At(admin.Body, $"stringData.{MetricsModule.GrafanaAdminPasswordKey}"));
        Assert.NotEqual("admin", At(admin.Body, $"stringData.{MetricsModule.GrafanaAdminUserKey}"));
        Assert.Equal(stack == "dev" ? SecretSource.Generated : SecretSource.Encrypted, password.Source);

        var config = plan.Objects.Single(o => o.Kind == "Secret" && o.Name == MetricsModule.AlertmanagerConfigSecret);
        Assert.Equal(plan.Artifacts.Single(a => a.Path == "alertmanager/alertmanager.yaml").Content, ((OrderedDictionary<string, object?>)At(config.Body, "stringData")!)["alertmanager.yaml"]);
    }

    [Fact]
    public void Grafana_has_loki_and_jaeger_datasources_with_fixed_uids_linking_logs_and_traces()
    {
        var values = TestStacks.Plan("prod").Release(StackConventions.KubePrometheusStackRelease).Values;
        var yaml = YamlText.Serialize(At(values, "grafana.additionalDataSources"));
        Assert.Contains("uid: loki", yaml, StringComparison.Ordinal);
        Assert.Contains("uid: jaeger", yaml, StringComparison.Ordinal);
        Assert.Contains("datasourceUid: jaeger", yaml, StringComparison.Ordinal); // logs → traces
        Assert.Contains("datasourceUid: loki", yaml, StringComparison.Ordinal);   // traces → logs
        Assert.Equal("grafana_folder", At(values, "grafana.sidecar.dashboards.folderAnnotation"));
    }

    [Theory]
    [InlineData("dev", "alloy")]
    [InlineData("prod", "alloy")]
    [InlineData("promtail", "promtail")]
    public void The_log_agent_pushes_to_lokis_gateway_and_parses_json_logs(string stack, string agent)
    {
        var plan = TestStacks.Plan(stack);
        var release = plan.Release(agent);
        var text = release.ValuesYaml();
        Assert.Contains(plan.Endpoints.LokiPush, text, StringComparison.Ordinal);
        foreach (var field in new[] { "level", "service", "trace_id" })
            Assert.Contains(field, text, StringComparison.Ordinal);
        Assert.Contains("structured_metadata", text, StringComparison.Ordinal);
        Assert.DoesNotContain(plan.Releases, r => r.Name == (agent == "alloy" ? "promtail" : "alloy"));
    }

    [Fact]
    public void Loki_is_monolithic_on_a_volume_in_dev_and_distributed_on_s3_in_prod_with_schema_v13_tsdb()
    {
        var dev = TestStacks.Plan("dev").Release("loki").Values;
        Assert.Equal("Monolithic", At(dev, "deploymentMode"));
        Assert.Equal("filesystem", At(dev, "loki.storage.type"));
        Assert.Equal("168h", At(dev, "loki.limits_config.retention_period"));

        var prod = TestStacks.Plan("prod").Release("loki").Values;
        Assert.Equal("Distributed", At(prod, "deploymentMode"));
        Assert.Equal("s3", At(prod, "loki.storage.type"));
        Assert.Equal("${LOKI_S3_ACCESS_KEY_ID}", At(prod, "loki.storage.s3.accessKeyId"));
        var schema = YamlText.Serialize(At(prod, "loki.schemaConfig"));
        Assert.Contains("schema: v13", schema, StringComparison.Ordinal);
        Assert.Contains("store: tsdb", schema, StringComparison.Ordinal);
    }

    [ReferenceTheory]
    [InlineData("dev")]
    [InlineData("prod")]
    [InlineData("full")]
    public void Loki_values_are_valid_against_the_charts_values_schema(string stack)
    {
        var release = TestStacks.Plan(stack).Release("loki");
        SchemaCheck.AssertYamlValid(Reference.PathOf("charts", "loki", release.Version, "values.schema.json"), release.ValuesYaml(), $"{stack} loki values");
    }

    [Fact]
    public void Jaeger_receives_otlp_on_4317_and_4318_and_reads_its_password_from_a_secret()
    {
        var prod = TestStacks.Plan("prod").Release("jaeger").Values;
        var config = YamlText.Serialize(At(prod, "userconfig"));
        Assert.Contains("endpoint: 0.0.0.0:4317", config, StringComparison.Ordinal);
        Assert.Contains("endpoint: 0.0.0.0:4318", config, StringComparison.Ordinal);
        Assert.Contains("opensearch:", config, StringComparison.Ordinal);
        Assert.Contains("password: ${env:ES_PASSWORD}", config, StringComparison.Ordinal);

        var dev = YamlText.Serialize(At(TestStacks.Plan("dev").Release("jaeger").Values, "userconfig"));
        Assert.Contains("badger:", dev, StringComparison.Ordinal);
        Assert.Contains("endpoint: 0.0.0.0:4317", dev, StringComparison.Ordinal);
    }

    [ReferenceFact]
    public void Pulumi_yaml_declares_only_keys_the_settings_know()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Repo.PathOf("Pulumi.yaml")))
            stream.Load(reader);
        var project = (YamlMappingNode)stream.Documents[0].RootNode;
        Assert.Equal("observability", ((YamlScalarNode)project.Children[new YamlScalarNode("name")]).Value);
        var config = (YamlMappingNode)project.Children[new YamlScalarNode("config")];
        foreach (var key in config.Children.Keys.Cast<YamlScalarNode>())
            Assert.Contains($"observability:{key.Value}", SettingsLoader.Keys);
    }

    [Fact]
    public void An_SLO_period_longer_than_the_retention_is_a_warning_naming_both_keys_and_the_fixes()
    {
        var dev = TestStacks.Settings("dev");
        var shortRetention = dev with { Prometheus = dev.Prometheus with { Retention = Duration.Days(3) } };

        var warnings = EnvironmentComposer.Compose(shortRetention).Warnings;

        Assert.Equal(
            [
                "observability:slos.objectives.api-availability.period: 7d is longer than observability:prometheus.retention (3d), so the error budget would be measured over 3d only; set observability:prometheus.retention to at least 7d, or observability:slos.objectives.api-availability.period to at most 3d.",
                "observability:slos.objectives.api-latency.period: 7d is longer than observability:prometheus.retention (3d), so the error budget would be measured over 3d only; set observability:prometheus.retention to at least 7d, or observability:slos.objectives.api-latency.period to at most 3d.",
                "observability:slos.objectives.api-error-rate.period: 7d is longer than observability:prometheus.retention (3d), so the error budget would be measured over 3d only; set observability:prometheus.retention to at least 7d, or observability:slos.objectives.api-error-rate.period to at most 3d.",
                "observability:slos.objectives.agent-success.period: 7d is longer than observability:prometheus.retention (3d), so the error budget would be measured over 3d only; set observability:prometheus.retention to at least 7d, or observability:slos.objectives.agent-success.period to at most 3d.",
            ],
            warnings);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void The_committed_stacks_compose_without_a_warning(string stack) =>
        Assert.Empty(TestStacks.Plan(stack).Warnings);

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Every_key_Pulumi_yaml_declares_without_a_default_is_set_by_the_stack_file(string stack)
    {
        // Pulumi refuses to run a stack that lacks a value for a declared key with no default.
        var project = LoadMapping(Repo.PathOf("Pulumi.yaml"));
        var declared = (YamlMappingNode)project.Children[new YamlScalarNode("config")];
        var stackConfig = (YamlMappingNode)LoadMapping(Repo.PathOf($"Pulumi.{stack}.yaml")).Children[new YamlScalarNode("config")];
        var set = stackConfig.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value).ToHashSet(StringComparer.Ordinal);

        var missing = declared.Children
            .Where(entry => entry.Value is YamlMappingNode spec && !spec.Children.ContainsKey(new YamlScalarNode("default")))
            .Select(entry => $"observability:{((YamlScalarNode)entry.Key).Value}")
            .Where(key => !set.Contains(key))
            .ToList();

        Assert.Empty(missing);
    }

    private static YamlMappingNode LoadMapping(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
            stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    [Fact]
    public void Overrides_from_the_stack_file_reach_the_rules_slos_and_alertmanager()
    {
        var plan = TestStacks.Plan("full");
        var rules = string.Join("\n", plan.Artifacts.Where(a => a.Path.StartsWith("rules/", StringComparison.Ordinal)).Select(a => a.Content));
        Assert.Contains("runbook_url: https://runbooks.example.org/HighErrorRate", rules, StringComparison.Ordinal);
        Assert.Contains("team: platform", rules, StringComparison.Ordinal);
        var alertmanager = plan.Artifacts.Single(a => a.Path == "alertmanager/alertmanager.yaml").Content;
        Assert.Contains("group_wait: 10s", alertmanager, StringComparison.Ordinal);
        Assert.Contains("url: https://events.eu.pagerduty.com/v2/enqueue", alertmanager, StringComparison.Ordinal);
        Assert.Contains("resolve_timeout: 2m", alertmanager, StringComparison.Ordinal);
        Assert.Equal(4, plan.Counts.Slos);
        Assert.Equal(12, plan.Counts.Dashboards);
    }
}
