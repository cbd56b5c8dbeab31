using System.Globalization;
using BenchmarkDotNet.Attributes;
using Observability.Rules.Model;
using Observability.Rules.Output;
using Observability.Rules.Packs;
using Observability.Rules.PromQl;
using Observability.Rules.Validation;

namespace Observability.Benchmarks;

/// <summary>Compiling 10,000 rules (100 groups of 50 recording rules and 50 alerts) to YAML. Target: under 1 s.</summary>
[MemoryDiagnoser]
public class RuleBenchmarks
{
    public const int Groups = 100;
    public const int RulesPerGroup = 100;

    private List<RuleGroup> groups = [];

    [GlobalSetup]
    public void Setup()
    {
        groups = [];
        for (var g = 0; g < Groups; g++)
        {
            var service = string.Create(CultureInfo.InvariantCulture, $"service_{g}");
            var requests = Selector.Of("http_requests_total", Matcher.Eq("service", service));
            var group = RuleGroup.Create(service);
            for (var r = 0; r < RulesPerGroup / 2; r++)
            {
                var record = string.Create(CultureInfo.InvariantCulture, $"job:http_requests_{r}:rate5m");
                var alert = string.Create(CultureInfo.InvariantCulture, $"HighErrorRate{g}x{r}");
                group = group
                    .Add(Recording.Create(record).Expr(Prom.Sum(Prom.Rate(requests.Where("endpoint", $"/e{r}"), Duration.Minutes(5)), "job")))
                    .Add(Alert.Create(alert)
                        .Expr(Prom.ErrorRatio(requests, [Matcher.Re("status", "5..")], Duration.Minutes(5), "job") > 0.05)
                        .For(Duration.Minutes(5))
                        .Severity(Severity.Critical)
                        .Label("team", "platform")
                        .Summary("High error rate on {{ $labels.job }}")
                        .Description("{{ $value | humanizePercentage }} of requests fail.")
                        .RunbookUrl("https://runbooks.example.com/" + alert)
                        .DashboardUrl("https://grafana.example.com/d/api-overview?viewPanel=2"));
            }

            groups.Add(group);
        }
    }

    /// <summary>10,000 rules to a Prometheus rule file.</summary>
    [Benchmark]
    public int CompileTenThousandRulesToYaml() => RuleYaml.ToRuleFile(groups).Length;

    /// <summary>10,000 rules validated, then compiled to a rule file.</summary>
    [Benchmark]
    public int ValidateAndCompileTenThousandRules()
    {
        if (RuleValidator.Validate(groups).Count != 0)
            throw new InvalidOperationException("The benchmark's rules should be valid.");
        return RuleYaml.ToRuleFile(groups).Length;
    }

    /// <summary>The platform's packs with the default options, built, validated and compiled.</summary>
    [Benchmark]
    public int BuildPlatformRules() => PlatformRules.ToRuleFile(RulePackOptions.Default).Length;
}
