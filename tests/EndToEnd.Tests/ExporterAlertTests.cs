using System.Globalization;
using Npgsql;
using Observability.EndToEnd.Tests.Harness;
using Observability.Rules.Conventions;
using Observability.Rules.Packs;

namespace Observability.EndToEnd.Tests;

/// <summary>
/// Real faults in real PostgreSQL and Redis servers, seen by the real exporters: each fires its alert in Prometheus
/// and reaches its receiver, and recovery resolves it. The thresholds are the platform's defaults; only the
/// <c>for</c> durations are scaled down (Pulumi.e2e.yaml).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ExporterAlertTests
{
    private const string Shop = "shop";

    [Fact]
    public async Task Connections_held_above_90_percent_of_max_connections_fire_HighDatabaseConnections_and_closing_them_resolves_it()
    {
        const int maxConnections = 30;
        await using var data = await DataServices.StartAsync(new DataServicesOptions
        {
            Postgres = true,
            PostgresSettings = new Dictionary<string, string> { ["max_connections"] = maxConnections.ToString(CultureInfo.InvariantCulture) },
        });
        await using var stack = await LiveStack.StartAsync(apiInstances: 1, (_, api) => api.Healthy(), data.ScrapeJobs);
        var instance = data.PostgresExporter!.Target;
        await Expect.AllRulesHealthy(stack);

        // Open client connections (idle, as a leaking pool leaves them) until 28 of the 30 slots are taken, the
        // exporter's own included; two stay free so that the exporter can still reconnect.
        var held = new List<NpgsqlConnection>();
        try
        {
            while (await ClientBackends(data.Postgres!) < maxConnections - 2)
                held.Add(await data.Postgres!.OpenAsync());

            var firing = await Expect.Firing(stack, PostgresRules.HighDatabaseConnections.Name, a => a.Labels.GetValueOrDefault("instance") == instance);
            Assert.Equal("warning", firing.Labels["severity"]);
            Assert.InRange(PrometheusApi.ParseSample(firing.Value), 0.9 + 1e-9, 1.0);
            Assert.Contains($"of max_connections are in use on {instance}", firing.Annotations["description"], StringComparison.Ordinal);
            await Expect.SlackMessage(stack, TestStack.SlackWarningPath, PostgresRules.HighDatabaseConnections.Name, "FIRING");
        }
        finally
        {
            foreach (var connection in held)
                await connection.DisposeAsync();
        }

        await Expect.Resolved(stack, PostgresRules.HighDatabaseConnections.Name);
        await Expect.SlackMessage(stack, TestStack.SlackWarningPath, PostgresRules.HighDatabaseConnections.Name, "RESOLVED");
        var ratio = Assert.Single(await stack.Prometheus.Api.QueryAsync(RecordNames.PostgresConnectionUtilisation));
        Assert.True(ratio.Value < 0.5, $"after closing the connections the utilisation is {ratio.Value}");
    }

    [Fact]
    public async Task A_stopped_PostgreSQL_fires_DatabaseDown_not_ServiceDown_and_pages_then_resolves_when_it_is_back()
    {
        await using var data = await DataServices.StartAsync(new DataServicesOptions { Postgres = true });
        await using var stack = await LiveStack.StartAsync(apiInstances: 1, (_, api) => api.Healthy(), data.ScrapeJobs);
        var instance = data.PostgresExporter!.Target;
        await Expect.AllRulesHealthy(stack);
        await Eventually.UntilTrue("pg_up 1", Expect.Notification, async () => await Value(stack, $"{PostgresExporterMetrics.Up}{{instance=\"{instance}\"}}") == 1);

        await data.Postgres!.StopAsync();

        var down = await Expect.Firing(stack, PostgresRules.DatabaseDown.Name, a => a.Labels.GetValueOrDefault("instance") == instance);
        Assert.Equal("critical", down.Labels["severity"]);
        Assert.Equal(PostgresExporterMetrics.Exporter.Job, down.Labels["job"]);
        var page = await Expect.PagerDutyEvent(stack, PostgresRules.DatabaseDown.Name, "trigger");
        Assert.Contains($" - instance = {instance}\n", page.Payload!.Detail("firing"), StringComparison.Ordinal);
        // The exporter itself still answers: one fault, one alert (no ServiceDown for the exporter's target).
        Assert.Equal(1, await Value(stack, $"up{{job=\"{PostgresExporterMetrics.Exporter.Job}\"}}"));
        Assert.DoesNotContain(await stack.Prometheus.Api.AlertsAsync(), a => a.Name == HttpRules.ServiceDown.Name);

        await data.Postgres.StartAsync();

        await Expect.Resolved(stack, PostgresRules.DatabaseDown.Name);
        var resolved = await Expect.PagerDutyEvent(stack, PostgresRules.DatabaseDown.Name, "resolve");
        Assert.Equal(page.DedupKey, resolved.DedupKey);
        Assert.Equal(1, await Value(stack, $"{PostgresExporterMetrics.Up}{{instance=\"{instance}\"}}"));
    }

    [Fact]
    public async Task Redis_filled_to_maxmemory_fires_RedisHighMemory_and_the_same_data_without_maxmemory_never_does()
    {
        await using var data = await DataServices.StartAsync(new DataServicesOptions { RedisMaxMemory = ["4mb", "0"] });
        await using var stack = await LiveStack.StartAsync(apiInstances: 1, (_, api) => api.Healthy(), data.ScrapeJobs);
        var (limited, limitedExporter) = data.Redis[0];
        var (unlimited, unlimitedExporter) = data.Redis[1];
        await Expect.AllRulesHealthy(stack);

        // 100 KiB values until the limited Redis uses 95% of its maxmemory (noeviction: a write past it fails);
        // the unlimited one gets exactly the same keys.
        var value = new string('x', 100 * 1024);
        for (var i = 0; await MemoryRatio(limited) < 0.95; i++)
        {
            Assert.True(i < 200, "Redis never reached 95% of maxmemory");
            await limited.CommandAsync("SET", $"key:{i}", value);
            await unlimited.CommandAsync("SET", $"key:{i}", value);
        }

        var high = await Expect.Firing(stack, RedisRules.RedisHighMemory.Name, a => a.Labels.GetValueOrDefault("instance") == limitedExporter.Target);
        Assert.Equal("warning", high.Labels["severity"]);
        Assert.InRange(PrometheusApi.ParseSample(high.Value), 0.9 + 1e-9, 1.0);
        await Expect.SlackMessage(stack, TestStack.SlackWarningPath, RedisRules.RedisHighMemory.Name, "FIRING");

        // maxmemory 0 (unlimited) is exported as redis_memory_max_bytes 0: no ratio, no alert, though it holds as much.
        Assert.Equal(0, await Value(stack, $"{RedisExporterMetrics.MemoryMax}{{instance=\"{unlimitedExporter.Target}\"}}"));
        Assert.True(await Value(stack, $"{RedisExporterMetrics.MemoryUsed}{{instance=\"{unlimitedExporter.Target}\"}}") > 3_000_000);
        Assert.Empty(await stack.Prometheus.Api.QueryAsync($"{RecordNames.RedisMemoryUtilisation}{{instance=\"{unlimitedExporter.Target}\"}}"));

        await limited.CommandAsync("FLUSHALL");

        await Expect.Resolved(stack, RedisRules.RedisHighMemory.Name);
        await Expect.SlackMessage(stack, TestStack.SlackWarningPath, RedisRules.RedisHighMemory.Name, "RESOLVED");
        // Over the whole test, never pending or firing for the unlimited instance.
        Assert.Empty(await stack.Prometheus.Api.QueryAsync(
            $"max_over_time(ALERTS{{alertname=\"{RedisRules.RedisHighMemory.Name}\", instance=\"{unlimitedExporter.Target}\"}}[10m])"));
    }

    [Fact]
    public async Task A_stopped_Redis_fires_RedisDown_and_pages_then_resolves_when_it_is_back()
    {
        await using var data = await DataServices.StartAsync(new DataServicesOptions { RedisMaxMemory = ["0"] });
        await using var stack = await LiveStack.StartAsync(apiInstances: 1, (_, api) => api.Healthy(), data.ScrapeJobs);
        var (redis, exporter) = data.Redis[0];
        await Expect.AllRulesHealthy(stack);
        await Eventually.UntilTrue("redis_up 1", Expect.Notification, async () => await Value(stack, $"{RedisExporterMetrics.Up}{{instance=\"{exporter.Target}\"}}") == 1);

        await redis.StopAsync();

        var down = await Expect.Firing(stack, RedisRules.RedisDown.Name, a => a.Labels.GetValueOrDefault("instance") == exporter.Target);
        Assert.Equal("critical", down.Labels["severity"]);
        var page = await Expect.PagerDutyEvent(stack, RedisRules.RedisDown.Name, "trigger");
        Assert.Contains($" - instance = {exporter.Target}\n", page.Payload!.Detail("firing"), StringComparison.Ordinal);
        Assert.DoesNotContain(await stack.Prometheus.Api.AlertsAsync(), a => a.Name == HttpRules.ServiceDown.Name);

        await redis.StartAsync();

        await Expect.Resolved(stack, RedisRules.RedisDown.Name);
        Assert.Equal(page.DedupKey, (await Expect.PagerDutyEvent(stack, RedisRules.RedisDown.Name, "resolve")).DedupKey);
    }

    [Fact]
    public async Task Reads_that_miss_a_small_buffer_cache_fire_LowDatabaseCacheHitRatio_and_cached_reads_resolve_it()
    {
        // shared_buffers of 4 MB (512 pages) and a 16 MB table: each scan reads the table through a small ring of buffers
        // (bulk read), so every page is read again, from the OS page cache (fast on loopback, but a miss for PostgreSQL:
        // blks_read). That is the real fault behind the alert: a working set larger than the buffer cache.
        await using var data = await DataServices.StartAsync(new DataServicesOptions
        {
            Postgres = true,
            PostgresSettings = new Dictionary<string, string> { ["shared_buffers"] = "4MB" },
        });
        await using var stack = await LiveStack.StartAsync(apiInstances: 1, (_, api) => api.Healthy(), data.ScrapeJobs);
        var postgres = data.Postgres!;
        var instance = data.PostgresExporter!.Target;
        await postgres.ExecuteAsync($"CREATE DATABASE {Shop}");
        await postgres.ExecuteAsync("CREATE TABLE orders AS SELECT g AS id, repeat('x', 500) AS payload FROM generate_series(1, 30000) g", Shop);
        await postgres.ExecuteAsync("CREATE TABLE products AS SELECT g AS id, repeat('y', 700) AS name FROM generate_series(1, 1000) g", Shop);
        await postgres.ExecuteAsync("VACUUM ANALYZE", Shop);
        await Expect.AllRulesHealthy(stack);

        using (var misses = new CancellationTokenSource())
        {
            var workload = Loop(postgres, "SELECT count(*) FROM orders", TimeSpan.FromSeconds(1), misses.Token);
            var low = await Expect.Firing(stack, PostgresRules.LowDatabaseCacheHitRatio.Name,
                a => a.Labels.GetValueOrDefault("instance") == instance && a.Labels.GetValueOrDefault("datname") == Shop);
            Assert.Equal("warning", low.Labels["severity"]);
            Assert.True(PrometheusApi.ParseSample(low.Value) < 0.9, $"ratio {low.Value}");
            Assert.Contains($"block reads of {Shop} on {instance} hit the buffer cache", low.Annotations["description"], StringComparison.Ordinal);
            await Expect.SlackMessage(stack, TestStack.SlackWarningPath, PostgresRules.LowDatabaseCacheHitRatio.Name, "FIRING");
            await misses.CancelAsync();
            await workload;
        }

        // Recovery: a small table (~90 pages: fits the cache, and below a quarter of shared_buffers, so read without a
        // ring) read over and over outweighs the misses in the 5m window.
        var ratio = $"{RecordNames.PostgresCacheHitRatio}{{instance=\"{instance}\", datname=\"{Shop}\"}}";
        await Eventually.UntilTrue($"{ratio} above 0.9 after cached reads", Expect.Notification, async () =>
        {
            await postgres.ExecuteAsync("DO $$ BEGIN FOR i IN 1..2000 LOOP PERFORM count(*) FROM products; END LOOP; END $$", Shop);
            return await Value(stack, ratio) > 0.9;
        });
        await Expect.Resolved(stack, PostgresRules.LowDatabaseCacheHitRatio.Name,
            a => a.Labels.GetValueOrDefault("instance") == instance && a.Labels.GetValueOrDefault("datname") == Shop);
        // pg_stat_database's row for shared catalogs (datname "") is no database: it never has a ratio or an alert.
        Assert.Empty(await stack.Prometheus.Api.QueryAsync($"{RecordNames.PostgresCacheHitRatio}{{datname=\"\"}}"));
        Assert.Empty(await stack.Prometheus.Api.QueryAsync(
            $"max_over_time(ALERTS{{alertname=\"{PostgresRules.LowDatabaseCacheHitRatio.Name}\", datname=\"\"}}[10m])"));
    }

    [Fact]
    public async Task Statements_slower_than_half_a_second_fire_SlowDatabaseQueries_from_pg_stat_statements_and_fast_ones_resolve_it()
    {
        await using var data = await DataServices.StartAsync(new DataServicesOptions { Postgres = true });
        await using var stack = await LiveStack.StartAsync(apiInstances: 1, (_, api) => api.Healthy(), data.ScrapeJobs);
        var postgres = data.Postgres!;
        var instance = data.PostgresExporter!.Target;
        await postgres.ExecuteAsync($"CREATE DATABASE {Shop}");
        await Expect.AllRulesHealthy(stack);

        using (var slow = new CancellationTokenSource())
        {
            var workload = Loop(postgres, "SELECT pg_sleep(0.8)", TimeSpan.Zero, slow.Token);
            var firing = await Expect.Firing(stack, PostgresRules.SlowDatabaseQueries.Name,
                a => a.Labels.GetValueOrDefault("instance") == instance && a.Labels.GetValueOrDefault("datname") == Shop);
            Assert.Equal("warning", firing.Labels["severity"]);
            Assert.InRange(PrometheusApi.ParseSample(firing.Value), 0.5, 1.0);
            await slow.CancelAsync();
            await workload;
        }

        await Expect.SlackMessage(stack, TestStack.SlackWarningPath, PostgresRules.SlowDatabaseQueries.Name, "FIRING");

        // Recovery: thousands of fast statements bring the mean far below the threshold.
        var mean = $"{RecordNames.PostgresMeanQueryTime}{{instance=\"{instance}\", datname=\"{Shop}\"}}";
        await using (var connection = await postgres.OpenAsync(Shop))
        {
            await Eventually.UntilTrue($"{mean} below 0.5s after fast statements", Expect.Notification, async () =>
            {
                for (var i = 0; i < 1000; i++)
                {
                    await using var command = new NpgsqlCommand("SELECT count(*) FROM generate_series(1, 1000)", connection);
                    await command.ExecuteScalarAsync();
                }

                return await Value(stack, mean) < 0.5;
            });
        }

        await Expect.Resolved(stack, PostgresRules.SlowDatabaseQueries.Name);
        await Expect.SlackMessage(stack, TestStack.SlackWarningPath, PostgresRules.SlowDatabaseQueries.Name, "RESOLVED");
    }

    /// <summary>Client backends connected now (what max_connections limits, the exporter's own included).</summary>
    private static async Task<long> ClientBackends(PostgresServer postgres)
    {
        await using var connection = await postgres.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Runs <paramref name="sql"/> in the shop database on one connection until cancelled.</summary>
    private static async Task Loop(PostgresServer postgres, string sql, TimeSpan pause, CancellationToken cancel)
    {
        await using var connection = await postgres.OpenAsync(Shop);
        while (!cancel.IsCancellationRequested)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteScalarAsync(CancellationToken.None);
            if (pause > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(pause, cancel);
                }
                catch (TaskCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static async Task<double> MemoryRatio(RedisServer redis)
    {
        var info = await redis.CommandAsync("INFO", "memory") ?? "";
        double Field(string name) => double.Parse(
            info.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..],
            CultureInfo.InvariantCulture);
        return Field("used_memory") / Field("maxmemory");
    }

    /// <summary>The value of a query that returns one series (NaN when it returns none).</summary>
    private static async Task<double> Value(LiveStack stack, string promql)
    {
        var result = await stack.Prometheus.Api.QueryAsync(promql);
        return result.Count == 1 ? result[0].Value : double.NaN;
    }
}
