namespace Observability.Rules.Conventions;

/// <summary>
/// The names of the platform's recording rules (<c>level:metric:operations</c>). Alerts and dashboards read
/// these names, never the raw expressions, so both always show the same numbers. Names are contracts.
/// </summary>
public static class RecordNames
{
    // HTTP API, per job, over 5 minutes.

    /// <summary>Requests per second: <c>sum by (job) (rate(http_requests_total[5m]))</c>.</summary>
    public const string HttpRequestRate = "job:http_requests:rate5m";

    /// <summary>5xx responses per second, per job.</summary>
    public const string HttpErrorRate = "job:http_requests_errors:rate5m";

    /// <summary>Share of requests answered with 5xx (0..1), per job.</summary>
    public const string HttpErrorRatio = "job:http_requests_errors:ratio_rate5m";

    /// <summary>Median request latency in seconds, per job.</summary>
    public const string HttpLatencyP50 = "job:http_request_duration_seconds:p50_rate5m";

    /// <summary>95th percentile request latency in seconds, per job.</summary>
    public const string HttpLatencyP95 = "job:http_request_duration_seconds:p95_rate5m";

    /// <summary>99th percentile request latency in seconds, per job.</summary>
    public const string HttpLatencyP99 = "job:http_request_duration_seconds:p99_rate5m";

    /// <summary>Per-second rate of each latency bucket per job and endpoint: dashboards take quantiles of it instead of the raw buckets of every pod.</summary>
    public const string HttpLatencyBucketRate = "endpoint_job_le:http_request_duration_seconds_bucket:rate5m";

    // Agents and LLM.

    /// <summary>Agent executions per second, per agent_id.</summary>
    public const string AgentExecutionRate = "agent_id:agent_executions:rate5m";

    /// <summary>Share of agent executions with status "success" (0..1), per agent_id.</summary>
    public const string AgentSuccessRatio = "agent_id:agent_executions_success:ratio_rate5m";

    /// <summary>95th percentile agent execution time in seconds, per agent_id.</summary>
    public const string AgentDurationP95 = "agent_id:agent_execution_duration_seconds:p95_rate5m";

    /// <summary>Per-second rate of each execution-time bucket per agent_id: dashboards take quantiles of it.</summary>
    public const string AgentDurationBucketRate = "agent_id_le:agent_execution_duration_seconds_bucket:rate5m";

    /// <summary>Tokens used in the last hour, per agent_id and model.</summary>
    public const string AgentTokensLastHour = "agent_id_model:agent_tokens_used:increase1h";

    /// <summary>Share of prompt executions whose status is not "success" (0..1), per job.</summary>
    public const string PromptFailureRatio = "job:prompt_executions_failures:ratio_rate5m";

    /// <summary>Share of pipeline executions whose status is not "success" (0..1), per job.</summary>
    public const string PipelineFailureRatio = "job:pipeline_executions_failures:ratio_rate5m";

    // PostgreSQL, per instance.

    /// <summary>Connections in use as a share of max_connections (0..1), per instance.</summary>
    public const string PostgresConnectionUtilisation = "instance:pg_connections:utilisation";

    /// <summary>Buffer cache hit ratio (0..1), per instance and datname.</summary>
    public const string PostgresCacheHitRatio = "instance_datname:pg_stat_database_blks_hit:ratio_rate5m";

    /// <summary>Mean statement execution time in seconds (pg_stat_statements), per instance and datname.</summary>
    public const string PostgresMeanQueryTime = "instance_datname:pg_stat_statements_seconds:mean_rate5m";

    // Redis, per instance.

    /// <summary>Memory used as a share of maxmemory (0..1), per instance; absent when maxmemory is 0 (unlimited).</summary>
    public const string RedisMemoryUtilisation = "instance:redis_memory:utilisation";

    // Nodes (node-exporter), per job and instance (the labels the kube-prometheus-stack dashboards select).

    /// <summary>Number of CPUs, per target (every label but cpu and mode).</summary>
    public const string NodeCpuCount = "instance:node_num_cpu:sum";

    /// <summary>CPU busy share (0..1; idle, iowait and steal are not busy), per target.</summary>
    public const string NodeCpuUtilisation = "instance:node_cpu_utilisation:rate5m";

    /// <summary>Memory in use share (0..1, from MemAvailable), per target.</summary>
    public const string NodeMemoryUtilisation = "instance:node_memory_utilisation:ratio";

    /// <summary>15-minute load average divided by the number of CPUs, per job and instance.</summary>
    public const string NodeLoad15PerCpu = "instance:node_load15_per_cpu:ratio";

    /// <summary>Free share (0..1) of each real filesystem (tmpfs and overlay excluded), per job, instance, device and mountpoint.</summary>
    public const string NodeFilesystemAvailable = "instance_mountpoint:node_filesystem_avail:ratio";

    /// <summary>
    /// The node records that kube-prometheus-stack's <c>node-exporter.rules</c> group also records, with the same
    /// expressions and labels; where that group is deployed, the node pack leaves them to it.
    /// </summary>
    public static IReadOnlyList<string> UpstreamNodeRecords { get; } = [NodeCpuCount, NodeCpuUtilisation, NodeMemoryUtilisation];

    /// <summary>Every recording rule name above, for cross-checks (dashboards read only names that exist).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        HttpRequestRate, HttpErrorRate, HttpErrorRatio, HttpLatencyP50, HttpLatencyP95, HttpLatencyP99, HttpLatencyBucketRate,
        AgentExecutionRate, AgentSuccessRatio, AgentDurationP95, AgentDurationBucketRate, AgentTokensLastHour, PromptFailureRatio, PipelineFailureRatio,
        PostgresConnectionUtilisation, PostgresCacheHitRatio, PostgresMeanQueryTime,
        RedisMemoryUtilisation,
        NodeCpuCount, NodeCpuUtilisation, NodeMemoryUtilisation, NodeLoad15PerCpu, NodeFilesystemAvailable,
    ];
}
