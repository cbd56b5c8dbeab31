using System.Text.Json.Nodes;

namespace Observability.Dashboards;

/// <summary>Grafana's <c>stat</c> panel: a single big number with a sparkline, coloured by its thresholds.</summary>
public sealed record StatPanel : SingleValuePanel<StatPanel>
{
    public StatPanel(string title)
        : base(title)
    {
    }

    public override string TypeId => "stat";

    internal override JsonObject OptionsJson() => new()
    {
        ["reduceOptions"] = ReduceOptionsJson(),
        ["orientation"] = "auto",
        ["textMode"] = "auto",
        ["colorMode"] = "value",
        ["graphMode"] = "area",
        ["justifyMode"] = "auto",
        ["wideLayout"] = true,
        ["showPercentChange"] = false,
        ["percentChangeColorMode"] = "standard",
    };
}
