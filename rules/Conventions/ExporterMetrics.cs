using System.Collections.Immutable;

namespace Observability.Rules.Conventions;

/// <summary>A counter or a gauge, as the exporter declares it.</summary>
public enum ExporterMetricType
{
    Counter,
    Gauge,
}

/// <summary>
/// A standard exporter the platform deploys: the version the stack runs and the Debian package the end-to-end tests
/// run in its place (the metric table below was checked against both).
/// </summary>
public sealed record ExporterInfo
{
    /// <summary>The scrape job's name (<c>job</c> label), which is also the name of its Deployment and Service.</summary>
    public required string Job { get; init; }

    /// <summary>The upstream repository whose source the table was checked in (owner/name on GitHub).</summary>
    public required string Repository { get; init; }

    /// <summary>The version the stack deploys (a git tag of <see cref="Repository"/>).</summary>
    public required string DeployedVersion { get; init; }

    /// <summary>The container image the stack deploys itself; null where a chart deploys the exporter.</summary>
    public string? Image { get; init; }

    /// <summary>How the deployed version is chosen when the stack does not pin an image (e.g. a chart's appVersion).</summary>
    public string? DeployedBy { get; init; }

    public required string DebianPackage { get; init; }

    /// <summary>The Debian package's upstream version the table was checked against.</summary>
    public required string DebianVersion { get; init; }
}

/// <summary>
/// One metric the rule packs or dashboards read: its name, type and labels (besides <c>job</c> and <c>instance</c>,
/// which Prometheus adds) at the deployed version, where it is defined upstream, and how Debian's older exporter
/// differs. The end-to-end tests prove every entry against Debian's exporters; the differences are handled there.
/// </summary>
public sealed record ExporterMetric
{
    public required ExporterInfo Exporter { get; init; }

    public required string Name { get; init; }

    public required ExporterMetricType Type { get; init; }

    /// <summary>Labels at <see cref="ExporterInfo.DeployedVersion"/>.</summary>
    public required ImmutableArray<string> Labels { get; init; }

    /// <summary>Labels at <see cref="ExporterInfo.DebianVersion"/>; default: the same as <see cref="Labels"/>.</summary>
    public ImmutableArray<string>? DebianLabels { get; init; }

    /// <summary>The file at the deployed tag that defines it.</summary>
    public required string Source { get; init; }

    /// <summary>What must be configured for the series to exist at all (null: always there).</summary>
    public string? Requires { get; init; }

    /// <summary>False when Debian's version does not have the metric (the harness then supplies it the deployed way).</summary>
    public bool InDebian { get; init; } = true;

    /// <summary>How the difference between the two versions is handled, when there is one.</summary>
    public string? Difference { get; init; }

    public ImmutableArray<string> LabelsAt(bool debian) => debian ? DebianLabels ?? Labels : Labels;
}

/// <summary>postgres-exporter (prometheus-community/postgres_exporter).</summary>
public static class PostgresExporterMetrics
{
    public static ExporterInfo Exporter { get; } = new()
    {
        Job = "postgres-exporter",
        Repository = "prometheus-community/postgres_exporter",
        DeployedVersion = "v0.17.1",
        Image = "quay.io/prometheuscommunity/postgres-exporter:v0.17.1",
        DebianPackage = "prometheus-postgres-exporter",
        DebianVersion = "0.11.1",
    };

    /// <summary>The exporter flag that turns on the <c>stat_statements</c> collector (off by default upstream since it was added in 0.12).</summary>
    public const string StatStatementsFlag = "--collector.stat_statements";

    public const string Up = "pg_up";
    public const string ActivityCount = "pg_stat_activity_count";
    public const string ActivityMaxTxDuration = "pg_stat_activity_max_tx_duration";
    public const string MaxConnections = "pg_settings_max_connections";
    public const string DatabaseSize = "pg_database_size_bytes";
    public const string BlocksHit = "pg_stat_database_blks_hit";
    public const string BlocksRead = "pg_stat_database_blks_read";
    public const string Commits = "pg_stat_database_xact_commit";
    public const string Rollbacks = "pg_stat_database_xact_rollback";
    public const string Deadlocks = "pg_stat_database_deadlocks";
    public const string Backends = "pg_stat_database_numbackends";
    public const string StatementCalls = "pg_stat_statements_calls_total";
    public const string StatementSeconds = "pg_stat_statements_seconds_total";

