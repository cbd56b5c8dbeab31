using System.Text;
using System.Text.RegularExpressions;

namespace Observability.Rules.PromQl;

/// <summary>How a label matcher compares: <c>=</c>, <c>!=</c>, <c>=~</c>, <c>!~</c> (regular expressions anchored at both ends).</summary>
public enum MatchOp
{
    Equal,
    NotEqual,
    Regex,
    NotRegex,
}

/// <summary>
/// One label matcher, e.g. <c>status=~"5.."</c>: the one model behind PromQL selectors (<see cref="Selector"/>), SLO
/// selectors (<see cref="Slo.SliSelector"/>) and Alertmanager's <c>matchers:</c> (routes, inhibitions), whose syntax is
/// PromQL's. One text form and one escaping (<see cref="Quote"/>); one validation (<see cref="Problem"/>), which the factory
/// methods and <see cref="Selector"/> enforce at once and the SLO validator reports with the SLO's path. A missing label
/// matches as the empty string, as in Prometheus and Alertmanager.
/// </summary>
public sealed record Matcher(string Name, MatchOp Op, string Value)
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    /// <summary><c>name="value"</c></summary>
    public static Matcher Eq(string name, string value) => new Matcher(name, MatchOp.Equal, value).Checked();

    /// <summary><c>name!="value"</c></summary>
    public static Matcher NotEq(string name, string value) => new Matcher(name, MatchOp.NotEqual, value).Checked();

    /// <summary><c>name=~"regex"</c></summary>
    public static Matcher Re(string name, string regex) => new Matcher(name, MatchOp.Regex, regex).Checked();

    /// <summary><c>name!~"regex"</c></summary>
    public static Matcher NotRe(string name, string regex) => new Matcher(name, MatchOp.NotRegex, regex).Checked();

    /// <summary><c>name=~".+"</c>: the label is present and not empty.</summary>
    public static Matcher Present(string name) => Re(name, ".+");

    /// <summary>Matches any of <paramref name="values"/> literally (regex alternation of escaped values).</summary>
    public static Matcher In(string name, params IEnumerable<string> values) =>
        Re(name, string.Join('|', values.Select(EscapeRegex)));

    /// <summary>Matches none of <paramref name="values"/> (literally).</summary>
    public static Matcher NotIn(string name, params IEnumerable<string> values) =>
        NotRe(name, string.Join('|', values.Select(EscapeRegex)));

    /// <summary>The operator's text: <c>=</c>, <c>!=</c>, <c>=~</c> or <c>!~</c>.</summary>
    public string Symbol => Op switch
    {
        MatchOp.Equal => "=",
        MatchOp.NotEqual => "!=",
        MatchOp.Regex => "=~",
        MatchOp.NotRegex => "!~",
        _ => throw new InvalidOperationException($"Unknown match operator {(int)Op}."),
    };

    /// <summary>
    /// What is wrong with this matcher, or null: the label name (<c>[a-zA-Z_][a-zA-Z0-9_]*</c>), the operator, a missing
    /// value, a regular expression .NET rejects (almost always one RE2, Prometheus' engine, rejects too).
    /// </summary>
    public string? Problem =>
        !PromNames.IsValidLabelName(Name) ? $"\"{Name}\" is not a valid label name (expected [a-zA-Z_][a-zA-Z0-9_]*)"
        : !Enum.IsDefined(Op) ? $"{(int)Op} is not a match type (expected =, !=, =~ or !~)"
        : Value is null ? "value is null"
        : Op is MatchOp.Regex or MatchOp.NotRegex && RegexProblem(Value) is { } regex ? $"\"{Value}\" is not a valid regular expression ({regex})"
        : null;

    /// <summary>This matcher, or an <see cref="ArgumentException"/> naming the label and what is wrong.</summary>
    public Matcher Checked()
    {
        if (Problem is not { } problem)
            return this;
        var regexBroken = PromNames.IsValidLabelName(Name) && Enum.IsDefined(Op) && Value is not null;
        throw new ArgumentException(regexBroken ? $"matcher on \"{Name}\": {problem}" : $"matcher: {problem}", nameof(Value));
    }

    /// <summary>True when a label value (empty for a missing label) satisfies this matcher.</summary>
    public bool Accepts(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Op switch
        {
            MatchOp.Equal => value == Value,
            MatchOp.NotEqual => value != Value,
            MatchOp.Regex => Anchored().IsMatch(value),
            MatchOp.NotRegex => !Anchored().IsMatch(value),
            _ => throw new InvalidOperationException($"Unknown match operator {(int)Op}."),
        };
    }

    /// <summary>True when the label set satisfies this matcher (a missing label reads as the empty string).</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return Accepts(labels.TryGetValue(Name, out var value) ? value : "");
    }

    /// <summary><c>name="value"</c>, the value double-quoted and escaped: as PromQL and Alertmanager's <c>matchers:</c> read it.</summary>
    public override string ToString() => Name + Symbol + Quote(Value);

    /// <summary>
    /// The one escaping of a label value into a double-quoted string (PromQL, Alertmanager matchers, promtool series):
    /// <c>\</c> → <c>\\</c>, <c>"</c> → <c>\"</c>, a newline → <c>\n</c>.
    /// </summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                '\n' => quoted.Append("\\n"),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }

    private Regex Anchored() => new("^(?:" + Value + ")$", RegexOptions.CultureInvariant, RegexTimeout);

    private static string? RegexProblem(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    private static string EscapeRegex(string value) =>
        Regex.Escape(value).Replace("\\ ", " ", StringComparison.Ordinal);
}
