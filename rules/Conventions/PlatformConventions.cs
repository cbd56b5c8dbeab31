using System.Collections.Immutable;
using Observability.Rules.Model;
using Observability.Rules.PromQl;

namespace Observability.Rules.Conventions;

/// <summary>
/// Every selector, label and window the platform's rules read, in one place (like kubernetes-mixin's config.libsonnet).
/// Change a selector here (e.g. add <c>namespace="shop"</c>) and every rule, recording rule and dashboard follows.
/// </summary>
public sealed record PlatformConventions
{
    public static PlatformConventions Default { get; } = new();

    public HttpConventions Http { get; init; } = new();

    public AgentConventions Agents { get; init; } = new();

    public PostgresConventions Postgres { get; init; } = new();

    public RedisConventions Redis { get; init; } = new();

    public NodeConventions Nodes { get; init; } = new();

    public KubernetesConventions Kubernetes { get; init; } = new();

    public LokiConventions Loki { get; init; } = new();

    public LogAgentConventions LogAgent { get; init; } = new();

    public TracingConventions Tracing { get; init; } = new();

    public GrafanaConventions Grafana { get; init; } = new();
}

/// <summary>HTTP API services: <c>http_requests_total{method,endpoint,status}</c> and the <c>http_request_duration_seconds</c> histogram.</summary>
public sealed record HttpConventions
{
    public Selector Requests { get; init; } = Selector.Of("http_requests_total");

    /// <summary>The histogram's base name; its <c>_bucket</c> series are read.</summary>
    public Selector Duration { get; init; } = Selector.Of("http_request_duration_seconds");

    public Selector InProgress { get; init; } = Selector.Of("http_requests_in_progress");

    /// <summary>Which requests count as errors: 5xx.</summary>
    public ImmutableArray<Matcher> ErrorMatchers { get; init; } = [Matcher.Re("status", "5..")];

    /// <summary>node-exporter's job: its targets are NodeDown's, never ServiceDown's.</summary>
    public const string NodeExporterJob = "node-exporter";

    /// <summary>
    /// Jobs whose targets are down by design on many clusters, so ServiceDown leaves them alone by default: the control-plane
    /// components kube-prometheus-stack scrapes (its kube-controller-manager, kube-scheduler, kube-etcd and kube-proxy
    /// ServiceMonitors take the job from the Services' <c>jobLabel</c>), which listen on localhost on kubeadm defaults and are
    /// out of reach on managed clusters.
    /// </summary>
    public static ImmutableArray<string> ControlPlaneJobs { get; } = ["kube-controller-manager", "kube-scheduler", "kube-etcd", "kube-proxy"];

    /// <summary>
    /// The scrape targets whose <c>up</c> ServiceDown watches: every job except node-exporter (NodeDown's) and the
    /// <see cref="ControlPlaneJobs"/>. <see cref="ServiceDownTargets"/> scopes it to other jobs.
    /// </summary>
    public Selector Up { get; init; } = ServiceDownTargets([], ControlPlaneJobs);

    /// <summary>
    /// <c>up</c> of exactly <paramref name="jobs"/> when any are given, else of every job but node-exporter and
    /// <paramref name="excludedJobs"/>. Job names are literal (regex characters are escaped).
    /// </summary>
    public static Selector ServiceDownTargets(IReadOnlyCollection<string> jobs, IEnumerable<string> excludedJobs) =>
        jobs.Count > 0
            ? Selector.Of("up", Matcher.In("job", jobs))
            : Selector.Of("up", Matcher.NotIn("job", [NodeExporterJob, .. excludedJobs.Where(j => j != NodeExporterJob)]));

    public Duration Window { get; init; } = Model.Duration.Minutes(5);

    /// <summary>Labels the per-service rules keep.</summary>
    public ImmutableArray<string> By { get; init; } = ["job"];

    public PromExpr RequestRate() => Prom.Sum(Prom.Rate(Requests, Window), By);

