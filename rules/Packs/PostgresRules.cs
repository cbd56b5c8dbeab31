using Observability.Rules.Conventions;
using Observability.Rules.Model;
using static Observability.Rules.Packs.PackAlert;

namespace Observability.Rules.Packs;

/// <summary>PostgreSQL (postgres-exporter) and the applications' connection pools.</summary>
public static class PostgresRules
{
    public const string GroupName = "postgresql";

    public static RuleGroup Build(RulePackOptions o)
    {
        var c = o.Conventions.Postgres;
        var t = o.Postgres;
        return RuleGroup.Create(GroupName)
            .Add(Recording.Create(RecordNames.PostgresConnectionUtilisation).Expr(c.ConnectionUtilisation()))
            .Add(Recording.Create(RecordNames.PostgresCacheHitRatio).Expr(c.CacheHitRatio()))
            .Add(Recording.Create(RecordNames.PostgresMeanQueryTime).Expr(c.MeanQueryTime()))
            .Add(Create(o, AlertNames.DatabaseDown,
                c.Up.ToExpr().EqualTo(0),
                t.DatabaseDownFor, Severity.Critical, PlatformPanels.DatabaseUp,
                "PostgreSQL {{ $labels.instance }} is down",
                $"postgres-exporter cannot reach the database at {{{{ $labels.instance }}}} ({For(t.DatabaseDownFor)})."))
            .Add(Create(o, AlertNames.HighDatabaseConnections,
                Recorded(RecordNames.PostgresConnectionUtilisation) > t.HighDatabaseConnections.Value,
                t.HighDatabaseConnections.For, Severity.Warning, PlatformPanels.DatabaseConnections,
                "PostgreSQL {{ $labels.instance }} is running out of connections",
                $"{{{{ $value | humanizePercentage }}}} of max_connections are in use on {{{{ $labels.instance }}}} (threshold {Percent(t.HighDatabaseConnections.Value)}, {For(t.HighDatabaseConnections.For)})."))
            .Add(Create(o, AlertNames.DatabaseConnectionPoolLow,
                c.PoolActive.ToExpr() > t.DatabaseConnectionPoolLow.Value,
                t.DatabaseConnectionPoolLow.For, Severity.Warning, PlatformPanels.DatabasePoolConnections,
                "Connection pool of {{ $labels.job }} is nearly exhausted",
                $"{{{{ $labels.job }}}} ({{{{ $labels.instance }}}}) holds {{{{ $value | humanize }}}} database connections (threshold {Number(t.DatabaseConnectionPoolLow.Value)}, {For(t.DatabaseConnectionPoolLow.For)})."))
            .Add(Create(o, AlertNames.LowDatabaseCacheHitRatio,
                Recorded(RecordNames.PostgresCacheHitRatio) < t.LowDatabaseCacheHitRatio.Value,
                t.LowDatabaseCacheHitRatio.For, Severity.Warning, PlatformPanels.DatabaseCacheHitRatio,
                "Low buffer cache hit ratio on {{ $labels.datname }}",
                $"Only {{{{ $value | humanizePercentage }}}} of block reads of {{{{ $labels.datname }}}} on {{{{ $labels.instance }}}} hit the buffer cache (threshold {Percent(t.LowDatabaseCacheHitRatio.Value)}, {For(t.LowDatabaseCacheHitRatio.For)})."))
            .Add(Create(o, AlertNames.SlowDatabaseQueries,
                Recorded(RecordNames.PostgresMeanQueryTime) > t.SlowDatabaseQueries.Value,
                t.SlowDatabaseQueries.For, Severity.Warning, PlatformPanels.DatabaseQueryTime,
                "Slow queries on {{ $labels.datname }}",
                $"Statements on {{{{ $labels.datname }}}} ({{{{ $labels.instance }}}}) take {{{{ $value | humanizeDuration }}}} on average (threshold {Number(t.SlowDatabaseQueries.Value)}s, {For(t.SlowDatabaseQueries.For)})."));
    }
}
