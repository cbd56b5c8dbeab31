using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Observability.Rules.PromQl;

namespace Observability.Dashboards;

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
/// A panel: an immutable value built fluently. This base holds what every panel type shares and Grafana writes the same
/// way for all of them (title, description, id, grid size, queries, links, transformations, the field defaults: unit,
/// range, decimals, colour, thresholds, data links), written by <see cref="PanelJson"/>. Each panel type is one sealed
/// record deriving from <see cref="Panel{TSelf}"/> (see <c>Model/PanelTypes/</c>) that owns its plugin id, its default
/// height and settings, and writes its own <c>options</c> and custom field config. Presets live in <see cref="Panels"/>.
/// Width and height are grid units (24 columns; one height unit is 30 px); unset ones are defaulted by the layout.
/// </summary>
public abstract record Panel
{
    private protected Panel(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        Title = title;
    }

    /// <summary>Grafana's panel plugin id (<c>timeseries</c>, <c>stat</c>, ...).</summary>
    public abstract string TypeId { get; }

    /// <summary>The height the layout gives the panel when none is set.</summary>
    public virtual int DefaultHeight => 8;

    /// <summary>True for panels that show query results (all but text).</summary>
    public virtual bool NeedsQueries => true;

    /// <summary>False for plugins without field config (text, traces): the field defaults are not written.</summary>
    public virtual bool HasFieldConfig => true;

    public string Title { get; }

    public string? DescriptionText { get; init; }

    /// <summary>An explicit, stable id (alerts link to it); null lets the layout number the panel.</summary>
    public int? ExplicitId { get; init; }

    public int? GridWidth { get; init; }

    public int? GridHeight { get; init; }

    public ImmutableArray<Target> TargetList { get; init; } = [];

    public string? MinInterval { get; init; }

    public ImmutableArray<PanelLink> LinkList { get; init; } = [];

    public ImmutableArray<Transformation> TransformationList { get; init; } = [];

    // The field defaults (fieldConfig.defaults) every plugin with field config reads.
    public string? UnitId { get; init; }

    public decimal? MinValue { get; init; }

    public decimal? MaxValue { get; init; }

    public int? DecimalPlaces { get; init; }

    public ImmutableArray<ThresholdStep> ThresholdSteps { get; init; } = [];

    public bool ThresholdsArePercentages { get; init; }

    /// <summary>Grafana's field colour mode: <c>palette-classic</c>, <c>thresholds</c>, <c>fixed</c>, ...</summary>
    public string ColorMode { get; init; } = "palette-classic";

    public string? FixedColor { get; init; }

    public ImmutableArray<PanelLink> DataLinkList { get; init; } = [];

    /// <summary>The plugin's <c>options</c> (properties in a fixed order).</summary>
    internal abstract JsonObject OptionsJson();

    /// <summary>The plugin's <c>fieldConfig.defaults.custom</c>, or null when it writes none.</summary>
    internal virtual JsonObject? CustomFieldConfigJson() => null;
}

