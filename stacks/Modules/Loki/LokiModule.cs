using Observability.Rules.Packs;
using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
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

    public ModulePlan Compose(ModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = context.Settings;
        var logging = s.Namespaces.Logging;
        var objects = new List<KubernetesObjectPlan>();
        if (s.Loki.Storage is { Type: LokiStorageType.S3, S3: { } s3 })
        {
            objects.Add(Manifests.Secret(S3Secret, logging, Component, null,
                [(S3AccessKeyIdEnv, s3.AccessKeyId!), (S3SecretAccessKeyEnv, s3.SecretAccessKey!)]));
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