    private const string BuiltinMaps = "cmd/postgres_exporter/postgres_exporter.go (builtin metric map), cmd/postgres_exporter/queries.go";
    private const string ServerLabel =
        "Debian's version adds a constant server label (host:port of the DSN) to every collector metric; no rule or panel reads it.";
    private const string StatStatementsRequires =
        "the pg_stat_statements extension (shared_preload_libraries and CREATE EXTENSION in the exporter's database) and the exporter flag " +
        StatStatementsFlag;

    private static readonly ImmutableArray<string> ActivityLabels =
        ["server", "datname", "state", "usename", "application_name", "backend_type", "wait_event_type", "wait_event"];

    public static ImmutableArray<ExporterMetric> All { get; } =
    [
        M(Up, ExporterMetricType.Gauge, [], "cmd/postgres_exporter/postgres_exporter.go"),
        M(ActivityCount, ExporterMetricType.Gauge, ActivityLabels, BuiltinMaps) with
        {
            DebianLabels = ["server", "datname", "state"],
            Difference = "0.17 also groups by usename, application_name, backend_type and wait_event(_type); the rules and panels sum over them, so both versions give the same totals.",
        },
        M(ActivityMaxTxDuration, ExporterMetricType.Gauge, ActivityLabels, BuiltinMaps) with { DebianLabels = ["server", "datname", "state"] },
        M(MaxConnections, ExporterMetricType.Gauge, ["server"], "cmd/postgres_exporter/pg_setting.go"),
        M(DatabaseSize, ExporterMetricType.Gauge, ["datname"], "collector/pg_database.go") with
        {
            DebianLabels = ["datname", "server"],
            Difference = ServerLabel,
        },
        M(BlocksHit, ExporterMetricType.Counter, ["datid", "datname"], "collector/pg_stat_database.go") with
        {
            DebianLabels = ["datid", "datname", "server"],
            Difference = "Debian's version serves it from its builtin map with the server label; 0.17 from the stat_database collector.",
        },
        M(BlocksRead, ExporterMetricType.Counter, ["datid", "datname"], "collector/pg_stat_database.go") with { DebianLabels = ["datid", "datname", "server"] },
        M(Commits, ExporterMetricType.Counter, ["datid", "datname"], "collector/pg_stat_database.go") with { DebianLabels = ["datid", "datname", "server"] },
        M(Rollbacks, ExporterMetricType.Counter, ["datid", "datname"], "collector/pg_stat_database.go") with { DebianLabels = ["datid", "datname", "server"] },
        M(Deadlocks, ExporterMetricType.Counter, ["datid", "datname"], "collector/pg_stat_database.go") with { DebianLabels = ["datid", "datname", "server"] },
        M(Backends, ExporterMetricType.Gauge, ["datid", "datname"], "collector/pg_stat_database.go") with { DebianLabels = ["datid", "datname", "server"] },
        M(StatementCalls, ExporterMetricType.Counter, ["user", "datname", "queryid"], "collector/pg_stat_statements.go") with
        {
            Requires = StatStatementsRequires,
            InDebian = false,
            DebianLabels = ["user", "datname", "queryid", "server"],
            Difference =
                "Debian's 0.11.1 has no stat_statements collector: the end-to-end harness gives it the collector's own query (top 100 statements by total time, " +
                "above the 10th percentile) as a user query file (--extend.query-path), which yields the same names and labels plus server.",
        },
        M(StatementSeconds, ExporterMetricType.Counter, ["user", "datname", "queryid"], "collector/pg_stat_statements.go") with
        {
            Requires = StatStatementsRequires,
            InDebian = false,
            DebianLabels = ["user", "datname", "queryid", "server"],
        },
    ];

    private static ExporterMetric M(string name, ExporterMetricType type, ImmutableArray<string> labels, string source) =>
        new() { Exporter = Exporter, Name = name, Type = type, Labels = labels, Source = source };
}

/// <summary>redis_exporter (oliver006/redis_exporter).</summary>
public static class RedisExporterMetrics
{
    public static ExporterInfo Exporter { get; } = new()
    {
        Job = "redis-exporter",
        Repository = "oliver006/redis_exporter",
        DeployedVersion = "v1.74.0",
        Image = "quay.io/oliver006/redis_exporter:v1.74.0",
        DebianPackage = "prometheus-redis-exporter",
        DebianVersion = "1.45.0",
    };

