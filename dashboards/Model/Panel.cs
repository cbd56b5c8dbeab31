using System.Collections.Immutable;
using Observability.Rules.PromQl;

namespace Observability.Dashboards;

/// <summary>The panel plugins the builder writes.</summary>
public enum PanelType
{
    Timeseries,
    Stat,
    Gauge,
    BarGauge,
    Table,
    Heatmap,
    Text,
    Logs,
    Traces,
}

public enum LegendMode
{
    List,
    Table,
    Hidden,
}

public enum LegendPlacement
{
    Bottom,
    Right,
}

public enum TooltipMode
{
    Single,
    Multi,
    None,
}

/// <summary>How a timeseries panel draws its thresholds.</summary>
public enum ThresholdDisplay
{
    Off,
    Line,
    Dashed,
    Area,
    LineAndArea,
}

/// <summary>One threshold step: from <see cref="Value"/> upwards (null = the base step) the colour is <see cref="Color"/>.</summary>
public sealed record ThresholdStep(decimal? Value, string Color);

/// <summary>A link on a panel's header, or a data link on its values (URL may use ${__value.raw}, ${__field.labels.x}).</summary>
public sealed record PanelLink(string Title, string Url, bool TargetBlank = true);

/// <summary>A Grafana transformation (id and options), e.g. <c>merge</c> or <c>organize</c>.</summary>
public sealed record Transformation(string Id, IReadOnlyDictionary<string, object?> Options);

/// <summary>
/// A panel: an immutable value built fluently. Presets for each panel type live in <see cref="Panels"/>.
/// Width and height are grid units (24 columns; one height unit is 30 px); unset ones are defaulted by the layout.
/// </summary>
public sealed record Panel
{
    internal Panel(PanelType type, string title)
    {
        Type = type;
        Title = title;
    }

    public PanelType Type { get; }

    public string Title { get; }

    public string? DescriptionText { get; init; }

    /// <summary>An explicit, stable id (alerts link to it); null lets the layout number the panel.</summary>
    public int? ExplicitId { get; init; }

    public int? GridWidth { get; init; }

    public int? GridHeight { get; init; }

    public ImmutableArray<Target> TargetList { get; init; } = [];

    public string? UnitId { get; init; }

    public decimal? MinValue { get; init; }

    public decimal? MaxValue { get; init; }

    public int? DecimalPlaces { get; init; }

    public ImmutableArray<ThresholdStep> ThresholdSteps { get; init; } = [];

    public bool ThresholdsArePercentages { get; init; }

    public ThresholdDisplay ThresholdStyle { get; init; } = ThresholdDisplay.Off;

    /// <summary>Grafana's field colour mode: <c>palette-classic</c>, <c>thresholds</c>, <c>fixed</c>, ...</summary>
    public string ColorMode { get; init; } = "palette-classic";

    public string? FixedColor { get; init; }

    public int FillOpacity { get; init; } = 10;

    public bool IsStacked { get; init; }

    public LegendMode Legend { get; init; } = LegendMode.List;

    public LegendPlacement LegendAt { get; init; } = LegendPlacement.Bottom;

    public ImmutableArray<string> LegendCalcs { get; init; } = [];

    public TooltipMode TooltipDisplay { get; init; } = TooltipMode.Multi;

    /// <summary>Reduce calculations for stat, gauge, bar gauge (e.g. <c>lastNotNull</c>, <c>mean</c>, <c>max</c>).</summary>
    public ImmutableArray<string> ReduceCalcs { get; init; } = ["lastNotNull"];

    public string? TextContent { get; init; }

    public string? MinInterval { get; init; }

    public ImmutableArray<PanelLink> LinkList { get; init; } = [];

    public ImmutableArray<PanelLink> DataLinkList { get; init; } = [];

    public ImmutableArray<Transformation> TransformationList { get; init; } = [];

    /// <summary>The log panel's sort order: newest first unless set otherwise.</summary>
    public bool LogsNewestFirst { get; init; } = true;

    public bool LogsWrapLines { get; init; } = true;

    public bool LogsPrettifyJson { get; init; }

    public Panel Description(string text) => this with { DescriptionText = text };

