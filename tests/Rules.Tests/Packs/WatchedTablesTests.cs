using System.Text;
using Observability.Rules.Packs;
using Observability.Rules.Upstream;
using Observability.TestSupport;

namespace Observability.Rules.Tests.Packs;

/// <summary>
/// The README's two tables, what is watched and the overlap decisions, are the typed lists
/// (<see cref="KubePrometheusStackRules"/>, <see cref="UpstreamOverlaps"/>, the packs) written out: they cannot drift.
/// </summary>
public sealed class WatchedTablesTests
{
    private static string Code(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"`{n}`"));

    /// <summary>What is watched: our packs with their alerts, then every chart group with what of it is deployed.</summary>
    internal static string WatchedTable()
    {
        var sb = new StringBuilder();
        sb.Append("| rule group | from | alerts deployed |\n|---|---|---|\n");
        foreach (var group in PlatformRules.Build(RulePackOptions.Default))
            sb.Append($"| `{group.Name}` | platform pack | {Code(group.Alerts.Select(a => a.Alert).Distinct())} |\n");
        sb.Append("| `slo-<name>` | one per SLO | `ErrorBudgetBurnFast`, `ErrorBudgetBurnSlow`, `SloNoData` |\n");
        var disabled = UpstreamOverlaps.DisabledChartAlerts.ToHashSet(StringComparer.Ordinal);
        foreach (var group in KubePrometheusStackRules.Groups)
        {
            var from = $"chart `{group.ValuesKey}`" + (group.IsControlPlane ? " (control plane: only with `rules.controlPlane`)" : "");
            var alerts = group.Alerts.Select(a => a.Name).Distinct().ToList();
            var off = alerts.Where(disabled.Contains).ToList();
            var deployed = alerts.Count == 0
                ? Records(group.Records.Length)
                : $"{alerts.Count - off.Count} of {alerts.Count}" + (off.Count > 0 ? $" ({Code(off)} off, see the overlap table)" : "") +
                  (group.Records.Length > 0 ? ", " + Records(group.Records.Length) : "");
            sb.Append($"| `{group.GroupName}` | {from} | {deployed} |\n");
        }

        return sb.ToString();
    }

    private static string Records(int n) => n == 1 ? "1 recording rule" : $"{n} recording rules";

    /// <summary>The overlap table: one row per condition both watch, with the decision and why.</summary>
    internal static string OverlapTable()
    {
        var sb = new StringBuilder();
        sb.Append("| condition | chart's alert | ours | decision |\n|---|---|---|---|\n");
        foreach (var o in UpstreamOverlaps.All)
        {
            var decision = o.Resolution switch
            {
                OverlapResolution.ChartDisabled => "chart's off (`defaultRules.disabled`)",
                OverlapResolution.ChartMutedByOurs => $"both; ours mutes the chart's (same {Code(o.Inhibition!.Equal)}{string.Concat(o.Inhibition!.SourceMatchers.Select(m => $", ours `{m}`"))})",
                OverlapResolution.OursMutedByChart => $"both; the chart's mutes ours (same {Code(o.Inhibition!.Equal)}{string.Concat(o.Inhibition!.TargetMatchers.Select(m => $", `{m}`"))})",
                _ => "both",
            };
            sb.Append($"| {o.Condition} | {Code(o.ChartAlerts)} | {(o.OurAlerts.IsEmpty ? "none" : Code(o.OurAlerts))} | {decision}: {o.Reason} |\n");
        }

        return sb.ToString();
    }

    [Fact]
    public void The_readme_shows_what_is_watched_as_the_code_says()
    {
        var readme = File.ReadAllText(Repo.PathOf("README.md"));
        var table = WatchedTable();
        Assert.True(readme.Contains(table, StringComparison.Ordinal), "README.md lacks the table of what is watched; expected:\n" + table);
    }

    [Fact]
    public void The_readme_overlap_table_is_the_overlap_list()
    {
        var readme = File.ReadAllText(Repo.PathOf("README.md"));
        var table = OverlapTable();
        Assert.True(readme.Contains(table, StringComparison.Ordinal), "README.md lacks the overlap table; expected:\n" + table);
        Assert.Equal(1, CountOf(readme, "| condition | chart's alert | ours | decision |"));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
