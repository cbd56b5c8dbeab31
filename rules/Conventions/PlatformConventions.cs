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

    /// <summary>The scrape targets whose <c>up</c> ServiceDown watches (node-exporter has NodeDown).</summary>
    public Selector Up { get; init; } = Selector.Of("up", Matcher.NotEq("job", "node-exporter"));

    public Duration Window { get; init; } = Model.Duration.Minutes(5);

    /// <summary>Labels the per-service rules keep.</summary>
    public ImmutableArray<string> By { get; init; } = ["job"];

    public PromExpr RequestRate() => Prom.Sum(Prom.Rate(Requests, Window), By);

    public PromExpr ErrorRate() => Prom.Sum(Prom.Rate(Requests.With(ErrorMatchers), Window), By);

    public PromExpr ErrorRatio() => Prom.ErrorRatio(Requests, ErrorMatchers, Window, By);

    public PromExpr LatencyQuantile(double quantile) => Prom.HistogramQuantile(quantile, Duration.Suffixed("_bucket"), Window, By);
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

    public PromExpr TokensOverWindow() => Prom.Sum(Prom.Increase(Tokens, TokenWindow), TokensBy);

    public PromExpr PromptFailureRatio() => Prom.ErrorRatio(Prompts, [Matcher.NotEq("status", SuccessStatus)], Window, JobBy);

    public PromExpr PipelineFailureRatio() => Prom.ErrorRatio(Pipelines, [Matcher.NotEq("status", SuccessStatus)], Window, JobBy);
}

/// <summary>PostgreSQL through postgres-exporter, and the applications' pool gauge.</summary>
public sealed record PostgresConventions
{
    public Selector Up { get; init; } = Selector.Of("pg_up");

    public Selector Activity { get; init; } = Selector.Of("pg_stat_activity_count");

    public Selector MaxConnections { get; init; } = Selector.Of("pg_settings_max_connections");

    public Selector DatabaseSize { get; init; } = Selector.Of("pg_database_size_bytes");

    public Selector BlocksHit { get; init; } = Selector.Of("pg_stat_database_blks_hit");

    public Selector BlocksRead { get; init; } = Selector.Of("pg_stat_database_blks_read");

    /// <summary>postgres-exporter's stat_statements collector (needs the pg_stat_statements extension).</summary>
    public Selector StatementSeconds { get; init; } = Selector.Of("pg_stat_statements_seconds_total");

    public Selector StatementCalls { get; init; } = Selector.Of("pg_stat_statements_calls_total");

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
    public Selector Up { get; init; } = Selector.Of("redis_up");

    public Selector MemoryUsed { get; init; } = Selector.Of("redis_memory_used_bytes");

    /// <summary>maxmemory; 0 means unlimited, and then there is no ratio (no false alarm).</summary>
    public Selector MemoryMax { get; init; } = Selector.Of("redis_memory_max_bytes");

    public ImmutableArray<string> By { get; init; } = ["instance"];

    public PromExpr MemoryUtilisation() => Prom.Sum(MemoryUsed, By) / (Prom.Sum(MemoryMax, By) > 0.0);
}

/// <summary>Nodes through node-exporter.</summary>
public sealed record NodeConventions
{
    public Selector Up { get; init; } = Selector.Of("up", Matcher.Eq("job", "node-exporter"));

    public Selector Cpu { get; init; } = Selector.Of("node_cpu_seconds_total", Matcher.Eq("job", "node-exporter"));

    public Selector MemoryAvailable { get; init; } = Selector.Of("node_memory_MemAvailable_bytes", Matcher.Eq("job", "node-exporter"));

    public Selector MemoryTotal { get; init; } = Selector.Of("node_memory_MemTotal_bytes", Matcher.Eq("job", "node-exporter"));

    public Selector Load15 { get; init; } = Selector.Of("node_load15", Matcher.Eq("job", "node-exporter"));

    /// <summary>Real filesystems only: tmpfs and overlay (container layers) are ignored.</summary>
    public Selector FilesystemAvailable { get; init; } =
        Selector.Of("node_filesystem_avail_bytes", Matcher.Eq("job", "node-exporter"), Matcher.NotIn("fstype", "tmpfs", "overlay"));

    public Selector FilesystemSize { get; init; } =
        Selector.Of("node_filesystem_size_bytes", Matcher.Eq("job", "node-exporter"), Matcher.NotIn("fstype", "tmpfs", "overlay"));

    public Duration Window { get; init; } = Duration.Minutes(5);

    public ImmutableArray<string> By { get; init; } = ["instance"];

    public ImmutableArray<string> FilesystemBy { get; init; } = ["instance", "device", "mountpoint"];

    public PromExpr CpuCount() => Prom.Count(Cpu.Where("mode", "idle"), By);

    public PromExpr CpuUtilisation() => Prom.Number(1) - Prom.Avg(Prom.Rate(Cpu.Where("mode", "idle"), Window), By);

    public PromExpr MemoryUtilisation() => Prom.Number(1) - (Prom.Sum(MemoryAvailable, By) / Prom.Sum(MemoryTotal, By));

    public PromExpr Load15PerCpu() => Prom.Max(Load15, By) / new PromExpr(RecordNames.NodeCpuCount);

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
