using System.Text.Json.Nodes;

namespace Observability.Dashboards;

/// <summary>Grafana's <c>table</c> panel: query results (or a trace search) as rows, cells typed automatically.</summary>
public sealed record TablePanel : Panel<TablePanel>
{
    public TablePanel(string title)
        : base(title)
    {
    }

    public override string TypeId => "table";

    public override int DefaultHeight => 10;

    internal override JsonObject OptionsJson() => new()
    {
        ["showHeader"] = true,
        ["frameIndex"] = 0,
        ["cellHeight"] = "sm",
    };

    internal override JsonObject CustomFieldConfigJson() => new()
    {
        ["align"] = "auto",
        ["cellOptions"] = new JsonObject { ["type"] = "auto" },
    };
}
