using System.Collections.Immutable;
using System.Globalization;
using Observability.Rules.Model;
using Observability.Rules.Output;
using Observability.Rules.PromQl;
using Observability.Rules.Validation;

namespace Observability.Rules.Slo;

/// <summary>
/// Compiles SLO definitions into Prometheus rule groups (two groups per SLO, the short and the long windows: SLI recording
/// rules, error-budget series, burn-rate and no-data alerts) and into the dashboard descriptions the SLO dashboard is built from.
/// Pure: the same definitions and options always give the same rules, in the same order.
/// </summary>
/// <remarks>
/// <para>
/// Evaluation cost. Only the two 5m rates read the raw counters, which may have hundreds of series per SLO (every
/// pod, path and status code). Every longer window, up to the whole period, is computed from those two recorded
/// series: <c>sum_over_time(bad_rate5m[w]) / sum_over_time(events_rate5m[w])</c>. That is one series per SLO instead
/// of all raw series, and a 30d window of a 30s-interval rule is 86,400 samples, not millions. The windows of a day
/// and more live in a group of their own evaluated every <see cref="SloOptions.LongWindowInterval"/> (1m): they are
/// most of what the SLO costs, they move by a hair per minute, and the ticket that reads them fires at most that
/// interval later (tests/Rules.Tests/Slo/SlothSideBySideTests measures it against Sloth's own rules).
/// </para>
/// <para>
/// Exactness. Summing the bad and the total rates separately and dividing once weighs every 5m slice by its traffic,
/// so the result is the true ratio of bad to all events over <c>w</c> (unlike averaging ratios, which lets a quiet
/// night with 3 requests weigh as much as the busy day). What is lost: the window reaches 5m further back, with a
/// weight falling linearly over those 5m (each 5m rate sample covers the 5m before it), and a gap in the recorded
/// series (Prometheus down) is a gap in every window rather than being bridged by the counters. For windows of 30m
/// and more that shift is small, and it is the trade-off Sloth and Pyrra make too.
/// </para>
/// </remarks>
public static class SloCompiler
{
    /// <summary>
    /// Validates (every problem at once, as a <see cref="ValidationException"/>) and compiles: two groups per SLO, in
    /// input order: <c>slo-&lt;name&gt;</c> (the SLI, windows up to 6h, the page and no-data alerts, at
    /// <see cref="SloOptions.EvaluationInterval"/>) and <c>slo-&lt;name&gt;-long</c> (windows of a day and more, the
    /// period, its burn rate and budget, the ticket, at <see cref="SloOptions.LongWindowInterval"/>).
    /// </summary>
    public static ImmutableArray<RuleGroup> Compile(IEnumerable<SloDefinition> slos, SloOptions options)
    {
        var list = Validated(slos, options);
        var groups = ImmutableArray.CreateBuilder<RuleGroup>(list.Count * 2);
        foreach (var slo in list)
            groups.AddRange(CompileOne(slo, options));
        return groups.MoveToImmutable();
    }

    /// <summary>The SLOs as a Prometheus rule file (<c>groups:</c>).</summary>
    public static string ToRuleFile(IEnumerable<SloDefinition> slos, SloOptions options) =>
        RuleYaml.ToRuleFile(Compile(slos, options));

    /// <summary>What the SLO dashboard shows for each SLO: expressions over the recording rules <see cref="Compile"/> produces.</summary>
    public static ImmutableArray<SloDashboardSpec> DashboardSpecs(IEnumerable<SloDefinition> slos, SloOptions options)
    {
        var list = Validated(slos, options);
        return [.. list.Select(slo => DashboardSpec(slo, options))];
    }

    /// <summary>The burn-rate conditions of one SLO with their factors and error-ratio thresholds, in option order.</summary>
    public static ImmutableArray<BurnRateCondition> Conditions(SloDefinition slo, SloOptions options)
    {
        ArgumentNullException.ThrowIfNull(slo);
        ArgumentNullException.ThrowIfNull(options);
        return [.. options.BurnRateWindows.Select(w =>
        {
            var factor = BurnRates.Factor(w.BudgetPercent, slo.Period, w.Long);
            return new BurnRateCondition(w, factor, BurnRates.Threshold(factor, slo.ErrorBudgetRatio));
        })];
    }

