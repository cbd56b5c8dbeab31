using Observability.Rules.Model;
using Observability.Stacks.Composition;
using Observability.Stacks.Modules;
using Observability.Stacks.Settings;
using Observability.Stacks.Tests.Support;
using Observability.TestSupport;

namespace Observability.Stacks.Tests.Composition;

/// <summary>
/// Jaeger as the cluster receives it: retention enforced by the storage (Badger TTL, the index cleaner for OpenSearch),
/// its own metrics scraped, compared with what the pinned chart renders (<c>../shared/reference/rendered/</c>).
/// </summary>
public sealed class TracingTests
{
    private static OrderedDictionary<string, object?> Values(string stack) => TestStacks.Plan(stack).Release(StackConventions.JaegerRelease).Values;

    private static List<OrderedDictionary<string, object?>> Env(object? list) =>
        Assert.IsType<List<object?>>(list).Cast<OrderedDictionary<string, object?>>().ToList();

    private static OrderedDictionary<string, object?> Named(List<OrderedDictionary<string, object?>> env, string name) =>
        Assert.Single(env, e => (string?)e["name"] == name);

    [Fact]
    public void The_index_cleaner_authenticates_like_the_collector_and_deletes_the_indices_the_collector_writes()
    {
        var values = Values("prod");
        var settings = TestStacks.Settings("prod").Jaeger;
        var backend = PlanPath.At(values, "userconfig.extensions.jaeger_storage.backends.primary_store.opensearch");

        Assert.Equal(true, PlanPath.At(values, "esIndexCleaner.enabled"));
        Assert.Equal(3, PlanPath.At(values, "esIndexCleaner.numberOfDays")); // prod keeps traces 3d
        var cleaner = Env(PlanPath.At(values, "esIndexCleaner.extraEnv"));
        var collector = Env(PlanPath.At(values, "jaeger.extraEnv"));

        // The cleaner reads es.username / es.password / index-prefix from ES_USERNAME / ES_PASSWORD / INDEX_PREFIX (viper, jaeger 2.19.0).
        Assert.Equal(PlanPath.At(backend, "auth.basic.username"), Named(cleaner, "ES_USERNAME")["value"]);
        Assert.Equal("jaeger", Named(cleaner, "ES_USERNAME")["value"]);
        Assert.Equal("${env:ES_PASSWORD}", PlanPath.At(backend, "auth.basic.password"));
        var password = Named(cleaner, "ES_PASSWORD");
        Assert.False(password.ContainsKey("value"));
        Assert.Equal(PlanPath.At(Named(collector, "ES_PASSWORD"), "valueFrom"), password["valueFrom"]);
        var secretName = (string)PlanPath.At(password, "valueFrom.secretKeyRef.name")!;
        var secretKey = (string)PlanPath.At(password, "valueFrom.secretKeyRef.key")!;
        var secret = Assert.Single(TestStacks.Plan("prod").Objects, o => o.Kind == "Secret" && o.Name == secretName && o.Namespace == TestStacks.Settings("prod").Namespaces.Tracing);
        Assert.IsType<SecretValue>(PlanPath.At(secret.Body, $"stringData.{secretKey}"));

        Assert.Equal(PlanPath.At(backend, "indices.index_prefix"), Named(cleaner, "INDEX_PREFIX")["value"]);
        Assert.Equal(settings.Storage.Elasticsearch!.IndexPrefix, Named(cleaner, "INDEX_PREFIX")["value"]);
        // Daily indices named <prefix>-jaeger-span-YYYY-MM-DD: the cleaner's default date separator is "-".
        Assert.Equal("2006-01-02", PlanPath.At(backend, "indices.spans.date_layout"));
        Assert.Equal("2006-01-02", PlanPath.At(backend, "indices.services.date_layout"));
        Assert.DoesNotContain(cleaner, e => (string?)e["name"] == "INDEX_DATE_SEPARATOR");
        // The chart passes storage.elasticsearch.url as the cleaner's second argument.
        Assert.Equal(Assert.Single(Assert.IsType<List<object?>>(PlanPath.At(backend, "server_urls"))), PlanPath.At(values, "storage.elasticsearch.url"));
    }

