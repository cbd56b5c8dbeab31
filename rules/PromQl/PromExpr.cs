using System.Globalization;

namespace Observability.Rules.PromQl;

/// <summary>
/// A PromQL expression. Raw strings are accepted (implicit conversion); the typed helpers in
/// <see cref="Prom"/> build the shapes the rule packs repeat so that selectors and windows are written once.
/// </summary>
public sealed record PromExpr
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

    public static PromExpr operator /(PromExpr left, PromExpr right) => left.Binary("/", Parenthesise(right.Text));

    public static PromExpr operator *(PromExpr left, PromExpr right) => left.Binary("*", Parenthesise(right.Text));

    public static PromExpr operator -(PromExpr left, PromExpr right) => left.Binary("-", Parenthesise(right.Text));

    public static PromExpr operator +(PromExpr left, PromExpr right) => left.Binary("+", Parenthesise(right.Text));
}