    public PromExpr ErrorRate() => Prom.Sum(Prom.Rate(Requests.With(ErrorMatchers), Window), By);

    public PromExpr ErrorRatio() => Prom.ErrorRatio(Requests, ErrorMatchers, Window, By);

    public PromExpr LatencyQuantile(double quantile) => Prom.HistogramQuantile(quantile, Duration.Suffixed("_bucket"), Window, By);

    /// <summary>Labels the recorded latency buckets keep (pods summed away), so dashboards take quantiles per endpoint from them.</summary>
    public ImmutableArray<string> BucketBy { get; init; } = ["job", "endpoint", "le"];

    /// <summary>Per-second rate of each latency bucket per <see cref="BucketBy"/>: what dashboards take quantiles of.</summary>
    public PromExpr LatencyBucketRate() => Prom.Sum(Prom.Rate(Duration.Suffixed("_bucket"), Window), BucketBy);
}

/// <summary>AI agents and LLM use.</summary>
public sealed record AgentConventions
{
    public Selector Executions { get; init; } = Selector.Of("agent_executions_total");

    public Selector Duration { get; init; } = Selector.Of("agent_execution_duration_seconds");

    public Selector Tokens { get; init; } = Selector.Of("agent_tokens_used_total");

    public Selector Prompts { get; init; } = Selector.Of("prompt_executions_total");

    public Selector Pipelines { get; init; } = Selector.Of("pipeline_executions_total");

    /// <summary>The <c>status</c> value of a successful execution; every other status is a failure.</summary>
    public string SuccessStatus { get; init; } = "success";

    public Duration Window { get; init; } = Model.Duration.Minutes(5);

    /// <summary>The window of token budgets (HighTokenUsage counts tokens over it).</summary>
    public Duration TokenWindow { get; init; } = Model.Duration.Hours(1);

    public ImmutableArray<string> By { get; init; } = ["agent_id"];

    public ImmutableArray<string> TokensBy { get; init; } = ["agent_id", "model"];

    /// <summary>Labels the prompt and pipeline rules keep.</summary>
    public ImmutableArray<string> JobBy { get; init; } = ["job"];

    public PromExpr ExecutionRate() => Prom.Sum(Prom.Rate(Executions, Window), By);

    public PromExpr SuccessRatio() => Prom.ErrorRatio(Executions, [Matcher.Eq("status", SuccessStatus)], Window, By);

    public PromExpr DurationQuantile(double quantile) => Prom.HistogramQuantile(quantile, Duration.Suffixed("_bucket"), Window, By);

    /// <summary>Per-second rate of each execution-time bucket per agent: what dashboards take quantiles of.</summary>
    public PromExpr DurationBucketRate() => Prom.Sum(Prom.Rate(Duration.Suffixed("_bucket"), Window), [.. By, "le"]);

    public PromExpr TokensOverWindow() => Prom.Sum(Prom.Increase(Tokens, TokenWindow), TokensBy);

    public PromExpr PromptFailureRatio() => Prom.ErrorRatio(Prompts, [Matcher.NotEq("status", SuccessStatus)], Window, JobBy);

    public PromExpr PipelineFailureRatio() => Prom.ErrorRatio(Pipelines, [Matcher.NotEq("status", SuccessStatus)], Window, JobBy);
}

/// <summary>PostgreSQL through postgres-exporter, and the applications' pool gauge.</summary>
public sealed record PostgresConventions
{
    public Selector Up { get; init; } = Selector.Of(PostgresExporterMetrics.Up);

    public Selector Activity { get; init; } = Selector.Of(PostgresExporterMetrics.ActivityCount);

    public Selector MaxConnections { get; init; } = Selector.Of(PostgresExporterMetrics.MaxConnections);

    public Selector DatabaseSize { get; init; } = Selector.Of(PostgresExporterMetrics.DatabaseSize);

