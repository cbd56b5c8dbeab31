namespace Observability.Rules.Conventions;

/// <summary>The platform's alert names (contracts: Alertmanager routes and inhibitions, runbooks and tests use them).</summary>
public static class AlertNames
{
    public const string HighErrorRate = "HighErrorRate";
    public const string HighErrorCount = "HighErrorCount";
    public const string SlowResponseTime = "SlowResponseTime";
    public const string ServiceDown = "ServiceDown";

    public const string SlowAgentExecutions = "SlowAgentExecutions";
    public const string HighTokenUsage = "HighTokenUsage";
    public const string LowAgentSuccessRate = "LowAgentSuccessRate";
    public const string HighPromptFailureRate = "HighPromptFailureRate";

    public const string DatabaseDown = "DatabaseDown";
    public const string HighDatabaseConnections = "HighDatabaseConnections";
    public const string DatabaseConnectionPoolLow = "DatabaseConnectionPoolLow";
    public const string LowDatabaseCacheHitRatio = "LowDatabaseCacheHitRatio";
    public const string SlowDatabaseQueries = "SlowDatabaseQueries";

    public const string RedisDown = "RedisDown";
    public const string RedisHighMemory = "RedisHighMemory";

    public const string NodeDown = "NodeDown";
    public const string HighCpuUsage = "HighCPUUsage";
    public const string HighMemoryUsage = "HighMemoryUsage";
    public const string LowDiskSpace = "LowDiskSpace";
    public const string HighLoadAverage = "HighLoadAverage";

    public const string PodRestarting = "PodRestarting";
    public const string ContainerHighMemory = "ContainerHighMemory";
    public const string ContainerCpuThrottling = "ContainerCPUThrottling";

    public const string LokiRequestErrors = "LokiRequestErrors";
    public const string LokiRequestPanics = "LokiRequestPanics";
    public const string LokiDiscardingLogs = "LokiDiscardingLogs";
    public const string LokiCompactionNotRunning = "LokiCompactionNotRunning";
    public const string LogsNotArriving = "LogsNotArriving";

    public const string LogAgentDroppingEntries = "LogAgentDroppingEntries";
    public const string LogAgentPushErrors = "LogAgentPushErrors";
    public const string LogAgentFileLagging = "LogAgentFileLagging";
    public const string AlloyComponentUnhealthy = "AlloyComponentUnhealthy";

    public const string JaegerSpansRefused = "JaegerSpansRefused";
    public const string JaegerSpanExportFailing = "JaegerSpanExportFailing";
    public const string JaegerExporterQueueFull = "JaegerExporterQueueFull";
    public const string SpansNotArriving = "SpansNotArriving";

    public const string GrafanaMissing = "GrafanaMissing";
    public const string GrafanaRequestErrors = "GrafanaRequestErrors";
    public const string GrafanaDatasourceErrors = "GrafanaDatasourceErrors";

    /// <summary>Always firing (severity none): the heartbeat that proves the alerting pipeline works end to end.</summary>
    public const string Watchdog = "Watchdog";
}
