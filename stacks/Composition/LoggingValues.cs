using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Observability.Dashboards.Platform;
using Observability.Rules.Output;
using Observability.Stacks.Settings;
using static Observability.Stacks.Composition.StackConventions;
using static Observability.Stacks.Composition.Tree;

namespace Observability.Stacks.Composition;

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
                component["extraEnvFrom"] = List(Map(("secretRef", Map(("name", LokiS3Secret)))));
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
                            ("accessKeyId", "${" + LokiS3AccessKeyIdEnv + "}"),
                            ("secretAccessKey", "${" + LokiS3SecretAccessKeyEnv + "}"),
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

/// <summary>
/// The log pipeline both agents run, derived from <see cref="LogSchema"/>: Kubernetes pod discovery relabelling (labels
/// and the file path), then CRI and JSON parsing, labels and structured metadata from the line, and the dropped labels.
/// Promtail and Alloy render the same rules in their own syntax, so they write the same streams.
/// </summary>
internal static class LogPipeline
{
    /// <summary>A Prometheus relabelling rule (action replace); null fields take Prometheus' defaults.</summary>
    public sealed record Relabel(ImmutableArray<string> SourceLabels, string TargetLabel, string? Separator = null, string? Regex = null, string? Replacement = null);

    /// <summary>The first non-empty value of several source labels (joined by <c>;</c>).</summary>
    public const string FirstNonEmpty = "^;*([^;]+)(;.*)?$";

    private const string PodLogs = "/var/log/pods/*$1/*.log";

    public static ImmutableArray<Relabel> Discovery { get; } =
    [
        .. LogSchema.Labels.Where(l => !l.Discovered.IsEmpty).Select(l => l.Discovered.Length == 1
            ? new Relabel(l.Discovered, l.Name)
            : new Relabel(l.Discovered, l.Name, Regex: FirstNonEmpty)),
        new(["__meta_kubernetes_pod_uid", "__meta_kubernetes_pod_container_name"], "__path__", Separator: "/", Replacement: PodLogs),
        // Static (mirror) pods log under their config hash, not their uid.
        new(
            ["__meta_kubernetes_pod_annotationpresent_kubernetes_io_config_hash", "__meta_kubernetes_pod_annotation_kubernetes_io_config_hash", "__meta_kubernetes_pod_container_name"],
            "__path__", Separator: "/", Regex: "true/(.*)", Replacement: PodLogs),
    ];

    /// <summary>Labels set from the line's JSON fields when present: (label, field).</summary>
    public static ImmutableArray<(string Label, string Field)> LineLabels { get; } =
        [.. LogSchema.Labels.Where(l => l.LogField is not null).Select(l => (l.Name, l.LogField!))];

    /// <summary>Structured metadata from the line's JSON fields: (name, field).</summary>
    public static ImmutableArray<(string Name, string Field)> Metadata { get; } =
        [.. LogSchema.StructuredMetadata.Select(m => (m.Name, m.LogField))];

    /// <summary>The external labels every line gets, with this environment's values.</summary>
    public static ImmutableArray<(string Label, string Value)> ExternalLabels(StackSettings s) =>
    [
        .. LogSchema.Labels.Where(l => l.External).Select(l => (l.Name, l.Name switch
        {
            LogSchema.Cluster => s.ClusterName,
            LogSchema.Environment => s.Environment,
            _ => throw new InvalidOperationException($"The log schema's external label {l.Name} has no setting."),
        })),
    ];
}

/// <summary>
/// The log agents: both tail every pod's container log files on their node and run <see cref="LogPipeline"/>, push to
/// Loki's gateway, and keep their read positions in a hostPath directory, so that a restarted agent (or a rebooted node)
/// resumes where it stopped instead of reading logs twice or skipping them.
/// </summary>
internal static class LogAgentValues
{
    /// <summary>Promtail's directory on the node (hostPath) and in the container.</summary>
    public const string PromtailStateDirectory = "/var/lib/promtail";

    public const string PromtailPositionsFile = PromtailStateDirectory + "/positions.yaml";

