using System.Globalization;
using System.Text.RegularExpressions;
using Observability.Rules.Model;
using Observability.Rules.PromQl;
using Observability.Rules.Validation;

namespace Observability.Rules.Slo;

/// <summary>
/// Checks SLO definitions and options before anything is compiled, and reports every problem at once, each naming
/// the SLO and the field: <c>slo "api-latency": sli.threshold: 0.3 is not a bucket boundary of ...</c>.
/// </summary>
public static partial class SloValidator
{
    /// <summary>The path of problems with the compile options.</summary>
    public const string OptionsPath = "slo options";

    /// <summary>The path of problems with the list of SLOs as a whole.</summary>
    public const string ListPath = "slos";

    private static readonly string SupportedPeriods = string.Join(", ", SloPeriods.Supported);

    private static readonly string RecordedWindows = string.Join(", ", SloConventions.Windows);

    private static readonly HashSet<string> GeneratedLabels =
        new([SloConventions.SloLabel, SloConventions.ServiceLabel, "severity", "alertname"], StringComparer.Ordinal);

    private static readonly HashSet<string> GeneratedAnnotations =
        new(["summary", "description", "runbook_url", "dashboard_url"], StringComparer.Ordinal);

    public static IReadOnlyList<Problem> Validate(IEnumerable<SloDefinition> slos, SloOptions options)
    {
        ArgumentNullException.ThrowIfNull(slos);
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<Problem>();
        ValidateOptions(options, problems);

        var list = slos.ToList();
        if (list.Count == 0)
            problems.Add(new Problem(ListPath, "no SLOs: compiling nothing is an error, not an empty success"));

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var slo = list[i];
            var path = SloPath(slo, i + 1);
            if (slo is null)
            {
                problems.Add(new Problem(path, "is null"));
                continue;
            }

            if (!string.IsNullOrWhiteSpace(slo.Name))
            {
                if (seen.TryGetValue(slo.Name, out var first))
                    problems.Add(new Problem(path, string.Create(CultureInfo.InvariantCulture, $"name: \"{slo.Name}\" is already used by slo {first}; SLO names must be unique")));
                else
                    seen[slo.Name] = i + 1;
            }

            ValidateSlo(slo, path, problems);
        }

