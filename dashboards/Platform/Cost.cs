using System.Text;
using Observability.Dashboards.Metrics;
using Observability.Rules.Conventions;
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
    public static string Increase(DashboardOptions options, string selector, string window) =>
        Terms(options, selector, matchers => $"increase({PlatformMetrics.AgentTokensUsed}{{{matchers}}}[{window}])");

    /// <summary>US dollars per second, averaged over <paramref name="window"/>.</summary>
    public static string Rate(DashboardOptions options, string selector, string window) =>
        Terms(options, selector, matchers => $"rate({PlatformMetrics.AgentTokensUsed}{{{matchers}}}[{window}])");

    /// <summary>
    /// US dollars spent over the last day (labels agent_id and model), from the recorded hourly increase
    /// (<see cref="RecordNames.AgentTokensLastHour"/>) at the last 24 whole hours: 24 samples per series instead of a
    /// day of raw samples, the day up to the last whole hour. The subquery range is 23h59m, not 1d: Prometheus 2's ranges
    /// include their start, so on an hour boundary (Grafana aligns a 1h step to them) 1d would hold 25 hourly points.
    /// </summary>
    public static string DayFromHourly(DashboardOptions options, string selector) =>
        Terms(options, selector, matchers => $"sum_over_time({RecordNames.AgentTokensLastHour}{{{matchers}}}[23h59m:1h])");

    private static string Terms(DashboardOptions options, string selector, Func<string, string> tokens)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = selector.Length > 0 ? selector + ", " : "";
        var text = new StringBuilder();
        foreach (var price in options.ModelPrices)
        {
            text.Append('(').Append(tokens($"{prefix}model=\"{EscapeString(price.Model)}\"")).Append(" * ")
                .Append(PromExpr.Number(price.UsdPerMillionTokens / 1_000_000m)).Append(")\nor\n");
        }

        var priced = string.Join("|", options.ModelPrices.Select(p => EscapeRegex(p.Model)));
        var others = options.ModelPrices.IsEmpty ? selector : prefix + $"model!~\"{priced}\"";
        text.Append('(').Append(tokens(others)).Append(" * ")
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
