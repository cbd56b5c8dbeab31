using System.Text.RegularExpressions;

namespace Observability.Stacks.Settings;

/// <summary>The number must lie within [Min, Max].</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RangeAttribute(double min, double max) : Attribute
{
    public double Min { get; } = min;

    public double Max { get; } = max;
}

/// <summary>The duration must lie within [Min, Max] (Prometheus duration text).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DurationRangeAttribute(string min, string max) : Attribute
{
    public string Min { get; } = min;

    public string Max { get; } = max;
}

/// <summary>The string must be an absolute http or https URL.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class UrlAttribute : Attribute;

/// <summary>The string must be a Kubernetes quantity (e.g. <c>50Gi</c>, <c>500m</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class QuantityAttribute : Attribute;

/// <summary>The key must be set in the stack file (no default applies).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredSettingAttribute(string hint) : Attribute
{
    /// <summary>What to set, shown in the problem message.</summary>
    public string Hint { get; } = hint;
}

/// <summary>The string (or every string of a list, or every key of a map) must match <see cref="Regex"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatternAttribute(string pattern, string expected) : Attribute
{
    private Regex? regex;

    /// <summary>The pattern, compiled on first use (a cold start builds only the patterns of the keys it reads).</summary>
    public Regex Regex => regex ??= new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>What a valid value looks like, for the problem message.</summary>
    public string Expected { get; } = expected;
}

/// <summary>A settings record that checks rules spanning several of its keys (after every key was read).</summary>
public interface ICheckedSettings
{
    /// <summary>Adds a problem for every cross-key rule broken; <paramref name="path"/> is this record's key path.</summary>
    void Check(string path, ICollection<Rules.Validation.Problem> problems);
}
