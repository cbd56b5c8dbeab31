using System.Text.Json.Nodes;

namespace Observability.Dashboards;

/// <summary>Grafana's <c>timeseries</c> panel: lines over time, with its legend, tooltip, fill, stacking and threshold style.</summary>
public sealed record TimeseriesPanel : Panel<TimeseriesPanel>
{
    public TimeseriesPanel(string title)
        : base(title)
    {
    }

    public override string TypeId => "timeseries";

    public int FillOpacity { get; init; } = 10;

    public bool IsStacked { get; init; }

    public ThresholdDisplay ThresholdStyle { get; init; } = ThresholdDisplay.Off;

    public Legend Legend { get; init; } = new();

    public TooltipMode TooltipDisplay { get; init; } = TooltipMode.Multi;

    public TimeseriesPanel Fill(int opacityPercent) => this with { FillOpacity = opacityPercent };

    public TimeseriesPanel Stacked(bool stacked = true) => this with { IsStacked = stacked };

    public TimeseriesPanel ShowThresholds(ThresholdDisplay display) => this with { ThresholdStyle = display };

    public TimeseriesPanel LegendOptions(LegendMode mode, LegendPlacement placement = LegendPlacement.Bottom, params string[] calcs) =>
        this with { Legend = new Legend(mode, placement) { Calcs = [.. calcs] } };

    public TimeseriesPanel Tooltip(TooltipMode mode) => this with { TooltipDisplay = mode };

    internal override JsonObject OptionsJson() => new()
    {
        ["legend"] = Legend.ToJson(),
        ["tooltip"] = new JsonObject
        {
            ["mode"] = TooltipDisplay switch
            {
                TooltipMode.Single => "single",
                TooltipMode.None => "none",
                _ => "multi",
            },
            ["sort"] = TooltipDisplay == TooltipMode.Multi ? "desc" : "none",
        },
    };

    internal override JsonObject CustomFieldConfigJson() => new()
    {
        ["drawStyle"] = "line",
        ["lineWidth"] = 1,
        ["fillOpacity"] = FillOpacity,
        ["showPoints"] = "never",
        ["spanNulls"] = false,
        ["stacking"] = new JsonObject
        {
            ["mode"] = IsStacked ? "normal" : "none",
            ["group"] = "A",
        },
        ["thresholdsStyle"] = new JsonObject
        {
            ["mode"] = ThresholdStyle switch
            {
                ThresholdDisplay.Line => "line",
                ThresholdDisplay.Dashed => "dashed",
                ThresholdDisplay.Area => "area",
                ThresholdDisplay.LineAndArea => "line+area",
                _ => "off",
            },
        },
    };
}