    public Panel Id(int id) => this with { ExplicitId = id };

    public Panel Width(int width) => this with { GridWidth = width };

    public Panel Height(int height) => this with { GridHeight = height };

    public Panel Size(int width, int height) => this with { GridWidth = width, GridHeight = height };

    public Panel Target(Target target) => this with { TargetList = TargetList.Add(target) };

    /// <summary>Adds a Prometheus range query (through the dashboard's <c>${datasource}</c> variable).</summary>
    public Panel Query(PromExpr expr, string? legend = null) =>
        Target(new PromQuery(expr.Text) { LegendFormat = legend });

    /// <summary>Adds a Prometheus instant query (the panel shows the value now).</summary>
    public Panel InstantQuery(PromExpr expr, string? legend = null) =>
        Target(new PromQuery(expr.Text) { LegendFormat = legend, Instant = true });

    /// <summary>Adds a Loki (LogQL) query (through the dashboard's <c>${loki}</c> variable).</summary>
    public Panel LogQuery(string logql, string? legend = null) =>
        Target(new LokiQuery(logql) { LegendFormat = legend });

    public Panel Unit(string unit) => this with { UnitId = unit };

    public Panel Min(decimal min) => this with { MinValue = min };

    public Panel Max(decimal max) => this with { MaxValue = max };

    public Panel Range(decimal min, decimal max) => this with { MinValue = min, MaxValue = max };

    public Panel Decimals(int decimals) => this with { DecimalPlaces = decimals };

    /// <summary>Absolute thresholds: <paramref name="baseColor"/> below the first step, then each step's colour from its value up.</summary>
    public Panel Thresholds(string baseColor, params (decimal Value, string Color)[] steps) =>
        this with
        {
            ThresholdSteps = [new ThresholdStep(null, baseColor), .. steps.Select(s => new ThresholdStep(s.Value, s.Color))],
            ThresholdsArePercentages = false,
        };

    /// <summary>Thresholds in percent of the field's min..max.</summary>
    public Panel PercentThresholds(string baseColor, params (decimal Value, string Color)[] steps) =>
        Thresholds(baseColor, steps) with { ThresholdsArePercentages = true };

    /// <summary>Colours values by their threshold step (stat, gauge and bar gauge backgrounds, timeseries lines).</summary>
    public Panel ColorByThresholds() => this with { ColorMode = "thresholds" };

    public Panel Color(string fixedColor) => this with { ColorMode = "fixed", FixedColor = fixedColor };

    public Panel ShowThresholds(ThresholdDisplay display) => this with { ThresholdStyle = display };

    public Panel Fill(int opacityPercent) => this with { FillOpacity = opacityPercent };

    public Panel Stacked(bool stacked = true) => this with { IsStacked = stacked };

    public Panel LegendOptions(LegendMode mode, LegendPlacement placement = LegendPlacement.Bottom, params string[] calcs) =>
        this with { Legend = mode, LegendAt = placement, LegendCalcs = [.. calcs] };

    public Panel Tooltip(TooltipMode mode) => this with { TooltipDisplay = mode };

    public Panel Reduce(params string[] calcs) => this with { ReduceCalcs = [.. calcs] };

    public Panel Interval(string minInterval) => this with { MinInterval = minInterval };

    public Panel Link(string title, string url) => this with { LinkList = LinkList.Add(new PanelLink(title, url)) };

    public Panel DataLink(string title, string url, bool targetBlank = false) =>
        this with { DataLinkList = DataLinkList.Add(new PanelLink(title, url, targetBlank)) };

    public Panel Transform(string id, IReadOnlyDictionary<string, object?>? options = null) =>
        this with { TransformationList = TransformationList.Add(new Transformation(id, options ?? new Dictionary<string, object?>())) };

    public Panel LogsOptions(bool newestFirst = true, bool wrapLines = true, bool prettifyJson = false) =>
        this with { LogsNewestFirst = newestFirst, LogsWrapLines = wrapLines, LogsPrettifyJson = prettifyJson };

    /// <summary>True for panels that show query results (all but text).</summary>
    public bool NeedsQueries => Type != PanelType.Text;
}