    /// <summary>
    /// Per database; <c>datname=""</c> is pg_stat_database's row for shared catalogs (datid 0, PostgreSQL 12 and later), not
    /// a database: without the matcher a cold or quiet shared catalog fires "Low buffer cache hit ratio on " (no name).
    /// </summary>
    public Selector BlocksHit { get; init; } = Selector.Of(PostgresExporterMetrics.BlocksHit, Matcher.NotEq("datname", ""));

    public Selector BlocksRead { get; init; } = Selector.Of(PostgresExporterMetrics.BlocksRead, Matcher.NotEq("datname", ""));

    /// <summary>postgres-exporter's stat_statements collector (needs the pg_stat_statements extension).</summary>
    public Selector StatementSeconds { get; init; } = Selector.Of(PostgresExporterMetrics.StatementSeconds);

    public Selector StatementCalls { get; init; } = Selector.Of(PostgresExporterMetrics.StatementCalls);

    /// <summary>The applications' gauge of connections taken from their pool.</summary>
    public Selector PoolActive { get; init; } = Selector.Of("db_connections_active");

    public Duration Window { get; init; } = Duration.Minutes(5);

    public ImmutableArray<string> By { get; init; } = ["instance"];

    public ImmutableArray<string> DatabaseBy { get; init; } = ["instance", "datname"];

    public PromExpr ConnectionUtilisation() => Prom.Sum(Activity, By) / Prom.Max(MaxConnections, By);

    public PromExpr CacheHitRatio()
    {
        var hit = Prom.Sum(Prom.Rate(BlocksHit, Window), DatabaseBy);
        return hit / (hit + Prom.Sum(Prom.Rate(BlocksRead, Window), DatabaseBy));
    }

    public PromExpr MeanQueryTime() =>
        Prom.Sum(Prom.Rate(StatementSeconds, Window), DatabaseBy) / Prom.Sum(Prom.Rate(StatementCalls, Window), DatabaseBy);
}

/// <summary>Redis through redis_exporter.</summary>
public sealed record RedisConventions
{
    public Selector Up { get; init; } = Selector.Of(RedisExporterMetrics.Up);

    public Selector MemoryUsed { get; init; } = Selector.Of(RedisExporterMetrics.MemoryUsed);

    /// <summary>maxmemory; 0 means unlimited, and then there is no ratio (no false alarm).</summary>
    public Selector MemoryMax { get; init; } = Selector.Of(RedisExporterMetrics.MemoryMax);

    public ImmutableArray<string> By { get; init; } = ["instance"];

    public PromExpr MemoryUtilisation() => Prom.Sum(MemoryUsed, By) / (Prom.Sum(MemoryMax, By) > 0.0);
}

/// <summary>Nodes through node-exporter.</summary>
public sealed record NodeConventions
{
    /// <summary>The node-exporter scrape job (kube-prometheus-stack's job label for it).</summary>
    private static readonly Matcher Job = Matcher.Eq("job", NodeExporterMetrics.Exporter.Job);

    public Selector Up { get; init; } = Selector.Of("up", Job);

    public Selector Cpu { get; init; } = Selector.Of(NodeExporterMetrics.CpuSeconds, Job);

    public Selector MemoryAvailable { get; init; } = Selector.Of(NodeExporterMetrics.MemoryAvailable, Job);

    public Selector MemoryTotal { get; init; } = Selector.Of(NodeExporterMetrics.MemoryTotal, Job);

    public Selector Load15 { get; init; } = Selector.Of(NodeExporterMetrics.Load15, Job);

    /// <summary>Real filesystems only: tmpfs and overlay (container layers) are ignored.</summary>
    public Selector FilesystemAvailable { get; init; } =
        Selector.Of(NodeExporterMetrics.FilesystemAvailable, Job, Matcher.NotIn("fstype", "tmpfs", "overlay"));

