using System.Globalization;
using System.Text;
using Observability.Dashboards.Metrics;
using Observability.Rules.Conventions;
using Observability.Rules.Packs;

namespace Observability.Dashboards.Platform;

/// <summary>Cost Analytics: LLM cost from tokens × configurable price per model, trend, budget threshold.</summary>
public static class CostAnalytics
{
    private const decimal DaysPerMonth = 30m;

    public static Dashboard Build(DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var budget = options.MonthlyBudgetUsd;
        var dailyBudget = decimal.Round(budget / DaysPerMonth, 2);
        return Common.Create(DashboardUids.CostAnalytics, "Cost Analytics",
                "LLM spend computed from token counts and the configured price per model, against the monthly budget.",
                "cost", "llm")
            .Time("now-7d")
            .Refresh("5m")
            .Row("Budget", row => row
                .Panel(Panels.Stat("Projected monthly cost", Units.Usd)
                    .Description($"Spend of the last 24 hours × {DaysPerMonth.ToString(CultureInfo.InvariantCulture)}. Orange from 80% of the budget, red from the budget ({Usd(budget)}).")
                    .InstantQuery($"sum({Cost.Increase(options, "", "1d")}) * {DaysPerMonth.ToString(CultureInfo.InvariantCulture)}", "projected")
                    .Thresholds(Common.Green, (decimal.Round(budget * 0.8m, 2), Common.Orange), (budget, Common.Red))
                    .Decimals(0)
                    .Width(6))
                .Panel(Panels.Stat("Cost in selected range", Units.Usd)
                    .InstantQuery($"sum({Cost.Increase(options, "", "$__range")})", "cost")
                    .Thresholds(Common.Green)
                    .Decimals(2)
                    .Width(6))
                .Panel(Panels.Gauge("Month budget used (projection)", Units.PercentUnit, 0, 1.5m)
                    .InstantQuery($"sum({Cost.Increase(options, "", "1d")}) * {DaysPerMonth.ToString(CultureInfo.InvariantCulture)} / {budget.ToString(CultureInfo.InvariantCulture)}", "budget used")
                    .Thresholds(Common.Green, (0.8m, Common.Orange), (1m, Common.Red))
                    .Width(6))
                .Panel(Panels.Text("Prices", PriceTable(options)).Width(6).Height(5)))
            .Row("Trend", row => row
                .Panel(Panels.Timeseries("Cost per day", Units.Usd)
                    .Description($"The dashed line is the daily share of the monthly budget ({Usd(dailyBudget)} per day).")
                    .Target(new PromQuery($"sum({Cost.DayFromHourly(options, "")})") { LegendFormat = "cost per day", Interval = "1h" })
                    .Thresholds(Common.Green, (dailyBudget, Common.Red))
                    .ShowThresholds(ThresholdDisplay.Dashed)
                    .Width(12))
                .Panel(Panels.Timeseries("Cost per hour by model", Units.Usd)
                    .Query($"sum by (model) ({Cost.Rate(options, "", "$__rate_interval")}) * 3600", "{{model}}")
                    .Stacked()
                    .Width(12)))
            .Row("Tokens", row => row
                .Panel(Panels.Timeseries("Tokens in the last hour per agent and model", Units.Short)
                    .Id(PlatformPanels.TokensPerHour.PanelId)
                    .Description("HighTokenUsage fires above the dashed line.")
                    .Query(RecordNames.AgentTokensLastHour, "{{agent_id}} / {{model}}")
                    .AlertAbove(DashboardOptions.Threshold(options.Rules.Threshold(AgentRules.HighTokenUsage)))
                    .Runbooks(options, AgentRules.HighTokenUsage.Name)
                    .Width(12))
                .Panel(Panels.BarGauge("Cost by agent in range", Units.Usd)
                    .InstantQuery($"sort_desc(sum by (agent_id) ({Cost.Increase(options, "", "$__range")}))", "{{agent_id}}")
                    .Thresholds(Common.Green)
                    .Decimals(2)
                    .Width(12))
                .Panel(Panels.Table("Tokens and cost by model in range")
                    .Target(new PromQuery($"sum by (model) (increase({PlatformMetrics.AgentTokensUsed}[$__range]))") { Instant = true, Format = PromFormat.Table })
                    .Target(new PromQuery($"sum by (model) ({Cost.Increase(options, "", "$__range")})") { Instant = true, Format = PromFormat.Table })
                    .Transform("merge")
                    .Width(24)));
    }

    private static string Usd(decimal value) => "$" + value.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static string PriceTable(DashboardOptions options)
    {
        var text = new StringBuilder("| model | USD per 1M tokens |\n|---|---:|\n");
        foreach (var price in options.ModelPrices)
            text.Append("| ").Append(price.Model).Append(" | ").Append(price.UsdPerMillionTokens.ToString("0.00##", CultureInfo.InvariantCulture)).Append(" |\n");
        text.Append("| any other | ").Append(options.DefaultUsdPerMillionTokens.ToString("0.00##", CultureInfo.InvariantCulture)).Append(" |\n");
        return text.ToString();
    }
}
