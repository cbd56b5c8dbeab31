using Observability.Rules.Conventions;
using Observability.Rules.PromQl;
using Observability.Rules.Slo;

namespace Observability.Dashboards.Platform;

/// <summary>SLOs: one row per SLO (error budget remaining, SLI now, burn rates with the alerts' thresholds, SLI over time).</summary>
public static class Slos
{
    /// <summary>The dashboard variable the SLO alerts' dashboard links set (<c>var-slo=&lt;name&gt;</c>).</summary>
    public const string SloVariable = SloConventions.SloLabel;

    public static Dashboard Build(DashboardOptions options, IReadOnlyList<SloDashboardSpec> slos)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(slos);
        var dashboard = Common.Create(DashboardUids.Slos, "SLOs",
                "Service level objectives: the error budget left in each SLO's period, the SLI, and how fast the budget burns, with the burn rates the alerts page and ticket on.",
                "slo")
            .Time("now-7d")
            .Refresh("1m");
        if (slos.Count == 0)
        {
            return dashboard.Row("No SLOs", row => row
                .Panel(Panels.Text("No SLOs defined", "This environment defines no SLOs. Add one in `rules/Slo` and it appears here.").Width(24)));
        }

        // The SLO alerts link here with var-slo=<name>: the overview shows the chosen SLOs, one section per SLO follows.
        var selected = $"{SloConventions.SloLabel}=~\"${SloVariable}\"";
        return slos.Aggregate(
            dashboard
                .Variable(new CustomVariable(SloVariable, [.. slos.Select(s => s.Name)]) { Label = "SLO", Multi = true, IncludeAll = true, AllValue = ".*" })
                .Row("Overview", row => row
                    .Panel(Panels.BarGauge("Error budget remaining", Units.PercentUnit)
                        .Description("Share of each SLO's error budget left in its period (negative: overspent).")
                        .InstantQuery($"{SloConventions.ErrorBudgetRemaining}{{{selected}}}", "{{slo}}")
                        .Range(0, 1)
                        .Thresholds(Common.Red, (0m, Common.Orange), (0.25m, Common.Green))
                        .Width(12))
                    .Panel(Panels.Timeseries("Current burn rate", Units.Short)
                        .Description("How many times faster than sustainable each SLO's budget burns now.")
                        .Query($"{SloConventions.CurrentBurnRate}{{{selected}}}", "{{slo}}")
                        .Min(0)
                        .Thresholds(Common.Green, (1m, Common.Orange))
                        .ShowThresholds(ThresholdDisplay.Dashed)
                        .Runbooks(options, [.. SloConventions.AlertNames])
                        .Width(12))),
            (d, slo) => d.Row(Section(slo)));
    }

    /// <summary>The row of one SLO.</summary>
    public static Row Section(SloDashboardSpec slo)
    {
        ArgumentNullException.ThrowIfNull(slo);
        var objective = PromExpr.Number(slo.ObjectivePercent);
        var objectiveRatio = slo.ObjectivePercent / 100m;
        var burnRates = slo.AlertBurnRates.Distinct().Order().ToList();
        var burnSteps = burnRates.Select((rate, i) => (rate, i == burnRates.Count - 1 ? Common.Red : Common.Orange)).ToArray();

        var burn = Panels.Timeseries("Burn rate", Units.Short)
            .Description("How many times faster than sustainable the error budget burns, per window. Dashed lines: the burn rates the alerts fire on.")
            .Thresholds(Common.Green, burnSteps)
            .ShowThresholds(ThresholdDisplay.Dashed)
            .Min(0)
            .Width(12);
        burn = slo.BurnRateExprs.Aggregate(burn, (p, window) => p.Query(window.Value, $"{window.Key} window"));

        return Row.Create($"{slo.Name}: {objective}% over {slo.Period}")
            .Panel(Panels.Text("About", $"**{slo.Service}**: {slo.Description}\n\nObjective: {objective}% over {slo.Period}.")
                .Size(6, 5))
            .Panel(Panels.Stat("Error budget remaining", Units.PercentUnit)
                .Description($"Share of the {slo.Period} error budget not yet spent (negative: overspent).")
                .InstantQuery(slo.ErrorBudgetRemainingExpr, "budget remaining")
                .Thresholds(Common.Red, (0m, Common.Orange), (0.25m, Common.Green))
                .Decimals(1)
                .Size(9, 5))
            .Panel(Panels.Stat("SLI now", Units.PercentUnit)
                .Description($"Objective: {objective}%.")
                .InstantQuery(slo.SliExpr, "SLI")
                .Thresholds(Common.Red, (objectiveRatio, Common.Green))
                .Decimals(3)
                .Size(9, 5))
            .Panel(burn)
            .Panel(Panels.Timeseries("SLI over time", Units.PercentUnit)
                .Description($"The dashed line is the objective ({objective}%).")
                .Query(slo.SliExpr, "SLI")
                .Thresholds(Common.Red, (objectiveRatio, Common.Green))
                .ShowThresholds(ThresholdDisplay.Dashed)
                .Decimals(3)
                .Width(12));
    }

}