/// <summary>The fluent methods every panel type shares; each returns a new panel of the same type.</summary>
public abstract record Panel<TSelf> : Panel
    where TSelf : Panel<TSelf>
{
    private protected Panel(string title)
        : base(title)
    {
    }

    private TSelf Self(Panel changed) => (TSelf)changed;

    public TSelf Description(string text) => Self(this with { DescriptionText = text });

    public TSelf Id(int id) => Self(this with { ExplicitId = id });

    public TSelf Width(int width) => Self(this with { GridWidth = width });

    public TSelf Height(int height) => Self(this with { GridHeight = height });

    public TSelf Size(int width, int height) => Self(this with { GridWidth = width, GridHeight = height });

    public TSelf Target(Target target) => Self(this with { TargetList = TargetList.Add(target) });

    /// <summary>Adds a Prometheus range query (through the dashboard's <c>${datasource}</c> variable).</summary>
    public TSelf Query(PromExpr expr, string? legend = null) =>
        Target(new PromQuery(expr.Text) { LegendFormat = legend });

    /// <summary>Adds a Prometheus instant query (the panel shows the value now).</summary>
    public TSelf InstantQuery(PromExpr expr, string? legend = null) =>
        Target(new PromQuery(expr.Text) { LegendFormat = legend, Instant = true });

    /// <summary>Adds a Loki (LogQL) query (through the dashboard's <c>${loki}</c> variable).</summary>
    public TSelf LogQuery(string logql, string? legend = null) =>
        Target(new LokiQuery(logql) { LegendFormat = legend });

    public TSelf Interval(string minInterval) => Self(this with { MinInterval = minInterval });

    public TSelf Link(string title, string url) => Self(this with { LinkList = LinkList.Add(new PanelLink(title, url)) });

    public TSelf Transform(string id, IReadOnlyDictionary<string, object?>? options = null) =>
        Self(this with { TransformationList = TransformationList.Add(new Transformation(id, options ?? new Dictionary<string, object?>())) });

    public TSelf Unit(string unit) => Self(this with { UnitId = unit });

    public TSelf Min(decimal min) => Self(this with { MinValue = min });

    public TSelf Max(decimal max) => Self(this with { MaxValue = max });

    public TSelf Range(decimal min, decimal max) => Self(this with { MinValue = min, MaxValue = max });

    public TSelf Decimals(int decimals) => Self(this with { DecimalPlaces = decimals });

    /// <summary>Absolute thresholds: <paramref name="baseColor"/> below the first step, then each step's colour from its value up.</summary>
    public TSelf Thresholds(string baseColor, params (decimal Value, string Color)[] steps) =>
        Self(this with
        {
            ThresholdSteps = [new ThresholdStep(null, baseColor), .. steps.Select(s => new ThresholdStep(s.Value, s.Color))],
            ThresholdsArePercentages = false,
        });

    /// <summary>Thresholds in percent of the field's min..max.</summary>
    public TSelf PercentThresholds(string baseColor, params (decimal Value, string Color)[] steps) =>
        Self((Panel)Thresholds(baseColor, steps) with { ThresholdsArePercentages = true });

    /// <summary>Colours values by their threshold step (stat, gauge and bar gauge backgrounds, timeseries lines).</summary>
    public TSelf ColorByThresholds() => Self(this with { ColorMode = "thresholds" });

    public TSelf Color(string fixedColor) => Self(this with { ColorMode = "fixed", FixedColor = fixedColor });

    public TSelf DataLink(string title, string url, bool targetBlank = false) =>
        Self(this with { DataLinkList = DataLinkList.Add(new PanelLink(title, url, targetBlank)) });
}

/// <summary>A panel's legend (timeseries, bar gauge): how it is shown, where, and the values it calculates.</summary>
public sealed record Legend(LegendMode Mode = LegendMode.List, LegendPlacement Placement = LegendPlacement.Bottom)
{
    public ImmutableArray<string> Calcs { get; init; } = [];

    internal JsonObject ToJson() => new()
    {
        ["showLegend"] = Mode != LegendMode.Hidden,
        ["displayMode"] = Mode switch
        {
            LegendMode.Table => "table",
            LegendMode.Hidden => "hidden",
            _ => "list",
        },
        ["placement"] = Placement == LegendPlacement.Right ? "right" : "bottom",
        ["calcs"] = Json.Strings(Calcs),
    };
}

/// <summary>
/// A panel that reduces each series to one value (stat, gauge, bar gauge): the calculations (<c>lastNotNull</c> by
/// default, or e.g. <c>mean</c>, <c>max</c>), coloured by thresholds unless set otherwise.
/// </summary>
public abstract record SingleValuePanel<TSelf> : Panel<TSelf>
    where TSelf : SingleValuePanel<TSelf>
{
    private protected SingleValuePanel(string title)
        : base(title) => ColorMode = "thresholds";

    public override int DefaultHeight => 5;

    public ImmutableArray<string> ReduceCalcs { get; init; } = ["lastNotNull"];

    public TSelf Reduce(params string[] calcs) => (TSelf)(this with { ReduceCalcs = [.. calcs] });

    /// <summary>The <c>reduceOptions</c> every single-value plugin starts its options with.</summary>
    private protected JsonObject ReduceOptionsJson() => new()
    {
        ["calcs"] = Json.Strings(ReduceCalcs),
        ["fields"] = "",
        ["values"] = false,
    };
}
