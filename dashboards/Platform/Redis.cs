using Observability.Rules.Conventions;
using Observability.Rules.Packs;

namespace Observability.Dashboards.Platform;

/// <summary>Redis (redis_exporter): up, memory vs maxmemory, clients, commands, hit ratio, keys, evictions.</summary>
public static class Redis
{
    private const string Instance = "instance=~\"$instance\"";

    public static Dashboard Build(DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Common.Create(DashboardUids.Redis, "Redis",
                "Redis seen from redis_exporter: availability, memory against maxmemory, clients, throughput, cache efficiency and keys.",
                "redis")
            .Variable(Variables.LabelValues("instance", "instance", RedisExporterMetrics.Up, "Instance"))
            .Row("Availability and memory", row => row
                .Panel(Common.UpStat("Redis up", $"{RedisExporterMetrics.Up}{{{Instance}}}", "{{instance}}")
                    .Id(PlatformPanels.RedisUp.PanelId)
                    .Runbooks(options, RedisRules.RedisDown.Name)
                    .Width(6))
                .Panel(Panels.Timeseries("Memory used of maxmemory", Units.PercentUnit)
                    .Id(PlatformPanels.RedisMemory.PanelId)
                    .Description("Absent when maxmemory is 0 (unlimited): then see the memory in bytes.")
                    .Query($"{RecordNames.RedisMemoryUtilisation}{{{Instance}}}", "{{instance}}")
                    .Range(0, 1)
                    .AlertAbove(DashboardOptions.Threshold(options.Rules.Threshold(RedisRules.RedisHighMemory)))
                    .Runbooks(options, RedisRules.RedisHighMemory.Name)
                    .Width(9))
                .Panel(Panels.Timeseries("Memory", Units.Bytes)
                    .Query($"{RedisExporterMetrics.MemoryUsed}{{{Instance}}}", "used {{instance}}")
                    .Query($"{RedisExporterMetrics.MemoryMax}{{{Instance}}} > 0", "max {{instance}}")
                    .Width(9)))
            .Row("Clients and commands", row => row
                .Panel(Panels.Timeseries("Connected clients", Units.Short)
                    .Query($"{RedisExporterMetrics.ConnectedClients}{{{Instance}}}", "clients {{instance}}")
                    .Query($"{RedisExporterMetrics.BlockedClients}{{{Instance}}}", "blocked {{instance}}")
                    .Width(8))
                .Panel(Panels.Timeseries("Commands per second", Units.OpsPerSecond)
                    .Query($"sum by (instance) (rate({RedisExporterMetrics.CommandsProcessed}{{{Instance}}}[$__rate_interval]))", "{{instance}}")
                    .Width(8))
                .Panel(Panels.Timeseries("Mean command time by command", Units.Seconds)
                    .Query(
                        $"sum by (cmd) (rate({RedisExporterMetrics.CommandsDuration}{{{Instance}}}[$__rate_interval]))\n" +
                        $"/\nsum by (cmd) (rate({RedisExporterMetrics.Commands}{{{Instance}}}[$__rate_interval]))",
                        "{{cmd}}")
                    .Width(8)))
            .Row("Keys", row => row
                .Panel(Panels.Timeseries("Keyspace hit ratio", Units.PercentUnit)
                    .Query(
                        $"sum by (instance) (rate({RedisExporterMetrics.KeyspaceHits}{{{Instance}}}[$__rate_interval]))\n" +
                        $"/\n(sum by (instance) (rate({RedisExporterMetrics.KeyspaceHits}{{{Instance}}}[$__rate_interval])) + sum by (instance) (rate({RedisExporterMetrics.KeyspaceMisses}{{{Instance}}}[$__rate_interval])))",
                        "{{instance}}")
                    .Range(0, 1))
                .Panel(Panels.Timeseries("Evicted and expired keys per second", Units.OpsPerSecond)
                    .Query($"sum by (instance) (rate({RedisExporterMetrics.EvictedKeys}{{{Instance}}}[$__rate_interval]))", "evicted {{instance}}")
                    .Query($"sum by (instance) (rate({RedisExporterMetrics.ExpiredKeys}{{{Instance}}}[$__rate_interval]))", "expired {{instance}}"))
                .Panel(Panels.Timeseries("Keys per database", Units.Short)
                    .Query($"sum by (instance, db) ({RedisExporterMetrics.DbKeys}{{{Instance}}})", "{{instance}} {{db}}")));
    }
}
