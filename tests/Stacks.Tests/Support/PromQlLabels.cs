using System.Text;
using System.Text.RegularExpressions;

namespace Observability.Stacks.Tests.Support;

/// <summary>
/// The labels a PromQL expression's result keeps: either a fixed set (<c>sum by (a, b)</c>, <c>histogram_quantile</c>
/// drops <c>le</c>) or "every label of the source series except <see cref="Except"/>" (<c>rate(x[5m])</c>,
/// <c>sum without (cpu)</c>). Enough of PromQL for the recording rules of kube-prometheus and ours.
/// </summary>
internal sealed record KeptLabels(bool All, IReadOnlySet<string> Labels, IReadOnlySet<string> Except)
{
    public static KeptLabels Every { get; } = new(true, new HashSet<string>(), new HashSet<string>());

    public static KeptLabels None { get; } = new(false, new HashSet<string>(), new HashSet<string>());

    public static KeptLabels Only(IEnumerable<string> labels) => new(false, labels.ToHashSet(StringComparer.Ordinal), new HashSet<string>());

    public bool Keeps(string label) => All ? !Except.Contains(label) : Labels.Contains(label);

    public KeptLabels Without(IEnumerable<string> labels) =>
        All ? this with { Except = Except.Union(labels).ToHashSet(StringComparer.Ordinal) }
            : this with { Labels = Labels.Except(labels).ToHashSet(StringComparer.Ordinal) };

    public KeptLabels Plus(IEnumerable<string> labels) =>
        All ? this with { Except = Except.Except(labels).ToHashSet(StringComparer.Ordinal) }
            : this with { Labels = Labels.Union(labels).ToHashSet(StringComparer.Ordinal) };

    public override string ToString() => All
        ? Except.Count == 0 ? "every label" : $"every label but {string.Join(", ", Except.Order(StringComparer.Ordinal))}"
        : $"({string.Join(", ", Labels.Order(StringComparer.Ordinal))})";
}

/// <summary>A small PromQL reader: recording-rule names and label matchers of queries, labels kept by expressions.</summary>
internal static partial class PromQlLabels
{
    private static readonly HashSet<string> Aggregations = new(StringComparer.Ordinal)
    {
        "sum", "avg", "min", "max", "count", "group", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "limitk", "limit_ratio",
    };

    /// <summary>Aggregations whose <c>by</c> only groups: every input label survives.</summary>
    private static readonly HashSet<string> Selecting = new(StringComparer.Ordinal) { "topk", "bottomk", "limitk", "limit_ratio" };

