using Observability.Rules.Packs;
using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
using static Observability.Stacks.Composition.ChartConventions;
using static Observability.Stacks.Composition.StackConventions;

namespace Observability.Stacks.Modules;

/// <summary>
/// Traces: Jaeger v2 (OTLP on 4317/4318), its storage (memory, Badger on our PersistentVolumeClaim, or OpenSearch/Elasticsearch
/// with the password Secret the collector and the index cleaner read), our ServiceMonitor of its own metrics and, with more
/// than one replica, our PodDisruptionBudget (the chart renders neither). Values: <see cref="JaegerValues"/>.
/// </summary>
public sealed class TracingModule : IModule
{
    /// <summary>The jaeger chart (4.x is Jaeger v2), installed as <see cref="StackConventions.JaegerRelease"/>.</summary>
    public static ChartReference Chart { get; } = new("jaeger", "https://jaegertracing.github.io/helm-charts", "4.11.1", JaegerRelease);

    public const string ElasticsearchSecret = "jaeger-elasticsearch";
    public const string ElasticsearchPasswordKey = "password";
    public const string ElasticsearchPasswordEnv = "ES_PASSWORD";

    public static TracingModule Instance { get; } = new();

    public string Name => "tracing";

    public PlanComponent Component => PlanComponent.Tracing;

    public IReadOnlyList<ChartReference> Charts { get; } = [Chart];

    public IReadOnlyList<ValuesPath> FreeFormValues { get; } =
    [
        new(Chart.Chart, "jaeger.strategy",
            "a Kubernetes DeploymentStrategy; templates/jaeger/jaeger-deploy.yaml renders jaeger.strategy verbatim (Recreate when unset)"),
        new(Chart.Chart, "userconfig", "the whole Jaeger v2 (OpenTelemetry Collector) configuration, free-form by design"),
        new(Chart.Chart, "jaeger.affinity", "a Kubernetes Affinity, left as {}"),
        new(Chart.Chart, "jaeger.resources",
            "Kubernetes ResourceRequirements, a commented-out example in values.yaml; jaeger-deploy.yaml renders `with .Values.jaeger.resources`"),
    ];

    public IReadOnlyList<ValuesPath> IgnoredValues { get; } = [];

    public IReadOnlyList<string> RuleGroups { get; } = [TracingRules.GroupName];

    public IReadOnlyList<string> Dashboards { get; } = ["traces", "observability-pipeline"];

    public bool IsEnabled(StackSettings s) => true;

    /// <summary>The pods and Services its chart creates, as the pinned chart names and labels them (checked against its render).</summary>
    public ChartInventory Inventory(StackSettings s)
    {
        var pods = new List<ChartPods>();
        var services = new List<ChartService>();
        var tracing = s.Namespaces.Tracing;

        // Jaeger all-in-one: templates/allinone-deploy.yaml and templates/allinone-svc.yaml (every port, in the release namespace).
        pods.Add(new(JaegerRelease, tracing, "Deployment", "jaeger", JaegerPodLabels, [OtlpGrpcPort, OtlpHttpPort, JaegerQueryPort, 16685, 13133, JaegerMetricsPort]));
        services.Add(new(JaegerRelease, tracing, "jaeger", JaegerPodLabels, JaegerPodLabels,
        [
            (JaegerOtlpGrpcPortName, OtlpGrpcPort), (JaegerOtlpHttpPortName, OtlpHttpPort), (JaegerQueryPortName, JaegerQueryPort),
            ("grpc-query", 16685), (JaegerMetricsPortName, JaegerMetricsPort),
        ]));

        return new ChartInventory(pods, services);
    }

    public ModulePlan Compose(ModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = context.Settings;
        var tracing = s.Namespaces.Tracing;
        var objects = new List<KubernetesObjectPlan>();
        if (s.Jaeger.Storage.Elasticsearch is { } es && s.Jaeger.Storage.Type is JaegerStorageType.Elasticsearch or JaegerStorageType.Opensearch)
            objects.Add(Manifests.Secret(ElasticsearchSecret, tracing, Component, null, [(ElasticsearchPasswordKey, es.Password)]));
        if (s.Jaeger.Storage.Type == JaegerStorageType.Badger)
            objects.Add(Manifests.PersistentVolumeClaim(JaegerValues.BadgerClaim, tracing, Component, s.Jaeger.Storage.StorageClass, s.Jaeger.Storage.Size));
        objects.AddRange(JaegerValues.Objects(s));
        return new ModulePlan
        {
            Name = Name,
            Component = Component,
            Releases = [Chart.Release(s.Charts.Jaeger, s.Releases.Jaeger, tracing, JaegerValues.Build(s), Component)],
            Objects = objects,
        };
    }
}
