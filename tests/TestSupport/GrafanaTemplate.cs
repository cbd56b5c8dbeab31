using System.Text.RegularExpressions;

namespace Observability.TestSupport;

/// <summary>
/// Grafana's template variables in a query, replaced before a real Prometheus tool sees it: the built-ins
/// (<c>$__rate_interval</c>, <c>$__range</c>, ...) by fixed samples, each dashboard variable by what the caller gives
/// (the promtool check: <c>sample</c>; the end-to-end tests: the variable's "All" value, as the dashboard opens).
/// </summary>
public static partial class GrafanaTemplate
{
    /// <summary>Grafana's built-in variables with a sample each.</summary>
    public static IReadOnlyDictionary<string, string> BuiltIns { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["__rate_interval"] = "5m",
        ["__interval"] = "1m",
        ["__range"] = "1h",
        ["__range_s"] = "3600",
        ["__interval_ms"] = "60000",
    };

    public static string Substitute(string expr, Func<string, string> variable)
    {
        ArgumentNullException.ThrowIfNull(expr);
        ArgumentNullException.ThrowIfNull(variable);
        return VariablePattern().Replace(expr, m =>
        {
            var name = m.Groups["a"].Success ? m.Groups["a"].Value : m.Groups["b"].Value;
            return BuiltIns.TryGetValue(name, out var sample) ? sample : variable(name);
        });
    }

    [GeneratedRegex(@"\$\{(?<b>[A-Za-z_][A-Za-z0-9_]*)(?::[^}]*)?\}|\$(?<a>[A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant)]
    private static partial Regex VariablePattern();
}
