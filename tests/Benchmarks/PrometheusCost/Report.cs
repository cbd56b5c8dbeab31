using System.Globalization;

namespace Observability.Benchmarks.PrometheusCost;

/// <summary>The tables the benchmark prints, and the goals of the cost issue checked against them (printed, not enforced).</summary>
internal static class Report
{
    public static void RuleGroups(IReadOnlyList<GroupCost> groups, string render, string slothFile)
    {
        Console.WriteLine();
        Console.WriteLine("rule groups (median of the sampled prometheus_rule_group_last_duration_seconds; samples: each rule's expression as an instant query with stats=all)");
        Console.WriteLine($"{"file",-22} {"group",-58} {"every",6} {"evals",5} {"median ms",10} {"samples/eval",13} {"samples/min",13} {"% of a core",11}");
        foreach (var g in groups)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{g.File,-22} {g.Group,-58} {g.IntervalSeconds,5:0}s {g.Evaluations,5} {g.MedianSeconds * 1000,10:0.00} {g.SamplesPerEvaluation,13:N0} {g.SamplesPerMinute,13:N0} {g.CoreShare * 100,10:0.000}%"));
        }

        var slothName = Path.GetFileName(slothFile);
        var ours = groups.Where(g => g.File != slothName).ToList();
        var sloth = groups.Where(g => g.File == slothName).ToList();
        var ourSlo = ours.Where(g => g.Group is "slo-api-availability" or "slo-api-availability-long").ToList();
        Console.WriteLine();
        Console.WriteLine("the same SLO (99.9 % over 30d of the API's requests): our slo-api-availability groups against Sloth's three groups");
        Line("ours", ourSlo);
        Line("Sloth", sloth);
        var samplesRatio = ourSlo.Sum(g => g.SamplesPerMinute) / Math.Max(1, sloth.Sum(g => g.SamplesPerMinute));
        var timeRatio = sloth.Sum(g => g.CoreShare) / Math.Max(1e-12, ourSlo.Sum(g => g.CoreShare));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"goal: at most 1/10 of Sloth's samples -> ours touch {samplesRatio:0.0000} of them per minute: {(samplesRatio <= 0.1 ? "met" : "NOT met")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"goal: at least 10x faster -> Sloth's take {timeRatio:0.0}x our evaluation time per minute: {(timeRatio >= 10 ? "met" : "NOT met")}"));
        var whole = ours.Sum(g => g.CoreShare);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"goal: the whole prod rule set under 5% of one core -> {whole * 100:0.000}% ({ours.Count} groups): {(whole < 0.05 ? "met" : "NOT met")}"));
    }

    private static void Line(string who, IReadOnlyList<GroupCost> groups) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {who,-6} {groups.Count} groups, {groups.Sum(g => g.SamplesPerEvaluation),12:N0} samples per evaluation round, {groups.Sum(g => g.SamplesPerMinute),13:N0} samples/min, {groups.Sum(g => g.MedianSeconds) * 1000,8:0.00} ms per round, {groups.Sum(g => g.CoreShare) * 100:0.000}% of a core"));

    public static void Dashboards(IReadOnlyList<PanelCost> panels)
    {
        Console.WriteLine();
        Console.WriteLine("dashboard panels (Prometheus targets; the second of two runs; ms = the HTTP round trip)");
        Console.WriteLine($"{"dashboard",-20} {"range",5} {"kind",7} {"step",6} {"ms",8} {"samples",13}  panel");
        foreach (var p in panels.OrderBy(p => p.Dashboard, StringComparer.Ordinal).ThenBy(p => p.Range, StringComparer.Ordinal).ThenByDescending(p => p.Milliseconds))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{p.Dashboard,-20} {p.Range,5} {(p.Instant ? "instant" : "range"),7} {p.StepSeconds,5:0}s {p.Milliseconds,8:0.0} {p.Samples,13:N0}  {p.Panel}{(p.Error is null ? "" : "  ERROR: " + p.Error)}"));
        }

        Console.WriteLine();
        Console.WriteLine("dashboards: every Prometheus query of the dashboard one after the other (Grafana runs them in parallel)");
        Console.WriteLine($"{"dashboard",-20} {"queries",7} {"24h ms",9} {"24h samples",13} {"7d ms",9} {"7d samples",13}  under 1 s over 7d");
        var all = true;
        foreach (var d in panels.GroupBy(p => p.Dashboard).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var day = d.Where(p => p.Range == "24h").ToList();
            var week = d.Where(p => p.Range == "7d").ToList();
            var ms = week.Sum(p => p.Milliseconds);
            all &= ms < 1000;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{d.Key,-20} {week.Count,7} {day.Sum(p => p.Milliseconds),9:0} {day.Sum(p => p.Samples),13:N0} {ms,9:0} {week.Sum(p => p.Samples),13:N0}  {(ms < 1000 ? "yes" : "NO")}"));
        }

        var errors = panels.Count(p => p.Error is not null);
        Console.WriteLine($"goal: every dashboard under 1 s over 7 days: {(all ? "met" : "NOT met")}{(errors > 0 ? $" ({errors} queries failed, see ERROR above)" : "")}");
    }
}