    public Selector FilesystemSize { get; init; } =
        Selector.Of(NodeExporterMetrics.FilesystemSize, Job, Matcher.NotIn("fstype", "tmpfs", "overlay"));

    public Duration Window { get; init; } = Duration.Minutes(5);

    /// <summary>
    /// Labels the per-node rules keep: <c>job</c> and <c>instance</c>, which the kube-prometheus-stack dashboards select
    /// (<c>job="node-exporter", instance="$instance"</c>).
    /// </summary>
    public ImmutableArray<string> By { get; init; } = ["job", "instance"];

    public ImmutableArray<string> FilesystemBy { get; init; } = ["job", "instance", "device", "mountpoint"];

    /// <summary>The CPU modes that count as not busy (kube-prometheus: idle, iowait, steal).</summary>
    public string IdleModes { get; init; } = "idle|iowait|steal";

    // The first three are kube-prometheus' node-exporter.rules expressions (same names, same labels: every target label
    // but cpu and mode), so that our alerts read the same numbers whether the chart's group or our pack records them.

    public PromExpr CpuCount() => Prom.AggregateWithout("count", Cpu.Where("mode", "idle"), "cpu", "mode");

    public PromExpr CpuUtilisation() =>
        Prom.Number(1) - Prom.AggregateWithout("avg", Prom.AggregateWithout("sum", Prom.Rate(Cpu.WhereMatches("mode", IdleModes), Window), "mode"), "cpu");

    public PromExpr MemoryUtilisation() => Prom.Number(1) - (MemoryAvailable.ToExpr() / MemoryTotal.ToExpr());

    public PromExpr Load15PerCpu() => Prom.Max(Load15, By) / Prom.Max(Load15.ForMetric(RecordNames.NodeCpuCount), By);

    public PromExpr FilesystemAvailableRatio() => Prom.Max(FilesystemAvailable, FilesystemBy) / Prom.Max(FilesystemSize, FilesystemBy);
}

/// <summary>Kubernetes objects through kube-state-metrics, containers through cAdvisor (the kubelet).</summary>
public sealed record KubernetesConventions
{
    public Selector Restarts { get; init; } = Selector.Of("kube_pod_container_status_restarts_total", Matcher.Eq("job", "kube-state-metrics"));

    public Selector MemoryLimits { get; init; } =
        Selector.Of("kube_pod_container_resource_limits", Matcher.Eq("job", "kube-state-metrics"), Matcher.Eq("resource", "memory"));

    /// <summary>Per-container series only (<c>container!=""</c> drops the pod-level cgroup).</summary>
    public Selector WorkingSet { get; init; } =
        Selector.Of("container_memory_working_set_bytes", Matcher.Eq("job", "kubelet"), Matcher.NotEq("container", ""));

    public Selector ThrottledPeriods { get; init; } =
        Selector.Of("container_cpu_cfs_throttled_periods_total", Matcher.Eq("job", "kubelet"), Matcher.NotEq("container", ""));

    public Selector Periods { get; init; } =
        Selector.Of("container_cpu_cfs_periods_total", Matcher.Eq("job", "kubelet"), Matcher.NotEq("container", ""));

    /// <summary>The window PodRestarting counts restarts over.</summary>
    public Duration RestartWindow { get; init; } = Duration.Hours(1);

    public Duration Window { get; init; } = Duration.Minutes(5);

    public ImmutableArray<string> By { get; init; } = ["namespace", "pod", "container"];

    public PromExpr RestartsOverWindow() => Prom.Sum(Prom.Increase(Restarts, RestartWindow), By);

    public PromExpr MemoryOfLimit() => Prom.Sum(WorkingSet, By) / Prom.Sum(MemoryLimits, By);

    public PromExpr ThrottledRatio() =>
        Prom.Sum(Prom.Increase(ThrottledPeriods, Window), By) / Prom.Sum(Prom.Increase(Periods, Window), By);
}
