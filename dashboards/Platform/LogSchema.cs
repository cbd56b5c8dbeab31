using System.Collections.Immutable;

namespace Observability.Dashboards.Platform;

/// <summary>The fields of the platform's JSON log lines (what the log agents parse).</summary>
public static class LogFields
{
    public const string Level = "level";
    public const string Service = "service";
    public const string Message = "msg";
    public const string TraceId = "trace_id";
    public const string DurationMs = "duration_ms";
    public const string Endpoint = "endpoint";
}

/// <summary>
/// One stream label of the <see cref="LogSchema"/> and where its value comes from. Sources apply in order: the agent's
/// external label, then Kubernetes pod discovery (the first non-empty meta label wins), then the log line's JSON field,
/// which replaces a discovered value when the line has it.
/// </summary>
public sealed record LogLabel
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    /// <summary>Set by the agent on every line (a Loki client external label), from the environment's settings.</summary>
    public bool External { get; init; }

    /// <summary>Kubernetes pod discovery meta labels (<c>__meta_kubernetes_*</c>); the first non-empty one gives the value.</summary>
    public ImmutableArray<string> Discovered { get; init; } = [];

    /// <summary>The JSON field of the log line that sets the label when the line has it.</summary>
    public string? LogField { get; init; }
}

/// <summary>A structured metadata entry: kept beside the line, not indexed, filterable (<c>| trace_id="..."</c>) without parsing.</summary>
public sealed record LogMetadata(string Name, string LogField, string Description);

/// <summary>
/// The log label schema, in one place: the stream labels every log agent (Promtail and Alloy alike) writes, the
/// structured metadata it attaches, and the labels it must not write. The agents' configurations are generated from it,
/// and the dashboards, the Grafana trace-to-logs link and the query checks read it.
/// </summary>
public static class LogSchema
{
    public const string Cluster = "cluster";
    public const string Environment = "environment";
    public const string Namespace = "namespace";
    public const string Pod = "pod";
    public const string Container = "container";
    public const string Node = "node";

    /// <summary>
    /// The service: the line's <c>service</c> field, else the pod's <c>app.kubernetes.io/name</c>, <c>app</c> or
    /// <c>k8s-app</c> label, else the container. Named like Loki's own <c>service_name</c> (OTLP ingestion and its
    /// service-name discovery write the same label, and Grafana maps the traces' <c>service.name</c> to it).
    /// </summary>
    public const string Service = "service_name";

    public const string Level = "level";

    /// <summary>Structured metadata, not a label: the trace the line was written in.</summary>
    public const string TraceId = "trace_id";

    public static ImmutableArray<LogLabel> Labels { get; } =
    [
        new() { Name = Cluster, Description = "the cluster's name (clusterName)", External = true },
        new() { Name = Environment, Description = "the environment's name (environment)", External = true },
        new() { Name = Namespace, Description = "the pod's namespace", Discovered = ["__meta_kubernetes_namespace"] },
        new() { Name = Pod, Description = "the pod's name", Discovered = ["__meta_kubernetes_pod_name"] },
        new() { Name = Container, Description = "the container's name", Discovered = ["__meta_kubernetes_pod_container_name"] },
        new() { Name = Node, Description = "the node the pod runs on", Discovered = ["__meta_kubernetes_pod_node_name"] },
        new()
        {
            Name = Service,
            Description = "the line's service field, else the pod's app.kubernetes.io/name, app or k8s-app label, else the container",
            Discovered =
            [
                "__meta_kubernetes_pod_label_app_kubernetes_io_name",
                "__meta_kubernetes_pod_label_app",
                "__meta_kubernetes_pod_label_k8s_app",
                "__meta_kubernetes_pod_container_name",
            ],
            LogField = LogFields.Service,
        },
        new() { Name = Level, Description = "the line's level field (absent when the line has none)", LogField = LogFields.Level },
    ];

    public static ImmutableArray<LogMetadata> StructuredMetadata { get; } =
    [
        new(TraceId, LogFields.TraceId, "the trace the line belongs to (OpenTelemetry trace id)"),
    ];

    /// <summary>Labels the agents add on their own and drop again: <c>filename</c> changes with every container restart and repeats pod and container.</summary>
    public static ImmutableArray<string> Dropped { get; } = ["filename"];

    /// <summary>Every stream label name, in schema order.</summary>
    public static ImmutableArray<string> LabelNames { get; } = [.. Labels.Select(l => l.Name)];

    /// <summary>Every structured metadata name.</summary>
    public static ImmutableArray<string> MetadataNames { get; } = [.. StructuredMetadata.Select(m => m.Name)];

    /// <summary>
    /// The JSON fields the pipeline promotes, and the label or structured metadata a query reads each by. A query that
    /// parses one of these fields again (<c>| json | level="error"</c>) pays for parsing every line for nothing.
    /// </summary>
    public static ImmutableSortedDictionary<string, string> PromotedFields { get; } =
        Labels.Where(l => l.LogField is not null).Select(l => KeyValuePair.Create(l.LogField!, l.Name))
            .Concat(StructuredMetadata.Select(m => KeyValuePair.Create(m.LogField, m.Name)))
            .ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <summary>The JSON fields the agents parse from each line (for labels and structured metadata), sorted.</summary>
    public static ImmutableArray<string> ParsedFields { get; } = [.. PromotedFields.Keys];
}
