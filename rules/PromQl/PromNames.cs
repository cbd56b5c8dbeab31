using System.Text.RegularExpressions;

namespace Observability.Rules.PromQl;

/// <summary>Prometheus' name rules (the classic, UTF-8-free ones every tool accepts).</summary>
public static partial class PromNames
{
    /// <summary><c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>.</summary>
    public static bool IsValidMetricName(string? name) => name is not null && MetricName().IsMatch(name);

    /// <summary><c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
    public static bool IsValidLabelName(string? name) => name is not null && LabelName().IsMatch(name);

    /// <summary>Recording rule names: <c>level:metric:operations</c>, three non-empty parts, e.g. <c>job:http_requests:rate5m</c>.</summary>
    public static bool IsValidRecordName(string? name) => name is not null && RecordName().IsMatch(name);

    /// <summary>Alert names: PascalCase letters and digits, e.g. <c>HighErrorRate</c>, <c>HighCPUUsage</c>.</summary>
    public static bool IsValidAlertName(string? name) => name is not null && AlertName().IsMatch(name);

    /// <summary>Throws when <paramref name="name"/> is not a valid metric name; the message quotes it.</summary>
    public static string RequireMetricName(string name, string? what = null) =>
        IsValidMetricName(name)
            ? name
            : throw new ArgumentException($"{what ?? "metric name"}: \"{name}\" is not a valid metric name (expected [a-zA-Z_:][a-zA-Z0-9_:]*)", nameof(name));

    /// <summary>Throws when <paramref name="name"/> is not a valid label name; the message quotes it.</summary>
    public static string RequireLabelName(string name, string? what = null) =>
        IsValidLabelName(name)
            ? name
            : throw new ArgumentException($"{what ?? "label name"}: \"{name}\" is not a valid label name (expected [a-zA-Z_][a-zA-Z0-9_]*)", nameof(name));

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$", RegexOptions.CultureInvariant)]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RecordName();

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex AlertName();
}
