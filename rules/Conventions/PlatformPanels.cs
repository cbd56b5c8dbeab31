using System.Collections.Immutable;

namespace Observability.Rules.Conventions;

/// <summary>
/// The dashboard panel that explains each platform alert: the alert's <c>dashboard_url</c> opens it. The dashboards
/// give these panels exactly these ids (unique per dashboard, stable), so links never break. The intended content
/// of each panel is in its comment (recording rules from <see cref="RecordNames"/>).
/// </summary>
public static class PlatformPanels
{
    // platform-overview

    /// <summary>Targets up/down (<c>up</c>), per job: explains ServiceDown.</summary>
    public static PanelRef ServiceHealth { get; } = new(DashboardUids.PlatformOverview, 1);

    /// <summary>Alerts firing by severity (<c>ALERTS{alertstate="firing"}</c>), including the Watchdog heartbeat.</summary>
    public static PanelRef FiringAlerts { get; } = new(DashboardUids.PlatformOverview, 2);

    // api-overview

    /// <summary>Requests per second per job (<see cref="RecordNames.HttpRequestRate"/>).</summary>
    public static PanelRef HttpRequestRate { get; } = new(DashboardUids.ApiOverview, 1);

    /// <summary>5xx error ratio per job (<see cref="RecordNames.HttpErrorRatio"/>): explains HighErrorRate.</summary>
    public static PanelRef HttpErrorRatio { get; } = new(DashboardUids.ApiOverview, 2);

    /// <summary>5xx errors per second per job (<see cref="RecordNames.HttpErrorRate"/>): explains HighErrorCount.</summary>
    public static PanelRef HttpErrorRate { get; } = new(DashboardUids.ApiOverview, 3);

    /// <summary>Latency p50/p95/p99 per job (<see cref="RecordNames.HttpLatencyP50"/> ...): explains SlowResponseTime.</summary>
    public static PanelRef HttpLatency { get; } = new(DashboardUids.ApiOverview, 4);

    // agent-performance

    /// <summary>Agent success ratio per agent_id (<see cref="RecordNames.AgentSuccessRatio"/>): explains LowAgentSuccessRate.</summary>
    public static PanelRef AgentSuccessRatio { get; } = new(DashboardUids.AgentPerformance, 1);

    /// <summary>Agent execution time p95 per agent_id (<see cref="RecordNames.AgentDurationP95"/>): explains SlowAgentExecutions.</summary>
    public static PanelRef AgentDuration { get; } = new(DashboardUids.AgentPerformance, 2);

    // cost-analytics

    /// <summary>Tokens used in the last hour per agent_id and model (<see cref="RecordNames.AgentTokensLastHour"/>): explains HighTokenUsage.</summary>
    public static PanelRef TokensPerHour { get; } = new(DashboardUids.CostAnalytics, 1);

    // quality-metrics

    /// <summary>Prompt failure ratio per job (<see cref="RecordNames.PromptFailureRatio"/>): explains HighPromptFailureRate.</summary>
    public static PanelRef PromptFailureRatio { get; } = new(DashboardUids.QualityMetrics, 1);

    // database-performance

    /// <summary>PostgreSQL up per instance (<c>pg_up</c>): explains DatabaseDown.</summary>
    public static PanelRef DatabaseUp { get; } = new(DashboardUids.DatabasePerformance, 1);

    /// <summary>Connections as a share of max_connections (<see cref="RecordNames.PostgresConnectionUtilisation"/>): explains HighDatabaseConnections.</summary>
    public static PanelRef DatabaseConnections { get; } = new(DashboardUids.DatabasePerformance, 2);

    /// <summary>Application pool connections in use (<c>db_connections_active</c>): explains DatabaseConnectionPoolLow.</summary>
    public static PanelRef DatabasePoolConnections { get; } = new(DashboardUids.DatabasePerformance, 3);

    /// <summary>Buffer cache hit ratio (<see cref="RecordNames.PostgresCacheHitRatio"/>): explains LowDatabaseCacheHitRatio.</summary>
    public static PanelRef DatabaseCacheHitRatio { get; } = new(DashboardUids.DatabasePerformance, 4);

    /// <summary>Mean statement time (<see cref="RecordNames.PostgresMeanQueryTime"/>): explains SlowDatabaseQueries.</summary>
    public static PanelRef DatabaseQueryTime { get; } = new(DashboardUids.DatabasePerformance, 5);

    // redis

    /// <summary>Redis up per instance (<c>redis_up</c>): explains RedisDown.</summary>
    public static PanelRef RedisUp { get; } = new(DashboardUids.Redis, 1);

    /// <summary>Memory used as a share of maxmemory (<see cref="RecordNames.RedisMemoryUtilisation"/>): explains RedisHighMemory.</summary>
    public static PanelRef RedisMemory { get; } = new(DashboardUids.Redis, 2);

    // system-health

    /// <summary>node-exporter up per instance (<c>up{job="node-exporter"}</c>): explains NodeDown.</summary>
    public static PanelRef NodeUp { get; } = new(DashboardUids.SystemHealth, 1);

    /// <summary>CPU utilisation per instance (<see cref="RecordNames.NodeCpuUtilisation"/>): explains HighCPUUsage.</summary>
    public static PanelRef NodeCpu { get; } = new(DashboardUids.SystemHealth, 2);

    /// <summary>Memory utilisation per instance (<see cref="RecordNames.NodeMemoryUtilisation"/>): explains HighMemoryUsage.</summary>
    public static PanelRef NodeMemory { get; } = new(DashboardUids.SystemHealth, 3);

