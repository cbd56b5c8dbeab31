using System.Text.Json.Nodes;

namespace Observability.Dashboards;

/// <summary>
/// Grafana's <c>heatmap</c> panel over a Prometheus histogram's buckets (queried in heatmap format, not calculated by
/// Grafana); the y axis uses the panel's unit; empty buckets (le below 1e-9) are not drawn.
/// </summary>
public sealed record HeatmapPanel : Panel<HeatmapPanel>
{
    public HeatmapPanel(string title)
        : base(title)
    {
    }

    public override string TypeId => "heatmap";

    internal override JsonObject OptionsJson() => new()
    {
        ["calculate"] = false,
        ["color"] = new JsonObject
        {
            ["mode"] = "scheme",
            ["scheme"] = "Oranges",
            ["fill"] = "dark-orange",
            ["scale"] = "exponential",
            ["exponent"] = 0.5,
            ["steps"] = 64,
            ["reverse"] = false,
        },
        ["yAxis"] = new JsonObject
        {
            ["axisPlacement"] = "left",
            ["unit"] = UnitId ?? Units.Short,
        },
        ["cellGap"] = 1,
        ["showValue"] = "never",
        ["tooltip"] = new JsonObject
        {
            ["mode"] = "single",
            ["yHistogram"] = false,
            ["showColorScale"] = false,
        },
        ["legend"] = new JsonObject { ["show"] = true },
        ["exemplars"] = new JsonObject { ["color"] = "rgba(255,0,255,0.7)" },
        ["filterValues"] = new JsonObject { ["le"] = Json.Number(0.000000001m) },
    };
}
