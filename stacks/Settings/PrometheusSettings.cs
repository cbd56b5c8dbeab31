using System.Collections.Immutable;
using Observability.Rules.Model;
using Observability.Rules.Validation;

namespace Observability.Stacks.Settings;

/// <summary>Prometheus (kube-prometheus-stack's <c>prometheus.prometheusSpec</c>).</summary>
public sealed record PrometheusSettings : ICheckedSettings
{
    [Range(1, 10)]
    public int Replicas { get; init; } = 1;

    [DurationRange("2h", "3650d")]
    public Duration Retention { get; init; } = Duration.Days(7);

    /// <summary>Maximum bytes of blocks kept (Prometheus units: B, KB, MB, GB, TB, PB), or null for no limit.</summary>
    [Pattern("^[0-9]+(B|KB|MB|GB|TB|PB|EB)$", "a Prometheus byte size like 45GB")]
    public string? RetentionSize { get; init; }

    [DurationRange("1s", "5m")]
    public Duration ScrapeInterval { get; init; } = Duration.Seconds(15);

    [DurationRange("1s", "5m")]
    public Duration EvaluationInterval { get; init; } = Duration.Seconds(15);

    public StorageSettings Storage { get; init; } = new() { Size = "50Gi" };

    public ResourceSettings Resources { get; init; } = new()
    {
        Requests = new() { Cpu = "500m", Memory = "2Gi" },
        Limits = new() { Cpu = null, Memory = "4Gi" },
    };

    /// <summary>Remote-write targets for long-term storage (Thanos Receive, Mimir, ...).</summary>
    public ImmutableArray<RemoteWriteSettings> RemoteWrite { get; init; } = [];

    /// <summary>Extra external labels (besides cluster and environment, which are always set).</summary>
    [Pattern("^[a-zA-Z_][a-zA-Z0-9_]*$", "a Prometheus label name")]
    public ImmutableSortedDictionary<string, string> ExternalLabels { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>
    /// The external label naming each replica (its pod name), set by prometheus-operator (<c>replicaExternalLabelName</c>).
    /// The default <c>__replica__</c> is the label Mimir's and Cortex's HA tracker (<c>ha_replica_label</c>) deduplicates on,
    /// together with the <c>cluster</c> label (<c>ha_cluster_label</c>); the operator drops it from alerts, so Alertmanager
    /// still sees one alert per fault.
    /// </summary>
    [Pattern("^[a-zA-Z_][a-zA-Z0-9_]*$", "a Prometheus label name like __replica__")]
    public string ReplicaExternalLabel { get; init; } = "__replica__";

    /// <summary>Exemplar storage: Grafana's Prometheus datasource links exemplars (their <c>trace_id</c>) to Jaeger.</summary>
    public ExemplarSettings Exemplars { get; init; } = new();

    public void Check(string path, ICollection<Problem> problems)
    {
        if (ExternalLabels.ContainsKey("cluster") || ExternalLabels.ContainsKey("environment"))
            problems.Add(new Problem($"{path}.externalLabels", "expected labels other than cluster and environment (they come from clusterName and environment), found one of them"));
        if (ReplicaExternalLabel is "cluster" or "environment" or "prometheus" || ExternalLabels.ContainsKey(ReplicaExternalLabel))
            problems.Add(new Problem($"{path}.replicaExternalLabel", $"expected a label name no other external label uses (cluster, environment, prometheus, externalLabels), found \"{ReplicaExternalLabel}\""));
        var names = RemoteWrite.GroupBy(r => r.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        foreach (var name in names)
            problems.Add(new Problem($"{path}.remoteWrite", $"expected unique names, found \"{name}\" more than once"));
    }
}

/// <summary>Prometheus' exemplar storage (<c>enableFeatures: [exemplar-storage]</c>, <c>exemplars.maxSize</c>).</summary>
public sealed record ExemplarSettings
{
    /// <summary>
    /// Exemplars kept in memory across all series (a circular buffer; Prometheus' own default is 100000, roughly 100 bytes
    /// each). 0 turns exemplar storage off, and with it Grafana's exemplar-to-trace link.
    /// </summary>
    [Range(0, 10_000_000)]
    public int MaxSize { get; init; } = 100_000;

    public bool Enabled => MaxSize > 0;
}

/// <summary>One remote-write target; credentials (optional) are secrets.</summary>
public sealed record RemoteWriteSettings
{
    [RequiredSetting("a short name like mimir")]
    [Pattern("^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$", "a short lowercase name like mimir")]
    public required string Name { get; init; }

    [RequiredSetting("the remote-write endpoint, e.g. https://mimir.example/api/v1/push")]
    [Url]
    public required string Url { get; init; }

    public string? Username { get; init; }

    public SecretValue? Password { get; init; }
}
