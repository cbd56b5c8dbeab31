using Observability.Dashboards.Metrics;
using Observability.Rules.Conventions;
using Observability.Rules.Packs;

namespace Observability.Dashboards.Platform;

/// <summary>Database Performance (PostgreSQL): up, connections vs max, pool, query time, cache hit ratio, size.</summary>
public static class DatabasePerformance
{
    private const string Instance = "instance=~\"$instance\"";

    public static Dashboard Build(DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var r = options.Rules;
        static decimal T(AlertThreshold threshold) => DashboardOptions.Threshold(threshold);
        var queryBuckets = PlatformMetrics.DbQueryDuration + "_bucket";
        return Common.Create(DashboardUids.DatabasePerformance, "Database Performance",
                "PostgreSQL seen from postgres-exporter and from the application: availability, connections, query time, cache efficiency and size.",
                "database", "postgresql")
            .Variable(Variables.LabelValues("instance", "instance", PostgresExporterMetrics.Up, "Instance"))
            .Row("Availability and connections", row => row
                .Panel(Common.UpStat("PostgreSQL up", $"{PostgresExporterMetrics.Up}{{{Instance}}}", "{{instance}}")
                    .Id(PlatformPanels.DatabaseUp.PanelId)
                    .Runbooks(options, PostgresRules.DatabaseDown.Name)
                    .Width(6))
                .Panel(Panels.Timeseries("Connections used of max", Units.PercentUnit)
                    .Id(PlatformPanels.DatabaseConnections.PanelId)
                    .Query($"{RecordNames.PostgresConnectionUtilisation}{{{Instance}}}", "{{instance}}")
                    .Range(0, 1)
                    .AlertAbove(T(r.Threshold(PostgresRules.HighDatabaseConnections)))
                    .Runbooks(options, PostgresRules.HighDatabaseConnections.Name)
                    .Width(9))
                .Panel(Panels.Timeseries("Application pool connections in use", Units.Short)
                    .Id(PlatformPanels.DatabasePoolConnections.PanelId)
                    .Query($"sum by (job) ({PlatformMetrics.DbConnectionsActive})", "{{job}}")
                    .Min(0)
                    .AlertAbove(T(r.Threshold(PostgresRules.DatabaseConnectionPoolLow)))
                    .Runbooks(options, PostgresRules.DatabaseConnectionPoolLow.Name)
                    .Width(9))
                .Panel(Panels.Timeseries("Connections vs max", Units.Short)
                    .Query($"sum by (instance) ({PostgresExporterMetrics.ActivityCount}{{{Instance}}})", "in use {{instance}}")
                    .Query($"max by (instance) ({PostgresExporterMetrics.MaxConnections}{{{Instance}}})", "max {{instance}}")
                    .Width(24)))
            .Row("Queries", row => row
                .Panel(Panels.Timeseries("Buffer cache hit ratio", Units.PercentUnit)
                    .Id(PlatformPanels.DatabaseCacheHitRatio.PanelId)
                    .Query($"{RecordNames.PostgresCacheHitRatio}{{{Instance}}}", "{{instance}} {{datname}}")
                    .Range(0, 1)
                    .AlertBelow(T(r.Threshold(PostgresRules.LowDatabaseCacheHitRatio)))
                    .Runbooks(options, PostgresRules.LowDatabaseCacheHitRatio.Name)
                    .Width(12))
                .Panel(Panels.Timeseries("Mean statement time", Units.Seconds)
                    .Id(PlatformPanels.DatabaseQueryTime.PanelId)
                    .Description("From pg_stat_statements (postgres-exporter's stat_statements collector).")
                    .Query($"{RecordNames.PostgresMeanQueryTime}{{{Instance}}}", "{{instance}} {{datname}}")
                    .AlertAbove(T(r.Threshold(PostgresRules.SlowDatabaseQueries)))
                    .Runbooks(options, PostgresRules.SlowDatabaseQueries.Name)
                    .Width(12))
                .Panel(Panels.Timeseries("Application query time p50 / p95 / p99", Units.Seconds)
                    .Query($"histogram_quantile(0.50, sum by (le) (rate({queryBuckets}[$__rate_interval])))", "p50")
                    .Query($"histogram_quantile(0.95, sum by (le) (rate({queryBuckets}[$__rate_interval])))", "p95")
                    .Query($"histogram_quantile(0.99, sum by (le) (rate({queryBuckets}[$__rate_interval])))", "p99")
                    .Width(12))
                .Panel(Panels.Timeseries("Transactions per second", Units.OpsPerSecond)
                    .Query($"sum by (instance) (rate({PostgresExporterMetrics.Commits}{{{Instance}}}[$__rate_interval]))", "commits {{instance}}")
                    .Query($"sum by (instance) (rate({PostgresExporterMetrics.Rollbacks}{{{Instance}}}[$__rate_interval]))", "rollbacks {{instance}}")
                    .Width(12)))
            .Row("Storage", row => row
                .Panel(Panels.Timeseries("Database size", Units.Bytes)
                    .Query($"{PostgresExporterMetrics.DatabaseSize}{{{Instance}}}", "{{instance}} {{datname}}")
                    .Width(16))
                .Panel(Panels.Stat("Deadlocks in range", Units.Short)
                    .InstantQuery($"sum(increase({PostgresExporterMetrics.Deadlocks}{{{Instance}}}[$__range]))", "deadlocks")
                    .Thresholds(Common.Green, (1m, Common.Orange))
                    .Width(8)));
    }
}