    public const string Up = "redis_up";
    public const string ConnectedClients = "redis_connected_clients";
    public const string BlockedClients = "redis_blocked_clients";
    public const string MaxClients = "redis_config_maxclients";
    public const string MemoryUsed = "redis_memory_used_bytes";
    public const string MemoryMax = "redis_memory_max_bytes";
    public const string CommandsProcessed = "redis_commands_processed_total";
    public const string Commands = "redis_commands_total";
    public const string CommandsDuration = "redis_commands_duration_seconds_total";
    public const string KeyspaceHits = "redis_keyspace_hits_total";
    public const string KeyspaceMisses = "redis_keyspace_misses_total";
    public const string EvictedKeys = "redis_evicted_keys_total";
    public const string ExpiredKeys = "redis_expired_keys_total";
    public const string DbKeys = "redis_db_keys";
    public const string RejectedConnections = "redis_rejected_connections_total";
    public const string Uptime = "redis_uptime_in_seconds";

    private const string InfoMap = "exporter/exporter.go (INFO field map)";

    public static ImmutableArray<ExporterMetric> All { get; } =
    [
        M(Up, ExporterMetricType.Gauge, [], "exporter/exporter.go (Collect: 0 when Redis cannot be reached)"),
        M(ConnectedClients, ExporterMetricType.Gauge, [], InfoMap),
        M(BlockedClients, ExporterMetricType.Gauge, [], InfoMap),
        M(MaxClients, ExporterMetricType.Gauge, [], "exporter/exporter.go (CONFIG GET maxclients)") with
        {
            Requires = "the CONFIG command (managed Redis services that disable it have no redis_config_* series)",
        },
        M(MemoryUsed, ExporterMetricType.Gauge, [], InfoMap),
        M(MemoryMax, ExporterMetricType.Gauge, [], InfoMap) with
        {
            Difference = "Present in both versions, and 0 when maxmemory is 0 (unlimited): the memory ratio divides by it only where it is > 0.",
        },
        M(CommandsProcessed, ExporterMetricType.Counter, [], InfoMap),
        M(Commands, ExporterMetricType.Counter, ["cmd"], "exporter/info.go (INFO commandstats)"),
        M(CommandsDuration, ExporterMetricType.Counter, ["cmd"], "exporter/info.go (INFO commandstats)"),
        M(KeyspaceHits, ExporterMetricType.Counter, [], InfoMap),
        M(KeyspaceMisses, ExporterMetricType.Counter, [], InfoMap),
        M(EvictedKeys, ExporterMetricType.Counter, [], InfoMap),
        M(ExpiredKeys, ExporterMetricType.Counter, [], InfoMap),
        M(DbKeys, ExporterMetricType.Gauge, ["db"], "exporter/info.go (INFO keyspace; db is \"db0\", \"db1\", ...)"),
        M(RejectedConnections, ExporterMetricType.Counter, [], InfoMap),
        M(Uptime, ExporterMetricType.Gauge, [], InfoMap),
    ];

    private static ExporterMetric M(string name, ExporterMetricType type, ImmutableArray<string> labels, string source) =>
        new() { Exporter = Exporter, Name = name, Type = type, Labels = labels, Source = source };
}

/// <summary>node-exporter (prometheus/node_exporter), deployed by kube-prometheus-stack's prometheus-node-exporter subchart.</summary>
public static class NodeExporterMetrics
{
    public static ExporterInfo Exporter { get; } = new()
    {
        // kube-prometheus-stack sets the job label of its node-exporter ServiceMonitor to "node-exporter".
        Job = "node-exporter",
        Repository = "prometheus/node_exporter",
        DeployedVersion = "v1.12.1",
        DeployedBy = "the prometheus-node-exporter chart 4.56.1 (appVersion 1.12.1), a dependency of kube-prometheus-stack 88.5.3",
        DebianPackage = "prometheus-node-exporter",
        DebianVersion = "1.5.0",
    };

