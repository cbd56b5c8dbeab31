using System.Diagnostics;
using Observability.EndToEnd.Tests.Harness;
using Observability.Rules.Model;
using Observability.Rules.Output;
using Observability.TestSupport;

namespace Observability.EndToEnd.Tests;

/// <summary>The harness on its own: the pieces the scenarios rely on do what they claim.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class HarnessSelfTests
{
    [Fact]
    public async Task The_fixture_exporter_serves_counters_growing_at_the_set_rate_and_refuses_when_stopped()
    {
        await using var exporter = new FixtureExporter();
        exporter.Declare("http_requests_total", "counter", "Requests.")
            .Declare("http_request_duration_seconds", "histogram", "Latency.")
            .SetRate("http_requests_total", Labels.Of(("status", "200"), ("method", "GET")), 1000)
            .SetHistogramRate("http_request_duration_seconds", Labels.Of(("endpoint", "/x")), [0.1, 0.5], 10, 0.3);
        exporter.Start();
        using var http = Loopback.CreateClient();

        var first = await http.GetStringAsync(Loopback.Url(exporter.Port, "/metrics"));
        await Task.Delay(200);
        var second = await http.GetStringAsync(Loopback.Url(exporter.Port, "/metrics"));

        Assert.Contains("# TYPE http_requests_total counter\n", first, StringComparison.Ordinal);
        Assert.Contains("# TYPE http_request_duration_seconds histogram\n", first, StringComparison.Ordinal);
        Assert.Contains("http_request_duration_seconds_bucket{endpoint=\"/x\",le=\"0.1\"} 0\n", second, StringComparison.Ordinal);
        Assert.Contains("http_request_duration_seconds_bucket{endpoint=\"/x\",le=\"+Inf\"} ", second, StringComparison.Ordinal);
        Assert.True(Value(second, "http_requests_total{method=\"GET\",status=\"200\"}") >= Value(first, "http_requests_total{method=\"GET\",status=\"200\"}") + 150);

        await exporter.StopAsync();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(Loopback.Url(exporter.Port, "/metrics")));
    }

    [Fact]
    public async Task PostgreSQL_runs_as_the_postgres_account_when_root_on_loopback_only_and_stops_by_its_pid_with_its_backends()
    {
        using var dir = new TempDir("e2e-harness");
        int pid;
        List<int> children;
        await using var postgres = await PostgresServer.StartAsync(Path.Combine(dir.Path, "postgres"));
        // A client session stays open: the fast shutdown (SIGINT) must end it, where SIGTERM would wait for it.
        await using var connection = await postgres.OpenAsync();
        {
            pid = postgres.Process!.Id;
            // setpriv execs the server: the pid we hold is the postmaster's own, under the service account when we are root.
            Assert.EndsWith("/postgres", File.ReadAllText($"/proc/{pid}/cmdline").Split('\0')[0], StringComparison.Ordinal);
            var uid = File.ReadAllLines($"/proc/{pid}/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            if (Environment.UserName == "root")
                Assert.DoesNotContain("\t0\t", uid, StringComparison.Ordinal);
            await using var query = new Npgsql.NpgsqlCommand("SELECT current_setting('listen_addresses') || '|' || current_setting('unix_socket_directories')", connection);
            Assert.Equal("127.0.0.1|", await query.ExecuteScalarAsync());
            children = ChildrenOf(pid);
            Assert.NotEmpty(children); // checkpointer, walwriter, ..., the client's backend
        }

        await postgres.StopAsync();

        Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid));
        Assert.All(children, child => Assert.False(Directory.Exists($"/proc/{child}") && ParentOf(child) == pid, $"backend {child} outlived the postmaster"));
    }

    private static List<int> ChildrenOf(int pid) =>
        [.. Directory.GetDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var p) ? p : 0).Where(p => p > 0 && ParentOf(p) == pid)];

    /// <summary>The parent pid from <c>/proc/pid/stat</c> (the field after the command name), or 0 when the process is gone.</summary>
    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    [Fact]
    public async Task A_server_is_stopped_by_its_process_id_and_refuses_a_config_that_leaves_loopback()
    {
        using var dir = new TempDir("e2e-harness");
        var alertmanagers = Path.Combine(dir.Path, "alertmanagers.json");
        PrometheusConfig.WriteAlertmanagers(alertmanagers, [Loopback.Address(Loopback.FreePort())]);
        var config = dir.Write("prometheus.yml", new PrometheusConfig
        {
            ScrapeInterval = Duration.Parse("1s"),
            EvaluationInterval = Duration.Parse("1s"),
            RuleFiles = [],
            AlertmanagersFile = alertmanagers,
            ScrapeJobs = [],
        }.ToYaml());
        int pid;
        await using (var prometheus = new PrometheusServer(config, Path.Combine(dir.Path, "data")))
        {
            await prometheus.StartAsync();
            pid = prometheus.Process!.Id;
            Assert.False(Process.GetProcessById(pid).HasExited);
        }

        Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid));

        var offLoopback = YamlText.Serialize(new OrderedDictionary<string, object?>
        {
            ["route"] = new OrderedDictionary<string, object?> { ["receiver"] = "pd" },
            ["receivers"] = new List<object?>
            {
                new OrderedDictionary<string, object?>
                {
                    ["name"] = "pd",
                    ["pagerduty_configs"] = new List<object?> { new OrderedDictionary<string, object?> { ["routing_key_file"] = "/etc/alertmanager/secrets/s/pagerduty-routing-key" } },
                    ["slack_configs"] = new List<object?> { new OrderedDictionary<string, object?> { ["api_url"] = "https://hooks.slack.com/services/T0/B0/x", ["channel"] = "#c" } },
                    ["opsgenie_configs"] = new List<object?> { new OrderedDictionary<string, object?> { ["api_key"] = "k" } },
                },
            },
        });
        var error = Assert.ThrowsAny<Exception>(() => LocalAlertmanagerConfig.Write(offLoopback, dir.Path, new Dictionary<string, string>(), Path.Combine(dir.Path, "am")));
        Assert.Contains("no url (nor global pagerduty_url)", error.Message, StringComparison.Ordinal);
        Assert.Contains("the test gives no value for key \"pagerduty-routing-key\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("$.receivers[0].slack_configs[0].api_url: https://hooks.slack.com/services/T0/B0/x is off 127.0.0.1", error.Message, StringComparison.Ordinal);
        Assert.Contains("$.receivers[0].opsgenie_configs: an integration the local harness cannot keep on 127.0.0.1", error.Message, StringComparison.Ordinal);
    }

    private static double Value(string exposition, string series) =>
        double.Parse(exposition.Split('\n').Single(l => l.StartsWith(series + " ", StringComparison.Ordinal))[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}
