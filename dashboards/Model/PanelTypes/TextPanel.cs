using System.Text.Json.Nodes;

namespace Observability.Dashboards;

/// <summary>Grafana's <c>text</c> panel: Markdown; no queries and no field config.</summary>
public sealed record TextPanel : Panel<TextPanel>
{
    public TextPanel(string title, string markdown)
        : base(title) => Content = markdown;

    public override string TypeId => "text";

    public override int DefaultHeight => 4;

    public override bool NeedsQueries => false;

    public override bool HasFieldConfig => false;

    /// <summary>The Markdown shown.</summary>
    public string Content { get; init; }

    internal override JsonObject OptionsJson() => new()
    {
        ["mode"] = "markdown",
        ["content"] = Content,
    };
}
