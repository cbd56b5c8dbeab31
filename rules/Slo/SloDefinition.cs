using System.Collections.Immutable;
using Observability.Rules.Model;

namespace Observability.Rules.Slo;

/// <summary>
/// One service level objective: "<see cref="ObjectivePercent"/> of the events measured by <see cref="Sli"/> are good
/// over a rolling <see cref="Period"/>". Compiled by <see cref="SloCompiler"/> into SLI recording rules, error-budget
/// series and multi-window multi-burn-rate alerts; validated by <see cref="SloValidator"/>.
/// </summary>
public sealed record SloDefinition
{
    /// <summary>Lower-case kebab-case, unique: the value of the <c>slo</c> label, e.g. <c>api-availability</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The service the SLO belongs to: the value of the <c>service</c> label.</summary>
    public required string Service { get; init; }

    /// <summary>What the SLO promises, in one sentence an on-call engineer reads in the alert.</summary>
    public required string Description { get; init; }

    /// <summary>The objective in percent, strictly between 0 and 100, e.g. <c>99.9m</c>.</summary>
    public required decimal ObjectivePercent { get; init; }

    /// <summary>The rolling period the objective and its error budget cover: one of <see cref="SloPeriods.Supported"/>.</summary>
    public Duration Period { get; init; } = SloPeriods.Default;

    public required Sli Sli { get; init; }

    /// <summary>Labels added to this SLO's alerts (e.g. <c>team</c>) for routing.</summary>
    public ImmutableSortedDictionary<string, string> AlertLabels { get; init; } = LabelSet.Empty;

    /// <summary>Annotations added to this SLO's alerts, besides the generated summary, description, runbook_url and dashboard_url.</summary>
    public ImmutableSortedDictionary<string, string> AlertAnnotations { get; init; } = LabelSet.Empty;

    /// <summary><c>for</c> of this SLO's page alert; <see cref="SloOptions.PageFor"/> when <c>null</c>.</summary>
    public Duration? PageFor { get; init; }

    /// <summary><c>for</c> of this SLO's ticket alert; <see cref="SloOptions.TicketFor"/> when <c>null</c>.</summary>
    public Duration? TicketFor { get; init; }

    /// <summary><c>for</c> of this SLO's no-data alert; <see cref="SloOptions.NoDataFor"/> when <c>null</c>.</summary>
    public Duration? NoDataFor { get; init; }

    /// <summary>The error budget as a ratio of events, exact: 99.9 % → 0.001.</summary>
    public decimal ErrorBudgetRatio => (100m - ObjectivePercent) / 100m;

    /// <summary>The objective as a ratio, exact: 99.9 % → 0.999.</summary>
    public decimal ObjectiveRatio => ObjectivePercent / 100m;

    public SloDefinition WithAlertLabel(string name, string value) => this with { AlertLabels = AlertLabels.SetItem(name, value) };

    public SloDefinition WithAlertAnnotation(string name, string value) => this with { AlertAnnotations = AlertAnnotations.SetItem(name, value) };
}

/// <summary>The rolling periods an SLO may cover. Alert windows and burn-rate factors are derived from the period.</summary>
public static class SloPeriods
{
    public static Duration Default { get; } = Duration.Days(30);

    /// <summary>7d, 28d and 30d: the periods whose budget the fixed alert windows (up to 3d) measure meaningfully.</summary>
    public static ImmutableArray<Duration> Supported { get; } = [Duration.Days(7), Duration.Days(28), Duration.Days(30)];

    public static bool IsSupported(Duration period) => Supported.Contains(period);
}

/// <summary>
/// A service level indicator: which events are bad and which count at all. One of
/// <see cref="EventRatioSli"/> (bad events / all events), <see cref="GoodEventRatioSli"/> (good events / all events)
/// or <see cref="LatencySli"/> (requests slower than a histogram bucket boundary / all requests).
/// </summary>
public abstract record Sli
{
    private protected Sli()
    {
    }

    /// <summary>Bad events over all events, two selectors over counters (e.g. 5xx responses over all responses).</summary>
    public static EventRatioSli BadEvents(SliSelector bad, SliSelector total) => new() { Bad = bad, Total = total };

    /// <summary>Good events over all events, two selectors over counters (e.g. successful runs over all runs).</summary>
    public static GoodEventRatioSli GoodEvents(SliSelector good, SliSelector total) => new() { Good = good, Total = total };

    /// <summary>
    /// Requests faster than <paramref name="threshold"/> are good. <paramref name="histogram"/> names the histogram
    /// without suffix (e.g. <c>http_request_duration_seconds</c>) with the matchers that select the service;
    /// <paramref name="bucketBoundaries"/> are the histogram's <c>le</c> values, and the threshold must be one of them.
    /// </summary>
    public static LatencySli Latency(SliSelector histogram, decimal threshold, IEnumerable<decimal> bucketBoundaries) =>
        new() { Histogram = histogram, Threshold = threshold, BucketBoundaries = [.. bucketBoundaries] };
}

/// <summary>Bad events over all events.</summary>
public sealed record EventRatioSli : Sli
{
    /// <summary>The counter of bad events; a series that does not exist yet counts as zero bad events.</summary>
    public required SliSelector Bad { get; init; }

    public required SliSelector Total { get; init; }
}

/// <summary>Good events over all events; bad events are all events minus good events.</summary>
public sealed record GoodEventRatioSli : Sli
{
    /// <summary>The counter of good events; a series that does not exist yet counts as zero good events.</summary>
    public required SliSelector Good { get; init; }

    public required SliSelector Total { get; init; }
}

/// <summary>Requests slower than <see cref="Threshold"/> (a bucket boundary of a Prometheus histogram) are bad.</summary>
public sealed record LatencySli : Sli
{
    /// <summary>The histogram's base name (no <c>_bucket</c>/<c>_count</c> suffix) and the matchers selecting the service.</summary>
    public required SliSelector Histogram { get; init; }

    /// <summary>In the histogram's unit (seconds for <c>*_seconds</c>); must be one of <see cref="BucketBoundaries"/>.</summary>
    public required decimal Threshold { get; init; }

    /// <summary>The histogram's bucket boundaries (its <c>le</c> values, without +Inf), ascending.</summary>
    public required ImmutableArray<decimal> BucketBoundaries { get; init; }
}
