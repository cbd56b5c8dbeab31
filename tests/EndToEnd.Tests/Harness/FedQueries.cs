using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Observability.Dashboards.Metrics;
using Observability.TestSupport;

namespace Observability.EndToEnd.Tests.Harness;

/// <summary>
/// One query of what the stack deploys, as Prometheus will run it: its path (alert, recording rule or dashboard
/// panel), the PromQL, and the labels the alert's annotations or the panel's legend print.
/// </summary>
public sealed record FedQuery(string Path, string Expr, ImmutableArray<string> Labels)
{
    public IReadOnlyList<string> Metrics => PromQlMetrics.Extract(Expr);
}

/// <summary>
/// The queries of the rendered rule files (as loaded by the running Prometheus) and of the rendered dashboard JSON,
/// and the check that each returns at least one series carrying the labels it uses.
/// </summary>
public static partial class FedQueries
{
    /// <summary>
    /// Every rule of <paramref name="groups"/> as Prometheus loaded it. A recording rule is proven by its own output
    /// series (with its <c>by</c> labels); an alert by its expression with <c>bool</c> on its threshold comparison,
    /// so that the series exist whether or not the alert fires, with every label its annotations print.
    /// </summary>
    public static async Task<IReadOnlyList<FedQuery>> RulesAsync(PrometheusApi api, IReadOnlyCollection<string> groups)
    {
        var loaded = await api.RulesAsync().ConfigureAwait(false);
        var queries = new List<FedQuery>();
        foreach (var group in loaded.Where(g => groups.Contains(g.Name)))
        {
            foreach (var rule in group.Rules)
            {
                if (rule.Type == "recording")
                {
                    var by = ByPattern().Match(rule.Query);
                    var labels = by.Success ? by.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];
                    queries.Add(new FedQuery($"group \"{group.Name}\", record \"{rule.Name}\"", rule.Name, [.. labels]));
                }
                else
                {
                    var labels = rule.Annotations.Values.SelectMany(a => LabelsPattern().Matches(a).Select(m => m.Groups[1].Value))
                        .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
                    queries.Add(new FedQuery($"group \"{group.Name}\", alert \"{rule.Name}\"", WithBool(rule.Query), [.. labels]));
                }
            }
        }

