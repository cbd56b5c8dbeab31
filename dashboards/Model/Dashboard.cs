using System.Collections.Immutable;

namespace Observability.Dashboards;

/// <summary>Grafana's shared-cursor setting (<c>graphTooltip</c>).</summary>
public enum CursorSync
{
    Off = 0,
    Crosshair = 1,
    Tooltip = 2,
}

/// <summary>
/// A Grafana dashboard: an immutable value built fluently (every method returns a new dashboard).
/// Required data goes into <see cref="Create"/>; rows stack top to bottom in the order they are added.
/// </summary>
public sealed record Dashboard
{
    /// <summary>Grafana's dashboard JSON schema version written into every dashboard (@grafana/schema 13.2.3: 42).</summary>
    public const int SchemaVersion = 42;

    /// <summary>Grafana's limit on a dashboard uid's length.</summary>
    public const int MaxUidLength = 40;

    private Dashboard(string uid, string title)
    {
        Uid = uid;
        Title = title;
    }

    public string Uid { get; }

    public string Title { get; }

    public ImmutableArray<string> TagList { get; init; } = [];

    public string? DescriptionText { get; init; }

    public string TimeFrom { get; init; } = "now-6h";

    public string TimeTo { get; init; } = "now";

    public string RefreshInterval { get; init; } = "30s";

    public string TimezoneId { get; init; } = "browser";

    public CursorSync Cursor { get; init; } = CursorSync.Crosshair;

    public ImmutableArray<DashboardLink> LinkList { get; init; } = [];

    public ImmutableArray<Variable> VariableList { get; init; } = [];

    public ImmutableArray<Annotation> AnnotationList { get; init; } = [];

    public ImmutableArray<Row> RowList { get; init; } = [];

    public static Dashboard Create(string uid, string title)
    {
        ArgumentNullException.ThrowIfNull(uid);
        ArgumentNullException.ThrowIfNull(title);
        return new Dashboard(uid, title);
    }

    public Dashboard Tags(params string[] tags) => this with { TagList = TagList.AddRange(tags) };

    public Dashboard Description(string text) => this with { DescriptionText = text };

    /// <summary>The default time range, e.g. <c>("now-24h", "now")</c>.</summary>
    public Dashboard Time(string from, string to = "now") => this with { TimeFrom = from, TimeTo = to };

    /// <summary>The auto-refresh interval (e.g. <c>30s</c>); an empty string turns auto-refresh off.</summary>
    public Dashboard Refresh(string interval) => this with { RefreshInterval = interval };

    /// <summary><c>browser</c>, <c>utc</c> or an IANA zone id.</summary>
    public Dashboard Timezone(string timezone) => this with { TimezoneId = timezone };

    public Dashboard GraphTooltip(CursorSync sync) => this with { Cursor = sync };

    public Dashboard Link(DashboardLink link) => this with { LinkList = LinkList.Add(link) };

    public Dashboard Variable(Variable variable) => this with { VariableList = VariableList.Add(variable) };

    public Dashboard Annotation(Annotation annotation) => this with { AnnotationList = AnnotationList.Add(annotation) };

    public Dashboard Row(Row row) => this with { RowList = RowList.Add(row) };

    /// <summary>Adds a row titled <paramref name="title"/> whose panels <paramref name="build"/> adds.</summary>
    public Dashboard Row(string title, Func<Row, Row> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        return Row(build(Dashboards.Row.Create(title)));
    }

    /// <summary>Every panel of the dashboard with its row, in layout order.</summary>
    public IEnumerable<(Row Row, Panel Panel)> AllPanels() => RowList.SelectMany(r => r.PanelList.Select(p => (r, p)));
}

/// <summary>A row of panels. Panels flow left to right on the 24-column grid and wrap when a line is full.</summary>
public sealed record Row
{
    private Row(string title) => Title = title;

    public string Title { get; }

    public bool IsCollapsed { get; init; }

    /// <summary>The row's explicit id (for panel links); null lets the layout number it.</summary>
    public int? ExplicitId { get; init; }

    public ImmutableArray<Panel> PanelList { get; init; } = [];

    public static Row Create(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        return new Row(title);
    }

    public Row Panel(Panel panel) => this with { PanelList = PanelList.Add(panel) };

    public Row Panels(IEnumerable<Panel> panels) => this with { PanelList = PanelList.AddRange(panels) };

    public Row Collapsed(bool collapsed = true) => this with { IsCollapsed = collapsed };

    public Row Id(int id) => this with { ExplicitId = id };
}

/// <summary>A link in the dashboard's header: to a URL, or to the dashboards with some tags.</summary>
public sealed record DashboardLink
{
    public required string Title { get; init; }

    /// <summary><c>link</c> (to <see cref="Url"/>) or <c>dashboards</c> (to the dashboards tagged <see cref="Tags"/>).</summary>
    public required string Type { get; init; }

    public string? Url { get; init; }

    public ImmutableArray<string> Tags { get; init; } = [];

    public string Icon { get; init; } = "external link";

    public string Tooltip { get; init; } = "";

    public bool AsDropdown { get; init; }

    public bool IncludeVars { get; init; } = true;

    public bool KeepTime { get; init; } = true;

    public bool TargetBlank { get; init; }

    public static DashboardLink ToUrl(string title, string url) =>
        new() { Title = title, Type = "link", Url = url, IncludeVars = false, KeepTime = false, TargetBlank = true };

    public static DashboardLink ToTagged(string title, params string[] tags) =>
        new() { Title = title, Type = "dashboards", Tags = [.. tags], AsDropdown = true, Icon = "dashboard" };
}
