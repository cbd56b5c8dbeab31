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
    public async Task A_server_is_stopped_by_its_process_id_and_refuses_a_config_that_leaves_loopback()
    {
        using var dir = new TempDir("e2e-harness");
        var config = dir.Write("prometheus.yml", new PrometheusConfig
        {
            ScrapeInterval = Duration.Parse("1s"),
            EvaluationInterval = Duration.Parse("1s"),
            RuleFiles = [],
            AlertmanagerAddress = Loopback.Address(Loopback.FreePort()),
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
