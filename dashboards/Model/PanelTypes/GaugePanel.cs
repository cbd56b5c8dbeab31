using System.Text.Json.Nodes;

namespace Observability.Dashboards;

/// <summary>Grafana's <c>gauge</c> panel: one value on a dial between the field's min and max, with threshold markers.</summary>
public sealed record GaugePanel : SingleValuePanel<GaugePanel>
{
    public GaugePanel(string title)
        : base(title)
    {
    }

    public override string TypeId => "gauge";

    internal override JsonObject OptionsJson() => new()
    {
        ["reduceOptions"] = ReduceOptionsJson(),
        ["orientation"] = "auto",
        ["showThresholdLabels"] = false,
        ["showThresholdMarkers"] = true,
        ["sizing"] = "auto",
        ["minVizHeight"] = 75,
        ["minVizWidth"] = 75,
    };
}
