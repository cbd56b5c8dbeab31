using System.Globalization;
using System.Text;
using Observability.Stacks.Settings;
using static Observability.Stacks.Composition.StackConventions;
using static Observability.Stacks.Composition.Tree;

namespace Observability.Stacks.Composition;

/// <summary>
/// Loki (grafana-community chart 18.x): schema v13 with the tsdb index, retention by the compactor, monolithic
/// (SingleBinary) or distributed (microservices, object storage only; SimpleScalable is deprecated and not offered).
/// S3 credentials never enter the values: Loki expands them from environment variables fed by a Secret.
/// </summary>
internal static class LokiValues
{
    /// <summary>The day the schema starts (a fixed date: changing it would orphan stored logs).</summary>
    public const string SchemaFrom = "2024-04-01";

    public static OrderedDictionary<string, object?> Build(StackSettings s)
    {
        var l = s.Loki;
        var distributed = l.Mode == LokiMode.Distributed;
        var s3 = l.Storage.Type == LokiStorageType.S3 ? l.Storage.S3 : null;
        var objectStore = s3 is null ? "filesystem" : "s3";
        var resources = KubePrometheusStackValues.Resources(l.Resources);
        var persistence = Map(("enabled", true), ("size", l.Storage.Size), ("storageClass", l.Storage.StorageClass));
        var gatewayReplicas = distributed ? 2 : 1;

        var values = Map(
            ("deploymentMode", distributed ? "Distributed" : "Monolithic"),
            ("global", s3 is null ? null : Map(
                ("extraArgs", List("-config.expand-env=true")),
                ("extraEnvFrom", List(Map(("secretRef", Map(("name", LokiS3Secret)))))))),
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
                    ("working_directory", "/var/loki/compactor"))))),
            ("lokiCanary", Map(("enabled", false))),
            ("test", Map(("enabled", false))),
            ("chunksCache", Map(("enabled", distributed))),
            ("resultsCache", Map(("enabled", distributed))),
            ("monitoring", Map(("serviceMonitor", Map(("enabled", true))))),
            ("gateway", Map(
                ("enabled", true),
                ("replicas", gatewayReplicas),
                ("deploymentStrategy", gatewayReplicas > 1 ? OneAtATime() : null),
                ("podDisruptionBudget", gatewayReplicas > 1 ? MaxOneUnavailable() : null))));

        if (!distributed)
        {
            values["singleBinary"] = Map(
                ("replicas", l.Replicas),
                ("persistence", persistence),
                ("resources", resources),
                ("podDisruptionBudget", l.Replicas > 1 ? MaxOneUnavailable() : null));
            foreach (var component in new[] { "write", "read", "backend" })
                values[component] = Map(("replicas", 0));
            return values;
        }

        values["singleBinary"] = Map(("replicas", 0));
        foreach (var component in new[] { "write", "read", "backend" })
            values[component] = Map(("replicas", 0));
        values["ingester"] = Map(
            ("replicas", l.Replicas),
            ("zoneAwareReplication", Map(("enabled", false))),
            ("persistence", Map(
                ("enabled", true),
                ("claims", List(Map(("name", "data"), ("size", l.Storage.Size), ("storageClass", l.Storage.StorageClass)))))),
            ("resources", resources),
            ("maxUnavailable", 1));
        foreach (var component in new[] { "distributor", "querier", "queryFrontend", "queryScheduler", "indexGateway" })
            values[component] = Map(("replicas", Math.Max(2, l.Replicas - 1)), ("resources", resources), ("maxUnavailable", 1));
        values["compactor"] = Map(("replicas", 1), ("persistence", persistence), ("resources", resources));
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
}

/// <summary>The log agents: both tail every pod's container logs, parse JSON lines (level, service, trace_id) and push to Loki.</summary>
internal static class LogAgentValues
{
    public static OrderedDictionary<string, object?> Promtail(StackSettings s) => Map(
        ("config", Map(
            ("clients", List(Map(("url", LokiPushUrl(s))))),
            ("snippets", Map(
                ("pipelineStages", List(
                    Map(("cri", Map())),
                    Map(("json", Map(("expressions", Map(("level", "level"), ("service", "service"), ("trace_id", "trace_id")))))),
                    Map(("labels", Map(("level", "level"), ("service", "service")))),
                    Map(("structured_metadata", Map(("trace_id", "trace_id")))))))))),
        ("resources", Map(("requests", Map(("cpu", "50m"), ("memory", "64Mi"))), ("limits", Map(("memory", "256Mi"))))),
        ("serviceMonitor", Map(("enabled", true))));

