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

    /// <summary>Always firing (severity none): the heartbeat that proves the alerting pipeline works end to end.</summary>
    public const string Watchdog = "Watchdog";
}
