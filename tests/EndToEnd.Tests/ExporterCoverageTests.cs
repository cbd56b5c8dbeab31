using Observability.Dashboards.Metrics;
using Observability.EndToEnd.Tests.Harness;
using Observability.Rules.Conventions;
using Observability.Rules.Packs;
using Observability.Stacks.Composition;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Observability.EndToEnd.Tests;

/// <summary>
/// The PostgreSQL, Redis and node rule packs and the Database Performance, Redis and System Health dashboards,
/// against the real exporters (Debian's postgresql, redis-server and prometheus-*-exporter on 127.0.0.1): every
/// recording rule, alert expression and dashboard query must return at least one series with the labels it uses.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ExporterCoverageTests(ITestOutputHelper output)
{
    private static readonly string[] Groups = [PostgresRules.GroupName, RedisRules.GroupName, NodeRules.GroupName];

    private static readonly string[] DashboardUidsProven = [DashboardUids.DatabasePerformance, DashboardUids.Redis, DashboardUids.SystemHealth];

    /// <summary>Sources no process on this machine can be: they need a Kubernetes API server and kubelets.</summary>
    private static readonly string[] ClusterOnlySources = ["kube-state-metrics", "cadvisor"];

    private static readonly TimeSpan FedWithin = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_postgres_redis_and_node_rule_and_every_query_of_their_dashboards_is_fed_by_the_real_exporters_and_a_misnamed_one_is_reported()
    {
        await using var data = await DataServices.StartAsync(new DataServicesOptions
        {
            Postgres = true,
            // One Redis with maxmemory (the memory ratio exists) and one without (it must not: see ExporterAlertTests).
            RedisMaxMemory = ["64mb", "0"],
            Node = true,
        });
        await using var stack = await LiveStack.StartAsync(apiInstances: 1, (_, api) => api.Healthy().DatabaseClient(), data.ScrapeJobs);
        await Expect.AllRulesHealthy(stack);
        await SomeTraffic(data);

        var rules = await FedQueries.RulesAsync(stack.Prometheus.Api, Groups);
        foreach (var group in Groups)
            Assert.Contains(rules, q => q.Path.StartsWith($"group \"{group}\"", StringComparison.Ordinal));
        var dashboards = DashboardUidsProven.SelectMany(uid => FedQueries.Dashboard(stack.Rendered, uid)).ToList();
        // The rendered JSON yields exactly the queries of the typed dashboards (variables, annotations, every target).
        var typed = DashboardComposition.Build(stack.Settings, "http://grafana.invalid", SloComposition.Definitions(stack.Settings))
            .Where(d => DashboardUidsProven.Contains(d.Uid)).SelectMany(MetricCatalogue.PromQueries).Select(q => q.Path);
        Assert.Equal(typed.Order(StringComparer.Ordinal), dashboards.Select(q => q.Path).Order(StringComparer.Ordinal));

        // Which source feeds each metric: the catalogue (exporters, platform, Prometheus) plus the loaded recording rules.
        var sources = MetricCatalogue.Create([], []).Sources;
        // The chart's node-exporter.rules group (loaded as the chart deploys it) records the node series the System Health dashboard reads.
        var chartRules = await FedQueries.RulesAsync(stack.Prometheus.Api, ["node-exporter.rules"]);
        var recorded = rules.Concat(chartRules).Where(q => q.Path.Contains(", record ", StringComparison.Ordinal)).Select(q => q.Expr).ToHashSet(StringComparer.Ordinal);
        string SourceOf(string metric) =>
            recorded.Contains(metric) ? MetricCatalogue.RecordingRulesSource
            : sources.TryGetValue(metric, out var source) ? source
            : throw new XunitException($"{metric} is in no catalogue source and no loaded recording rule.");

        var clusterOnly = dashboards.Where(q => q.Metrics.Any(m => ClusterOnlySources.Contains(SourceOf(m)))).ToList();
        var proven = rules.Concat(dashboards.Except(clusterOnly)).ToList();
        // Only queries of kube-state-metrics or cAdvisor metrics are left out, and none of them mixes in an exporter's metric.
        Assert.All(clusterOnly, q => Assert.All(q.Metrics, m => Assert.Contains(SourceOf(m), ClusterOnlySources.Append("prometheus"))));
        Assert.All(proven, q => Assert.NotEmpty(q.Metrics));

        IReadOnlyList<string> problems = [];
        try
        {
            await Eventually.UntilTrue($"every one of {proven.Count} rule and dashboard queries to return a series with its labels", FedWithin,
                async () => (problems = await FedQueries.UnfedAsync(stack.Prometheus.Api, proven)).Count == 0,
                () => string.Join('\n', problems));
        }
        catch (XunitException)
        {
            Assert.Fail($"{problems.Count} of {proven.Count} queries are not fed by the real exporters ({Versions()}):\n" + string.Join('\n', problems));
        }

        // The check can fail, and says what the exporter has instead: a misnamed metric and a label the query lacks.
        // The names older postgres_exporter user-query files gave pg_stat_statements (calls, total_time_seconds).
        var misnamed = new FedQuery("dashboard \"x\", row \"r\", panel \"p\", query A",
            "sum by (instance) (rate(pg_stat_statements_total_time_seconds[5m]))", ["instance"]);
        var unlabelled = new FedQuery("group \"g\", alert \"A\"", $"sum({PostgresExporterMetrics.Up})", ["instance"]);
        var reported = await FedQueries.UnfedAsync(stack.Prometheus.Api, [misnamed, unlabelled]);

        Assert.Equal(2, reported.Count);
        Assert.StartsWith("dashboard \"x\", row \"r\", panel \"p\", query A: ", reported[0], StringComparison.Ordinal);
        Assert.Contains("returned no series", reported[0], StringComparison.Ordinal);
        Assert.Contains("pg_stat_statements_total_time_seconds: no series; closest names Prometheus has: pg_stat_statements_seconds_total, ", reported[0], StringComparison.Ordinal);
        Assert.StartsWith("group \"g\", alert \"A\": ", reported[1], StringComparison.Ordinal);
        Assert.Contains("none with all of the labels it uses (instance)", reported[1], StringComparison.Ordinal);

        // The catalogue's label column for the installed version is what the exporters really attach.
        Assert.Empty(await CatalogueMismatches(stack, data));

        output.WriteLine($"Proven against {Versions()}: {rules.Count} rules, {proven.Count - rules.Count} dashboard queries.");
        output.WriteLine($"Not provable without a Kubernetes cluster ({string.Join(", ", ClusterOnlySources)}): {clusterOnly.Count} queries:");
        foreach (var query in clusterOnly)
            output.WriteLine("  " + query.Path);
    }

    [Theory]
    [InlineData("pg_up == 0", "pg_up == bool 0")]
    [InlineData("instance:pg_connections:ratio > 0.9", "instance:pg_connections:ratio > bool 0.9")]
    [InlineData("sum by (instance) (a) / (sum by (instance) (b) > 0)", "sum by (instance) (a) / (sum by (instance) (b) > 0)")]
    [InlineData("x{a=~\"1|2\", b!=\"c\"} >= 3", "x{a=~\"1|2\", b!=\"c\"} >= bool 3")]
    [InlineData("x < bool 1", "x < bool 1")]
    public void An_alert_expression_is_queried_with_bool_on_its_threshold(string expr, string expected) =>
        Assert.Equal(expected, FedQueries.WithBool(expr));

    /// <summary>Statements, transactions and Redis commands, so counters move and per-command series exist.</summary>
    private static async Task SomeTraffic(DataServices data)
    {
        await data.Postgres!.ExecuteAsync("CREATE TABLE items (id int primary key, name text); INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 1000) g;");
        await data.Postgres.ExecuteAsync("SELECT count(*) FROM items WHERE id < 500");
        foreach (var (server, _) in data.Redis)
        {
            await server.CommandAsync("SET", "greeting", "hello");
            await server.CommandAsync("GET", "greeting");
            await server.CommandAsync("GET", "missing");
        }
    }

    /// <summary>
    /// Every catalogue metric whose series here lack, or add to, the labels the catalogue records for the installed
    /// exporter version (Debian's column, or the deployed one where that version is installed); a version the catalogue
    /// has no column for is a mismatch too (the table must be checked against it first).
    /// </summary>
    private static async Task<IReadOnlyList<string>> CatalogueMismatches(LiveStack stack, DataServices data)
    {
        var installed = new[] { data.PostgresExporter!, data.Redis[0].Exporter, data.Node! };
        var problems = new List<string>();
        foreach (var exporter in installed)
        {
            var info = exporter.Exporter;
            bool? debian = exporter.Version == info.DebianVersion ? true
                : exporter.Version == info.DeployedVersion.TrimStart('v') ? false
                : null;
            if (debian is null)
            {
                problems.Add($"{info.DebianPackage} {exporter.Version} is installed, but the catalogue records labels for {info.DebianVersion} (Debian) " +
                             $"and {info.DeployedVersion} (deployed) only: check its metrics in {info.Repository} at that version and add them");
                continue;
            }

            foreach (var metric in ExporterMetrics.All.Where(m => m.Exporter == info))
            {
                var series = await stack.Prometheus.Api.QueryAsync($"{metric.Name}{{job=\"{info.Job}\"}}");
                if (series.Count == 0)
                {
                    problems.Add($"{metric.Name}: no series from {info.DebianPackage} {exporter.Version}");
                    continue;
                }

                var seen = series.SelectMany(s => s.Labels.Keys).Where(k => k is not ("__name__" or "job" or "instance"))
                    .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                var recorded = metric.LabelsAt(debian.Value).Order(StringComparer.Ordinal).ToList();
                if (!seen.SequenceEqual(recorded, StringComparer.Ordinal))
                {
                    problems.Add($"{metric.Name} from {info.DebianPackage} {exporter.Version}: labels [{string.Join(", ", seen)}], " +
                                 $"the catalogue records [{string.Join(", ", recorded)}]");
                }
            }
        }

        return problems;
    }

    private static string Versions() =>
        string.Join(", ", ExporterMetrics.Exporters.Select(e => $"{e.DebianPackage} (checked against {e.DebianVersion}; deployed {e.DeployedVersion})"));
}
