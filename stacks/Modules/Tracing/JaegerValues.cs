using Observability.Rules.Model;
using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
using static Observability.Stacks.Composition.StackConventions;
using static Observability.Stacks.Composition.Tree;

namespace Observability.Stacks.Modules;

/// <summary>
/// Jaeger v2 (chart 4.x, OpenTelemetry-collector based): OTLP gRPC 4317 and HTTP 4318 in, one storage backend
/// (memory, Badger on a volume, or Elasticsearch/OpenSearch whose password comes from a Secret through <c>${env:...}</c>).
/// </summary>
internal static class JaegerValues
{
    public const string StoreName = "primary_store";
    public const string BadgerClaim = "jaeger-badger";
    public const string BadgerMountPath = "/badger";

    /// <summary>The all-in-one pods' labels, the collector's metrics port and its Service port name: <see cref="ChartConventions"/>.</summary>
    private static IReadOnlyDictionary<string, string> PodLabels => ChartConventions.JaegerPodLabels;

    public static OrderedDictionary<string, object?> Build(StackSettings s)
    {
        var j = s.Jaeger;
        var external = j.ExternalStorage;
        var badger = j.Storage.Type == JaegerStorageType.Badger;
        return Map(
            ("jaeger", Map(
                ("replicas", j.Replicas),
                ("strategy", Strategy(j)),
                ("extraEnv", external ? List(PasswordEnv()) : null),
                ("resources", KubePrometheusStackValues.Resources(j.Resources)),
                ("extraVolumes", badger ? List(Map(("name", "badger"), ("persistentVolumeClaim", Map(("claimName", BadgerClaim))))) : null),
                ("extraVolumeMounts", badger ? List(Map(("name", "badger"), ("mountPath", BadgerMountPath))) : null),
                ("affinity", j.Replicas > 1 ? AntiAffinity() : null))),
            ("storage", external ? Map(("type", "elasticsearch"), ("elasticsearch", Map(("url", j.Storage.Elasticsearch!.Url)))) : null),
            ("esIndexCleaner", external ? IndexCleaner(j) : null),
            ("userconfig", Config(s)));
    }

    /// <summary>
    /// Our objects beside the chart's (chart 4.11.1 renders neither a ServiceMonitor nor a PodDisruptionBudget): a
    /// ServiceMonitor scraping the collector's own metrics on the Service's <see cref="ChartConventions.JaegerMetricsPortName"/> port, and with more
    /// than one replica a PodDisruptionBudget over the all-in-one pods.
    /// </summary>
    public static IEnumerable<KubernetesObjectPlan> Objects(StackSettings s)
    {
        var ns = s.Namespaces.Tracing;
        yield return Manifests.ServiceMonitor(JaegerRelease, ns, PlanComponent.Tracing, null, PodLabels, ChartConventions.JaegerMetricsPortName);
        if (s.Jaeger.Replicas > 1)
            yield return Manifests.PodDisruptionBudget(JaegerRelease, ns, PlanComponent.Tracing, PodLabels);
    }

    /// <summary>
    /// The Deployment's update strategy (the chart renders <c>jaeger.strategy</c> verbatim, else <c>Recreate</c>). Badger is one
    /// writer on a ReadWriteOnce volume holding a directory lock: the old pod must stop before the new one opens the store.
    /// Every other storage rolls: with several replicas one at a time and no surge (hard anti-affinity leaves no node for a
    /// surge pod when replicas equal nodes; the PodDisruptionBudget keeps the others up), with one replica the new pod starts
    /// before the old one stops, so OTLP ingest never has no endpoint.
    /// </summary>
    private static OrderedDictionary<string, object?> Strategy(JaegerSettings j) =>
        j.Storage.Type == JaegerStorageType.Badger
            ? Map(("type", "Recreate"))
            : Map(("type", "RollingUpdate"), ("rollingUpdate", j.Replicas > 1
                ? Map(("maxSurge", 0), ("maxUnavailable", 1))
                : Map(("maxSurge", 1), ("maxUnavailable", 0))));

    /// <summary>Required anti-affinity across nodes among the all-in-one pods (the index cleaner's pods do not count).</summary>
    private static OrderedDictionary<string, object?> AntiAffinity() => Map(
        ("podAntiAffinity", Map(
            ("requiredDuringSchedulingIgnoredDuringExecution", List(Map(
                ("labelSelector", Map(("matchLabels", FromPairs(PodLabels)))),
                ("topologyKey", "kubernetes.io/hostname")))))));

    private static OrderedDictionary<string, object?> PasswordEnv() => Map(
        ("name", TracingModule.ElasticsearchPasswordEnv),
        ("valueFrom", Map(("secretKeyRef", Map(("name", TracingModule.ElasticsearchSecret), ("key", TracingModule.ElasticsearchPasswordKey))))));

