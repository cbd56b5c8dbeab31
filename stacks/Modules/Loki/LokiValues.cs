using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Observability.Dashboards.Platform;
using Observability.Rules.Output;
using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
using static Observability.Stacks.Composition.StackConventions;
using static Observability.Stacks.Composition.Tree;

namespace Observability.Stacks.Modules;

/// <summary>
/// Loki (grafana-community chart 18.x): schema v13 with the tsdb index, retention by the compactor, monolithic
/// (SingleBinary) or distributed (microservices, object storage only; SimpleScalable is deprecated and not offered).
/// S3 credentials never enter the values: Loki expands them from environment variables fed by a Secret, and only the
/// components that open the bucket get that Secret.
/// </summary>
internal static class LokiValues
{
    /// <summary>The day the schema starts (a fixed date: changing it would orphan stored logs).</summary>
    public const string SchemaFrom = "2024-04-01";

    /// <summary>
    /// The distributed components that open object storage, as the chart's values keys. In Loki's module graph the
    /// store is a dependency of the ingester, the querier, the index gateway and the ruler's evaluator, and the compactor
    /// opens its own object clients. Distributors, query frontends and schedulers do not (with analytics off: its usage
    /// reporter opens the bucket in every component), and the memcached caches and the gateway are not Loki at all.
    /// </summary>
    public static readonly ImmutableArray<string> ObjectStoreComponents = ["ingester", "querier", "indexGateway", "compactor", "ruler"];

    /// <summary>The distributed components that keep no data of their own.</summary>
    public static readonly ImmutableArray<string> StatelessComponents = ["distributor", "querier", "queryFrontend", "queryScheduler", "indexGateway"];

    public static OrderedDictionary<string, object?> Build(StackSettings s)
    {
        var l = s.Loki;
        var distributed = l.Mode == LokiMode.Distributed;
        var s3 = l.Storage.Type == LokiStorageType.S3 ? l.Storage.S3 : null;
        var objectStore = s3 is null ? "filesystem" : "s3";
        var resources = KubePrometheusStackValues.Resources(l.Resources);
        var gatewayReplicas = distributed ? 2 : 1;

        // Only the pods that open the bucket read the credentials (and expand ${...} in the configuration).
        OrderedDictionary<string, object?> Component(string name, params (string Key, object? Value)[] entries)
        {
            var component = Map(entries);
            if (s3 is not null && (name == "singleBinary" || ObjectStoreComponents.Contains(name)))
            {
                component["extraArgs"] = List("-config.expand-env=true");
                component["extraEnvFrom"] = List(Map(("secretRef", Map(("name", LokiModule.S3Secret)))));
            }

            return component;
        }

        var values = Map(
            ("deploymentMode", distributed ? "Distributed" : "Monolithic"),
            ("loki", Map(
                ("auth_enabled", false),
                ("commonConfig", Map(("replication_factor", distributed ? Math.Min(3, l.Replicas) : 1))),
                ("schemaConfig", Map(("configs", List(Map(
                    ("from", SchemaFrom),
                    ("store", "tsdb"),
                    ("object_store", objectStore),
                    ("schema", "v13"),
                    ("index", Map(("prefix", "index_"), ("period", "24h")))))))),
                ("storage", s3 is null
                    ? Map(("type", "filesystem"))
                    : Map(
                        ("type", "s3"),
                        ("bucketNames", Map(("chunks", s3.ChunksBucket), ("ruler", s3.RulerBucket))),
                        ("s3", Map(
                            ("endpoint", s3.Endpoint),
                            ("region", s3.Region),
                            ("accessKeyId", "${" + LokiModule.S3AccessKeyIdEnv + "}"),
                            ("secretAccessKey", "${" + LokiModule.S3SecretAccessKeyEnv + "}"),
                            ("s3ForcePathStyle", s3.ForcePathStyle))))),
                ("limits_config", Map(
                    ("retention_period", $"{l.Retention.Milliseconds / 3_600_000}h"),
                    ("allow_structured_metadata", true),
                    ("volume_enabled", true))),
                ("compactor", Map(
                    ("retention_enabled", true),
                    ("delete_request_store", objectStore),
                    ("working_directory", "/var/loki/compactor"))),
                // No usage reports to stats.grafana.org, and no component but the store's opens the bucket for them.
                ("analytics", Map(("reporting_enabled", false))))),
            ("lokiCanary", Map(("enabled", false))),
            ("test", Map(("enabled", false))),
            ("chunksCache", Cache(distributed, l.ChunksCache)),
            ("resultsCache", Cache(distributed, l.ResultsCache)),
            ("monitoring", Map(("serviceMonitor", Map(("enabled", true))))),
            ("gateway", Map(
                ("enabled", true),
                ("replicas", gatewayReplicas),
                ("deploymentStrategy", gatewayReplicas > 1 ? OneAtATime() : null),
                ("podDisruptionBudget", gatewayReplicas > 1 ? MaxOneUnavailable() : null))));

        if (!distributed)
        {
            // The single binary has no claims list: the chart builds its `storage` claim from persistence.size/storageClass.
            values["singleBinary"] = Component(
                "singleBinary",
                ("replicas", l.Replicas),
                ("persistence", Map(("enabled", true), ("size", l.Storage.Size), ("storageClass", l.Storage.StorageClass))),
                ("resources", resources),
                ("podDisruptionBudget", l.Replicas > 1 ? MaxOneUnavailable() : null));
            foreach (var component in new[] { "write", "read", "backend" })
                values[component] = Map(("replicas", 0));
            return values;
        }

        values["singleBinary"] = Map(("replicas", 0));
        foreach (var component in new[] { "write", "read", "backend" })
            values[component] = Map(("replicas", 0));
        values["ingester"] = Component(
            "ingester",
            ("replicas", l.Replicas),
            ("zoneAwareReplication", Map(("enabled", false))),
            ("persistence", DataClaim(l.Storage)),
            ("resources", resources),
            ("maxUnavailable", 1));
        foreach (var component in StatelessComponents)
            values[component] = Component(component, ("replicas", Math.Max(2, l.Replicas - 1)), ("resources", resources), ("maxUnavailable", 1));
        values["compactor"] = Component("compactor", ("replicas", 1), ("persistence", DataClaim(l.Storage)), ("resources", resources));
        values["ruler"] = Map(("enabled", false), ("replicas", 0));
        return values;
    }

