using Observability.Stacks.Settings;
using static Observability.Stacks.Composition.StackConventions;
using static Observability.Stacks.Composition.Tree;

namespace Observability.Stacks.Composition;

/// <summary>
/// Jaeger v2 (chart 4.x, OpenTelemetry-collector based): OTLP gRPC 4317 and HTTP 4318 in, one storage backend
/// (memory, Badger on a volume, or Elasticsearch/OpenSearch whose password comes from a Secret through <c>${env:...}</c>).
/// </summary>
internal static class JaegerValues
{
    public const string StoreName = "primary_store";
    public const string BadgerClaim = "jaeger-badger";
    public const string BadgerMountPath = "/badger";

    public static OrderedDictionary<string, object?> Build(StackSettings s)
    {
        var j = s.Jaeger;
        var external = j.Storage.Type is JaegerStorageType.Elasticsearch or JaegerStorageType.Opensearch;
        var badger = j.Storage.Type == JaegerStorageType.Badger;
        return Map(
            ("jaeger", Map(
                ("replicas", j.Replicas),
                ("extraEnv", external ? List(Map(
                    ("name", JaegerElasticsearchPasswordEnv),
                    ("valueFrom", Map(("secretKeyRef", Map(("name", JaegerElasticsearchSecret), ("key", "password"))))))) : null),
                ("extraVolumes", badger ? List(Map(("name", "badger"), ("persistentVolumeClaim", Map(("claimName", BadgerClaim))))) : null),
                ("extraVolumeMounts", badger ? List(Map(("name", "badger"), ("mountPath", BadgerMountPath))) : null),
                ("affinity", j.Replicas > 1 ? KubePrometheusStackValues.AntiAffinity("jaeger") : null))),
            ("storage", external ? Map(("type", "elasticsearch"), ("elasticsearch", Map(("url", j.Storage.Elasticsearch!.Url)))) : null),
            ("esIndexCleaner", external ? Map(("enabled", true), ("numberOfDays", (int)(j.Retention.Milliseconds / 86_400_000L)), ("schedule", "55 23 * * *")) : null),
            ("userconfig", Config(s)));
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
                ("ttl", Map(("spans", $"{j.Retention.Milliseconds / 3_600_000}h")))))),
            _ => ExternalBackend(j),
        };

        var prometheusReader = Map(("pull", Map(("exporter", Map(("prometheus", Map(("host", "0.0.0.0"), ("port", 8888))))))));
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
            ("password", "${env:" + JaegerElasticsearchPasswordEnv + "}"))));
        var daily = Map(("date_layout", "2006-01-02"), ("rollover_frequency", "day"));
        var indices = Map(
            ("index_prefix", es.IndexPrefix),
            ("spans", daily),
            ("services", daily));
        var kind = j.Storage.Type == JaegerStorageType.Opensearch ? "opensearch" : "elasticsearch";
        return Map((kind, Map(("server_urls", List(es.Url)), ("auth", auth), ("indices", indices))));
    }
}
