namespace Observability.Dashboards.Metrics;

/// <summary>
/// Finds the metric names a PromQL expression reads, without a full parser: it skips strings, label matchers
/// (<c>{...}</c>), ranges (<c>[...]</c>), label lists after <c>by/without/on/ignoring/group_left/group_right</c>,
/// numbers and durations, template variables (<c>$x</c>, <c>${x}</c>), function and aggregation calls and keywords.
/// What is left are the metric names. promtool parses every expression separately (see the tests).
/// </summary>
public static class PromQlMetrics
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset",
        "atan2", "inf", "nan", "Inf", "NaN", "start", "end",
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile",
        "limitk", "limit_ratio",
    };

    private static readonly HashSet<string> LabelListKeywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right",
    };

    public static IReadOnlyList<string> Extract(string expr)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var names = new List<string>();
        var i = 0;
        while (i < expr.Length)
        {
            var c = expr[i];
            if (c is '"' or '\'' or '`')
            {
                i = SkipString(expr, i);
            }
            else if (c == '{')
            {
                i = SkipTo(expr, i, '}');
            }
            else if (c == '[')
            {
                i = SkipTo(expr, i, ']');
            }
            else if (c == '#')
            {
                while (i < expr.Length && expr[i] != '\n')
                    i++;
            }
            else if (c == '$')
            {
                i++;
                if (i < expr.Length && expr[i] == '{')
                    i = SkipTo(expr, i, '}');
                else
                    while (i < expr.Length && (char.IsAsciiLetterOrDigit(expr[i]) || expr[i] == '_'))
                        i++;
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < expr.Length && char.IsAsciiDigit(expr[i + 1])))
            {
                while (i < expr.Length && (char.IsAsciiLetterOrDigit(expr[i]) || expr[i] is '.' or '_'))
                    i++;
            }
            else if (char.IsAsciiLetter(c) || c is '_' or ':')
            {
                var start = i;
                while (i < expr.Length && (char.IsAsciiLetterOrDigit(expr[i]) || expr[i] is '_' or ':'))
                    i++;
                var word = expr[start..i];
                var next = i;
                while (next < expr.Length && char.IsWhiteSpace(expr[next]))
                    next++;
                var followedByParen = next < expr.Length && expr[next] == '(';
                if (LabelListKeywords.Contains(word) && followedByParen)
                    i = SkipTo(expr, next, ')');
                else if (!followedByParen && !Keywords.Contains(word))
                    names.Add(word);
            }
            else
            {
                i++;
            }
        }

        return names.Distinct(StringComparer.Ordinal).ToList();
    }

    private static int SkipString(string expr, int i)
    {
        var quote = expr[i++];
        while (i < expr.Length && expr[i] != quote)
            i += expr[i] == '\\' && quote != '`' ? 2 : 1;
        return i + 1;
    }

    private static int SkipTo(string expr, int i, char close)
    {
        var open = expr[i];
        var depth = 0;
        while (i < expr.Length)
        {
            var c = expr[i];
            if (c is '"' or '\'' or '`')
            {
                i = SkipString(expr, i);
                continue;
            }

            if (c == open)
                depth++;
            else if (c == close && --depth == 0)
                return i + 1;
            i++;
        }

        return i;
    }
}
