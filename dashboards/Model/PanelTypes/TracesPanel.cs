using System.Text.Json.Nodes;

namespace Observability.Dashboards;

/// <summary>Grafana's <c>traces</c> panel: one trace's spans (Jaeger); it has no options and no field config.</summary>
public sealed record TracesPanel : Panel<TracesPanel>
{
    public TracesPanel(string title)
        : base(title)
    {
    }

    public override string TypeId => "traces";

    public override int DefaultHeight => 10;

    public override bool HasFieldConfig => false;

    internal override JsonObject OptionsJson() => [];
}
