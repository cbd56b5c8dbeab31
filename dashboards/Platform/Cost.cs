using System.Text;
using Observability.Dashboards.Metrics;
using Observability.Rules.PromQl;

namespace Observability.Dashboards.Platform;

/// <summary>
/// LLM cost in PromQL: tokens (<see cref="PlatformMetrics.AgentTokensUsed"/>) × the configured price of their model.
/// One term per priced model, joined with <c>or</c> (their model labels differ, so nothing is counted twice), and a
/// last term at the default price for every model without a price, so that no token goes uncounted.
/// </summary>
public static class Cost
{
    /// <summary>US dollars spent over <paramref name="window"/> (labels kept: agent_id, model, ...).</summary>
    public static string Increase(DashboardOptions options, string selector, string window) => Terms(options, selector, "increase", window);

    /// <summary>US dollars per second, averaged over <paramref name="window"/>.</summary>
    public static string Rate(DashboardOptions options, string selector, string window) => Terms(options, selector, "rate", window);

    private static string Terms(DashboardOptions options, string selector, string function, string window)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = selector.Length > 0 ? selector + ", " : "";
        var text = new StringBuilder();
        foreach (var price in options.ModelPrices)
        {
            text.Append('(').Append(function).Append('(').Append(PlatformMetrics.AgentTokensUsed)
                .Append('{').Append(prefix).Append("model=\"").Append(EscapeString(price.Model)).Append("\"}[").Append(window).Append("]) * ")
                .Append(PromExpr.Number(price.UsdPerMillionTokens / 1_000_000m)).Append(")\nor\n");
        }

        var priced = string.Join("|", options.ModelPrices.Select(p => EscapeRegex(p.Model)));
        var others = options.ModelPrices.IsEmpty ? selector : prefix + $"model!~\"{priced}\"";
        text.Append('(').Append(function).Append('(').Append(PlatformMetrics.AgentTokensUsed)
            .Append('{').Append(others).Append("}[").Append(window).Append("]) * ")
            .Append(PromExpr.Number(options.DefaultUsdPerMillionTokens / 1_000_000m)).Append(')');
        return text.ToString();
    }

    private static string EscapeString(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    /// <summary>A regex matching <paramref name="value"/> literally, inside a PromQL double-quoted string.</summary>
    private static string EscapeRegex(string value)
    {
        var text = new StringBuilder();
        foreach (var c in value)
        {
            if (".+*?^$()[]{}|\\".Contains(c, StringComparison.Ordinal))
                text.Append("\\\\");
            else if (c == '"')
                text.Append('\\');
            text.Append(c);
        }

        return text.ToString();
    }
}
