using Observability.Stacks.Tests.Support;

namespace Observability.Stacks.Tests.Composition;

/// <summary>The small PromQL reader the dashboard-coverage test relies on: it must tell a dropped label from a kept one.</summary>
public sealed class PromQlLabelsTests
{
    [Theory]
    // cc97025's node records: by (instance) drops job, which the chart's dashboards select.
    [InlineData("1 - avg by (instance) (rate(node_cpu_seconds_total{job=\"node-exporter\", mode=\"idle\"}[5m]))", "job", false)]
    [InlineData("1 - avg by (instance) (rate(node_cpu_seconds_total{job=\"node-exporter\", mode=\"idle\"}[5m]))", "instance", true)]
    [InlineData("count without (cpu, mode) (node_cpu_seconds_total{job=\"node-exporter\",mode=\"idle\"})", "job", true)]
    [InlineData("count without (cpu, mode) (node_cpu_seconds_total{job=\"node-exporter\",mode=\"idle\"})", "cpu", false)]
    [InlineData("histogram_quantile(0.99, sum by (cluster, le, resource) (rate(x_bucket[5m]))) > 0", "le", false)]
    [InlineData("histogram_quantile(0.99, sum by (cluster, le, resource) (rate(x_bucket[5m]))) > 0", "resource", true)]
    [InlineData("topk by (cluster, namespace, pod) (1, max by (cluster, node, namespace, pod) (label_replace(kube_pod_info{node!=\"\"}, \"pod\", \"$1\", \"pod\", \"(.*)\")))", "node", true)]
    [InlineData("max by (cluster, namespace, workload, pod) (label_replace(kube_pod_owner{owner_kind=\"ReplicaSet\"}, \"replicaset\", \"$1\", \"owner_name\", \"(.*)\") * on (replicaset, namespace) group_left(owner_name) topk by (replicaset, namespace) (1, max by (replicaset, namespace, owner_name) (kube_replicaset_owner)))", "workload_type", false)]
    [InlineData("sum(rate(a[5m])) by (job) / sum(rate(b[5m])) by (job)", "job", true)]
    [InlineData("sum(rate(a[5m])) by (job) / sum(rate(b[5m])) by (job)", "instance", false)]
    [InlineData("kube_pod_container_resource_requests{resource=\"cpu\"} * on (namespace, pod, cluster) group_left() max by (namespace, pod, cluster) ((kube_pod_status_phase{phase=~\"Pending|Running\"} == 1))", "container", true)]
    [InlineData("# a comment\nsum by (cluster) (x)", "cluster", true)]
    public void Kept_labels_follow_the_aggregation(string expr, string label, bool kept) =>
        Assert.Equal(kept, PromQlLabels.Kept(expr).Keeps(label));

    [Fact]
    public void Record_uses_name_the_record_and_its_matcher_labels_but_not_strings_or_subqueries()
    {
        var uses = PromQlLabels.RecordUses(
            "sum(instance:node_cpu_utilisation:rate5m{job=\"node-exporter\", instance=~\"$instance\", cluster=\"a:b\"}) / max_over_time(up[5m:1m]) + namespace_workload_pod:kube_pod_owner:relabel").ToList();

        Assert.Equal(2, uses.Count);
        Assert.Equal("instance:node_cpu_utilisation:rate5m", uses[0].Record);
        Assert.Equal(["job", "instance", "cluster"], uses[0].MatcherLabels);
        Assert.Equal("namespace_workload_pod:kube_pod_owner:relabel", uses[1].Record);
        Assert.Empty(uses[1].MatcherLabels);
    }
}
