using System.Text.Json.Nodes;

namespace Observability.Dashboards;

/// <summary>Grafana's <c>logs</c> panel: a log stream (Loki) with log details and context, newest first unless set otherwise.</summary>
public sealed record LogsPanel : Panel<LogsPanel>
{
    public LogsPanel(string title)
        : base(title)
    {
    }

    public override string TypeId => "logs";

    public override int DefaultHeight => 10;

    public bool NewestFirst { get; init; } = true;

    public bool WrapLines { get; init; } = true;

    public bool PrettifyJson { get; init; }

    public LogsPanel LogsOptions(bool newestFirst = true, bool wrapLines = true, bool prettifyJson = false) =>
        this with { NewestFirst = newestFirst, WrapLines = wrapLines, PrettifyJson = prettifyJson };

    internal override JsonObject OptionsJson() => new()
    {
        ["showTime"] = true,
        ["showLabels"] = false,
        ["showCommonLabels"] = false,
        ["wrapLogMessage"] = WrapLines,
        ["prettifyLogMessage"] = PrettifyJson,
        ["enableLogDetails"] = true,
        ["showLogContextToggle"] = true,
        ["dedupStrategy"] = "none",
        ["sortOrder"] = NewestFirst ? "Descending" : "Ascending",
    };
}
