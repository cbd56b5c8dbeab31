using System.Globalization;
using BenchmarkDotNet.Attributes;
using Observability.Dashboards;

namespace Observability.Benchmarks;

/// <summary>Building and serialising 200 dashboards of 30 panels each (target: under 1 s for all of them).</summary>
[MemoryDiagnoser]
public class DashboardBenchmarks
{
    public const int Dashboards = 200;
    public const int RowsPerDashboard = 5;
    public const int PanelsPerRow = 6;

    private Dashboard[] built = [];

    [GlobalSetup]
    public void Setup() => built = BuildAll();

    /// <summary>Builds the 200 dashboards and writes each as Grafana JSON.</summary>
    [Benchmark]
    public int BuildAndSerialise200Dashboards()
    {
        var bytes = 0;
        foreach (var dashboard in BuildAll())
            bytes += DashboardJson.Serialize(dashboard).Length;
        return bytes;
    }

    /// <summary>Validates the 200 dashboards together (uids across dashboards, every panel and query).</summary>
    [Benchmark]
    public int Validate200Dashboards() => DashboardValidator.Validate(built).Length;

    public static Dashboard[] BuildAll() => Enumerable.Range(0, Dashboards).Select(Build).ToArray();

    private static Dashboard Build(int index)
    {
        var dashboard = Dashboard.Create(string.Create(CultureInfo.InvariantCulture, $"bench-{index}"), string.Create(CultureInfo.InvariantCulture, $"Benchmark {index}"))
            .Tags("benchmark")
            .Variable(Variables.Prometheus())
            .Variable(Variables.LabelValues("job", "job", "http_requests_total"))
            .Annotation(Annotations.Alerts());
        for (var r = 0; r < RowsPerDashboard; r++)
        {
            var row = Row.Create(string.Create(CultureInfo.InvariantCulture, $"Row {r}"));
            for (var p = 0; p < PanelsPerRow; p++)
            {
                var title = string.Create(CultureInfo.InvariantCulture, $"Panel {r}.{p}");
                row = row.Panel(p % 3 == 0
                    ? Panels.Stat(title, Units.PercentUnit)
                        .InstantQuery("sum(rate(http_requests_total{job=~\"$job\", status=~\"5..\"}[5m])) / sum(rate(http_requests_total{job=~\"$job\"}[5m]))")
                        .Thresholds("green", (0.01m, "orange"), (0.05m, "red"))
                    : Panels.Timeseries(title, Units.Seconds)
                        .Query("histogram_quantile(0.95, sum by (le, job) (rate(http_request_duration_seconds_bucket{job=~\"$job\"}[$__rate_interval])))", "p95 {{job}}")
                        .Query("histogram_quantile(0.50, sum by (le, job) (rate(http_request_duration_seconds_bucket{job=~\"$job\"}[$__rate_interval])))", "p50 {{job}}")
                        .Thresholds("green", (1m, "red"))
                        .ShowThresholds(ThresholdDisplay.Dashed)
                        .Link("Runbook", "https://runbooks.example/SlowResponseTime.md"));
            }

            dashboard = dashboard.Row(row);
        }

        return dashboard;
    }
}