    /// <summary>Alloy's directory on the node (hostPath) and in the container; its <c>--storage.path</c> lies inside.</summary>
    public const string AlloyStateDirectory = "/var/lib/alloy";

    public const string AlloyStoragePath = AlloyStateDirectory + "/data";

    private const string StateVolume = "agent-state";

    public static OrderedDictionary<string, object?> Promtail(StackSettings s) => Map(
        ("config", Map(
            ("clients", List(Map(
                ("url", LokiPushUrl(s)),
                ("external_labels", Labels(LogPipeline.ExternalLabels(s)))))),
            ("positions", Map(("filename", PromtailPositionsFile))),
            // Our own scrape config replaces the chart's (its default adds job, instance, component, node_name and app).
            ("snippets", Map(("scrapeConfigs", YamlText.Serialize(PromtailScrapeConfigs())))))),
        ("extraVolumes", List(StateHostPath(PromtailStateDirectory))),
        ("extraVolumeMounts", List(Map(("name", StateVolume), ("mountPath", PromtailStateDirectory)))),
        ("resources", Map(("requests", Map(("cpu", "50m"), ("memory", "64Mi"))), ("limits", Map(("memory", "256Mi"))))),
        ("serviceMonitor", Map(("enabled", true))));

    /// <summary>Promtail's scrape configs: one job over this node's pods (the chart passes the text through <c>tpl</c>; it holds no <c>{{</c>).</summary>
    public static List<object?> PromtailScrapeConfigs() => List(Map(
        ("job_name", "kubernetes-pods"),
        ("pipeline_stages", List(
            Map(("cri", Map())),
            Map(("json", Map(("expressions", Labels(LogSchema.ParsedFields.Select(f => (f, f))))))),
            Map(("labels", Labels(LogPipeline.LineLabels))),
            Map(("structured_metadata", Labels(LogPipeline.Metadata))),
            Map(("labeldrop", ListOf(LogSchema.Dropped))))),
        ("kubernetes_sd_configs", List(Map(("role", "pod")))),
        ("relabel_configs", ListOf(LogPipeline.Discovery.Select(r => Map(
            ("source_labels", ListOf(r.SourceLabels)),
            ("separator", r.Separator),
            ("regex", r.Regex),
            ("replacement", r.Replacement),
            ("target_label", r.TargetLabel)))))));

    public static OrderedDictionary<string, object?> Alloy(StackSettings s) => Map(
        ("alloy", Map(
            ("configMap", Map(("create", true), ("content", AlloyConfig(s)))),
            ("storagePath", AlloyStoragePath),
            ("mounts", Map(
                ("varlog", true),
                ("extra", List(Map(("name", StateVolume), ("mountPath", AlloyStateDirectory)))))),
            ("extraEnv", List(Map(
                ("name", "NODE_NAME"),
                ("valueFrom", Map(("fieldRef", Map(("fieldPath", "spec.nodeName")))))))),
            ("resources", Map(("requests", Map(("cpu", "50m"), ("memory", "128Mi"))), ("limits", Map(("memory", "512Mi"))))))),
        ("controller", Map(
            ("type", "daemonset"),
            ("volumes", Map(("extra", List(StateHostPath(AlloyStateDirectory))))))),
        ("serviceMonitor", Map(("enabled", true))));

    private static OrderedDictionary<string, object?> StateHostPath(string path) =>
        Map(("name", StateVolume), ("hostPath", Map(("path", path), ("type", "DirectoryOrCreate"))));

    private static OrderedDictionary<string, object?> Labels(IEnumerable<(string Key, string Value)> pairs)
    {
        var map = new OrderedDictionary<string, object?>();
        foreach (var (key, value) in pairs)
            map[key] = value;
        return map;
    }