    public static OrderedDictionary<string, object?> Alloy(StackSettings s) => Map(
        ("alloy", Map(
            ("configMap", Map(("create", true), ("content", AlloyConfig(s)))),
            ("mounts", Map(("varlog", true))),
            ("extraEnv", List(Map(
                ("name", "NODE_NAME"),
                ("valueFrom", Map(("fieldRef", Map(("fieldPath", "spec.nodeName")))))))),
            ("resources", Map(("requests", Map(("cpu", "50m"), ("memory", "128Mi"))), ("limits", Map(("memory", "512Mi"))))))),
        ("controller", Map(("type", "daemonset"))),
        ("serviceMonitor", Map(("enabled", true))));

    /// <summary>The Alloy pipeline: this node's pods → their log files → CRI and JSON parsing → Loki.</summary>
    public static string AlloyConfig(StackSettings s)
    {
        var relabel = new[]
        {
            ("__meta_kubernetes_namespace", "namespace"),
            ("__meta_kubernetes_pod_name", "pod"),
            ("__meta_kubernetes_pod_container_name", "container"),
            ("__meta_kubernetes_pod_node_name", "node"),
            ("__meta_kubernetes_pod_label_app_kubernetes_io_name", "app"),
        };
        var config = new AlloyWriter()
            .Block("discovery.kubernetes", "pods", b => b
                .Attribute("role", AlloyWriter.Quote("pod"))
                .Block("selectors", null, sel => sel
                    .Attribute("role", AlloyWriter.Quote("pod"))
                    .Attribute("field", $"{AlloyWriter.Quote("spec.nodeName=")} + sys.env({AlloyWriter.Quote("NODE_NAME")})")))
            .Block("discovery.relabel", "pods", b =>
            {
                b = b.Attribute("targets", "discovery.kubernetes.pods.targets");
                foreach (var (source, target) in relabel)
                {
                    b = b.Block("rule", null, r => r
                        .Attribute("source_labels", AlloyWriter.List(source))
                        .Attribute("target_label", AlloyWriter.Quote(target)));
                }

                return b.Block("rule", null, r => r
                    .Attribute("source_labels", AlloyWriter.List("__meta_kubernetes_pod_uid", "__meta_kubernetes_pod_container_name"))
                    .Attribute("separator", AlloyWriter.Quote("/"))
                    .Attribute("replacement", AlloyWriter.Quote("/var/log/pods/*$1/*.log"))
                    .Attribute("target_label", AlloyWriter.Quote("__path__")));
            })
            .Block("local.file_match", "pods", b => b.Attribute("path_targets", "discovery.relabel.pods.output"))
            .Block("loki.source.file", "pods", b => b
                .Attribute("targets", "local.file_match.pods.targets")
                .Attribute("forward_to", "[loki.process.pods.receiver]"))
            .Block("loki.process", "pods", b => b
                .Attribute("forward_to", "[loki.write.default.receiver]")
                .Block("stage.cri", null, c => c)
                .Block("stage.json", null, j => j.Attribute("expressions", AlloyWriter.Object(("level", "level"), ("service", "service"), ("trace_id", "trace_id"))))
                .Block("stage.labels", null, l => l.Attribute("values", AlloyWriter.Object(("level", ""), ("service", ""))))
                .Block("stage.structured_metadata", null, m => m.Attribute("values", AlloyWriter.Object(("trace_id", "")))))
            .Block("loki.write", "default", b => b
                .Block("endpoint", null, e => e.Attribute("url", AlloyWriter.Quote(LokiPushUrl(s))))
                .Attribute("external_labels", AlloyWriter.Object(("cluster", s.ClusterName), ("environment", s.Environment))));
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
