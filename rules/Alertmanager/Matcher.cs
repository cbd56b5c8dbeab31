using System.Text;
using System.Text.RegularExpressions;

namespace Observability.Rules.Alertmanager;

/// <summary>How a <see cref="Matcher"/> compares a label's value.</summary>
public enum MatchOperator
{
    /// <summary><c>=</c></summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,

    /// <summary><c>=~</c>, the regular expression anchored at both ends.</summary>
    Regex,

    /// <summary><c>!~</c>, the regular expression anchored at both ends.</summary>
    NotRegex,
}

/// <summary>
/// One label matcher in Alertmanager's <c>matchers:</c> syntax, e.g. <c>severity="critical"</c> or <c>alertname=~"Http.+"</c>.
/// A missing label matches as the empty string, as in Alertmanager.
/// </summary>
public sealed partial record Matcher
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    public Matcher(string name, MatchOperator op, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!LabelNamePattern().IsMatch(name))
            throw new ArgumentException($"\"{name}\" is not a label name (expected [a-zA-Z_][a-zA-Z0-9_]*)", nameof(name));
        if (op is MatchOperator.Regex or MatchOperator.NotRegex)
        {
            try
            {
                _ = new Regex(value, RegexOptions.CultureInvariant, RegexTimeout);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"matcher on \"{name}\": \"{value}\" is not a valid regular expression ({e.Message})", nameof(value), e);
            }
        }

        Name = name;
        Operator = op;
        Value = value;
    }

    public string Name { get; }

    public MatchOperator Operator { get; }

    public string Value { get; }

    /// <summary><c>name="value"</c></summary>
    public static Matcher Eq(string name, string value) => new(name, MatchOperator.Equal, value);

    /// <summary><c>name!="value"</c></summary>
    public static Matcher NotEq(string name, string value) => new(name, MatchOperator.NotEqual, value);

    /// <summary><c>name=~"regex"</c></summary>
    public static Matcher Re(string name, string regex) => new(name, MatchOperator.Regex, regex);

    /// <summary><c>name!~"regex"</c></summary>
    public static Matcher NotRe(string name, string regex) => new(name, MatchOperator.NotRegex, regex);

    /// <summary><c>name=~".+"</c>: the label is present and not empty.</summary>
    public static Matcher Present(string name) => Re(name, ".+");

    public string Symbol => Operator switch
    {
        MatchOperator.Equal => "=",
        MatchOperator.NotEqual => "!=",
        MatchOperator.Regex => "=~",
        MatchOperator.NotRegex => "!~",
        _ => throw new InvalidOperationException($"Unknown operator {Operator}."),
    };

    /// <summary>True when a label value (empty for a missing label) satisfies this matcher.</summary>
    public bool Accepts(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Operator switch
        {
            MatchOperator.Equal => value == Value,
            MatchOperator.NotEqual => value != Value,
            MatchOperator.Regex => Anchored().IsMatch(value),
            MatchOperator.NotRegex => !Anchored().IsMatch(value),
            _ => throw new InvalidOperationException($"Unknown operator {Operator}."),
        };
    }

    /// <summary>True when the label set satisfies this matcher (a missing label reads as the empty string).</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return Accepts(labels.TryGetValue(Name, out var value) ? value : "");
    }

    private Regex Anchored() => new("^(?:" + Value + ")$", RegexOptions.CultureInvariant, RegexTimeout);

    /// <summary>The matcher as Alertmanager reads it in a <c>matchers:</c> list: the value always double-quoted.</summary>
    public override string ToString()
    {
        var quoted = new StringBuilder(Value.Length + 2).Append('"');
        foreach (var c in Value)
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                '\n' => quoted.Append("\\n"),
                _ => quoted.Append(c),
            };
        }

        return Name + Symbol + quoted.Append('"');
    }

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$", RegexOptions.CultureInvariant)]
    internal static partial Regex LabelNamePattern();
}
