using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
using Observability.Stacks.Tests.Support;
using Observability.TestSupport;
using YamlDotNet.RepresentationModel;

namespace Observability.Stacks.Tests.Composition;

/// <summary>
/// No ingest gap on an upgrade or a node drain: every workload with more than one replica rolls (never <c>Recreate</c>) and keeps a
/// PodDisruptionBudget, the chart's where the chart has one, else ours, selecting the pods the charts really label.
/// </summary>
public sealed class DisruptionTests
{
    /// <summary>
    /// Chart PDBs that our current values turn on but the cc97025 render predates: release, workload → the values key the chart's
    /// PDB template needs (loki 18.11.0 <c>templates/_pdb.tpl</c>: rendered only with a minAvailable or maxUnavailable).
    /// </summary>
    private static readonly Dictionary<(string Release, string Workload), string> ChartPdbKeys = new()
    {
        [("loki", "loki-gateway")] = "gateway.podDisruptionBudget.maxUnavailable",
    };

    /// <summary>Deployments the chart renders with <c>Recreate</c> unless a values key replaces the strategy: release, workload → key.</summary>
    private static readonly Dictionary<(string Release, string Workload), string> StrategyKeys = new()
    {
        [("jaeger", "jaeger")] = "jaeger.strategy", // jaeger 4.11.1 jaeger-deploy.yaml: `strategy: type: Recreate` unless jaeger.strategy
    };