    private static List<SloDefinition> Validated(IEnumerable<SloDefinition> slos, SloOptions options)
    {
        ArgumentNullException.ThrowIfNull(slos);
        ArgumentNullException.ThrowIfNull(options);
        var list = slos.ToList();
        SloValidator.EnsureValid(list, options);
        return list;
    }

    private static IEnumerable<RuleGroup> CompileOne(SloDefinition slo, SloOptions options)
    {
        var labels = RecordLabels(slo);
        var budget = PromExpr.Number(slo.ErrorBudgetRatio);
        var group = RuleGroup.Create(SloConventions.GroupName(slo.Name));
        if (options.EvaluationInterval is { } interval)
            group = group.WithInterval(interval);
        var longGroup = RuleGroup.Create(SloConventions.LongGroupName(slo.Name)).WithInterval(options.LongWindowInterval);

        // The SLI: the only rules that read the raw counters.
        var (bad, total) = SliExpressions(slo.Sli);
        group = group
            .Add(Recording.Create(SloConventions.BadEventsRate5m).Expr(bad).Labels(labels))
            .Add(Recording.Create(SloConventions.EventsRate5m).Expr(total).Labels(labels))
            .Add(Recording.Create(SloConventions.ErrorRatio(SloConventions.BaseWindow))
                .Expr($"{Series(SloConventions.BadEventsRate5m, slo)} / {Series(SloConventions.EventsRate5m, slo)}")
                .Labels(labels));

        // Longer windows and the period, from the recorded 5m rates (see the remarks on the class); from a day on,
        // in the long-window group.
        foreach (var window in SloConventions.Windows.Skip(1).Append(slo.Period))
        {
            var rule = Recording.Create(SloConventions.ErrorRatio(window))
                .Expr($"sum_over_time({Series(SloConventions.BadEventsRate5m, slo)}[{window}])\n/\nsum_over_time({Series(SloConventions.EventsRate5m, slo)}[{window}])")
                .Labels(labels);
            if (SloConventions.IsLongWindow(window))
                longGroup = longGroup.Add(rule);
            else
                group = group.Add(rule);
        }

        // The objective and the budget as series, and what is left of the budget.
        group = group
            .Add(Recording.Create(SloConventions.Objective).Expr($"vector({PromExpr.Number(slo.ObjectiveRatio)})").Labels(labels))
            .Add(Recording.Create(SloConventions.ErrorBudget).Expr($"vector({budget})").Labels(labels))
            .Add(Recording.Create(SloConventions.PeriodDays)
                .Expr(string.Create(CultureInfo.InvariantCulture, $"vector({slo.Period.Milliseconds / 86_400_000L})")).Labels(labels))
            .Add(Recording.Create(SloConventions.CurrentBurnRate)
                .Expr($"{Series(SloConventions.ErrorRatio(SloConventions.BaseWindow), slo)} / {budget}").Labels(labels));
        longGroup = longGroup
            .Add(Recording.Create(SloConventions.PeriodBurnRate)
                .Expr($"{Series(SloConventions.ErrorRatio(slo.Period), slo)} / {budget}").Labels(labels))
            .Add(Recording.Create(SloConventions.ErrorBudgetRemaining)
                .Expr($"1 - {Series(SloConventions.PeriodBurnRate, slo)}").Labels(labels));

        // The page stays with the short windows (every evaluation counts at 14.4×); the ticket, whose windows are a
        // day and more, is evaluated with them, at most one long-window interval later than it could be.
        var conditions = Conditions(slo, options);
        var page = conditions.Where(c => c.Window.Tier == AlertTier.Page).ToList();
        if (page.Count > 0)
            group = group.Add(BurnAlert(slo, options, AlertTier.Page, page));
        var ticket = conditions.Where(c => c.Window.Tier == AlertTier.Ticket).ToList();
        if (ticket.Count > 0)
            longGroup = longGroup.Add(BurnAlert(slo, options, AlertTier.Ticket, ticket));

        yield return group.Add(NoDataAlert(slo, options));
        yield return longGroup;
    }

