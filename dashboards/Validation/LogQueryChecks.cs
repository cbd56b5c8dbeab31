using System.Text.RegularExpressions;
using Observability.Dashboards.Platform;

namespace Observability.Dashboards;

/// <summary>
/// LogQL queries must read what the log pipeline indexes (<see cref="LogSchema"/>): the promoted labels in the stream
/// selector, structured metadata in a label filter. Parsing a promoted field again, or scanning lines for it, costs a
/// parse or a substring search of every line in range and gains nothing.
/// </summary>
public static partial class LogQueryChecks
{
    /// <summary>Every way <paramref name="logql"/> re-reads a field the pipeline already promotes; empty when none.</summary>
    public static IReadOnlyList<string> Problems(string logql)
    {
        ArgumentNullException.ThrowIfNull(logql);
        var problems = new List<string>();
        for (var i = 0; i < logql.Length; i++)
        {
            var c = logql[i];
            if (c is '"' or '`')
            {
                i = EndOfString(logql, i);
                continue;
            }

            if (c != '|')
                continue;

            if (i + 1 < logql.Length && logql[i + 1] is '=' or '~')
            {
                var start = SkipSpaces(logql, i + 2);
                if (start < logql.Length && logql[start] is '"' or '`')
                {
                    var end = EndOfString(logql, start);
                    CheckLineFilter(logql[start..Math.Min(end + 1, logql.Length)], problems);
                    i = end;
                }

                continue;
            }

            var word = Identifier().Match(logql, SkipSpaces(logql, i + 1));
            if (!word.Success || word.Index != SkipSpaces(logql, i + 1) || word.Value is not ("json" or "logfmt"))
                continue;
            var parametersEnd = EndOfStage(logql, word.Index + word.Length);
            CheckParser(word.Value, logql[(word.Index + word.Length)..parametersEnd], problems);
            i = parametersEnd - 1;
        }

        return problems;
    }

    private static void CheckParser(string parser, string parameters, List<string> problems)
    {
        var list = Flags().Replace(parameters, "").Trim();
        if (list.Length == 0)
        {
            problems.Add(
                $"`| {parser}` without fields parses every field of every line, among them {Promoted()}, which the log pipeline " +
                $"already promotes; filter those in the stream selector or as structured metadata and name the fields you need (`| {parser} {LogFields.DurationMs}`)");
            return;
        }

        foreach (var parameter in SplitTopLevel(list))
        {
            var assignment = parameter.Split('=', 2);
            var field = assignment.Length == 2 ? Unquote(assignment[1].Trim()) : assignment[0].Trim();
            var root = field.Split('.', '[')[0];
            if (LogSchema.PromotedFields.TryGetValue(root, out var promoted))
                problems.Add($"`| {parser} {parameter.Trim()}` parses \"{root}\" again, which the log pipeline already promotes to {Describe(promoted)}");
        }
    }

    private static void CheckLineFilter(string literal, List<string> problems)
    {
        foreach (Match reference in VariableReference().Matches(literal))
        {
            var name = reference.Groups["name"].Value;
            var promoted = LogSchema.PromotedFields.TryGetValue(name, out var target) ? target
                : LogSchema.MetadataNames.Contains(name) || LogSchema.LabelNames.Contains(name) ? name
                : null;
            if (promoted is not null)
                problems.Add($"the line filter {literal} scans the text of every line for ${name}, which the log pipeline already keeps as {Describe(promoted)}: filter `| {promoted}=\"${name}\"` instead");
        }
    }

    private static string Describe(string name) =>
        LogSchema.MetadataNames.Contains(name) ? $"the structured metadata {name}" : $"the stream label {name}";

    private static string Promoted() => string.Join(", ", LogSchema.PromotedFields.Keys);

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
            i++;
        return i;
    }

    /// <summary>The index of the closing quote of the string starting at <paramref name="start"/> (the last index when unterminated).</summary>
    private static int EndOfString(string text, int start)
    {
        var quote = text[start];
        var i = start + 1;
        while (i < text.Length && text[i] != quote)
            i += quote == '"' && text[i] == '\\' ? 2 : 1;
        return Math.Min(i, text.Length - 1);
    }

    /// <summary>Where a parser stage's parameters end: the next pipe, range or closing bracket outside strings.</summary>
    private static int EndOfStage(string text, int start)
    {
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] is '"' or '`')
                i = EndOfString(text, i);
            else if (text[i] is '|' or '[' or ')' or '}')
                return i;
        }

        return text.Length;
    }

    private static IEnumerable<string> SplitTopLevel(string list)
    {
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i] is '"' or '`')
            {
                i = EndOfString(list, i);
            }
            else if (list[i] == ',')
            {
                yield return list[start..i];
                start = i + 1;
            }
        }

        yield return list[start..];
    }

    private static string Unquote(string text) =>
        text.Length >= 2 && text[0] is '"' or '`' && text[^1] == text[0] ? text[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal) : text;

    [GeneratedRegex("[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"--[a-z-]+")]
    private static partial Regex Flags();

    [GeneratedRegex(@"\$\{?(?<name>[A-Za-z_][A-Za-z0-9_]*)|\[\[(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex VariableReference();
}
