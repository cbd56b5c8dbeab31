using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Observability.Benchmarks.PrometheusCost;

/// <summary>One Prometheus query of a dashboard panel over one time range.</summary>
public sealed record PanelCost(string Dashboard, string Panel, string Range, bool Instant, double StepSeconds, long Samples, double Milliseconds, string? Error);

/// <summary>
/// Runs each Prometheus target of a dashboard as Grafana would: a range query (<c>/api/v1/query_range</c>) at Grafana's
/// default step (the range over 1,000 points, rounded like Grafana's <c>roundInterval</c>, at least the 15s scrape
/// interval), or an instant query at the end for instant targets; template variables at their "All" value (<c>.*</c>),
/// <c>$__rate_interval</c> as Grafana computes it (max(step + scrape interval, 4 × scrape interval)).
/// </summary>
internal static partial class DashboardQueries
{
    private const double ScrapeInterval = 15;
    private const double MaxDataPoints = 1000;

    public static IEnumerable<PanelCost> Measure(string url, string file, TimeSpan range, double now)
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(file))!;
        var uid = (string?)dashboard["uid"] ?? Path.GetFileNameWithoutExtension(file);
        var step = GrafanaStep(range.TotalSeconds);
        var rangeText = range.TotalHours > 48 ? $"{range.TotalDays:0}d" : $"{range.TotalHours:0}h";
        foreach (var panel in Panels(dashboard["panels"]!.AsArray()))
        {
            foreach (var target in panel["targets"]?.AsArray() ?? [])
            {
                var expr = (string?)target?["expr"];
                var datasource = (string?)(target?["datasource"]?["uid"] ?? panel["datasource"]?["uid"]);
                if (expr is null || datasource is "loki" or "${loki}" or "jaeger" or "${jaeger}" || (string?)target?["datasource"]?["type"] is "loki" or "jaeger")
                    continue;
                var instant = (bool?)target!["instant"] == true && (bool?)target["range"] != true;
                // A target's (or its panel's) min interval raises the step, as in Grafana.
                var minInterval = (string?)target["interval"] ?? (string?)panel["interval"];
                var panelStep = minInterval is { Length: > 0 } && Observability.Rules.Model.Duration.TryParse(minInterval, out var min)
                    ? Math.Max(step, min.TotalSeconds)
                    : step;
                var query = Substitute(expr, panelStep, range.TotalSeconds);
                // Warm once, then measure: the first run pays the page cache, not the query.
                var at = Math.Floor(now / panelStep) * panelStep;
                _ = instant ? Query.Instant(url, query, at) : Query.Range(url, query, at - range.TotalSeconds, at, panelStep);
                var r = instant ? Query.Instant(url, query, at) : Query.Range(url, query, at - range.TotalSeconds, at, panelStep);
                yield return new PanelCost(uid, (string?)panel["title"] ?? "?", rangeText, instant, panelStep, r.Samples, r.Milliseconds, r.Error);
            }
        }
    }

    private static IEnumerable<JsonNode> Panels(JsonArray panels)
    {
        foreach (var p in panels)
        {
            if (p is null)
                continue;
            yield return p;
            if (p["panels"] is JsonArray nested)
            {
                foreach (var n in Panels(nested))
                    yield return n;
            }
        }
    }

    internal static string Substitute(string expr, double step, double range)
    {
        var rateInterval = Math.Max(step + ScrapeInterval, 4 * ScrapeInterval);
        var s = expr
            .Replace("$__rate_interval", Seconds(rateInterval), StringComparison.Ordinal)
            .Replace("${__rate_interval}", Seconds(rateInterval), StringComparison.Ordinal)
            .Replace("$__range", Seconds(range), StringComparison.Ordinal)
            .Replace("${__range}", Seconds(range), StringComparison.Ordinal)
            .Replace("$__interval", Seconds(step), StringComparison.Ordinal)
            .Replace("${__interval}", Seconds(step), StringComparison.Ordinal)
            .Replace("$__auto", Seconds(step), StringComparison.Ordinal);
        return Variable().Replace(s, ".*");
    }

    private static string Seconds(double s) => s.ToString("0", CultureInfo.InvariantCulture) + "s";

    /// <summary>Grafana's interval for a range: range / max data points, rounded as Grafana's <c>rangeutil.roundInterval</c>, at least the scrape interval.</summary>
    internal static double GrafanaStep(double rangeSeconds)
    {
        var ms = rangeSeconds * 1000 / MaxDataPoints;
        (double Below, double Is)[] table =
        [
            (15, 10), (35, 20), (75, 50), (150, 100), (350, 200), (750, 500), (1500, 1000), (3500, 2000), (7500, 5000),
            (12500, 10000), (17500, 15000), (25000, 20000), (45000, 30000), (90000, 60000), (210000, 120000), (450000, 300000),
            (1050000, 600000), (2100000, 1800000), (6000000, 3600000), (15000000, 7200000), (35000000, 21600000),
            (60000000, 43200000), (130000000, 86400000),
        ];
        var rounded = table.FirstOrDefault(t => ms < t.Below, (0, 604800000)).Is;
        return Math.Max(rounded / 1000, ScrapeInterval);
    }

    [GeneratedRegex(@"\$\{?[a-zA-Z_][a-zA-Z0-9_]*(:[a-z]+)?\}?")]
    private static partial Regex Variable();
}
