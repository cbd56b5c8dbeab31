using BenchmarkDotNet.Attributes;
using Observability.Rules.Model;
using Observability.Rules.Slo;

namespace Observability.Benchmarks;

/// <summary>
/// Compiling SLOs to a Prometheus rule file: validation, rule generation (29 rules per SLO) and YAML output.
/// Target: 1,000 SLOs in under 2 s, growing linearly (compare the 100 and 1,000 rows).
/// Run: <c>dotnet run -c Release --project tests/Benchmarks -- --filter '*SloBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class SloBenchmarks
{
    private static readonly SloOptions Options = new()
    {
        RunbookUrlPattern = "https://github.com/acme/observability/blob/main/docs/runbooks/{alertname}.md",
        GrafanaBaseUrl = "https://grafana.example.com",
    };

    private SloDefinition[] slos = [];

    [Params(100, 1000)]
    public int Slos { get; set; }

    [GlobalSetup]
    public void Setup() => slos = [.. Enumerable.Range(0, Slos).Select(Definition)];

    [Benchmark]
    public string CompileToRuleYaml() => SloCompiler.ToRuleFile(slos, Options);

    /// <summary>A mix of the three SLI kinds and the three periods, as a large platform would have.</summary>
    private static SloDefinition Definition(int i)
    {
        var service = $"service-{i / 3}";
        var requests = SliSelector.Of("http_requests_total").Where("job", service);
        Sli sli = (i % 3) switch
        {
            0 => Sli.BadEvents(bad: requests.WhereMatches("status", "5.."), total: requests),
            1 => Sli.Latency(SliSelector.Of("http_request_duration_seconds").Where("job", service), 0.5m, [0.1m, 0.25m, 0.5m, 1m, 2.5m]),
            _ => Sli.GoodEvents(good: SliSelector.Of("jobs_total").Where("job", service).Where("status", "success"), total: SliSelector.Of("jobs_total").Where("job", service)),
        };
        return new SloDefinition
        {
            Name = $"slo-{i}",
            Service = service,
            Description = "Requests succeed.",
            ObjectivePercent = (i % 4) switch { 0 => 99.9m, 1 => 99.5m, 2 => 99.95m, _ => 95m },
            Period = (i % 5) switch { 0 => Duration.Days(28), 1 => Duration.Days(7), _ => Duration.Days(30) },
            Sli = sli,
        }.WithAlertLabel("team", $"team-{i % 7}");
    }
}
