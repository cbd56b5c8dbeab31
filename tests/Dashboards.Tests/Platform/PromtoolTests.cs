using Observability.Dashboards.Metrics;
using Observability.Dashboards.Tests.Support;
using Observability.Rules.Output;
using Observability.TestSupport;

namespace Observability.Dashboards.Tests.Platform;

/// <summary>Every PromQL expression of every dashboard, with its template variables replaced by samples, parsed by promtool.</summary>
public sealed class PromtoolTests
{
    /// <summary>Grafana's built-in variables get their samples (<see cref="GrafanaTemplate"/>); every dashboard variable becomes "sample".</summary>
    public static string Substitute(string expr) => GrafanaTemplate.Substitute(expr, _ => "sample");

    [Fact]
    public void Every_promql_expression_parses_with_promtool()
    {
        var queries = Fixtures.Dashboards.SelectMany(MetricCatalogue.PromQueries).ToList();
        Assert.True(queries.Count > 100, $"expected the dashboards to hold more than 100 PromQL expressions, found {queries.Count}");

        var groups = Fixtures.Dashboards.Select(d => (object?)new OrderedDictionary<string, object?>
        {
            ["name"] = "dashboard-" + d.Uid,
            ["rules"] = MetricCatalogue.PromQueries(d).Select((q, i) => (object?)new OrderedDictionary<string, object?>
            {
                ["record"] = $"dashboard_query_{i + 1}",
                ["expr"] = Substitute(q.Expr),
                ["labels"] = new OrderedDictionary<string, object?> { ["path"] = q.Path },
            }).ToList(),
        }).ToList();
        using var dir = new TempDir();
        var file = dir.Write("dashboards.rules.yaml", YamlText.Serialize(new OrderedDictionary<string, object?> { ["groups"] = groups }));

        var result = ExternalTool.RunOk(ExternalTool.Promtool, "check", "rules", file);

        Assert.Contains($"SUCCESS: {queries.Count} rules found", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Promtool_rejects_a_broken_expression_so_the_check_can_fail()
    {
        using var dir = new TempDir();
        var file = dir.Write("broken.yaml", YamlText.Serialize(new OrderedDictionary<string, object?>
        {
            ["groups"] = new List<object?>
            {
                new OrderedDictionary<string, object?>
                {
                    ["name"] = "broken",
                    ["rules"] = new List<object?>
                    {
                        new OrderedDictionary<string, object?> { ["record"] = "q", ["expr"] = Substitute("sum by (job) (rate(x{job=~\"$job\"}[$__rate_interval])") },
                    },
                },
            },
        }));

        var result = ExternalTool.Run(ExternalTool.Promtool, ["check", "rules", file]);

        Assert.NotEqual(0, result.ExitCode);
    }

    [Theory]
    [InlineData("rate(x{job=~\"$job\"}[$__rate_interval])", "rate(x{job=~\"sample\"}[5m])")]
    [InlineData("increase(x[$__range]) / ${__range_s}", "increase(x[1h]) / 3600")]
    [InlineData("x{a=\"${instance:regex}\"}", "x{a=\"sample\"}")]
    public void Template_variables_are_replaced_by_samples(string expr, string expected) =>
        Assert.Equal(expected, Substitute(expr));
}