        return problems;
    }

    /// <summary>Throws a <see cref="ValidationException"/> carrying every problem.</summary>
    public static void EnsureValid(IEnumerable<SloDefinition> slos, SloOptions options) =>
        ValidationException.ThrowIfAny(Validate(slos, options));

    /// <summary>
    /// SLOs whose period is longer than Prometheus keeps data: their period window (and so the error budget left)
    /// would silently cover only the retention. For the composition to check against the stack's retention.
    /// </summary>
    public static IReadOnlyList<Problem> ValidateRetention(IEnumerable<SloDefinition> slos, Duration retention)
    {
        ArgumentNullException.ThrowIfNull(slos);
        var problems = new List<Problem>();
        var number = 0;
        foreach (var slo in slos)
        {
            number++;
            if (slo is not null && slo.Period > retention)
            {
                problems.Add(new Problem(SloPath(slo, number),
                    $"period: {slo.Period} is longer than Prometheus' retention of {retention}; the error budget would be measured over {retention} only (expected a retention of at least {slo.Period}, or a shorter period)"));
            }
        }

        return problems;
    }

    /// <summary><c>slo "api-availability"</c>, or <c>slo 3</c> (1-based) when the name is empty.</summary>
    public static string SloPath(SloDefinition? slo, int number) =>
        slo is null || string.IsNullOrWhiteSpace(slo.Name)
            ? string.Create(CultureInfo.InvariantCulture, $"slo {number}")
            : $"slo \"{slo.Name}\"";

    private static void ValidateSlo(SloDefinition slo, string path, List<Problem> problems)
    {
        void Add(string message) => problems.Add(new Problem(path, message));

        if (string.IsNullOrWhiteSpace(slo.Name))
            Add("name: is empty (expected lower-case kebab-case, e.g. api-availability)");
        else if (!SloName().IsMatch(slo.Name))
            Add($"name: \"{slo.Name}\" is not lower-case kebab-case (expected e.g. api-availability)");

        if (string.IsNullOrWhiteSpace(slo.Service))
            Add("service: is empty (expected the service the SLO belongs to, e.g. api)");
        if (string.IsNullOrWhiteSpace(slo.Description))
            Add("description: is empty (expected one sentence saying what the SLO promises)");

        if (slo.ObjectivePercent <= 0m || slo.ObjectivePercent >= 100m)
            Add($"objective: expected a percentage strictly between 0 and 100 (e.g. 99.9), found {PromExpr.Number(slo.ObjectivePercent)}");

        if (!SloPeriods.IsSupported(slo.Period))
            Add($"period: {slo.Period} is not a supported period (expected one of {SupportedPeriods})");

        switch (slo.Sli)
        {
            case null:
                Add("sli: is missing (expected Sli.BadEvents, Sli.GoodEvents or Sli.Latency)");
                break;
            case EventRatioSli ratio:
                ValidateSelector(ratio.Bad, "sli.bad", Add);
                ValidateSelector(ratio.Total, "sli.total", Add);
                if (ratio.Bad is not null && ratio.Total is not null && SameSelector(ratio.Bad, ratio.Total))
                    Add($"sli.bad: is the same selector as sli.total ({ratio.Total}); every event would count as bad");
                break;
            case GoodEventRatioSli good:
                ValidateSelector(good.Good, "sli.good", Add);
                ValidateSelector(good.Total, "sli.total", Add);
                if (good.Good is not null && good.Total is not null && SameSelector(good.Good, good.Total))
                    Add($"sli.good: is the same selector as sli.total ({good.Total}); no event could ever count as bad");
                break;
            case LatencySli latency:
                ValidateLatency(latency, Add);
                break;
            default:
                Add($"sli: {slo.Sli.GetType().Name} is not a known SLI (expected Sli.BadEvents, Sli.GoodEvents or Sli.Latency)");
                break;
        }

        foreach (var (name, _) in slo.AlertLabels)
        {
            if (!PromNames.IsValidLabelName(name) || name.StartsWith("__", StringComparison.Ordinal))
                Add($"alertLabels: \"{name}\" is not a valid label name (expected [a-zA-Z_][a-zA-Z0-9_]*, not starting with __)");
            else if (GeneratedLabels.Contains(name))
                Add($"alertLabels: \"{name}\" is set by the SLO compiler and cannot be overridden");
        }

        foreach (var (name, _) in slo.AlertAnnotations)
        {
            if (!PromNames.IsValidLabelName(name))
                Add($"alertAnnotations: \"{name}\" is not a valid annotation name (expected [a-zA-Z_][a-zA-Z0-9_]*)");
            else if (GeneratedAnnotations.Contains(name))
                Add($"alertAnnotations: \"{name}\" is generated by the SLO compiler and cannot be overridden");
        }
    }

    private static void ValidateLatency(LatencySli latency, Action<string> add)
    {
        ValidateSelector(latency.Histogram, "sli.histogram", add);
        var metric = latency.Histogram?.Metric ?? "";
        foreach (var suffix in (string[])["_bucket", "_count", "_sum"])
        {
            if (metric.EndsWith(suffix, StringComparison.Ordinal))
                add($"sli.histogram.metric: \"{metric}\" ends with {suffix}; name the histogram itself (e.g. {metric[..^suffix.Length]})");
        }

        if (latency.Histogram is { Matchers.IsDefault: false } h && h.Matchers.Any(m => m?.Name == "le"))
            add("sli.histogram.matchers: must not match on \"le\"; the threshold selects the bucket");

        var bounds = latency.BucketBoundaries.IsDefault ? [] : latency.BucketBoundaries;
        var boundsText = string.Join(", ", bounds.Select(PromExpr.Number));
        if (bounds.IsEmpty)
        {
            add($"sli.bucketBoundaries: is empty (expected the le values of {metric}, e.g. 0.1, 0.25, 0.5, 1)");
        }
        else
        {
            for (var i = 1; i < bounds.Length; i++)
            {
                if (bounds[i] <= bounds[i - 1])
                {
                    add($"sli.bucketBoundaries: expected strictly ascending values, found {PromExpr.Number(bounds[i])} after {PromExpr.Number(bounds[i - 1])} ({boundsText})");
                    break;
                }
            }
        }

        if (latency.Threshold <= 0m)
            add($"sli.threshold: expected a positive bucket boundary, found {PromExpr.Number(latency.Threshold)}");
        else if (!bounds.IsEmpty && !bounds.Contains(latency.Threshold))
            add($"sli.threshold: {PromExpr.Number(latency.Threshold)} is not a bucket boundary of {metric} (boundaries: {boundsText}); a threshold between boundaries cannot be measured");
    }

    private static void ValidateSelector(SliSelector? selector, string field, Action<string> add)
    {
        if (selector is null)
        {
            add($"{field}: is missing (expected a selector such as http_requests_total{{job=\"api\"}})");
            return;
        }

        if (string.IsNullOrWhiteSpace(selector.Metric))
            add($"{field}.metric: is empty (expected a metric name such as http_requests_total)");
        else if (!PromNames.IsValidMetricName(selector.Metric))
            add($"{field}.metric: \"{selector.Metric}\" is not a valid metric name (expected [a-zA-Z_:][a-zA-Z0-9_:]*)");

        if (selector.Matchers.IsDefault)
            return;
        for (var i = 0; i < selector.Matchers.Length; i++)
        {
            var matcher = selector.Matchers[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"{field}.matchers[{i}]");
            if (matcher is null)
                add($"{at}: is null");
            else if (matcher.Problem is { } problem)
                add($"{at}: {problem}");
        }
    }

    private static bool SameSelector(SliSelector a, SliSelector b) =>
        a.Metric == b.Metric &&
        (a.Matchers.IsDefault ? [] : a.Matchers).OrderBy(m => m.ToString(), StringComparer.Ordinal)
            .SequenceEqual((b.Matchers.IsDefault ? [] : b.Matchers).OrderBy(m => m.ToString(), StringComparer.Ordinal));

    private static void ValidateOptions(SloOptions options, List<Problem> problems)
    {
        void Add(string message) => problems.Add(new Problem(OptionsPath, message));

        var pattern = options.RunbookUrlPattern;
        if (string.IsNullOrWhiteSpace(pattern))
        {
            Add($"runbookUrlPattern: is empty (expected an absolute http(s) URL containing {SloOptions.AlertNamePlaceholder})");
        }
        else
        {
            if (!pattern.Contains(SloOptions.AlertNamePlaceholder, StringComparison.Ordinal))
                Add($"runbookUrlPattern: \"{pattern}\" does not contain {SloOptions.AlertNamePlaceholder}");
            if (!IsHttpUrl(options.RunbookUrl("Alert")))
                Add($"runbookUrlPattern: \"{pattern}\" is not an absolute http(s) URL");
        }

        ValidateUrl(options.GrafanaBaseUrl, "grafanaBaseUrl", Add);
        foreach (var (field, severity) in (ReadOnlySpan<(string, Severity)>)[("pageSeverity", options.PageSeverity), ("ticketSeverity", options.TicketSeverity), ("noDataSeverity", options.NoDataSeverity)])
        {
            if (!Enum.IsDefined(severity))
                Add(string.Create(CultureInfo.InvariantCulture, $"{field}: {(int)severity} is not a severity (expected critical, warning, info or none)"));
        }

        if (options.EvaluationInterval is { Milliseconds: 0 })
            Add("evaluationInterval: must be greater than 0s (or unset for the server's global interval)");
        if (options.LongWindowInterval.Milliseconds <= 0)
            Add($"longWindowInterval: must be greater than 0s, found {options.LongWindowInterval}");
        else if (options.EvaluationInterval is { Milliseconds: > 0 } every && options.LongWindowInterval < every)
            Add($"longWindowInterval: {options.LongWindowInterval} is shorter than evaluationInterval {every} (expected at least that: the long windows change more slowly)");

        if (options.BurnRateWindows.IsDefaultOrEmpty)
        {
            Add("burnRateWindows: is empty (expected at least one condition, e.g. BurnRateWindow.Workbook)");
            return;
        }

        for (var i = 0; i < options.BurnRateWindows.Length; i++)
        {
            var window = options.BurnRateWindows[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"burnRateWindows[{i}]");
            if (window is null)
            {
                Add($"{at}: is null");
                continue;
            }

            if (!Enum.IsDefined(window.Tier))
                Add(string.Create(CultureInfo.InvariantCulture, $"{at}.tier: {(int)window.Tier} is not a tier (expected Page or Ticket)"));
            if (!SloConventions.Windows.Contains(window.Long))
                Add($"{at}.long: {window.Long} is not a recorded window (expected one of {RecordedWindows})");
            if (!SloConventions.Windows.Contains(window.Short))
                Add($"{at}.short: {window.Short} is not a recorded window (expected one of {RecordedWindows})");
            if (window.Short >= window.Long)
                Add($"{at}.short: expected a window shorter than the long window {window.Long}, found {window.Short}");
            if (window.BudgetPercent <= 0m || window.BudgetPercent > 100m)
                Add($"{at}.budgetPercent: expected a percentage of the budget in (0, 100], found {PromExpr.Number(window.BudgetPercent)}");
        }
    }

    private static void ValidateUrl(string? url, string field, Action<string> add)
    {
        if (string.IsNullOrWhiteSpace(url))
            add($"{field}: is empty (expected an absolute http(s) URL)");
        else if (!IsHttpUrl(url))
            add($"{field}: \"{url}\" is not an absolute http(s) URL");
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SloName();
}