    [RenderedFact]
    public void The_rendered_index_cleaner_cronjob_is_where_the_chart_puts_extra_env()
    {
        // What the chart did with our values at cc97025: the CronJob container's env is elasticsearch.env + esIndexCleaner.extraEnv.
        var cronJob = Rendered.Single("prod", "jaeger", "CronJob", "jaeger-es-index-cleaner");
        var container = Assert.Single(Rendered.Seq(cronJob, "spec.jobTemplate.spec.template.spec.containers"));
        var names = Rendered.Seq(container, "env").Select(e => Rendered.Text(e, "name")).ToList();
        Assert.Equal(["ES_SERVER_URLS", "ES_NODES"], names);
        Assert.Equal(["3", "https://opensearch.prod.example.com:9200"], Rendered.Seq(container, "args").Select(a => Rendered.Text(a, null)).ToList());
    }

    [RenderedTheory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Jaegers_own_metrics_are_scraped_from_a_port_the_charts_service_has(string stack)
    {
        var plan = TestStacks.Plan(stack);
        var tracing = plan.Settings.Namespaces.Tracing;
        var monitor = Assert.Single(plan.Objects, o => o.Kind == "ServiceMonitor" && o.Namespace == tracing && o.Name == StackConventions.JaegerRelease);
        Assert.Null(PlanPath.At(monitor.Body, "spec.namespaceSelector")); // the Service is in the ServiceMonitor's own namespace
        Assert.Equal(tracing, plan.Release(StackConventions.JaegerRelease).Namespace);

        var service = Rendered.Single(stack, "jaeger", "Service", "jaeger");
        var serviceLabels = Rendered.Labels(service, "metadata.labels");
        var selector = (OrderedDictionary<string, object?>)PlanPath.At(monitor.Body, "spec.selector.matchLabels")!;
        Assert.NotEmpty(selector);
        foreach (var (key, value) in selector)
            Assert.True(serviceLabels.TryGetValue(key, out var actual) && actual == (string?)value, $"the jaeger Service lacks {key}={value}");

        var endpoint = Assert.Single(Assert.IsType<List<object?>>(PlanPath.At(monitor.Body, "spec.endpoints")).Cast<OrderedDictionary<string, object?>>());
        var port = Assert.Single(Rendered.Seq(service, "spec.ports"), p => Rendered.Text(p, "name") == (string?)endpoint["port"]);
        var telemetry = PlanPath.At(Values(stack), "userconfig.service.telemetry.metrics.readers");
        var reader = Assert.Single(Assert.IsType<List<object?>>(telemetry));
        var metricsPort = PlanPath.At((OrderedDictionary<string, object?>)reader!, "pull.exporter.prometheus.port");
        Assert.Equal(metricsPort?.ToString(), Rendered.Text(port, "port"));
        Assert.Equal(metricsPort?.ToString(), Rendered.Text(port, "targetPort"));
        // ... and the pods listen on it.
        var deployment = Rendered.Single(stack, "jaeger", "Deployment", "jaeger");
        var container = Assert.Single(Rendered.Seq(deployment, "spec.template.spec.containers"));
        Assert.Contains(Rendered.Seq(container, "ports"), p => Rendered.Text(p, "containerPort") == metricsPort?.ToString());
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    [InlineData("full")]
    public void Prometheus_selects_every_service_monitor_we_create(string stack)
    {
        var plan = TestStacks.Plan(stack);
        var spec = (OrderedDictionary<string, object?>)PlanPath.At(plan.Release(StackConventions.KubePrometheusStackRelease).Values, "prometheus.prometheusSpec")!;
        Assert.Equal(false, spec["serviceMonitorSelectorNilUsesHelmValues"]);
        var selector = (OrderedDictionary<string, object?>)spec["serviceMonitorSelector"]!;
        var namespaces = (OrderedDictionary<string, object?>)spec["serviceMonitorNamespaceSelector"]!;
        Assert.Empty(namespaces); // every namespace
        var required = selector.TryGetValue("matchLabels", out var labels) ? (OrderedDictionary<string, object?>)labels! : [];
        Assert.DoesNotContain("matchExpressions", selector.Keys);
        var monitors = plan.Objects.Where(o => o.Kind == "ServiceMonitor").ToList();
        Assert.Contains(monitors, m => m.Name == StackConventions.JaegerRelease);
        foreach (var monitor in monitors)
        {
            var own = (OrderedDictionary<string, object?>?)PlanPath.At(monitor.Body, "metadata.labels") ?? [];
            foreach (var (key, value) in required)
                Assert.True(own.TryGetValue(key, out var actual) && Equals(actual, value), $"{monitor.Id} lacks {key}={value}, which Prometheus selects by");
        }
    }

    [Fact]
    public void Dev_keeps_traces_on_badger_for_its_retention_and_survives_restarts()
    {
        var plan = TestStacks.Plan("dev");
        var settings = plan.Settings.Jaeger;
        Assert.Equal(JaegerStorageType.Badger, settings.Storage.Type);
        Assert.Equal(Duration.Days(3), settings.Retention);
        var values = Values("dev");
        var badger = (OrderedDictionary<string, object?>)PlanPath.At(values, "userconfig.extensions.jaeger_storage.backends.primary_store.badger")!;
        // Keys as jaeger 2.19.0 reads them (internal/storage/v1/badger/config.go): ttl.spans, ephemeral, directories.keys/values.
        Assert.Equal("72h", PlanPath.At(badger, "ttl.spans"));
        Assert.Equal(false, badger["ephemeral"]);
        Assert.StartsWith(JaegerValues.BadgerMountPath + "/", (string)PlanPath.At(badger, "directories.keys")!, StringComparison.Ordinal);
        Assert.StartsWith(JaegerValues.BadgerMountPath + "/", (string)PlanPath.At(badger, "directories.values")!, StringComparison.Ordinal);
        Assert.Null(PlanPath.At(values, "userconfig.extensions.jaeger_storage.backends.primary_store.memory"));

        var claim = Assert.Single(plan.Objects, o => o.Kind == "PersistentVolumeClaim" && o.Namespace == plan.Settings.Namespaces.Tracing);
        var volume = Env(PlanPath.At(values, "jaeger.extraVolumes")).Single();
        Assert.Equal(claim.Name, PlanPath.At(volume, "persistentVolumeClaim.claimName"));
        var mount = Env(PlanPath.At(values, "jaeger.extraVolumeMounts")).Single();
        Assert.Equal(volume["name"], mount["name"]);
        Assert.Equal(JaegerValues.BadgerMountPath, mount["mountPath"]);
        // One writer with a directory lock on a ReadWriteOnce volume: the old pod stops before the new one starts.
        Assert.Equal("Recreate", PlanPath.At(values, "jaeger.strategy.type"));
    }

    [Fact]
    public void Jaegers_resources_setting_reaches_the_container()
    {
        // jaeger 4.11.1 jaeger-deploy.yaml: `with .Values.jaeger.resources` on the jaeger container.
        var settings = TestStacks.Settings("prod").Jaeger.Resources;
        var values = Values("prod");
        Assert.Equal(settings.Requests.Cpu, PlanPath.At(values, "jaeger.resources.requests.cpu"));
        Assert.Equal(settings.Requests.Memory, PlanPath.At(values, "jaeger.resources.requests.memory"));
        Assert.Equal(settings.Limits.Memory, PlanPath.At(values, "jaeger.resources.limits.memory"));
    }

    [Theory]
    [InlineData("3d", "72h")]
    [InlineData("36h", "36h")]
    [InlineData("90m", "90m")]
    [InlineData("1h30m15s", "5415s")]
    public void Durations_are_written_in_a_form_go_parses(string setting, string expected) =>
        Assert.Equal(expected, JaegerValues.GoDuration(Duration.Parse(setting)));
}