    /// <summary>The expression with every string literal emptied (label values, regexes, legends cannot confuse the scan).</summary>
    public static string WithoutStrings(string expr)
    {
        var sb = new StringBuilder(expr.Length);
        for (var i = 0; i < expr.Length; i++)
        {
            var c = expr[i];
            if (c is '"' or '\'' or '`')
            {
                sb.Append(c);
                var j = i + 1;
                while (j < expr.Length && expr[j] != c)
                    j += expr[j] == '\\' && c != '`' ? 2 : 1;
                sb.Append(c);
                i = Math.Min(j, expr.Length);
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>Every use of a recording rule (a name with a colon) in a query, with the label names its matchers use.</summary>
    public static IEnumerable<(string Record, IReadOnlyList<string> MatcherLabels)> RecordUses(string query)
    {
        var text = WithoutStrings(query);
        foreach (Match m in RecordName().Matches(text))
        {
            var after = m.Index + m.Length;
            var labels = new List<string>();
            if (after < text.Length && text[after] == '{')
            {
                var close = text.IndexOf('}', after);
                labels.AddRange(MatcherLabel().Matches(text[(after + 1)..close]).Select(l => l.Groups[1].Value).Where(l => l != "__name__"));
            }

            yield return (m.Value, labels);
        }
    }

    /// <summary>The labels a (recording rule's) expression keeps.</summary>
    public static KeptLabels Kept(string expr) => KeptOf(Comment().Replace(expr, "").Trim());

    private static KeptLabels KeptOf(string e)
    {
        e = e.Trim();
        var operands = SplitBinary(e, out var groupLeft);
        if (operands.Count > 1)
        {
            // The result of a vector operation keeps the left vector's labels (group_left adds the named ones);
            // a number or scalar operand contributes none.
            foreach (var operand in operands)
            {
                var kept = KeptOf(operand);
                if (kept != KeptLabels.None)
                    return kept.Plus(groupLeft);
            }

            return KeptLabels.None;
        }

        if (e.StartsWith('(') && Matching(e, 0) == e.Length - 1)
            return KeptOf(e[1..^1]);
        if (NumberLiteral().IsMatch(e))
            return KeptLabels.None;

        var head = Identifier().Match(e);
        if (!head.Success)
            throw new FormatException($"cannot read the PromQL expression \"{e}\"");
        var name = head.Value;
        var rest = e[name.Length..].TrimStart();

        if (Aggregations.Contains(name))
        {
            // op [by|without (labels)] (args) [by|without (labels)]
            string? modifier = null;
            IReadOnlyList<string> labels = [];
            if (Modifier().Match(rest) is { Success: true } pre)
            {
                modifier = pre.Groups[1].Value;
                labels = LabelList(pre.Groups[2].Value);
                rest = rest[pre.Length..].TrimStart();
            }

            var close = Matching(rest, 0);
            var args = SplitArgs(rest[1..close]);
            var tail = rest[(close + 1)..].Trim();
            if (Modifier().Match(tail) is { Success: true } post)
            {
                modifier = post.Groups[1].Value;
                labels = LabelList(post.Groups[2].Value);
            }

            var inner = KeptOf(args[^1]);
            if (Selecting.Contains(name))
                return inner;
            return modifier switch
            {
                "by" => KeptLabels.Only(labels),
                "without" => inner.Without(labels),
                _ => KeptLabels.None,
            };
        }

        if (rest.StartsWith('('))
        {
            var close = Matching(rest, 0);
            var args = SplitArgs(rest[1..close]);
            return name switch
            {
                "scalar" or "vector" or "time" => KeptLabels.None,
                "label_replace" => KeptOf(args[0]).Plus([StringArgument(e, 1)]),
                "label_join" => KeptOf(args[0]).Plus([StringArgument(e, 1)]),
                "histogram_quantile" => KeptOf(args[1]).Without(["le"]),
                "absent" or "absent_over_time" => KeptLabels.Every,
                _ => args.Select(KeptOf).FirstOrDefault(k => k != KeptLabels.None) ?? KeptLabels.None,
            };
        }

        // A selector, maybe with matchers, a range, an offset or a subquery: every label of the series.
        return KeptLabels.Every;
    }

    /// <summary>The value of the <paramref name="index"/>th argument of the call <paramref name="expr"/>, a string literal.</summary>
    private static string StringArgument(string expr, int index)
    {
        var open = expr.IndexOf('(');
        var args = SplitArgs(expr[(open + 1)..Matching(expr, open)]);
        return args[index].Trim().Trim('"', '\'', '`');
    }

    private static List<string> SplitBinary(string e, out List<string> groupLeft)
    {
        groupLeft = [];
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < e.Length; i++)
        {
            var c = e[i];
            if (c is '(' or '{' or '[')
                depth++;
            else if (c is ')' or '}' or ']')
                depth--;
            else if (c is '"' or '\'' or '`')
                i = EndOfString(e, i);
            else if (depth == 0 && BinaryAt(e, i) is { } length)
            {
                parts.Add(e[start..i]);
                var j = i + length;
                // on (...) / ignoring (...) / group_left (...) / group_right (...) / bool
                while (true)
                {
                    var m = VectorMatching().Match(e[j..]);
                    if (!m.Success)
                        break;
                    if (m.Groups[1].Value == "group_left" && m.Groups[2].Success)
                        groupLeft.AddRange(LabelList(m.Groups[2].Value));
                    j += m.Length;
                }

                start = j;
                i = j - 1;
            }
        }

        parts.Add(e[start..]);
        return parts.Where(p => p.Trim().Length > 0).ToList();
    }

    private static int? BinaryAt(string e, int i)
    {
        foreach (var op in new[] { "==", "!=", ">=", "<=", "and", "or", "unless", "+", "-", "*", "/", "%", "^", ">", "<" })
        {
            if (string.CompareOrdinal(e, i, op, 0, op.Length) != 0)
                continue;
            if (char.IsLetter(op[0]))
            {
                var before = i == 0 ? ' ' : e[i - 1];
                var after = i + op.Length >= e.Length ? ' ' : e[i + op.Length];
                if (IsWordChar(before) || IsWordChar(after))
                    continue;
            }
            else if (op is "-" or "+" && (i == 0 || PrecedesUnary(e, i)))
            {
                continue;
            }
            else if (op is "-" or "+" && i > 0 && char.IsDigit(e[i - 1]) && i > 1 && (e[i - 2] is 'e' or 'E'))
            {
                continue;
            }

            return op.Length;
        }

        return null;
    }

    private static bool PrecedesUnary(string e, int i)
    {
        var k = i - 1;
        while (k >= 0 && char.IsWhiteSpace(e[k]))
            k--;
        return k < 0 || e[k] is '(' or ',' or '*' or '/' or '+' or '-' or '>' or '<' or '=';
    }

    private static int EndOfString(string s, int open)
    {
        var quote = s[open];
        var j = open + 1;
        while (j < s.Length && s[j] != quote)
            j += s[j] == '\\' && quote != '`' ? 2 : 1;
        return Math.Min(j, s.Length - 1);
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '_' or ':';

    private static List<string> SplitArgs(string s)
    {
        var args = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c is '(' or '{' or '[')
                depth++;
            else if (c is ')' or '}' or ']')
                depth--;
            else if (c is '"' or '\'' or '`')
                i = EndOfString(s, i);
            else if (c == ',' && depth == 0)
            {
                args.Add(s[start..i]);
                start = i + 1;
            }
        }

        args.Add(s[start..]);
        return args;
    }

    private static int Matching(string s, int open)
    {
        var depth = 0;
        for (var i = open; i < s.Length; i++)
        {
            var c = s[i];
            if (c is '(' or '{' or '[')
                depth++;
            else if (c is ')' or '}' or ']')
            {
                depth--;
                if (depth == 0)
                    return i;
            }
            else if (c is '"' or '\'' or '`')
            {
                i = EndOfString(s, i);
            }
        }

        throw new FormatException($"unbalanced brackets in \"{s}\"");
    }

    private static List<string> LabelList(string inside) =>
        inside.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    [GeneratedRegex(@"(?<![A-Za-z0-9_:$.])[A-Za-z_][A-Za-z0-9_]*:[A-Za-z0-9_:]*")]
    private static partial Regex RecordName();

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)\s*(?:=~|!~|!=|=)")]
    private static partial Regex MatcherLabel();

    [GeneratedRegex(@"(?m)^\s*#.*$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_:]*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^(by|without)\s*\(([^)]*)\)")]
    private static partial Regex Modifier();

    [GeneratedRegex(@"^\s*(on|ignoring|group_left|group_right|bool)\b\s*(?:\(([^)]*)\))?")]
    private static partial Regex VectorMatching();

    [GeneratedRegex(@"^[0-9.]+(?:e[+-]?[0-9]+)?$|^Inf$|^NaN$", RegexOptions.IgnoreCase)]
    private static partial Regex NumberLiteral();
}