    /// <summary>Free disk share per filesystem (<see cref="RecordNames.NodeFilesystemAvailable"/>): explains LowDiskSpace.</summary>
    public static PanelRef NodeDiskFree { get; } = new(DashboardUids.SystemHealth, 4);

    /// <summary>15-minute load per CPU (<see cref="RecordNames.NodeLoad15PerCpu"/>): explains HighLoadAverage.</summary>
    public static PanelRef NodeLoad { get; } = new(DashboardUids.SystemHealth, 5);

    /// <summary>Container restarts in the last hour (<c>kube_pod_container_status_restarts_total</c>): explains PodRestarting.</summary>
    public static PanelRef PodRestarts { get; } = new(DashboardUids.SystemHealth, 6);

    /// <summary>Container working set as a share of its memory limit: explains ContainerHighMemory.</summary>
    public static PanelRef ContainerMemory { get; } = new(DashboardUids.SystemHealth, 7);

    /// <summary>Share of CFS periods throttled per container: explains ContainerCPUThrottling.</summary>
    public static PanelRef ContainerThrottling { get; } = new(DashboardUids.SystemHealth, 8);

    // observability-pipeline: the platform's own logs, traces and dashboards pipeline

    /// <summary>Log lines Loki receives per second (<c>loki_distributor_lines_received_total</c>): explains LogsNotArriving.</summary>
    public static PanelRef LokiLinesReceived { get; } = new(DashboardUids.ObservabilityPipeline, 1);

    /// <summary>5xx share of Loki's requests per job and route: explains LokiRequestErrors.</summary>
    public static PanelRef LokiRequestErrors { get; } = new(DashboardUids.ObservabilityPipeline, 2);

    /// <summary>Loki panics in the panic window per job (<c>loki_panic_total</c>): explains LokiRequestPanics.</summary>
    public static PanelRef LokiPanics { get; } = new(DashboardUids.ObservabilityPipeline, 3);

    /// <summary>Discarded lines as a share of received lines per tenant and reason: explains LokiDiscardingLogs.</summary>
    public static PanelRef LokiDiscarded { get; } = new(DashboardUids.ObservabilityPipeline, 4);

    /// <summary>Time since the compactor's last successful run: explains LokiCompactionNotRunning.</summary>
    public static PanelRef LokiCompaction { get; } = new(DashboardUids.ObservabilityPipeline, 5);

    /// <summary>Log entries the agent dropped per node and reason: explains LogAgentDroppingEntries.</summary>
    public static PanelRef LogAgentDropped { get; } = new(DashboardUids.ObservabilityPipeline, 6);

    /// <summary>Share of the agent's pushes to Loki without a 2xx answer per node: explains LogAgentPushErrors.</summary>
    public static PanelRef LogAgentPushErrors { get; } = new(DashboardUids.ObservabilityPipeline, 7);

    /// <summary>Bytes written to log files that the agent has not read yet: explains LogAgentFileLagging.</summary>
    public static PanelRef LogAgentUnread { get; } = new(DashboardUids.ObservabilityPipeline, 8);

    /// <summary>Alloy components that are not healthy per node: explains AlloyComponentUnhealthy.</summary>
    public static PanelRef AlloyComponents { get; } = new(DashboardUids.ObservabilityPipeline, 9);

    /// <summary>Spans Jaeger accepts per second beside the platform's HTTP requests per second: explains SpansNotArriving.</summary>
    public static PanelRef JaegerSpansAccepted { get; } = new(DashboardUids.ObservabilityPipeline, 10);

    /// <summary>Refused share of the spans Jaeger's receivers get: explains JaegerSpansRefused.</summary>
    public static PanelRef JaegerSpansRefused { get; } = new(DashboardUids.ObservabilityPipeline, 11);

    /// <summary>Failed share of the spans Jaeger writes to storage: explains JaegerSpanExportFailing.</summary>
    public static PanelRef JaegerExportFailures { get; } = new(DashboardUids.ObservabilityPipeline, 12);

    /// <summary>Fill of the exporter's sending queue: explains JaegerExporterQueueFull.</summary>
    public static PanelRef JaegerQueue { get; } = new(DashboardUids.ObservabilityPipeline, 13);

    /// <summary>Grafana targets up: explains GrafanaMissing.</summary>
    public static PanelRef GrafanaUp { get; } = new(DashboardUids.ObservabilityPipeline, 14);

    /// <summary>5xx share of Grafana's own requests (datasource queries excluded): explains GrafanaRequestErrors.</summary>
    public static PanelRef GrafanaRequestErrors { get; } = new(DashboardUids.ObservabilityPipeline, 15);

    /// <summary>5xx share of Grafana's requests to each datasource: explains GrafanaDatasourceErrors.</summary>
    public static PanelRef GrafanaDatasourceErrors { get; } = new(DashboardUids.ObservabilityPipeline, 16);

    /// <summary>
    /// Every panel above by property name, for cross-checks (each must exist in its dashboard with this id). Read from the
    /// properties themselves, so a new panel is one property; declared last, after every panel is set.
    /// </summary>
    public static IReadOnlyDictionary<string, PanelRef> All { get; } =
        typeof(PlatformPanels).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(PanelRef))
            .ToImmutableSortedDictionary(p => p.Name, p => (PanelRef)p.GetValue(null)!, StringComparer.Ordinal);
}
