using System.Globalization;
using Observability.Rules.Model;
using Observability.Rules.PromQl;

namespace Observability.Rules.Validation;

/// <summary>
/// Validates rule groups the way Prometheus' rulefmt does, and stricter: naming conventions, required
/// annotations, balanced templates and expressions. Every problem is reported, each with its path,
/// e.g. <c>group "http", rule 3 "HighErrorRate": annotations.summary: is missing</c>.
/// </summary>
public static class RuleValidator
{
    /// <summary>The path used for problems of the rule file as a whole.</summary>
    public const string FilePath = "rule file";

    /// <summary>The problem of a rule (read from text) that has neither <c>record</c> nor <c>alert</c>.</summary>
    public const string NeitherRecordNorAlert = "exactly one of record and alert must be set, found neither";

    /// <summary>The problem of a rule (read from text) that has both <c>record</c> and <c>alert</c>.</summary>
    public const string BothRecordAndAlert = "exactly one of record and alert must be set, found both";

    private static readonly string SeverityValues = string.Join(", ", Enum.GetValues<Severity>().Select(s => s.ToLabel()));

    private static readonly string[] RequiredAnnotations = ["summary", "description", "runbook_url"];

    public static IReadOnlyList<Problem> Validate(IEnumerable<RuleGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var problems = new List<Problem>();
        var list = groups.ToList();
        if (list.Count == 0)
        {
            problems.Add(new Problem(FilePath, "no groups: an empty rule file is an error"));
            return problems;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var g = 0; g < list.Count; g++)
        {
            var group = list[g];
            var groupPath = GroupPath(group, g + 1);
            if (string.IsNullOrWhiteSpace(group.Name))
                problems.Add(new Problem(groupPath, "name: is empty"));
            else if (seen.TryGetValue(group.Name, out var first))
                problems.Add(new Problem(groupPath, string.Create(CultureInfo.InvariantCulture, $"name: \"{group.Name}\" is already used by group {first}; group names must be unique")));
            else
                seen[group.Name] = g + 1;

            foreach (var problem in group.InputProblems)
                problems.Add(new Problem(groupPath, problem));
            if (group.Interval is { Milliseconds: 0 })
                problems.Add(new Problem(groupPath, "interval: must be greater than 0s"));
            if (group.Limit is < 0)
                problems.Add(new Problem(groupPath, string.Create(CultureInfo.InvariantCulture, $"limit: must be 0 (no limit) or more, found {group.Limit}")));
            if (group.Rules.IsDefaultOrEmpty)
            {
                problems.Add(new Problem(groupPath, "rules: a group needs at least one rule"));
                continue;
            }

            for (var r = 0; r < group.Rules.Length; r++)
                ValidateRule(group.Rules[r], RulePath(groupPath, r + 1, group.Rules[r].Name), problems);
        }

        return problems;
    }

    /// <summary>Throws a <see cref="ValidationException"/> with every problem, or returns the groups unchanged.</summary>
    public static IReadOnlyList<RuleGroup> EnsureValid(IEnumerable<RuleGroup> groups)
    {
        var list = groups.ToList();
        ValidationException.ThrowIfAny(Validate(list));
        return list;
    }

    /// <summary><c>group "http"</c>, or <c>group 2</c> when the name is empty.</summary>
    public static string GroupPath(RuleGroup group, int number) =>
        string.IsNullOrWhiteSpace(group.Name)
            ? string.Create(CultureInfo.InvariantCulture, $"group {number}")
            : $"group \"{group.Name}\"";

    /// <summary><c>group "http", rule 3 "HighErrorRate"</c> (1-based, like rulefmt).</summary>
    public static string RulePath(string groupPath, int number, string? name) =>
        string.IsNullOrWhiteSpace(name)
            ? string.Create(CultureInfo.InvariantCulture, $"{groupPath}, rule {number}")
            : string.Create(CultureInfo.InvariantCulture, $"{groupPath}, rule {number} \"{name}\"");

    private static void ValidateRule(Rule rule, string path, List<Problem> problems)
    {
        foreach (var problem in rule.InputProblems)
            problems.Add(new Problem(path, problem));
        var structureReported = rule.InputProblems.Contains(NeitherRecordNorAlert);
        switch (rule)
        {
            case AlertRule alert when !structureReported:
                ValidateAlertName(alert.Alert, path, problems);
                break;
            case RecordingRule record when !structureReported:
                ValidateRecordName(record.Record, path, problems);
                break;
            case AlertRule or RecordingRule:
                break;
            default:
                problems.Add(new Problem(path, $"is a {rule.GetType().Name}; a rule is either an alert or a recording rule"));
                return;
        }

        if (string.IsNullOrWhiteSpace(rule.Expr))
            problems.Add(new Problem(path, "expr: is empty"));
        else if (ExpressionShape.FirstProblem(rule.Expr) is { } exprProblem)
            problems.Add(new Problem(path, "expr: " + exprProblem));

        foreach (var (name, value) in rule.Labels)
        {
            if (!PromNames.IsValidLabelName(name))
                problems.Add(new Problem(path, $"labels: \"{name}\" is not a valid label name (expected [a-zA-Z_][a-zA-Z0-9_]*)"));
            else if (name.StartsWith("__", StringComparison.Ordinal))
                problems.Add(new Problem(path, $"labels: \"{name}\" starts with \"__\", which Prometheus reserves"));
            else if (name == "alertname")
                problems.Add(new Problem(path, "labels: \"alertname\" is set by Prometheus and cannot be a rule label"));
            else if (name == "severity" && rule is AlertRule)
                problems.Add(new Problem(path, "labels.severity: set it with Severity(...), not as a plain label"));
            if (rule is AlertRule && TemplateShape.FirstProblem(value) is { } templateProblem)
                problems.Add(new Problem(path, $"labels.{name}: {templateProblem}"));
        }

        if (rule is AlertRule a)
            ValidateAlert(a, path, problems);
    }