        return queries;
    }

    /// <summary>
    /// Every PromQL query of the rendered dashboard <paramref name="uid"/>: its Prometheus variables (proven by their
    /// selector, with the label they list), annotations and panel targets, with each variable replaced by its "All"
    /// value (<c>allValue</c>, what the dashboard shows when opened) and Grafana's built-ins as in the promtool check.
    /// </summary>
    public static IReadOnlyList<FedQuery> Dashboard(RenderedStack rendered, string uid)
    {
        var file = Path.Combine(rendered.Directory, "dashboards", uid + ".json");
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var root = json.RootElement;
        var path = $"dashboard \"{uid}\"";
        var allValues = new Dictionary<string, string>(StringComparer.Ordinal);
        var queries = new List<FedQuery>();
        foreach (var variable in root.GetProperty("templating").GetProperty("list").EnumerateArray())
        {
            var name = variable.GetProperty("name").GetString()!;
            allValues[name] = variable.TryGetProperty("allValue", out var all) ? all.GetString()! : ".*";
            if (variable.GetProperty("type").GetString() == "query" && IsPrometheus(variable))
            {
                var query = variable.GetProperty("query").GetString()!;
                var label = LabelValuesPattern().Match(query);
                queries.Add(new FedQuery($"{path}, variable \"{name}\"", MetricCatalogue.LabelValuesSelector(query),
                    label.Success ? [label.Groups[1].Value] : []));
            }
        }

        string Substitute(string expr) => GrafanaTemplate.Substitute(expr, name => allValues.GetValueOrDefault(name, ".*"));

        foreach (var annotation in root.GetProperty("annotations").GetProperty("list").EnumerateArray())
        {
            // Grafana keeps a Prometheus annotation's query in target.expr (older dashboards: expr).
            var query = annotation.TryGetProperty("target", out var t) && t.ValueKind == JsonValueKind.Object ? t : annotation;
            if (IsPrometheus(annotation) && query.TryGetProperty("expr", out var expr))
            {
                var labels = new[] { "titleFormat", "textFormat" }
                    .Where(p => annotation.TryGetProperty(p, out _))
                    .SelectMany(p => LegendPattern().Matches(annotation.GetProperty(p).GetString()!).Select(m => m.Groups[1].Value));
                queries.Add(new FedQuery($"{path}, annotation \"{annotation.GetProperty("name").GetString()}\"", Substitute(expr.GetString()!),
                    [.. labels.Distinct(StringComparer.Ordinal)]));
            }
        }

        var row = "";
        foreach (var panel in Panels(root.GetProperty("panels")))
        {
            if (panel.GetProperty("type").GetString() == "row")
            {
                row = panel.GetProperty("title").GetString()!;
                continue;
            }

            if (!panel.TryGetProperty("targets", out var targets))
                continue;
            foreach (var target in targets.EnumerateArray())
            {
                if (!target.TryGetProperty("expr", out var expr))
                    continue;
                var legend = target.TryGetProperty("legendFormat", out var format) ? format.GetString() ?? "" : "";
                queries.Add(new FedQuery(
                    $"{path}, row \"{row}\", panel \"{panel.GetProperty("title").GetString()}\", query {target.GetProperty("refId").GetString()}",
                    Substitute(expr.GetString()!),
                    [.. LegendPattern().Matches(legend).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)]));
            }
        }

        return queries;
    }

    /// <summary>
    /// Runs every query; returns one problem per query that returns no series, or none with all its labels set. A
    /// problem names the query's path and, for each metric it reads that has no series, the metric names Prometheus
    /// does have that look closest (what the exporter really calls it).
    /// </summary>
    public static async Task<IReadOnlyList<string>> UnfedAsync(PrometheusApi api, IEnumerable<FedQuery> queries)
    {
        var problems = new List<string>();
        IReadOnlyList<string>? names = null;
        foreach (var query in queries)
        {
            IReadOnlyList<(ImmutableDictionary<string, string> Labels, double Value)> result;
            try
            {
                result = await api.QueryAsync(query.Expr).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Xunit.Sdk.XunitException or HttpRequestException)
            {
                problems.Add($"{query.Path}: `{query.Expr}` failed: {e.Message}");
                continue;
            }

            if (result.Count == 0)
            {
                names ??= await api.LabelValuesAsync("__name__").ConfigureAwait(false);
                problems.Add($"{query.Path}: `{query.Expr}` returned no series.{await ExplainAsync(api, query, names).ConfigureAwait(false)}");
                continue;
            }

            if (!result.Any(r => query.Labels.All(l => r.Labels.TryGetValue(l, out var v) && v.Length > 0)))
            {
                var seen = string.Join("; ", result.Take(3).Select(r => "{" + string.Join(", ", r.Labels.Keys.Order(StringComparer.Ordinal)) + "}"));
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{query.Path}: `{query.Expr}` returned {result.Count} series, none with all of the labels it uses ({string.Join(", ", query.Labels)}); they carry {seen}"));
            }
        }

        return problems;
    }

    private static async Task<string> ExplainAsync(PrometheusApi api, FedQuery query, IReadOnlyList<string> names)
    {
        var text = new StringBuilder();
        foreach (var metric in query.Metrics)
        {
            var count = await api.QueryAsync($"count({{__name__=\"{metric}\"}})").ConfigureAwait(false);
            if (count.Count > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n    {metric}: {count[0].Value} series (so a matcher, a join or the threshold filters them out)");
                continue;
            }

            var closest = Closest(metric, names);
            text.Append(CultureInfo.InvariantCulture, $"\n    {metric}: no series; closest names Prometheus has: {(closest.Count == 0 ? "(none)" : string.Join(", ", closest))}");
        }

        return text.ToString();
    }

    /// <summary>The names nearest to <paramref name="metric"/> by edit distance, among those of the same exporter prefix (pg_, redis_, node_).</summary>
    public static IReadOnlyList<string> Closest(string metric, IEnumerable<string> names, int take = 5)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var prefix = metric.Split('_')[0] + "_";
        return [.. names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(n => Math.Min(Distance(metric, n), Distance(Tokens(metric), Tokens(n)))).ThenBy(n => n, StringComparer.Ordinal).Take(take)];
    }

    /// <summary>The name's words in order (<c>x_total_time_seconds</c> and <c>x_seconds_total</c> come out close).</summary>
    private static string Tokens(string name) => string.Join('_', name.Split('_').Order(StringComparer.Ordinal));

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>
    /// The alert expression with <c>bool</c> after each comparison outside brackets (<c>x &gt; 0.9</c> becomes
    /// <c>x &gt; bool 0.9</c>): the same series, valued 0 or 1, whether or not the threshold is crossed.
    /// </summary>
    public static string WithBool(string expr)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var text = new StringBuilder();
        var depth = 0;
        var quote = '\0';
        for (var i = 0; i < expr.Length; i++)
        {
            var c = expr[i];
            text.Append(c);
            if (quote != '\0')
            {
                if (c == '\\' && i + 1 < expr.Length)
                    text.Append(expr[++i]);
                else if (c == quote)
                    quote = '\0';
                continue;
            }

            switch (c)
            {
                case '"' or '\'' or '`':
                    quote = c;
                    continue;
                case '(' or '{' or '[':
                    depth++;
                    continue;
                case ')' or '}' or ']':
                    depth--;
                    continue;
            }

            if (depth > 0 || c is not ('>' or '<' or '=' or '!'))
                continue;
            var next = i + 1 < expr.Length ? expr[i + 1] : '\0';
            if (c is '=' or '!' && next != '=')
                continue; // "=~", "!~" are matchers (inside braces anyway); a lone "=" is not a comparison
            if (next == '=')
                text.Append(expr[++i]);
            var rest = expr[(i + 1)..].TrimStart();
            if (!rest.StartsWith("bool", StringComparison.Ordinal))
                text.Append(" bool");
        }

        return text.ToString();
    }

    private static bool IsPrometheus(JsonElement element) =>
        element.TryGetProperty("datasource", out var ds) && ds.ValueKind == JsonValueKind.Object
        && ds.TryGetProperty("type", out var type) && type.GetString() == "prometheus";

    private static IEnumerable<JsonElement> Panels(JsonElement panels)
    {
        foreach (var panel in panels.EnumerateArray())
        {
            yield return panel;
            if (panel.TryGetProperty("panels", out var nested))
            {
                foreach (var inner in Panels(nested))
                    yield return inner;
            }
        }
    }

    [GeneratedRegex(@"\bby\s*\(([^)]*)\)", RegexOptions.CultureInvariant)]
    private static partial Regex ByPattern();

    [GeneratedRegex(@"\$labels\.([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant)]
    private static partial Regex LabelsPattern();

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex LegendPattern();

    [GeneratedRegex(@"^label_values\(.*,\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValuesPattern();
}