    [RenderedTheory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Every_workload_with_more_than_one_replica_rolls_and_keeps_a_pod_disruption_budget(string stack)
    {
        var plan = TestStacks.Plan(stack);
        var failures = new List<string>();
        var checkedWorkloads = 0;
        // The rendering is of cc97025's values; a release the stack no longer deploys (dev's Promtail, a DaemonSet) is skipped.
        foreach (var release in Rendered.Releases(stack).Where(r => plan.Releases.Any(p => p.Name == r)))
        {
            var objects = Rendered.Objects(stack, release);
            var namespaceName = plan.Release(release).Namespace;
            var values = plan.Release(release).Values;
            var chartPdbs = objects.Where(o => Rendered.Text(o, "kind") == "PodDisruptionBudget").ToList();
            foreach (var workload in objects.Where(o => Rendered.Text(o, "kind") is "Deployment" or "StatefulSet" or "Prometheus" or "Alertmanager"))
            {
                var kind = Rendered.Text(workload, "kind")!;
                var name = Rendered.Text(workload, "metadata.name")!;
                if (!int.TryParse(Rendered.Text(workload, "spec.replicas"), out var replicas) || replicas <= 1)
                    continue;
                checkedWorkloads++;
                var id = $"{release}: {kind}/{name} ({replicas} replicas)";

                if (kind is "Prometheus" or "Alertmanager")
                {
                    // The operator labels their pods; the chart's PDB carries the CR's name.
                    if (!chartPdbs.Any(p => Rendered.Text(p, "metadata.name") == name))
                        failures.Add($"{id}: no PodDisruptionBudget");
                    continue;
                }

                var podLabels = Rendered.Labels(workload, "spec.template.metadata.labels");
                var byChart = chartPdbs.Any(p => Selects(Rendered.Node(p, "spec.selector"), podLabels));
                var ours = plan.Objects.Where(o => o.Kind == "PodDisruptionBudget" && o.Namespace == namespaceName)
                    .Any(o => Selects((OrderedDictionary<string, object?>)PlanPath.At(o.Body, "spec.selector")!, podLabels));
                var byValues = ChartPdbKeys.TryGetValue((release, name), out var key) && PlanPath.At(values, key) is not null;
                if (!byChart && !ours && !byValues)
                    failures.Add($"{id}: no PodDisruptionBudget selects its pods ({string.Join(", ", podLabels.Select(l => $"{l.Key}={l.Value}"))})");

                if (kind == "Deployment" && Rendered.Text(workload, "spec.strategy.type") == "Recreate")
                {
                    var strategy = StrategyKeys.TryGetValue((release, name), out var strategyKey) ? PlanPath.At(values, strategyKey + ".type") : null;
                    if ((string?)strategy != "RollingUpdate")
                        failures.Add($"{id}: the chart renders strategy Recreate and our values leave it (every replica stops at once), found {strategy ?? "no override"}");
                }
            }
        }

        Assert.True(stack == "dev" || checkedWorkloads > 0, "prod renders no workload with more than one replica: the reference data is not what this test expects");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [RenderedFact]
    public void Jaegers_pdb_selects_exactly_the_all_in_one_pods_the_chart_labels()
    {
        var plan = TestStacks.Plan("prod");
        var pdb = Assert.Single(plan.Objects, o => o.Kind == "PodDisruptionBudget" && o.Namespace == plan.Settings.Namespaces.Tracing);
        var deployment = Rendered.Single("prod", "jaeger", "Deployment", "jaeger");
        var ours = ((OrderedDictionary<string, object?>)PlanPath.At(pdb.Body, "spec.selector.matchLabels")!).ToDictionary(e => e.Key, e => (string?)e.Value);
        Assert.Equal(Rendered.Labels(deployment, "spec.selector.matchLabels").OrderBy(e => e.Key), ours.OrderBy(e => e.Key));
        Assert.Equal(1, PlanPath.At(pdb.Body, "spec.maxUnavailable"));

        // The index cleaner's Job pods share name and instance but not the component: neither the PDB nor the anti-affinity counts them.
        var cleanerPods = Rendered.Labels(Rendered.Single("prod", "jaeger", "CronJob", "jaeger-es-index-cleaner"), "spec.jobTemplate.spec.template.metadata.labels");
        Assert.False(Selects((OrderedDictionary<string, object?>)PlanPath.At(pdb.Body, "spec.selector")!, cleanerPods));
        var values = plan.Release(StackConventions.JaegerRelease).Values;
        var term = Assert.Single(Assert.IsType<List<object?>>(PlanPath.At(values, "jaeger.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution")));
        Assert.False(Selects((OrderedDictionary<string, object?>)PlanPath.At(term, "labelSelector")!, cleanerPods));
        Assert.True(Selects((OrderedDictionary<string, object?>)PlanPath.At(term, "labelSelector")!, Rendered.Labels(deployment, "spec.template.metadata.labels")));
    }

    [Fact]
    public void Jaeger_rolls_one_pod_at_a_time_with_replicas_and_surges_with_one_unless_it_is_badger()
    {
        var prod = TestStacks.Plan("prod").Release(StackConventions.JaegerRelease).Values;
        Assert.Equal("RollingUpdate", PlanPath.At(prod, "jaeger.strategy.type"));
        Assert.Equal(0, PlanPath.At(prod, "jaeger.strategy.rollingUpdate.maxSurge")); // hard anti-affinity: no node for a surge pod
        Assert.Equal(1, PlanPath.At(prod, "jaeger.strategy.rollingUpdate.maxUnavailable"));

        var dev = TestStacks.Settings("dev");
        var memory = dev with { Jaeger = dev.Jaeger with { Retention = null, Storage = dev.Jaeger.Storage with { Type = JaegerStorageType.Memory } } };
        var plan = EnvironmentComposer.Compose(memory);
        var values = plan.Release(StackConventions.JaegerRelease).Values;
        Assert.Equal("RollingUpdate", PlanPath.At(values, "jaeger.strategy.type"));
        Assert.Equal(1, PlanPath.At(values, "jaeger.strategy.rollingUpdate.maxSurge"));
        Assert.Equal(0, PlanPath.At(values, "jaeger.strategy.rollingUpdate.maxUnavailable"));
        Assert.DoesNotContain(plan.Objects, o => o.Kind == "PodDisruptionBudget");
        Assert.DoesNotContain(TestStacks.Plan("dev").Objects, o => o.Kind == "PodDisruptionBudget");
    }

    [Fact]
    public void Loki_gateway_and_a_replicated_single_binary_keep_a_pdb_and_the_gateway_rolls_without_surge()
    {
        var prod = TestStacks.Plan("prod").Release(StackConventions.LokiRelease).Values;
        Assert.Equal(2, PlanPath.At(prod, "gateway.replicas"));
        Assert.Equal(1, PlanPath.At(prod, "gateway.podDisruptionBudget.maxUnavailable"));
        Assert.Equal("RollingUpdate", PlanPath.At(prod, "gateway.deploymentStrategy.type"));
        Assert.Equal(0, PlanPath.At(prod, "gateway.deploymentStrategy.rollingUpdate.maxSurge"));
        Assert.Equal(1, PlanPath.At(prod, "gateway.deploymentStrategy.rollingUpdate.maxUnavailable"));

        var dev = TestStacks.Plan("dev").Release(StackConventions.LokiRelease).Values;
        Assert.Null(PlanPath.At(dev, "gateway.podDisruptionBudget"));
        Assert.Null(PlanPath.At(dev, "singleBinary.podDisruptionBudget"));

        // Monolithic on object storage may run several replicas: the chart's singleBinary PDB then needs a maxUnavailable too.
        var full = TestStacks.Settings("full");
        var replicated = EnvironmentComposer.Compose(full with { Loki = full.Loki with { Replicas = 2 } }).Release(StackConventions.LokiRelease).Values;
        Assert.Equal(1, PlanPath.At(replicated, "singleBinary.podDisruptionBudget.maxUnavailable"));
    }

    /// <summary>A label selector (matchLabels and matchExpressions) applied to pod labels, as Kubernetes evaluates it; empty never matches here.</summary>
    private static bool Selects(YamlNode? selector, IReadOnlyDictionary<string, string?> labels)
    {
        var matchLabels = Rendered.Labels(selector, "matchLabels");
        var expressions = Rendered.Seq(selector, "matchExpressions")
            .Select(e => (Key: Rendered.Text(e, "key")!, Operator: Rendered.Text(e, "operator")!, Values: Rendered.Seq(e, "values").Select(v => Rendered.Text(v, null)!).ToList()))
            .ToList();
        return Selects(matchLabels, expressions, labels);
    }

    private static bool Selects(OrderedDictionary<string, object?> selector, IReadOnlyDictionary<string, string?> labels)
    {
        var matchLabels = selector.TryGetValue("matchLabels", out var m) && m is OrderedDictionary<string, object?> map
            ? map.ToDictionary(e => e.Key, e => (string?)e.Value, StringComparer.Ordinal)
            : [];
        Assert.False(selector.ContainsKey("matchExpressions"), "our selectors use matchLabels only");
        return Selects(matchLabels, [], labels);
    }

    private static bool Selects(Dictionary<string, string?> matchLabels, List<(string Key, string Operator, List<string> Values)> expressions, IReadOnlyDictionary<string, string?> labels)
    {
        if (matchLabels.Count == 0 && expressions.Count == 0)
            return false;
        return matchLabels.All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value)
            && expressions.All(e => e.Operator switch
            {
                "In" => labels.TryGetValue(e.Key, out var v) && e.Values.Contains(v!),
                "NotIn" => !labels.TryGetValue(e.Key, out var v) || !e.Values.Contains(v!),
                "Exists" => labels.ContainsKey(e.Key),
                "DoesNotExist" => !labels.ContainsKey(e.Key),
                _ => throw new InvalidOperationException($"unknown selector operator {e.Operator}"),
            });
    }
}
