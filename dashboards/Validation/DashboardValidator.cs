using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Observability.Rules.Validation;

namespace Observability.Dashboards;

/// <summary>
/// Checks dashboards before Grafana sees them and reports every problem at once, each with its path
/// (<c>dashboard "uid", row "Title", panel "Title", query A</c>).
/// </summary>
public static partial class DashboardValidator
{
    /// <summary>Every problem of the dashboards, taken together (uids must be unique across them).</summary>
    /// <param name="dashboards">The dashboards, e.g. everything one environment deploys.</param>
    /// <param name="provisionedDatasourceUids">Uids a dashboard may name directly; default <see cref="Datasources.ProvisionedUids"/>.</param>
    public static ImmutableArray<Problem> Validate(IEnumerable<Dashboard> dashboards, IReadOnlySet<string>? provisionedDatasourceUids = null)
    {
        ArgumentNullException.ThrowIfNull(dashboards);
        var provisioned = provisionedDatasourceUids ?? Datasources.ProvisionedUids;
        var problems = ImmutableArray.CreateBuilder<Problem>();
        var list = dashboards.ToList();
        if (list.Count == 0)
            problems.Add(new Problem("dashboards", "expected at least one dashboard, found none"));

        foreach (var group in list.Select((d, i) => (d, i)).GroupBy(x => x.d.Uid, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new Problem(
                $"dashboard \"{group.Key}\"",
                $"uid is used by {group.Count()} dashboards ({string.Join(", ", group.Select(x => $"\"{x.d.Title}\""))}); uids must be unique"));
        }

        foreach (var dashboard in list)
            problems.AddRange(Validate(dashboard, provisioned));
        return problems.ToImmutable();
    }

    /// <summary>Throws a <see cref="ValidationException"/> with every problem when there is any.</summary>
    public static void ThrowIfInvalid(IEnumerable<Dashboard> dashboards, IReadOnlySet<string>? provisionedDatasourceUids = null) =>
        ValidationException.ThrowIfAny(Validate(dashboards, provisionedDatasourceUids));

    private static IEnumerable<Problem> Validate(Dashboard dashboard, IReadOnlySet<string> provisioned)
    {
        var path = $"dashboard \"{dashboard.Uid}\"";
        if (dashboard.Uid.Length == 0)
            yield return new Problem(path, "uid is empty; expected 1 to 40 characters of letters, digits, '-' or '_'");
        else if (dashboard.Uid.Length > Dashboard.MaxUidLength)
            yield return new Problem(path, $"uid is {dashboard.Uid.Length} characters long; Grafana allows at most {Dashboard.MaxUidLength}");
        if (dashboard.Uid.Length > 0 && !UidPattern().IsMatch(dashboard.Uid))
            yield return new Problem(path, "uid may contain only letters, digits, '-' and '_'");
        if (string.IsNullOrWhiteSpace(dashboard.Title))
            yield return new Problem(path, "title is empty");
        if (dashboard.RowList.IsEmpty)
            yield return new Problem(path, "has no rows; expected at least one row with a panel");

        var variables = new Dictionary<string, Variable>(StringComparer.Ordinal);
        for (var i = 0; i < dashboard.VariableList.Length; i++)
        {
            var variable = dashboard.VariableList[i];
            if (!variables.TryAdd(variable.Name, variable))
                yield return new Problem($"{path}, variable \"{variable.Name}\"", "is defined more than once");
            if (!NamePattern().IsMatch(variable.Name))
                yield return new Problem($"{path}, variable \"{variable.Name}\"", "name must be letters, digits and '_', not starting with a digit or '__'");
        }

        foreach (var variable in dashboard.VariableList)
        {
            var at = $"{path}, variable \"{variable.Name}\"";
            switch (variable)
            {
                case QueryVariable q:
                    if (string.IsNullOrWhiteSpace(q.Query))
                        yield return new Problem(at, "query is empty");
                    foreach (var p in CheckDatasource(at, q.Datasource, variables, provisioned))
                        yield return p;
                    foreach (var p in CheckReferences(at, q.Query, variables))
                        yield return p;
                    break;
                case DatasourceVariable ds when !provisioned.Contains(ds.DefaultUid):
                    yield return new Problem(at, $"default datasource uid \"{ds.DefaultUid}\" is not provisioned; expected one of {Quoted(provisioned)}");
                    break;
                case CustomVariable { Values.IsEmpty: true }:
                    yield return new Problem(at, "has no values");
                    break;
            }
        }

        for (var i = 0; i < dashboard.AnnotationList.Length; i++)
        {
            if (dashboard.AnnotationList[i] is PrometheusAnnotation prom)
            {
                var at = $"{path}, annotation \"{prom.Name}\"";
                if (string.IsNullOrWhiteSpace(prom.Expr))
                    yield return new Problem(at, "query is empty");
                foreach (var p in CheckDatasource(at, prom.Datasource, variables, provisioned))
                    yield return p;
                foreach (var p in CheckReferences(at, prom.Expr, variables))
                    yield return p;
            }
        }

        foreach (var link in dashboard.LinkList)
        {
            if (link.Url is { } url)
            {
                foreach (var p in CheckReferences($"{path}, link \"{link.Title}\"", url, variables))
                    yield return p;
            }
        }

        var ids = new Dictionary<int, string>();
        foreach (var row in dashboard.RowList)
        {
            var rowPath = $"{path}, row \"{row.Title}\"";
            if (row.ExplicitId is { } rowId && !ids.TryAdd(rowId, rowPath))
                yield return new Problem(rowPath, $"id {rowId} is already used by {ids[rowId]}");
            if (row.PanelList.IsEmpty)
                yield return new Problem(rowPath, "has no panels");

            foreach (var title in row.PanelList.GroupBy(p => p.Title, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
                yield return new Problem(rowPath, $"panel title \"{title}\" is used by {row.PanelList.Count(p => p.Title == title)} panels; titles must be unique in a row");

            foreach (var panel in row.PanelList)
            {
                var panelPath = $"{rowPath}, panel \"{panel.Title}\"";
                foreach (var p in ValidatePanel(panelPath, panel, variables, provisioned))
                    yield return p;
                if (panel.ExplicitId is { } id && !ids.TryAdd(id, panelPath))
                    yield return new Problem(panelPath, $"id {id} is already used by {ids[id]}");
            }
        }
    }

    private static IEnumerable<Problem> ValidatePanel(string path, Panel panel, Dictionary<string, Variable> variables, IReadOnlySet<string> provisioned)
    {
        if (string.IsNullOrWhiteSpace(panel.Title))
            yield return new Problem(path, "title is empty");
        if (panel.GridWidth is { } w && (w < 1 || w > Layout.Columns))
            yield return new Problem(path, $"width is {w}; expected 1 to {Layout.Columns} grid columns");
        if (panel.GridHeight is { } h && h < 1)
            yield return new Problem(path, $"height is {h}; expected at least 1");
        if (panel.ExplicitId is { } id && id < 1)
            yield return new Problem(path, $"id is {id}; expected a positive number");
        if (panel.UnitId is { } unit && !Units.Known.Contains(unit))
            yield return new Problem(path, $"unit \"{unit}\" is not a Grafana unit id (e.g. {Quoted(["s", "percentunit", "reqps", "bytes"])})");
        if (panel.MinValue is { } min && panel.MaxValue is { } max && min >= max)
            yield return new Problem(path, $"min {min} is not below max {max}");

        var steps = panel.ThresholdSteps;
        for (var i = 1; i < steps.Length; i++)
        {
            if (steps[i].Value is null)
                yield return new Problem(path, $"threshold step {i + 1} has no value; only the first (base) step may omit it");
            else if (steps[i - 1].Value is { } previous && steps[i].Value <= previous)
                yield return new Problem(path, $"threshold step {i + 1} ({steps[i].Value}) is not above step {i} ({previous}); steps must ascend");
        }

        if (panel.NeedsQueries && panel.TargetList.IsEmpty)
            yield return new Problem(path, $"a {panel.TypeId} panel needs at least one query");
        var content = (panel as TextPanel)?.Content;
        if (panel is TextPanel && string.IsNullOrWhiteSpace(content))
            yield return new Problem(path, "text is empty");

        foreach (var text in new[] { panel.Title, panel.DescriptionText, content }.OfType<string>())
        {
            foreach (var p in CheckReferences(path, text, variables))
                yield return p;
        }

        foreach (var link in panel.LinkList.Concat(panel.DataLinkList))
        {
            var at = $"{path}, link \"{link.Title}\"";
            if (string.IsNullOrWhiteSpace(link.Url))
                yield return new Problem(at, "url is empty");
            foreach (var p in CheckReferences(at, link.Url, variables))
                yield return p;
        }

        for (var i = 0; i < panel.TargetList.Length; i++)
        {
            var target = panel.TargetList[i];
            var at = $"{path}, query {DashboardJson.RefId(i)}";
            foreach (var p in CheckDatasource(at, target.Datasource, variables, provisioned))
                yield return p;

            var texts = target switch
            {
                PromQuery prom => [prom.Expr, prom.LegendFormat, prom.Interval],
                LokiQuery loki => [loki.Expr, loki.LegendFormat],
                JaegerQuery jaeger => jaeger.Texts().Cast<string?>().ToArray(),
                _ => Array.Empty<string?>(),
            };
            var expr = target switch
            {
                PromQuery prom => prom.Expr,
                LokiQuery loki => loki.Expr,
                JaegerQuery jaeger => jaeger.TraceId ?? jaeger.Service,
                _ => null,
            };
            if (string.IsNullOrWhiteSpace(expr))
            {
                yield return new Problem(at, target is JaegerQuery
                    ? "Jaeger query has neither a trace id nor a service"
                    : "query is empty");
            }

            if (target is LokiQuery { Expr: var logql } && !string.IsNullOrWhiteSpace(logql) && LogQlProblem(logql) is { } logqlProblem)
                yield return new Problem(at, logqlProblem);
            if (target is LokiQuery { Expr: var indexed } && !string.IsNullOrWhiteSpace(indexed))
            {
                foreach (var reparse in LogQueryChecks.Problems(indexed))
                    yield return new Problem(at, reparse);
            }

            foreach (var text in texts.OfType<string>())
            {
                foreach (var p in CheckReferences(at, text, variables))
                    yield return p;
            }
        }
    }

    /// <summary>
    /// What is structurally wrong with a LogQL query (no tool parses LogQL here): brackets and quotes must balance,
    /// and it needs a stream selector with at least one matcher (Loki refuses <c>{}</c>).
    /// </summary>
    public static string? LogQlProblem(string logql)
    {
        ArgumentNullException.ThrowIfNull(logql);
        var stack = new Stack<char>();
        for (var i = 0; i < logql.Length; i++)
        {
            var c = logql[i];
            if (c is '"' or '`')
            {
                var end = i + 1;
                while (end < logql.Length && logql[end] != c)
                    end += c == '"' && logql[end] == '\\' ? 2 : 1;
                if (end >= logql.Length)
                    return $"LogQL query has an unterminated string starting at character {i + 1}";
                i = end;
            }
            else if (c is '(' or '{' or '[')
            {
                stack.Push(c);
            }
            else if (c is ')' or '}' or ']')
            {
                var open = c == ')' ? '(' : c == '}' ? '{' : '[';
                if (stack.Count == 0 || stack.Pop() != open)
                    return $"LogQL query has an unbalanced '{c}' at character {i + 1}";
            }
        }

        if (stack.Count > 0)
            return $"LogQL query has an unclosed '{stack.Peek()}'";
        return StreamSelectorPattern().IsMatch(logql)
            ? null
            : $"LogQL query has no stream selector with a matcher, e.g. {{{Platform.LogSchema.Service}=\"api\"}}";
    }

    private static IEnumerable<Problem> CheckDatasource(string path, DatasourceRef datasource, Dictionary<string, Variable> variables, IReadOnlySet<string> provisioned)
    {
        if (datasource.VariableName is { } name)
        {
            if (!variables.TryGetValue(name, out var variable))
                yield return new Problem(path, $"datasource uid \"{datasource.Uid}\" references variable \"{name}\", which the dashboard does not define");
            else if (variable is not DatasourceVariable ds)
                yield return new Problem(path, $"datasource uid \"{datasource.Uid}\" references variable \"{name}\", which is not a datasource variable");
            else if (ds.PluginType != datasource.Type)
                yield return new Problem(path, $"datasource uid \"{datasource.Uid}\" chooses a {ds.PluginType} datasource, but the query is for {datasource.Type}");
        }
        else if (!provisioned.Contains(datasource.Uid))
        {
            yield return new Problem(path, $"datasource uid \"{datasource.Uid}\" is not defined; expected a provisioned uid ({Quoted(provisioned)}) or a datasource variable");
        }
    }

    /// <summary>The template variables a text references ($name, ${name}, ${name:format}, [[name]]), Grafana's own ($__...) excluded.</summary>
    public static IEnumerable<string> ReferencedVariables(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (Match match in ReferencePattern().Matches(text))
        {
            var name = match.Groups["a"].Success ? match.Groups["a"].Value
                : match.Groups["b"].Success ? match.Groups["b"].Value
                : match.Groups["c"].Value;
            if (!name.StartsWith("__", StringComparison.Ordinal))
                yield return name;
        }
    }

    private static IEnumerable<Problem> CheckReferences(string path, string text, Dictionary<string, Variable> variables)
    {
        foreach (var name in ReferencedVariables(text).Distinct(StringComparer.Ordinal))
        {
            if (!variables.ContainsKey(name))
                yield return new Problem(path, $"references variable \"${name}\", which the dashboard does not define (defined: {Quoted(variables.Keys)})");
        }
    }

    private static string Quoted(IEnumerable<string> values)
    {
        var list = values.Order(StringComparer.Ordinal).Select(v => $"\"{v}\"").ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }

    [GeneratedRegex(@"\{\s*[A-Za-z_][A-Za-z0-9_]*\s*(=|!=|=~|!~)\s*(""|`)", RegexOptions.CultureInvariant)]
    private static partial Regex StreamSelectorPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex UidPattern();

    [GeneratedRegex(@"^(?!__)[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"\$\{(?<b>[A-Za-z_][A-Za-z0-9_]*)(?:[.:][^}]*)?\}|\[\[(?<c>[A-Za-z_][A-Za-z0-9_]*)(?::[^\]]*)?\]\]|\$(?<a>[A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();
}
