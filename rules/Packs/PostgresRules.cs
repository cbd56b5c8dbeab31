using Observability.Rules.Conventions;
using Observability.Rules.Model;
using static Observability.Rules.Packs.PackAlert;

namespace Observability.Rules.Packs;

/// <summary>PostgreSQL (postgres-exporter) and the applications' connection pools.</summary>
public static class PostgresRules
{
    public const string GroupName = "postgresql";

    public static RulePack Pack { get; } = new(GroupName, Build);

    /// <summary><c>pg_up == 0</c> for 1m.</summary>
    public static AlertDeclaration DatabaseDown { get; } =
        Pack.Alert("DatabaseDown", Severity.Critical, Duration.Minutes(1), PlatformPanels.DatabaseUp);

    /// <summary>Connections above 90% of max_connections for 5m.</summary>
    public static AlertDeclaration HighDatabaseConnections { get; } =
        Pack.Alert("HighDatabaseConnections", Severity.Warning, Duration.Minutes(5), PlatformPanels.DatabaseConnections, ThresholdSpec.Ratio(0.90));

    /// <summary>An application holds more than 80 pooled connections for 5m.</summary>
    public static AlertDeclaration DatabaseConnectionPoolLow { get; } =
        Pack.Alert("DatabaseConnectionPoolLow", Severity.Warning, Duration.Minutes(5), PlatformPanels.DatabasePoolConnections, ThresholdSpec.Positive(80, "connections"));

    /// <summary>Buffer cache hit ratio below 90% for 10m.</summary>
    public static AlertDeclaration LowDatabaseCacheHitRatio { get; } =
        Pack.Alert("LowDatabaseCacheHitRatio", Severity.Warning, Duration.Minutes(10), PlatformPanels.DatabaseCacheHitRatio, ThresholdSpec.Ratio(0.90));

    /// <summary>Mean statement time above 0.5 s for 10m, where pg_stat_statements is collected.</summary>
    public static AlertDeclaration SlowDatabaseQueries { get; } =
        Pack.Alert("SlowDatabaseQueries", Severity.Warning, Duration.Minutes(10), PlatformPanels.DatabaseQueryTime, ThresholdSpec.Positive(0.5, "seconds"));

    public static RuleGroup Build(RulePackOptions o)
    {
        var c = o.Conventions.Postgres;
        return RuleGroup.Create(GroupName)
            .Add(Recording.Create(RecordNames.PostgresConnectionUtilisation).Expr(c.ConnectionUtilisation()))
            .Add(Recording.Create(RecordNames.PostgresCacheHitRatio).Expr(c.CacheHitRatio()))
            .Add(Recording.Create(RecordNames.PostgresMeanQueryTime).Expr(c.MeanQueryTime()))
            .Add(Create(o, DatabaseDown,
                c.Up.ToExpr().EqualTo(0),
                "PostgreSQL {{ $labels.instance }} is down",
                $"postgres-exporter cannot reach the database at {{{{ $labels.instance }}}} ({For(o.For(DatabaseDown))})."))
            .Add(Create(o, HighDatabaseConnections,
                t => Recorded(RecordNames.PostgresConnectionUtilisation) > t.Value,
                "PostgreSQL {{ $labels.instance }} is running out of connections",
                t => $"{{{{ $value | humanizePercentage }}}} of max_connections are in use on {{{{ $labels.instance }}}} (threshold {Percent(t.Value)}, {For(t.For)})."))
            .Add(Create(o, DatabaseConnectionPoolLow,
                t => c.PoolActive.ToExpr() > t.Value,
                "Connection pool of {{ $labels.job }} is nearly exhausted",
                t => $"{{{{ $labels.job }}}} ({{{{ $labels.instance }}}}) holds {{{{ $value | humanize }}}} database connections (threshold {Number(t.Value)}, {For(t.For)})."))
            .Add(Create(o, LowDatabaseCacheHitRatio,
                t => Recorded(RecordNames.PostgresCacheHitRatio) < t.Value,
                "Low buffer cache hit ratio on {{ $labels.datname }}",
                t => $"Only {{{{ $value | humanizePercentage }}}} of block reads of {{{{ $labels.datname }}}} on {{{{ $labels.instance }}}} hit the buffer cache (threshold {Percent(t.Value)}, {For(t.For)})."))
            .Add(Create(o, SlowDatabaseQueries,
                t => Recorded(RecordNames.PostgresMeanQueryTime) > t.Value,
                "Slow queries on {{ $labels.datname }}",
                t => $"Statements on {{{{ $labels.datname }}}} ({{{{ $labels.instance }}}}) take {{{{ $value | humanizeDuration }}}} on average (threshold {Number(t.Value)}s, {For(t.For)})."));
    }
}