    public const string CpuSeconds = "node_cpu_seconds_total";
    public const string MemoryTotal = "node_memory_MemTotal_bytes";
    public const string MemoryAvailable = "node_memory_MemAvailable_bytes";
    public const string FilesystemAvailable = "node_filesystem_avail_bytes";
    public const string FilesystemSize = "node_filesystem_size_bytes";
    public const string NetworkReceiveBytes = "node_network_receive_bytes_total";
    public const string NetworkTransmitBytes = "node_network_transmit_bytes_total";
    public const string NetworkReceiveErrors = "node_network_receive_errs_total";
    public const string NetworkTransmitErrors = "node_network_transmit_errs_total";
    public const string Load1 = "node_load1";
    public const string Load5 = "node_load5";
    public const string Load15 = "node_load15";
    public const string DiskIoTime = "node_disk_io_time_seconds_total";
    public const string DiskReadBytes = "node_disk_read_bytes_total";
    public const string DiskWrittenBytes = "node_disk_written_bytes_total";
    public const string UnameInfo = "node_uname_info";
    public const string BootTime = "node_boot_time_seconds";
    public const string Time = "node_time_seconds";

    private static readonly ImmutableArray<string> FilesystemLabels = ["device", "mountpoint", "fstype", "device_error"];

    public static ImmutableArray<ExporterMetric> All { get; } =
    [
        M(CpuSeconds, ExporterMetricType.Counter, ["cpu", "mode"], "collector/cpu_common.go"),
        M(MemoryTotal, ExporterMetricType.Gauge, [], "collector/meminfo.go (/proc/meminfo MemTotal)"),
        M(MemoryAvailable, ExporterMetricType.Gauge, [], "collector/meminfo.go (/proc/meminfo MemAvailable)"),
        M(FilesystemAvailable, ExporterMetricType.Gauge, FilesystemLabels, "collector/filesystem_common.go") with
        {
            DebianLabels = ["device", "mountpoint", "fstype"],
            Difference =
                "1.12 adds device_error (empty on a healthy mount; a mount whose statfs fails has no avail/size series at all). " +
                "The ratio aggregates by instance, device and mountpoint, so both versions match one-to-one.",
        },
        M(FilesystemSize, ExporterMetricType.Gauge, FilesystemLabels, "collector/filesystem_common.go") with { DebianLabels = ["device", "mountpoint", "fstype"] },
        M(NetworkReceiveBytes, ExporterMetricType.Counter, ["device"], "collector/netdev_common.go"),
        M(NetworkTransmitBytes, ExporterMetricType.Counter, ["device"], "collector/netdev_common.go"),
        M(NetworkReceiveErrors, ExporterMetricType.Counter, ["device"], "collector/netdev_common.go"),
        M(NetworkTransmitErrors, ExporterMetricType.Counter, ["device"], "collector/netdev_common.go"),
        M(Load1, ExporterMetricType.Gauge, [], "collector/loadavg.go"),
        M(Load5, ExporterMetricType.Gauge, [], "collector/loadavg.go"),
        M(Load15, ExporterMetricType.Gauge, [], "collector/loadavg.go"),
        M(DiskIoTime, ExporterMetricType.Counter, ["device"], "collector/diskstats_linux.go"),
        M(DiskReadBytes, ExporterMetricType.Counter, ["device"], "collector/diskstats_linux.go"),
        M(DiskWrittenBytes, ExporterMetricType.Counter, ["device"], "collector/diskstats_linux.go"),
        M(UnameInfo, ExporterMetricType.Gauge, ["sysname", "release", "version", "machine", "nodename", "domainname"], "collector/uname.go"),
        M(BootTime, ExporterMetricType.Gauge, [], "collector/stat_linux.go"),
        M(Time, ExporterMetricType.Gauge, [], "collector/time.go"),
    ];

    private static ExporterMetric M(string name, ExporterMetricType type, ImmutableArray<string> labels, string source) =>
        new() { Exporter = Exporter, Name = name, Type = type, Labels = labels, Source = source };
}

/// <summary>
/// The metric catalogue of the standard exporters: the single list the rule conventions, the dashboards' metric
/// cross-check (<c>MetricCatalogue</c>) and the end-to-end tests against the real exporters read.
/// </summary>
public static class ExporterMetrics
{
    public static ImmutableArray<ExporterInfo> Exporters { get; } =
        [PostgresExporterMetrics.Exporter, RedisExporterMetrics.Exporter, NodeExporterMetrics.Exporter];

    public static ImmutableArray<ExporterMetric> All { get; } =
        [.. PostgresExporterMetrics.All, .. RedisExporterMetrics.All, .. NodeExporterMetrics.All];

    private static readonly Dictionary<string, ExporterMetric> ByName = All.ToDictionary(m => m.Name, StringComparer.Ordinal);

    public static ExporterMetric? Find(string name) => ByName.GetValueOrDefault(name);
}
