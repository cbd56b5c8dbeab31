using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
using Observability.Stacks.Tests.Support;

namespace Observability.Stacks.Tests.Composition;

/// <summary>Exemplars (stored, so that Grafana's exemplar-to-trace link can appear) and the HA replica label of remote write.</summary>
public sealed class PrometheusFeatureTests
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

    private static OrderedDictionary<string, object?> Values(StackSettings s) =>
        EnvironmentComposer.Compose(s).Release(StackConventions.KubePrometheusStackRelease).Values;

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Prometheus_stores_exemplars_and_grafana_links_them_to_jaeger(string stack)
    {
        var values = Values(TestStacks.Settings(stack));

        Assert.Equal(["exemplar-storage"], ((List<object?>)At(values, "prometheus.prometheusSpec.enableFeatures")!).Cast<string>());
        Assert.Equal(100_000, At(values, "prometheus.prometheusSpec.exemplars.maxSize"));
        Assert.Equal(StackConventions.JaegerDatasourceUid, At(values, "grafana.sidecar.datasources.exemplarTraceIdDestinations.datasourceUid"));
        Assert.Equal("trace_id", At(values, "grafana.sidecar.datasources.exemplarTraceIdDestinations.traceIdLabelName"));
    }

    [Fact]
    public void Without_exemplar_storage_the_link_is_not_advertised()
    {
        var dev = TestStacks.Settings("dev");
        var values = Values(dev with { Prometheus = dev.Prometheus with { Exemplars = new ExemplarSettings { MaxSize = 0 } } });

        Assert.Null(At(values, "prometheus.prometheusSpec.enableFeatures"));
        Assert.Null(At(values, "prometheus.prometheusSpec.exemplars"));
        Assert.Null(At(values, "grafana.sidecar.datasources.exemplarTraceIdDestinations"));
    }

    [Fact]
    public void Exemplar_capacity_comes_from_the_stack_file()
    {
        var dev = TestStacks.Settings("dev");
        var values = Values(dev with { Prometheus = dev.Prometheus with { Exemplars = new ExemplarSettings { MaxSize = 500_000 } } });

        Assert.Equal(500_000, At(values, "prometheus.prometheusSpec.exemplars.maxSize"));
    }

    [Fact]
    public void Ha_prometheus_labels_each_replica_for_the_receivers_deduplication()
    {
        var values = Values(TestStacks.Settings("prod"));

        Assert.Equal(2, At(values, "prometheus.prometheusSpec.replicas"));
        Assert.NotNull(At(values, "prometheus.prometheusSpec.remoteWrite"));
        // Mimir's HA tracker: ha_cluster_label "cluster" (our external label), ha_replica_label "__replica__".
        Assert.Equal("__replica__", At(values, "prometheus.prometheusSpec.replicaExternalLabelName"));
        Assert.Equal("prod-eu-west-1", At(values, "prometheus.prometheusSpec.externalLabels.cluster"));
        Assert.Null(At(values, "prometheus.prometheusSpec.replicaExternalLabelNameClear"));
    }

    [Fact]
    public void The_replica_label_name_comes_from_the_stack_file()
    {
        var prod = TestStacks.Settings("prod");
        var values = Values(prod with { Prometheus = prod.Prometheus with { ReplicaExternalLabel = "prometheus_replica" } });

        Assert.Equal("prometheus_replica", At(values, "prometheus.prometheusSpec.replicaExternalLabelName"));
    }
}
