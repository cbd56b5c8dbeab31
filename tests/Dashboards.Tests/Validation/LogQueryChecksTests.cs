using System.Text.RegularExpressions;
using Observability.Dashboards.Platform;
using Observability.Dashboards.Tests.Support;
using Observability.Rules.Conventions;

namespace Observability.Dashboards.Tests.Validation;

/// <summary>Loki queries read what the log pipeline indexes (<see cref="LogSchema"/>), never re-parse what it promotes.</summary>
public sealed partial class LogQueryChecksTests
{
    private static IEnumerable<(string Where, string LogQl)> PlatformLokiQueries() =>
        Fixtures.Dashboards.SelectMany(d => d.AllPanels().SelectMany(rp => rp.Panel.TargetList.OfType<LokiQuery>()
                .Select(q => ($"{d.Uid} / {rp.Panel.Title}", q.Expr)))
            .Concat(d.VariableList.OfType<QueryVariable>().Where(v => v.Datasource.Type == Datasources.LokiType)
                .Select(v => ($"{d.Uid} / variable {v.Name}", v.Query))));

    [Fact]
    public void No_platform_dashboard_query_reparses_a_field_the_log_schema_promotes()
    {
        var queries = PlatformLokiQueries().ToList();
        Assert.True(queries.Count >= 8, $"expected the Logs and Traces dashboards' Loki queries, found {queries.Count}");
        var problems = queries.SelectMany(q => LogQueryChecks.Problems(q.LogQl).Select(p => $"{q.Where}: {p}")).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_stream_selector_and_grouping_names_a_label_of_the_schema()
    {
        var known = LogSchema.LabelNames.Concat(LogSchema.MetadataNames).ToHashSet(StringComparer.Ordinal);
        foreach (var (where, logql) in PlatformLokiQueries())
        {
            foreach (Match selector in StreamSelector().Matches(logql))
            {
                foreach (Match matcher in Matcher().Matches(selector.Groups["body"].Value))
                    Assert.True(known.Contains(matcher.Groups["label"].Value), $"{where}: {logql} selects on \"{matcher.Groups["label"].Value}\", which no log agent writes");
            }

            foreach (Match grouping in Grouping().Matches(logql))
            {
                foreach (var label in grouping.Groups["labels"].Value.Split(',', StringSplitOptions.TrimEntries))
                    Assert.True(known.Contains(label), $"{where}: {logql} groups by \"{label}\", which is no label or structured metadata of the schema");
            }
        }
    }

    [Fact]
    public void Errors_select_the_level_label_and_trace_lines_filter_the_trace_id_metadata()
    {
        var logs = Fixtures.ByUid(DashboardUids.Logs).AllPanels().SelectMany(p => p.Panel.TargetList.OfType<LokiQuery>()).Select(q => q.Expr).ToList();
        Assert.Contains(logs, q => q.Contains("{namespace=~\"$namespace\", service_name=~\"$service\", level=~\"error|fatal|critical\"}", StringComparison.Ordinal));
        Assert.Contains(logs, q => q.Contains("| trace_id!=\"\"", StringComparison.Ordinal));

        var traces = Fixtures.ByUid(DashboardUids.Traces).AllPanels().SelectMany(p => p.Panel.TargetList.OfType<LokiQuery>()).Single();
        Assert.Equal("{namespace=~\".+\"} | trace_id=\"$trace_id\"", traces.Expr);
    }

    [Theory]
    [InlineData("sum by (app) (rate({namespace=~\"$namespace\", app=~\"$service\"} | json | level=~\"error|fatal|critical\" [$__auto]))", "`| json` without fields parses every field of every line, among them level, service, trace_id")]
    [InlineData("{namespace=~\".+\"} |= \"$trace_id\" | json", "the line filter \"$trace_id\" scans the text of every line for $trace_id, which the log pipeline already keeps as the structured metadata trace_id: filter `| trace_id=\"$trace_id\"` instead")]
    [InlineData("{namespace=\"a\"} | logfmt --strict | level=\"error\"", "`| logfmt` without fields")]
    [InlineData("{namespace=\"a\"} | json lvl=\"level\", duration_ms", "`| json lvl=\"level\"` parses \"level\" again, which the log pipeline already promotes to the stream label level")]
    [InlineData("{namespace=\"a\"} | json service | service=\"api\"", "`| json service` parses \"service\" again, which the log pipeline already promotes to the stream label service_name")]
    [InlineData("{namespace=\"a\"} |~ \"${trace_id}\"", "filter `| trace_id=\"$trace_id\"` instead")]
    public void A_query_that_reparses_a_promoted_field_is_a_problem(string logql, string expected)
    {
        var problems = LogQueryChecks.Problems(logql);
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{namespace=\"a\", level=~\"error\"} | json duration_ms | duration_ms > 1000")]
    [InlineData("quantile_over_time(0.95, {namespace=\"a\"} | json duration_ms | unwrap duration_ms | __error__=\"\" [5m]) by (service_name)")]
    [InlineData("{namespace=~\".+\"} | trace_id=\"$trace_id\"")]
    [InlineData("{namespace=\"a\"} |= \"| json\" |~ `(?i)$search`")]
    [InlineData("{namespace=\"a\"} | json route=\"request.path\"")]
    public void A_query_that_reads_what_the_pipeline_indexes_passes(string logql) =>
        Assert.Empty(LogQueryChecks.Problems(logql));

    [Fact]
    public void The_validator_reports_a_reparse_with_the_query_path()
    {
        var dashboard = Dashboard.Create("reparse", "Reparse")
            .Variable(Variables.Loki())
            .Row("Logs", row => row.Panel(Panels.Logs("Errors", "{namespace=\"a\"} | json | level=\"error\"")));

        var problem = Assert.Single(DashboardValidator.Validate([dashboard]));
        Assert.StartsWith("dashboard \"reparse\", row \"Logs\", panel \"Errors\", query A: `| json` without fields", problem.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex("(?<![{$])\\{(?<body>[^{}]*)\\}")]
    private static partial Regex StreamSelector();

    [GeneratedRegex("(?<label>[A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"")]
    private static partial Regex Matcher();

    [GeneratedRegex("\\b(?:by|without)\\s*\\((?<labels>[^)]*)\\)")]
    private static partial Regex Grouping();
}
