using System.Text.Json;
using Observability.Dashboards.Metrics;
using Observability.Dashboards.Tests.Platform;
using Observability.TestSupport;
using Xunit.Sdk;

namespace Observability.Dashboards.Tests.Support;

/// <summary>
/// Parses LogQL with Grafana's own grammar: npm @grafana/lezer-logql (the parser of Grafana's Loki query editor),
/// pinned in grafana-schema/package.json and package-lock.json and installed by the same <c>npm ci</c> as
/// @grafana/schema. A query whose syntax tree holds an error node fails with its path and the characters around it.
/// </summary>
public static class LogQlGrammar
{
    /// <summary>One LogQL query of a dashboard: the expression as the dashboard holds it, and where it is.</summary>
    public sealed record Query(string Expr, string Path);

    /// <summary>Every LogQL query of a dashboard: Loki panel targets, and the stream selectors of Loki variables.</summary>
    public static IEnumerable<Query> Queries(Dashboard dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        var path = $"dashboard \"{dashboard.Uid}\"";
        foreach (var variable in dashboard.VariableList.OfType<QueryVariable>().Where(v => v.Datasource.Type == Datasources.LokiType))
            yield return new Query(MetricCatalogue.LabelValuesSelector(variable.Query), $"{path}, variable \"{variable.Name}\"");
        foreach (var (row, panel) in dashboard.AllPanels())
        {
            for (var i = 0; i < panel.TargetList.Length; i++)
            {
                if (panel.TargetList[i] is LokiQuery loki)
                    yield return new Query(loki.Expr, $"{path}, row \"{row.Title}\", panel \"{panel.Title}\", query {DashboardJson.RefId(i)}");
            }
        }
    }

    /// <summary>
    /// The query as Grafana sends it: Loki's <c>$__auto</c> (the range Grafana picks per panel) becomes 5m, the other
    /// variables as for PromQL (<see cref="PromtoolTests.Substitute"/>).
    /// </summary>
    public static string Substitute(string logql) =>
        PromtoolTests.Substitute(logql.Replace("${__auto}", "5m", StringComparison.Ordinal).Replace("$__auto", "5m", StringComparison.Ordinal));

    /// <summary>
    /// Every problem the grammar finds, one per query (template variables replaced by samples first, as Grafana
    /// interpolates them before it sends the query): <c>path: LogQL does not parse at character N: ...</c>. Empty when all parse.
    /// </summary>
    public static IReadOnlyList<string> Problems(IEnumerable<Query> queries)
    {
        var list = queries.ToList();
        var parser = Path.Combine(GrafanaSchema.Folder, "logql-parse.mjs");
        var package = Path.Combine(GrafanaSchema.Folder, "node_modules", "@grafana", "lezer-logql", "package.json");
        if (!File.Exists(package))
        {
            throw new XunitException(
                $"Grafana's LogQL grammar (@grafana/lezer-logql) is not installed in {GrafanaSchema.Folder}. " +
                "Building the test project runs `npm ci` there (it needs Node.js and npm on PATH); or run it by hand: cd tests/Dashboards.Tests/grafana-schema && npm ci");
        }

        using var dir = new TempDir("logql");
        var input = dir.Write("queries.json", JsonSerializer.Serialize(list.Select(q => new { path = q.Path, expr = Substitute(q.Expr) })));
        var result = ExternalTool.Run(ExternalTool.Find("node"), [parser, input], GrafanaSchema.Folder);
        if (result.ExitCode != 0)
            throw new XunitException($"node {parser} failed:{Environment.NewLine}{result.Output}");

        var problems = new List<string>();
        using var parsed = JsonDocument.Parse(result.StandardOutput);
        foreach (var item in parsed.RootElement.EnumerateArray())
        {
            var path = item.GetProperty("path").GetString()!;
            var expr = item.GetProperty("expr").GetString()!;
            var errors = item.GetProperty("errors");
            if (errors.GetArrayLength() == 0)
                continue;
            var from = errors[0].GetProperty("from").GetInt32();
            var start = Math.Max(0, from - 20);
            var end = Math.Min(expr.Length, from + 20);
            problems.Add($"{path}: LogQL does not parse at character {from + 1} ({errors.GetArrayLength()} error node(s)): " +
                $"…{expr[start..from]}⟨here⟩{expr[from..end]}… in {expr}");
        }

        return problems;
    }
}