    /// <summary>
    /// A component's PodDisruptionBudget (chart 18.11.0, <c>templates/_pdb.tpl</c> <c>loki.pdb</c>): <c>podDisruptionBudget.enabled</c>
    /// defaults to true, but the PDB is rendered only with more than one replica and a <c>minAvailable</c> or <c>maxUnavailable</c>
    /// (from the component's <c>maxUnavailable</c> or its <c>podDisruptionBudget</c>); the gateway and singleBinary have no
    /// component-level <c>maxUnavailable</c> in values.yaml, so it goes under <c>podDisruptionBudget</c>.
    /// </summary>
    private static OrderedDictionary<string, object?> MaxOneUnavailable() => Map(("maxUnavailable", 1));

    /// <summary>
    /// A rolling update one pod at a time without a surge pod, as the chart's distributor and queriers roll: the chart gives the
    /// gateway hard anti-affinity across nodes, so with as many nodes as replicas a surge pod could never be scheduled.
    /// </summary>
    private static OrderedDictionary<string, object?> OneAtATime() =>
        Map(("type", "RollingUpdate"), ("rollingUpdate", Map(("maxSurge", 0), ("maxUnavailable", 1))));

    /// <summary>
    /// A StatefulSet's volume, as the chart reads it: <c>persistence.claims[]</c>. Its defaults hold a 10Gi <c>data</c>
    /// claim, and while a claim is named <c>data</c> the chart ignores <c>persistence.size</c> and <c>storageClass</c>.
    /// A claim's <c>accessModes</c> is copied as is (none would render <c>accessModes: null</c>, an invalid claim).
    /// </summary>
    private static OrderedDictionary<string, object?> DataClaim(LokiStorage storage) => Map(
        ("enabled", true),
        ("claims", List(Map(
            ("name", "data"),
            ("accessModes", List("ReadWriteOnce")),
            ("size", storage.Size),
            ("storageClass", storage.StorageClass)))));

    /// <summary>
    /// A memcached cache (distributed mode only). The chart passes <c>allocatedMemory</c> to memcached's <c>-m</c> and
    /// requests and limits 1.2 × it (its default, 8192 MiB, would request about 9.8 GiB per pod).
    /// </summary>
    private static OrderedDictionary<string, object?> Cache(bool enabled, LokiCacheSettings cache) => enabled
        ? Map(("enabled", true), ("replicas", cache.Replicas), ("allocatedMemory", cache.MemoryMb))
        : Map(("enabled", false));

    /// <summary>The memory a cache pod requests (and is limited to), in MiB: the chart's round(allocatedMemory × 1.2).</summary>
    public static int CacheRequestMb(LokiCacheSettings cache) => ((cache.MemoryMb * 12) + 5) / 10;
}