    private static void ValidateAlertName(string name, string path, List<Problem> problems)
    {
        if (string.IsNullOrWhiteSpace(name))
            problems.Add(new Problem(path, "alert: is empty"));
        else if (!PromNames.IsValidAlertName(name))
            problems.Add(new Problem(path, $"alert: \"{name}\" is not PascalCase (expected e.g. HighErrorRate)"));
    }

    private static void ValidateRecordName(string name, string path, List<Problem> problems)
    {
        if (string.IsNullOrWhiteSpace(name))
            problems.Add(new Problem(path, "record: is empty"));
        else if (name.IndexOfAny(['{', '}']) >= 0)
            problems.Add(new Problem(path, $"record: \"{name}\" contains braces; put labels under labels:"));
        else if (!PromNames.IsValidRecordName(name))
            problems.Add(new Problem(path, $"record: \"{name}\" does not follow level:metric:operations (e.g. job:http_requests:rate5m)"));
    }

    private static void ValidateAlert(AlertRule alert, string path, List<Problem> problems)
    {
        if (alert.Severity is null)
            problems.Add(new Problem(path, $"labels.severity: is missing (expected one of {SeverityValues})"));
        else if (!Enum.IsDefined(alert.Severity.Value))
            problems.Add(new Problem(path, $"labels.severity: {(int)alert.Severity.Value} is not a severity (expected one of {SeverityValues})"));

        var annotations = alert.Annotations().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var required in RequiredAnnotations)
        {
            if (!annotations.TryGetValue(required, out var text) || string.IsNullOrWhiteSpace(text))
                problems.Add(new Problem(path, $"annotations.{required}: is missing"));
        }

        foreach (var (name, value) in annotations)
        {
            if (!PromNames.IsValidLabelName(name))
            {
                problems.Add(new Problem(path, $"annotations: \"{name}\" is not a valid annotation name (expected [a-zA-Z_][a-zA-Z0-9_]*)"));
                continue;
            }

            if (TemplateShape.FirstProblem(value) is { } templateProblem)
                problems.Add(new Problem(path, $"annotations.{name}: {templateProblem}"));
            else if (name is "runbook_url" or "dashboard_url" && !string.IsNullOrWhiteSpace(value) && !IsAbsoluteHttpUrl(value))
                problems.Add(new Problem(path, $"annotations.{name}: \"{value}\" is not an absolute http(s) URL"));
        }
    }

    private static bool IsAbsoluteHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

/// <summary>Checks Go template delimiters: every <c>{{</c> closed by <c>}}</c>, no stray <c>}}</c>.</summary>
internal static class TemplateShape
{
    public static string? FirstProblem(string text)
    {
        var open = -1;
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (text[i] == '{' && text[i + 1] == '{')
            {
                if (open >= 0)
                    return string.Create(CultureInfo.InvariantCulture, $"unbalanced template: \"{{{{\" at offset {open} is not closed before the next \"{{{{\" at offset {i}");
                open = i;
                i++;
            }
            else if (text[i] == '}' && text[i + 1] == '}')
            {
                if (open < 0)
                    return string.Create(CultureInfo.InvariantCulture, $"unbalanced template: \"}}}}\" at offset {i} has no opening \"{{{{\"");
                open = -1;
                i++;
            }
        }

        return open >= 0
            ? string.Create(CultureInfo.InvariantCulture, $"unbalanced template: \"{{{{\" at offset {open} is never closed")
            : null;
    }
}

/// <summary>A quick structural check of a PromQL expression: balanced brackets and terminated strings (promtool checks the rest).</summary>
internal static class ExpressionShape
{
    public static string? FirstProblem(string text)
    {
        var stack = new Stack<(char Open, int Offset)>();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"' or '\'' or '`':
                {
                    var start = i;
                    i++;
                    while (i < text.Length && text[i] != c)
                    {
                        if (text[i] == '\\' && c != '`')
                            i++;
                        i++;
                    }

                    if (i >= text.Length)
                        return string.Create(CultureInfo.InvariantCulture, $"string starting at offset {start} is not terminated");
                    break;
                }

                case '#':
                    while (i < text.Length && text[i] != '\n')
                        i++;
                    break;
                case '(' or '[' or '{':
                    stack.Push((c, i));
                    break;
                case ')' or ']' or '}':
                {
                    var expected = c switch { ')' => '(', ']' => '[', _ => '{' };
                    if (stack.Count == 0)
                        return string.Create(CultureInfo.InvariantCulture, $"\"{c}\" at offset {i} has no opening \"{expected}\"");
                    var (open, offset) = stack.Pop();
                    if (open != expected)
                        return string.Create(CultureInfo.InvariantCulture, $"\"{open}\" at offset {offset} is closed by \"{c}\" at offset {i}");
                    break;
                }
            }
        }

        if (stack.Count > 0)
        {
            var (open, offset) = stack.Pop();
            return string.Create(CultureInfo.InvariantCulture, $"\"{open}\" at offset {offset} is never closed");
        }

        return null;
    }
}