    /// <summary>
    /// The chart's <c>jaeger-es-index-cleaner</c> CronJob (chart 4.11.1, <c>templates/es-maintenance/es-index-cleaner-cronjob.yaml</c>):
    /// args are <c>numberOfDays</c> and <c>storage.elasticsearch.url</c>; env is the chart's <c>elasticsearch.env</c> (the URL)
    /// plus <c>esIndexCleaner.extraEnv</c>. The cleaner (jaeger 2.19.0, <c>cmd/es-index-cleaner</c>) reads its flags from the
    /// environment through viper (<c>es.username</c> → <c>ES_USERNAME</c>, <c>es.password</c> → <c>ES_PASSWORD</c>,
    /// <c>index-prefix</c> → <c>INDEX_PREFIX</c>): the collector's user, password Secret and index prefix, so it deletes the
    /// indices the collector writes (<c>&lt;prefix&gt;-jaeger-span-YYYY-MM-DD</c>, the default <c>-</c> date separator).
    /// </summary>
    private static OrderedDictionary<string, object?> IndexCleaner(JaegerSettings j)
    {
        var es = j.Storage.Elasticsearch!;
        return Map(
            ("enabled", true),
            ("numberOfDays", (int)(j.EffectiveRetention.Milliseconds / Duration.Days(1).Milliseconds)),
            ("schedule", "55 23 * * *"),
            ("extraEnv", List(
                Map(("name", "ES_USERNAME"), ("value", es.Username)),
                PasswordEnv(),
                Map(("name", "INDEX_PREFIX"), ("value", es.IndexPrefix)))));
    }

    private static OrderedDictionary<string, object?> Config(StackSettings s)
    {
        var j = s.Jaeger;
        object backend = j.Storage.Type switch
        {
            JaegerStorageType.Memory => Map(("memory", Map(("max_traces", j.Storage.MaxTraces)))),
            JaegerStorageType.Badger => Map(("badger", Map(
                ("directories", Map(("keys", $"{BadgerMountPath}/keys"), ("values", $"{BadgerMountPath}/values"))),
                ("ephemeral", false),
                ("ttl", Map(("spans", GoDuration(j.EffectiveRetention))))))),
            _ => ExternalBackend(j),
        };

        var prometheusReader = Map(("pull", Map(("exporter", Map(("prometheus", Map(("host", "0.0.0.0"), ("port", ChartConventions.JaegerMetricsPort))))))));
        var service = Map(
            ("extensions", List("jaeger_storage", "jaeger_query", "healthcheckv2")),
            ("pipelines", Map(("traces", Map(
                ("receivers", List("otlp")),
                ("processors", List("batch")),
                ("exporters", List("jaeger_storage_exporter")))))),
            ("telemetry", Map(
                ("resource", Map(("service.name", "jaeger"))),
                ("metrics", Map(("level", "detailed"), ("readers", List(prometheusReader)))))));
        var extensions = Map(
            ("healthcheckv2", Map(("use_v2", true), ("http", Map(("endpoint", "0.0.0.0:13133"))))),
            ("jaeger_query", Map(("storage", Map(("traces", StoreName))))),
            ("jaeger_storage", Map(("backends", Map((StoreName, backend))))));
        var protocols = Map(
            ("grpc", Map(("endpoint", $"0.0.0.0:{OtlpGrpcPort}"))),
            ("http", Map(("endpoint", $"0.0.0.0:{OtlpHttpPort}"))));
        return Map(
            ("service", service),
            ("extensions", extensions),
            ("receivers", Map(("otlp", Map(("protocols", protocols))))),
            ("processors", Map(("batch", Map()))),
            ("exporters", Map(("jaeger_storage_exporter", Map(("trace_storage", StoreName))))));
    }

    private static OrderedDictionary<string, object?> ExternalBackend(JaegerSettings j)
    {
        var es = j.Storage.Elasticsearch!;
        var auth = Map(("basic", Map(
            ("username", es.Username),
            ("password", "${env:" + TracingModule.ElasticsearchPasswordEnv + "}"))));
        var daily = Map(("date_layout", "2006-01-02"), ("rollover_frequency", "day"));
        var indices = Map(
            ("index_prefix", es.IndexPrefix),
            ("spans", daily),
            ("services", daily));
        var kind = j.Storage.Type == JaegerStorageType.Opensearch ? "opensearch" : "elasticsearch";
        return Map((kind, Map(("server_urls", List(es.Url)), ("auth", auth), ("indices", indices))));
    }

    /// <summary>A duration as Go's <c>time.ParseDuration</c> reads it (hours, minutes or seconds; Go has no day unit).</summary>
    internal static string GoDuration(Duration d) =>
        d.Milliseconds % Duration.Hours(1).Milliseconds == 0 ? $"{d.Milliseconds / Duration.Hours(1).Milliseconds}h"
        : d.Milliseconds % Duration.Minutes(1).Milliseconds == 0 ? $"{d.Milliseconds / Duration.Minutes(1).Milliseconds}m"
        : $"{d.Milliseconds / 1000}s";
}
