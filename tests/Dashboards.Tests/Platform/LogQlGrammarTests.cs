using Observability.Dashboards.Tests.Support;

namespace Observability.Dashboards.Tests.Platform;

/// <summary>Every LogQL query of every dashboard parses with Grafana's own LogQL grammar (@grafana/lezer-logql).</summary>
public sealed class LogQlGrammarTests
{
    [Fact]
    public void Every_logql_query_of_every_dashboard_parses_with_grafanas_grammar()
    {
        var queries = Fixtures.Dashboards.SelectMany(LogQlGrammar.Queries).ToList();
        Assert.True(queries.Count >= 6, $"expected the dashboards to hold at least 6 LogQL queries, found {queries.Count}");

        var problems = LogQlGrammar.Problems(queries);
        Assert.True(problems.Count == 0, "Grafana's LogQL grammar rejects:\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void A_query_the_grammar_rejects_fails_with_its_panel_path()
    {
        var logs = Fixtures.ByUid("logs");
        var broken = logs with
        {
            RowList = [.. logs.RowList.Select(row => row with
            {
                PanelList = [.. row.PanelList.Select(panel => panel.Title == "Requests slower than 1 s"
                    ? panel with { TargetList = [new LokiQuery("{namespace=~\"$namespace\"} | jsn | duration_ms > 1000")] }
                    : panel)],
            })],
        };

        var problems = LogQlGrammar.Problems(LogQlGrammar.Queries(broken));

        var problem = Assert.Single(problems);
        Assert.StartsWith("dashboard \"logs\", row \"", problem, StringComparison.Ordinal);
        Assert.Contains("panel \"Requests slower than 1 s\", query A: LogQL does not parse at character ", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{app=\"api\"} | jsn")]                                       // unknown parser stage
    [InlineData("{app=\"api\"} | json | level=~\"error\" or")]               // dangling operator
    [InlineData("sum by (service) (count_over_time({app=\"api\"}))")]        // a range aggregation without its range
    [InlineData("{app=\"api\"} | line_format")]                              // a stage without its template
    public void The_grammar_rejects_what_the_structural_check_lets_through(string logql)
    {
        Assert.Null(DashboardValidator.LogQlProblem(logql));
        Assert.Single(LogQlGrammar.Problems([new LogQlGrammar.Query(logql, "q")]));
    }

    [Theory]
    [InlineData("{app=\"api\"} |~ `(?i)$search` | json | level=~\"$level\"")]
    [InlineData("sum by (service, trace_id) (count_over_time({app=\"api\"} | json | trace_id!=\"\" [$__range]))")]
    [InlineData("{namespace=~\".+\"} |= \"${trace_id}\" | json")]
    [InlineData("quantile_over_time(0.95, {app=~\"$service\"} | json | unwrap duration_ms | __error__=\"\" [$__auto]) by (app)")]
    public void Queries_with_template_variables_parse_once_grafana_has_interpolated_them(string logql) =>
        Assert.Empty(LogQlGrammar.Problems([new LogQlGrammar.Query(logql, "q")]));
}
