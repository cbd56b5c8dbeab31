using System.Text.Json.Nodes;

namespace Observability.Dashboards;

/// <summary>Grafana's <c>bargauge</c> panel: one horizontal gradient bar per series, with a legend.</summary>
public sealed record BarGaugePanel : SingleValuePanel<BarGaugePanel>
{
    public BarGaugePanel(string title)
        : base(title)
    {
    }

    public override string TypeId => "bargauge";

    public Legend Legend { get; init; } = new();

    public BarGaugePanel LegendOptions(LegendMode mode, LegendPlacement placement = LegendPlacement.Bottom, params string[] calcs) =>
        this with { Legend = new Legend(mode, placement) { Calcs = [.. calcs] } };

    internal override JsonObject OptionsJson() => new()
    {
        ["reduceOptions"] = ReduceOptionsJson(),
        ["orientation"] = "horizontal",
        ["displayMode"] = "gradient",
        ["valueMode"] = "color",
        ["namePlacement"] = "auto",
        ["showUnfilled"] = true,
        ["sizing"] = "auto",
        ["minVizHeight"] = 16,
        ["minVizWidth"] = 8,
        ["maxVizHeight"] = 300,
        ["legend"] = Legend.ToJson(),
    };
}
