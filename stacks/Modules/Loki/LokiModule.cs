using Observability.Rules.Packs;
using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
using static Observability.Stacks.Composition.ChartConventions;
using static Observability.Stacks.Composition.StackConventions;

namespace Observability.Stacks.Modules;

/// <summary>
/// Logs: Loki (monolithic or distributed, schema v13 + tsdb, retention by the compactor) and, with S3 storage, the Secret
/// of its credentials (read only by the components that open the bucket). Values: <see cref="LokiValues"/>.
/// </summary>
public sealed class LokiModule : IModule
{
    /// <summary>The grafana-community loki chart, installed as <see cref="StackConventions.LokiRelease"/>.</summary>
    public static ChartReference Chart { get; } = new("loki", "https://grafana-community.github.io/helm-charts", "18.11.0", LokiRelease);

    public const string S3Secret = "loki-s3-credentials";
    public const string S3AccessKeyIdEnv = "LOKI_S3_ACCESS_KEY_ID";
    public const string S3SecretAccessKeyEnv = "LOKI_S3_SECRET_ACCESS_KEY";

    public static LokiModule Instance { get; } = new();

    public string Name => "loki";

    public PlanComponent Component => PlanComponent.Loki;

    public IReadOnlyList<ChartReference> Charts { get; } = [Chart];

    public IReadOnlyList<ValuesPath> FreeFormValues { get; } =
    [
        new(Chart.Chart, "loki.schemaConfig", "Loki's schema_config, passed verbatim into the Loki configuration"),
        new(Chart.Chart, "loki.limits_config", "Loki's limits_config, passed verbatim into the Loki configuration"),
        new(Chart.Chart, "loki.compactor", "Loki's compactor block, passed verbatim into the Loki configuration"),
        new(Chart.Chart, "loki.storage.bucketNames", "documented in values.yaml as commented-out keys (chunks, ruler)"),
        new(Chart.Chart, "loki.analytics", "Loki's analytics block, passed verbatim into the Loki configuration (left as {})"),
        new(Chart.Chart, "singleBinary.resources", "Kubernetes ResourceRequirements, left as {}"),
        new(Chart.Chart, "ingester.resources", "Kubernetes ResourceRequirements, left as {}"),
        new(Chart.Chart, "distributor.resources", "Kubernetes ResourceRequirements, left as {}"),
        new(Chart.Chart, "querier.resources", "Kubernetes ResourceRequirements, left as {}"),
        new(Chart.Chart, "queryFrontend.resources", "Kubernetes ResourceRequirements, left as {}"),
        new(Chart.Chart, "queryScheduler.resources", "Kubernetes ResourceRequirements, left as {}"),
        new(Chart.Chart, "indexGateway.resources", "Kubernetes ResourceRequirements, left as {}"),
        new(Chart.Chart, "compactor.resources", "Kubernetes ResourceRequirements, left as {}"),
        new(Chart.Chart, "gateway.deploymentStrategy.rollingUpdate",
            "a Kubernetes RollingUpdateDeployment; templates/gateway/deployment.yaml renders gateway.deploymentStrategy verbatim as the Deployment's strategy"),
    ];

    public IReadOnlyList<ValuesPath> IgnoredValues { get; } =
    [
        new(Chart.Chart, "compactor.persistence.size",
            "templates/_workload.tpl builds volumeClaimTemplates from persistence.claims[]; persistence.size applies only when no claim is named data, and the default claims hold one"),
        new(Chart.Chart, "compactor.persistence.storageClass", "as compactor.persistence.size: the claims[] entry's storageClass is read"),
        new(Chart.Chart, "compactor.persistence.accessModes", "as compactor.persistence.size: the claims[] entry's accessModes is read"),
    ];

    public IReadOnlyList<string> RuleGroups { get; } = [LokiRules.GroupName];

    public IReadOnlyList<string> Dashboards { get; } = ["logs", "observability-pipeline"];

    public bool IsEnabled(StackSettings s) => true;

    /// <summary>The pods and Services its chart creates, as the pinned chart names and labels them (checked against its render).</summary>
    public ChartInventory Inventory(StackSettings s)
    {
        var pods = new List<ChartPods>();
        var services = new List<ChartService>();
        var logging = s.Namespaces.Logging;

        // Loki: templates/gateway/{deployment,service}-gateway-nginx.yaml (Service port 80 → container 8080), and per mode
        // templates/single-binary/ or templates/<component>/ (http-metrics 3100, grpc 9095), memberlist (templates/service-memberlist.yaml).
        const string loki = LokiRelease;
        pods.Add(new(loki, logging, "Deployment", "loki-gateway", LokiGatewayPodLabels, [8080, 4040]));
        services.Add(new(loki, logging, "loki-gateway", LokiGatewayPodLabels, LokiGatewayPodLabels, [("http", 80)]));
        services.Add(new(loki, logging, "loki-gateway-exporter", LokiGatewayPodLabels, LokiGatewayPodLabels, [("http-metrics", 4040)]));
        var lokiComponents = s.Loki.Mode == LokiMode.Distributed
            ? LokiDistributedComponents.Select(c => (c.Component, c.Kind, Name: $"loki-{c.Component}")).ToList()
            : [("single-binary", "StatefulSet", "loki")];
        foreach (var (component, kind, name) in lokiComponents)
        {
            var labels = LokiPodLabels(component);
            pods.Add(new(loki, logging, kind, name, With(labels, ("app.kubernetes.io/part-of", "memberlist")), [3100, 9095, 7946]));
            services.Add(new(loki, logging, name, labels, labels, [("http-metrics", 3100), ("grpc", 9095)]));
            services.Add(new(loki, logging, $"{name}-headless", labels, With(labels, ("prometheus.io/service-monitor", "false"), ("variant", "headless")), [("http-metrics", 3100), ("grpc", 9095)]));
        }

        services.Add(new(loki, logging, "loki-memberlist", Labels(("app.kubernetes.io/name", "loki"), ("app.kubernetes.io/instance", loki), ("app.kubernetes.io/part-of", "memberlist")), SelectorLabels("loki", loki), [("tcp", 7946)]));
        if (s.Loki.Mode == LokiMode.Distributed)
        {
            // templates/memcached/_memcached-statefulset.tpl and _memcached-svc.tpl (chunksCache/resultsCache enabled in distributed mode).
            foreach (var cache in new[] { "chunks-cache", "results-cache" })
            {
                var labels = LokiPodLabels($"memcached-{cache}");
                pods.Add(new(loki, logging, "StatefulSet", $"loki-{cache}", labels, [11211, 9150]));
                services.Add(new(loki, logging, $"loki-{cache}", labels, labels, [("memcached-client", 11211), ("http-metrics", 9150)]));
            }
        }

        return new ChartInventory(pods, services);
    }

    public ModulePlan Compose(ModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = context.Settings;
        var logging = s.Namespaces.Logging;
        var objects = new List<KubernetesObjectPlan>();
        if (s.Loki.Storage is { Type: LokiStorageType.S3, S3: { } s3 })
        {
            objects.Add(Manifests.Secret(S3Secret, logging, Component, null,
                [(S3AccessKeyIdEnv, s3.AccessKeyId), (S3SecretAccessKeyEnv, s3.SecretAccessKey)]));
        }

        return new ModulePlan
        {
            Name = Name,
            Component = Component,
            Releases = [Chart.Release(s.Charts.Loki, s.Releases.Loki, logging, LokiValues.Build(s), Component)],
            Objects = objects,
        };
    }
}