    private static AlertRule BurnAlert(SloDefinition slo, SloOptions options, AlertTier tier, List<BurnRateCondition> conditions)
    {
        var name = tier == AlertTier.Page ? SloConventions.BurnFastAlert : SloConventions.BurnSlowAlert;
        var expr = string.Join("\nor\n", conditions.Select(c =>
            $"(\n  {Series(SloConventions.ErrorRatio(c.Window.Long), slo)} > {PromExpr.Number(c.Threshold)}\nand\n  {Series(SloConventions.ErrorRatio(c.Window.Short), slo)} > {PromExpr.Number(c.Threshold)}\n)"));
        var when = string.Join(", or ", conditions.Select(c =>
            $"{PromExpr.Number(c.Factor)}× the budget ({PromExpr.Number(c.Threshold)}) over both {c.Window.Long} and {c.Window.Short}"));
        var fastest = conditions.MaxBy(c => c.Factor)!;
        var summary = tier == AlertTier.Page
            ? $"SLO {slo.Name} ({slo.Service}) burns its error budget fast"
            : $"SLO {slo.Name} ({slo.Service}) burns its error budget faster than the period allows";
        var description =
            $"{slo.Description} Objective: {PromExpr.Number(slo.ObjectivePercent)}% over {slo.Period}. " +
            "{{ $value | humanizePercentage }} of events failed over the long window; " +
            $"this fires when the error ratio exceeds {when}. " +
            $"At {PromExpr.Number(fastest.Factor)}× the whole {slo.Period} budget is gone in {BurnRates.TimeToExhaustion(slo.Period, fastest.Factor)}.";

        return Annotate(Alert.Create(name)
                .Expr(expr)
                .For(tier == AlertTier.Page ? slo.PageFor ?? options.PageFor : slo.TicketFor ?? options.TicketFor)
                .Severity(tier == AlertTier.Page ? options.PageSeverity : options.TicketSeverity)
                .Summary(summary)
                .Description(description),
            slo, options, name);
    }

    private static AlertRule NoDataAlert(SloDefinition slo, SloOptions options)
    {
        var selectors = slo.Sli switch
        {
            EventRatioSli r => $"{r.Bad} and {r.Total}",
            GoodEventRatioSli g => $"{g.Good} and {g.Total}",
            LatencySli l => $"{l.Histogram.OnMetric(l.Histogram.Metric + "_bucket")} and {l.Histogram.OnMetric(l.Histogram.Metric + "_count")}",
            _ => throw new InvalidOperationException("Validated SLIs are one of the known kinds."),
        };
        var ratio = SloConventions.ErrorRatio(SloConventions.BaseWindow);
        return Annotate(Alert.Create(SloConventions.NoDataAlert)
                .Expr($"absent({Series(ratio, slo)})")
                .For(slo.NoDataFor ?? options.NoDataFor)
                .Severity(options.NoDataSeverity)
                .Summary($"SLO {slo.Name} ({slo.Service}) has no SLI data")
                .Description(
                    $"{ratio} for {slo.Name} has been absent for {slo.NoDataFor ?? options.NoDataFor}: the SLI's series ({selectors}) " +
                    "are not scraped or match nothing, so the SLO cannot be measured and its burn-rate alerts cannot fire."),
            slo, options, SloConventions.NoDataAlert);
    }

    private static AlertRule Annotate(Alert alert, SloDefinition slo, SloOptions options, string alertName)
    {
        // The expressions already yield slo and service; writing them out as well keeps alerts of the same name
        // distinct rules for promtool's duplicate-rule lint, and shows the routing labels in the rule file.
        alert = alert
            .Label(SloConventions.ServiceLabel, slo.Service)
            .Label(SloConventions.SloLabel, slo.Name)
            .RunbookUrl(options.RunbookUrl(alertName))
            .DashboardUrl(SloConventions.DashboardUrl(options.GrafanaBaseUrl, slo.Name));
        foreach (var (name, value) in slo.AlertLabels)
            alert = alert.Label(name, value);
        foreach (var (name, value) in slo.AlertAnnotations)
            alert = alert.Annotation(name, value);
        return alert;
    }