    /// <summary>The Alloy pipeline: this node's pods → their log files → <see cref="LogPipeline"/> → Loki.</summary>
    public static string AlloyConfig(StackSettings s)
    {
        var config = new AlloyWriter()
            .Block("discovery.kubernetes", "pods", b => b
                .Attribute("role", AlloyWriter.Quote("pod"))
                .Block("selectors", null, sel => sel
                    .Attribute("role", AlloyWriter.Quote("pod"))
                    .Attribute("field", $"{AlloyWriter.Quote("spec.nodeName=")} + sys.env({AlloyWriter.Quote("NODE_NAME")})")))
            .Block("discovery.relabel", "pods", b =>
            {
                b = b.Attribute("targets", "discovery.kubernetes.pods.targets");
                foreach (var rule in LogPipeline.Discovery)
                {
                    b = b.Block("rule", null, r =>
                    {
                        r = r.Attribute("source_labels", AlloyWriter.List([.. rule.SourceLabels]));
                        if (rule.Separator is { } separator)
                            r = r.Attribute("separator", AlloyWriter.Quote(separator));
                        if (rule.Regex is { } regex)
                            r = r.Attribute("regex", AlloyWriter.Quote(regex));
                        if (rule.Replacement is { } replacement)
                            r = r.Attribute("replacement", AlloyWriter.Quote(replacement));
                        return r.Attribute("target_label", AlloyWriter.Quote(rule.TargetLabel));
                    });
                }

                return b;
            })
            .Block("local.file_match", "pods", b => b.Attribute("path_targets", "discovery.relabel.pods.output"))
            .Block("loki.source.file", "pods", b => b
                .Attribute("targets", "local.file_match.pods.targets")
                .Attribute("forward_to", "[loki.process.pods.receiver]"))
            .Block("loki.process", "pods", b => b
                .Attribute("forward_to", "[loki.write.default.receiver]")
                .Block("stage.cri", null, c => c)
                .Block("stage.json", null, j => j.Attribute("expressions", AlloyWriter.Object([.. LogSchema.ParsedFields.Select(f => (f, f))])))
                .Block("stage.labels", null, l => l.Attribute("values", AlloyWriter.Object([.. LogPipeline.LineLabels])))
                .Block("stage.structured_metadata", null, m => m.Attribute("values", AlloyWriter.Object([.. LogPipeline.Metadata])))
                .Block("stage.label_drop", null, d => d.Attribute("values", AlloyWriter.List([.. LogSchema.Dropped]))))
            .Block("loki.write", "default", b => b
                .Block("endpoint", null, e => e.Attribute("url", AlloyWriter.Quote(LokiPushUrl(s))))
                .Attribute("external_labels", AlloyWriter.Object([.. LogPipeline.ExternalLabels(s)])));
        return config.ToString();
    }
}

/// <summary>Writes Alloy configuration syntax (blocks, attributes, quoted strings) with stable formatting.</summary>
internal sealed class AlloyWriter
{
    private readonly List<string> lines;
    private readonly int depth;

    public AlloyWriter()
        : this([], 0)
    {
    }

    private AlloyWriter(List<string> lines, int depth)
    {
        this.lines = lines;
        this.depth = depth;
    }

    public AlloyWriter Block(string name, string? label, Func<AlloyWriter, AlloyWriter> body)
    {
        if (depth == 0 && lines.Count > 0)
            lines.Add("");
        lines.Add($"{Indent}{name}{(label is null ? "" : " " + Quote(label))} {{");
        body(new AlloyWriter(lines, depth + 1));
        lines.Add($"{Indent}}}");
        return this;
    }

    public AlloyWriter Attribute(string name, string expression)
    {
        lines.Add($"{Indent}{name} = {expression}");
        return this;
    }

    private string Indent => new(' ', depth * 2);

    /// <summary>An Alloy string literal (JSON-compatible escaping).</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when c < ' ' => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    public static string List(params string[] items) => "[" + string.Join(", ", items.Select(Quote)) + "]";

    public static string Object(params (string Key, string Value)[] entries) =>
        "{ " + string.Join(", ", entries.Select(e => $"{e.Key} = {Quote(e.Value)}")) + " }";

    public override string ToString() => string.Join("\n", lines) + "\n";
}
