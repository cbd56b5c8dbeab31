using System.Globalization;

namespace Observability.Rules.PromQl;

/// <summary>
/// A PromQL expression. Raw strings are accepted (implicit conversion); the typed helpers in
/// <see cref="Prom"/> build the shapes the rule packs repeat so that selectors and windows are written once.
/// </summary>
public sealed partial record PromExpr
{
    public PromExpr(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text.Trim();
    }

    public string Text { get; }

    public static implicit operator PromExpr(string text) => new(text);

    public override string ToString() => Text;

    /// <summary>Formats a number the way PromQL and YAML should see it: invariant, shortest exact form, no exponent noise.</summary>
    public static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Formats a decimal exactly, without trailing zeros (0.001, not 0.0010).</summary>
    public static string Number(decimal value) =>
        value.ToString("0.############################", CultureInfo.InvariantCulture);

    private PromExpr Binary(string op, string right) => new($"{Parenthesise(Text)} {op} {right}");

    /// <summary>Wraps the expression in parentheses unless it is already one term (a call, selector or number).</summary>
    internal static string Parenthesise(string text) => IsAtomic(text) ? text : $"({text})";

    private static bool IsAtomic(string text)
    {
        // An aggregation with a label clause, "sum by (job) (expr)", is one term although it has spaces.
        var aggregation = AggregationPrefix().Match(text);
        if (aggregation.Success)
            return IsSingleGroup(text[aggregation.Length..]);

        return HasNoTopLevelSpace(text);
    }

    /// <summary>True when <paramref name="text"/> is one parenthesised group, "( ... )", and nothing after it.</summary>
    private static bool IsSingleGroup(string text) =>
        text.Length >= 2 && text[0] == '(' && text[^1] == ')' && HasNoTopLevelSpace(text);

    [System.Text.RegularExpressions.GeneratedRegex(
        @"^(?:sum|avg|min|max|count|group|stddev|stdvar) (?:by|without) \([a-zA-Z0-9_, ]*\) ",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex AggregationPrefix();

    private static bool HasNoTopLevelSpace(string text)
    {
        var depth = 0;
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                    i++;
                else if (c == '"')
                    inString = false;
                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '(' or '{' or '[':
                    depth++;
                    break;
                case ')' or '}' or ']':
                    depth--;
                    break;
                case ' ' when depth == 0:
                    return false;
            }
        }

        return true;
    }

    public static PromExpr operator >(PromExpr left, double right) => left.Binary(">", Number(right));

    public static PromExpr operator <(PromExpr left, double right) => left.Binary("<", Number(right));

    public static PromExpr operator >=(PromExpr left, double right) => left.Binary(">=", Number(right));

    public static PromExpr operator <=(PromExpr left, double right) => left.Binary("<=", Number(right));

    public static PromExpr operator >(PromExpr left, decimal right) => left.Binary(">", Number(right));

    public static PromExpr operator <(PromExpr left, decimal right) => left.Binary("<", Number(right));

    public static PromExpr operator >=(PromExpr left, decimal right) => left.Binary(">=", Number(right));

    public static PromExpr operator <=(PromExpr left, decimal right) => left.Binary("<=", Number(right));

    public static PromExpr operator >(PromExpr left, PromExpr right) => left.Binary(">", Parenthesise(right.Text));

    public static PromExpr operator <(PromExpr left, PromExpr right) => left.Binary("<", Parenthesise(right.Text));

    public static PromExpr operator >=(PromExpr left, PromExpr right) => left.Binary(">=", Parenthesise(right.Text));

    public static PromExpr operator <=(PromExpr left, PromExpr right) => left.Binary("<=", Parenthesise(right.Text));

    /// <summary><c>left == value</c> (a filter: keeps the series equal to the value).</summary>
    public PromExpr EqualTo(double value) => Binary("==", Number(value));

    /// <summary><c>left and right</c>: the left series that have a match on the right.</summary>
    public PromExpr And(PromExpr right) => Binary("and", Parenthesise(right.Text));

    /// <summary><c>left unless right</c>: the left series without a match on the right.</summary>
    public PromExpr Unless(PromExpr right) => Binary("unless", Parenthesise(right.Text));

    /// <summary><c>left or right</c>.</summary>
    public PromExpr Or(PromExpr right) => Binary("or", Parenthesise(right.Text));

    /// <summary><c>left / on (labels) right</c>: one-to-one division matching only on <paramref name="on"/>.</summary>
    public PromExpr DivideOn(PromExpr right, params IEnumerable<string> on) => Binary($"/ on ({Prom.Join(on)})", Parenthesise(right.Text));

    /// <summary><c>left / on (labels) group_left right</c>: many-to-one division, e.g. per-CPU values over a per-node count.</summary>
    public PromExpr DivideOnGroupLeft(PromExpr right, params IEnumerable<string> on) =>
        Binary($"/ on ({Prom.Join(on)}) group_left", Parenthesise(right.Text));

    public static PromExpr operator /(PromExpr left, PromExpr right) => left.Binary("/", Parenthesise(right.Text));

    public static PromExpr operator *(PromExpr left, PromExpr right) => left.Binary("*", Parenthesise(right.Text));

    public static PromExpr operator -(PromExpr left, PromExpr right) => left.Binary("-", Parenthesise(right.Text));

    public static PromExpr operator +(PromExpr left, PromExpr right) => left.Binary("+", Parenthesise(right.Text));
}
