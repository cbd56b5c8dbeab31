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