    /// <summary>The bad-events and all-events rates over the base window, summed over every series the selectors match.</summary>
    private static (string Bad, string Total) SliExpressions(Sli sli)
    {
        var w = SloConventions.BaseWindow;
        switch (sli)
        {
            case EventRatioSli ratio:
                // A counter of bad events often has no series until the first error: count that as zero errors.
                return ($"sum(rate({ratio.Bad.Range(w)})) or vector(0)", $"sum(rate({ratio.Total.Range(w)}))");
            case GoodEventRatioSli good:
                return ($"sum(rate({good.Total.Range(w)})) - (sum(rate({good.Good.Range(w)})) or vector(0))", $"sum(rate({good.Total.Range(w)}))");
            case LatencySli latency:
            {
                var count = latency.Histogram.OnMetric(latency.Histogram.Metric + "_count");
                var bucket = latency.Histogram.OnMetric(latency.Histogram.Metric + "_bucket").With(LeMatcher(latency.Threshold));
                // No "or vector(0)" here: every bucket exists as soon as the histogram does, so a missing bucket is a
                // misconfiguration, and leaving the ratio absent makes the no-data alert say so.
                return ($"sum(rate({count.Range(w)})) - sum(rate({bucket.Range(w)}))", $"sum(rate({count.Range(w)}))");
            }

            default:
                throw new InvalidOperationException("Validated SLIs are one of the known kinds.");
        }
    }

    /// <summary>
    /// The bucket's <c>le</c> matcher. Client libraries print boundaries differently (Go: <c>1</c>, Python and Java:
    /// <c>1.0</c>), so a whole-number threshold matches both spellings; others are spelled alike (<c>0.5</c>).
    /// </summary>
    internal static Matcher LeMatcher(decimal threshold)
    {
        var text = PromExpr.Number(threshold);
        return decimal.Truncate(threshold) == threshold
            ? Matcher.Re("le", $"{text}|{text}\\.0")
            : Matcher.Eq("le", text);
    }

    private static ImmutableSortedDictionary<string, string> RecordLabels(SloDefinition slo) =>
        LabelSet.Of((SloConventions.ServiceLabel, slo.Service), (SloConventions.SloLabel, slo.Name));

    /// <summary>A recorded series of one SLO: <c>metric{service="api", slo="api-availability"}</c>.</summary>
    internal static string Series(string metric, SloDefinition slo) =>
        $"{metric}{{{Matcher.Eq(SloConventions.ServiceLabel, slo.Service)}, {Matcher.Eq(SloConventions.SloLabel, slo.Name)}}}";

    private static SloDashboardSpec DashboardSpec(SloDefinition slo, SloOptions options)
    {
        var budget = PromExpr.Number(slo.ErrorBudgetRatio);
        var windows = SloConventions.Windows.Append(slo.Period).ToList();
        return new SloDashboardSpec
        {
            Name = slo.Name,
            Service = slo.Service,
            Description = slo.Description,
            ObjectivePercent = slo.ObjectivePercent,
            Period = slo.Period,
            ErrorBudgetRemainingExpr = Series(SloConventions.ErrorBudgetRemaining, slo),
            SliExpr = $"1 - {Series(SloConventions.ErrorRatio(SloConventions.BaseWindow), slo)}",
            BurnRateExprs = [.. windows.Select(w => new KeyValuePair<string, string>(w.ToString(), $"{Series(SloConventions.ErrorRatio(w), slo)} / {budget}"))],
            AlertBurnRates = [.. Conditions(slo, options).Select(c => c.Factor).Distinct().OrderDescending()],
            RecordedMetrics = [.. windows.Select(SloConventions.ErrorRatio).Prepend(SloConventions.ErrorBudgetRemaining)],
        };
    }
}

/// <summary>A burn-rate condition applied to one SLO: its factor and the error-ratio threshold both windows must exceed.</summary>
public sealed record BurnRateCondition(BurnRateWindow Window, decimal Factor, decimal Threshold);
