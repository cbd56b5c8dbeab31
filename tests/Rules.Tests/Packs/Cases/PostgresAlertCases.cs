using Observability.Rules.Packs;
using static Observability.Rules.Tests.Packs.CaseDsl;

namespace Observability.Rules.Tests.Packs.Cases;

/// <summary>PostgreSQL: down, connections, the applications' pools, cache hit ratio, statement time. Firing and silent, with exact labels and annotations.</summary>
internal sealed class PostgresAlertCases : PackCases
{
    public override RulePack Pack => PostgresRules.Pack;

    public override IReadOnlyList<AlertCase> Cases { get; } =
    [
        Case(PostgresRules.DatabaseDown, "pg_up 0 fires after 1m",
            [S("pg_up", Gauge(0), ("job", "postgres-exporter"), ("instance", "pg-0:9187"))],
            SilentAt(M(0)),
            FiresAt(M(1), PostgresRules.DatabaseDown, [("instance", "pg-0:9187"), ("job", "postgres-exporter"), ("severity", "critical")],
                "PostgreSQL pg-0:9187 is down",
                "postgres-exporter cannot reach the database at pg-0:9187 (for 1m).")),
        Case(PostgresRules.DatabaseDown, "pg_up 1 stays silent",
            [S("pg_up", Gauge(1), ("job", "postgres-exporter"), ("instance", "pg-0:9187"))],
            SilentAt(M(30))),

        Case(PostgresRules.HighDatabaseConnections, "95 of 100 connections fire after 5m",
            [
                S("pg_stat_activity_count", Gauge(60), ("instance", "pg-0:9187"), ("datname", "app"), ("state", "active")),
                S("pg_stat_activity_count", Gauge(35), ("instance", "pg-0:9187"), ("datname", "app"), ("state", "idle")),
                S("pg_settings_max_connections", Gauge(100), ("instance", "pg-0:9187")),
            ],
            SilentAt(M(4)),
            FiresAt(M(5), PostgresRules.HighDatabaseConnections, [("instance", "pg-0:9187"), ("severity", "warning")],
                "PostgreSQL pg-0:9187 is running out of connections",
                "95% of max_connections are in use on pg-0:9187 (threshold 90%, for 5m).")),
        Case(PostgresRules.HighDatabaseConnections, "exactly 90 of 100 connections stay silent",
            [
                S("pg_stat_activity_count", Gauge(80), ("instance", "pg-0:9187"), ("datname", "app"), ("state", "active")),
                S("pg_stat_activity_count", Gauge(10), ("instance", "pg-0:9187"), ("datname", "app"), ("state", "idle")),
                S("pg_settings_max_connections", Gauge(100), ("instance", "pg-0:9187")),
            ],
            SilentAt(M(30))),

        Case(PostgresRules.DatabaseConnectionPoolLow, "85 pooled connections fire after 5m",
            [S("db_connections_active", Gauge(85), ("job", "orders"), ("instance", "orders-0:8080"))],
            SilentAt(M(4)),
            FiresAt(M(5), PostgresRules.DatabaseConnectionPoolLow, [("instance", "orders-0:8080"), ("job", "orders"), ("severity", "warning")],
                "Connection pool of orders is nearly exhausted",
                "orders (orders-0:8080) holds 85 database connections (threshold 80, for 5m).")),
        Case(PostgresRules.DatabaseConnectionPoolLow, "exactly 80 pooled connections stay silent",
            [S("db_connections_active", Gauge(80), ("job", "orders"), ("instance", "orders-0:8080"))],
            SilentAt(M(30))),

        Case(PostgresRules.LowDatabaseCacheHitRatio, "80% cache hits fire after 10m",
            [
                S("pg_stat_database_blks_hit", Counter(480), ("instance", "pg-0:9187"), ("datname", "app")),
                S("pg_stat_database_blks_read", Counter(120), ("instance", "pg-0:9187"), ("datname", "app")),
            ],
            SilentAt(M(10)),
            FiresAt(M(11), PostgresRules.LowDatabaseCacheHitRatio, [("datname", "app"), ("instance", "pg-0:9187"), ("severity", "warning")],
                "Low buffer cache hit ratio on app",
                "Only 80% of block reads of app on pg-0:9187 hit the buffer cache (threshold 90%, for 10m).")),
        Case(PostgresRules.LowDatabaseCacheHitRatio, "99% cache hits, an idle database, and the shared catalogs' row (datname \"\") stay silent",
            [
                S("pg_stat_database_blks_hit", Counter(594), ("instance", "pg-0:9187"), ("datname", "app")),
                S("pg_stat_database_blks_read", Counter(6), ("instance", "pg-0:9187"), ("datname", "app")),
                S("pg_stat_database_blks_hit", Gauge(100), ("instance", "pg-0:9187"), ("datname", "idle")),
                S("pg_stat_database_blks_read", Gauge(100), ("instance", "pg-0:9187"), ("datname", "idle")),
                // pg_stat_database's datid 0 row, as postgres-exporter exports it: not a database, never an alert.
                S("pg_stat_database_blks_hit", Counter(10), ("instance", "pg-0:9187"), ("datid", "0"), ("datname", "")),
                S("pg_stat_database_blks_read", Counter(90), ("instance", "pg-0:9187"), ("datid", "0"), ("datname", "")),
            ],
            SilentAt(M(30))),

        Case(PostgresRules.SlowDatabaseQueries, "750ms mean statement time fires after 10m",
            [
                S("pg_stat_statements_seconds_total", Counter(45), ("instance", "pg-0:9187"), ("datname", "app"), ("queryid", "42"), ("user", "app")),
                S("pg_stat_statements_calls_total", Counter(60), ("instance", "pg-0:9187"), ("datname", "app"), ("queryid", "42"), ("user", "app")),
            ],
            SilentAt(M(10)),
            FiresAt(M(11), PostgresRules.SlowDatabaseQueries, [("datname", "app"), ("instance", "pg-0:9187"), ("severity", "warning")],
                "Slow queries on app",
                "Statements on app (pg-0:9187) take 750ms on average (threshold 0.5s, for 10m).")),
        Case(PostgresRules.SlowDatabaseQueries, "400ms mean stays silent, and a database without pg_stat_statements is ignored",
            [
                S("pg_stat_statements_seconds_total", Counter(24), ("instance", "pg-0:9187"), ("datname", "app"), ("queryid", "42"), ("user", "app")),
                S("pg_stat_statements_calls_total", Counter(60), ("instance", "pg-0:9187"), ("datname", "app"), ("queryid", "42"), ("user", "app")),
                S("pg_up", Gauge(1), ("instance", "pg-1:9187"), ("job", "postgres-exporter")),
                S("pg_stat_database_blks_hit", Counter(600), ("instance", "pg-1:9187"), ("datname", "legacy")),
            ],
            SilentAt(M(30))),
    ];
}
