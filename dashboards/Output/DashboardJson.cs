using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Observability.Dashboards;

/// <summary>
/// Writes a dashboard as Grafana's dashboard JSON model (schemaVersion <see cref="Dashboard.SchemaVersion"/>):
/// properties in a fixed order, two-space indentation, LF line ends, no timestamps or versions, so the same
/// dashboard always gives the same bytes. Written straight to a <see cref="Utf8JsonWriter"/> (no intermediate tree).
/// </summary>
public static class DashboardJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The dashboard's JSON text (ends with a newline).</summary>
    public static string Serialize(Dashboard dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            Write(writer, dashboard);
        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    /// <summary>The dashboard's JSON tree (parsed from <see cref="Serialize"/>).</summary>
    public static JsonObject ToJson(Dashboard dashboard) => JsonNode.Parse(Serialize(dashboard))!.AsObject();

    internal static string PanelTypeId(PanelType type) => type switch
    {
        PanelType.Timeseries => "timeseries",
        PanelType.Stat => "stat",
        PanelType.Gauge => "gauge",
        PanelType.BarGauge => "bargauge",
        PanelType.Table => "table",
        PanelType.Heatmap => "heatmap",
        PanelType.Text => "text",
        PanelType.Logs => "logs",
        PanelType.Traces => "traces",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown panel type"),
    };

    /// <summary>The refId of the query at <paramref name="index"/>: A, B, ..., Z, AA, AB, ...</summary>
    public static string RefId(int index) =>
        index < 26 ? ((char)('A' + index)).ToString() : RefId((index / 26) - 1) + RefId(index % 26);

    private static void Write(Utf8JsonWriter w, Dashboard dashboard)
    {
        w.WriteStartObject();
        w.WriteString("uid", dashboard.Uid);
        w.WriteString("title", dashboard.Title);
        if (dashboard.DescriptionText is { } description)
            w.WriteString("description", description);
        Strings(w, "tags", dashboard.TagList);
        w.WriteString("timezone", dashboard.TimezoneId);
        w.WriteBoolean("editable", true);
        w.WriteNumber("graphTooltip", (int)dashboard.Cursor);
        w.WriteStartObject("time");
        w.WriteString("from", dashboard.TimeFrom);
        w.WriteString("to", dashboard.TimeTo);
        w.WriteEndObject();
        w.WriteString("refresh", dashboard.RefreshInterval);
        w.WriteNumber("schemaVersion", Dashboard.SchemaVersion);
        w.WriteNumber("fiscalYearStartMonth", 0);
        w.WriteBoolean("liveNow", false);
        w.WriteStartArray("links");
        foreach (var link in dashboard.LinkList)
            Link(w, link);
        w.WriteEndArray();
        w.WriteStartObject("annotations");
        w.WriteStartArray("list");
        foreach (var annotation in dashboard.AnnotationList)
            Annotation(w, annotation);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("templating");
        w.WriteStartArray("list");
        foreach (var variable in dashboard.VariableList)
            Variable(w, variable);
        w.WriteEndArray();
        w.WriteEndObject();

        w.WriteStartArray("panels");
        foreach (var row in Layout.Place(dashboard))
        {
            w.WriteStartObject();
            w.WriteString("type", "row");
            w.WriteString("title", row.Row.Title);
            w.WriteNumber("id", row.Id);
            Grid(w, row.Pos);
            w.WriteBoolean("collapsed", row.Row.IsCollapsed);
            // Grafana keeps a collapsed row's panels inside the row, an expanded row's after it.
            w.WriteStartArray("panels");
            if (row.Row.IsCollapsed)
            {
                foreach (var panel in row.Panels)
                    Panel(w, panel);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            if (!row.Row.IsCollapsed)
            {
                foreach (var panel in row.Panels)
                    Panel(w, panel);
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Grid(Utf8JsonWriter w, GridPos pos)
    {
        w.WriteStartObject("gridPos");
        w.WriteNumber("h", pos.H);
        w.WriteNumber("w", pos.W);
        w.WriteNumber("x", pos.X);
        w.WriteNumber("y", pos.Y);
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
            w.WriteStringValue(value);
        w.WriteEndArray();
    }

    /// <summary>Exact: integers without a fraction, others without trailing zeros (0.05, not 0.0500).</summary>
    private static void Number(Utf8JsonWriter w, string name, decimal value)
    {
        w.WritePropertyName(name);
        NumberValue(w, value);
    }

    private static void NumberValue(Utf8JsonWriter w, decimal value)
    {
        if (value == decimal.Truncate(value) && Math.Abs(value) < long.MaxValue)
            w.WriteNumberValue((long)value);
        else
            w.WriteNumberValue(decimal.Parse(value.ToString("0.############################", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
    }

    private static void Datasource(Utf8JsonWriter w, DatasourceRef datasource)
    {
        w.WriteStartObject("datasource");
        w.WriteString("type", datasource.Type);
        w.WriteString("uid", datasource.Uid);
        w.WriteEndObject();
    }

    private static void Panel(Utf8JsonWriter w, PlacedPanel placed)
    {
        var panel = placed.Panel;
        w.WriteStartObject();
        w.WriteString("type", PanelTypeId(panel.Type));
        w.WriteString("title", panel.Title);
        if (panel.DescriptionText is { } description)
            w.WriteString("description", description);
        w.WriteNumber("id", placed.Id);
        Grid(w, placed.Pos);
        if (panel.TargetList.Length > 0)
        {
            // One datasource for the panel, or Grafana's "-- Mixed --" when its queries use several.
            var first = panel.TargetList[0].Datasource;
            Datasource(w, panel.TargetList.All(t => t.Datasource == first) ? first : Datasources.Mixed);
            w.WriteStartArray("targets");
            for (var i = 0; i < panel.TargetList.Length; i++)
                Target(w, panel.TargetList[i], RefId(i));
            w.WriteEndArray();
        }

        if (panel.MinInterval is { } interval)
            w.WriteString("interval", interval);
        if (panel.Type != PanelType.Text && panel.Type != PanelType.Traces)
            FieldConfig(w, panel);
        Options(w, panel);
        if (panel.LinkList.Length > 0)
        {
            w.WriteStartArray("links");
            foreach (var link in panel.LinkList)
                Link(w, DashboardLink.ToUrl(link.Title, link.Url) with { TargetBlank = link.TargetBlank });
            w.WriteEndArray();
        }

        if (panel.TransformationList.Length > 0)
        {
            w.WriteStartArray("transformations");
            foreach (var transformation in panel.TransformationList)
            {
                w.WriteStartObject();
                w.WriteString("id", transformation.Id);
                w.WritePropertyName("options");
                Tree(w, transformation.Options);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void PanelLink(Utf8JsonWriter w, PanelLink link)
    {
        w.WriteStartObject();
        w.WriteString("title", link.Title);
        w.WriteString("url", link.Url);
        w.WriteBoolean("targetBlank", link.TargetBlank);
        w.WriteEndObject();
    }

    private static void Target(Utf8JsonWriter w, Target target, string refId)
    {
        w.WriteStartObject();
        w.WriteString("refId", refId);
        Datasource(w, target.Datasource);
        switch (target)
        {
            case PromQuery prom:
                w.WriteString("expr", prom.Expr);
                w.WriteString("legendFormat", prom.LegendFormat ?? "__auto");
                w.WriteBoolean("range", !prom.Instant);
                w.WriteBoolean("instant", prom.Instant);
                w.WriteString("format", prom.Format switch
                {
                    PromFormat.Table => "table",
                    PromFormat.Heatmap => "heatmap",
                    _ => "time_series",
                });
                if (prom.Interval is { } interval)
                    w.WriteString("interval", interval);
                if (prom.Exemplar)
                    w.WriteBoolean("exemplar", true);
                break;
            case LokiQuery loki:
                w.WriteString("expr", loki.Expr);
                w.WriteString("queryType", loki.Instant ? "instant" : "range");
                if (loki.LegendFormat is { } legend)
                    w.WriteString("legendFormat", legend);
                if (loki.MaxLines is { } maxLines)
                    w.WriteNumber("maxLines", maxLines);
                break;
            case JaegerQuery jaeger when jaeger.TraceId is { } traceId:
                w.WriteString("query", traceId);
                break;
            case JaegerQuery jaeger:
                w.WriteString("queryType", "search");
                StringIfSet(w, "service", jaeger.Service);
                StringIfSet(w, "operation", jaeger.Operation);
                StringIfSet(w, "tags", jaeger.Tags);
                StringIfSet(w, "minDuration", jaeger.MinDuration);
                StringIfSet(w, "maxDuration", jaeger.MaxDuration);
                if (jaeger.Limit is { } limit)
                    w.WriteNumber("limit", limit);
                break;
            default:
                throw new ArgumentException($"unknown target type {target.GetType().Name}", nameof(target));
        }

        if (target.Hidden)
            w.WriteBoolean("hide", true);
        w.WriteEndObject();
    }

    private static void StringIfSet(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
            w.WriteString(name, value);
    }

    private static void FieldConfig(Utf8JsonWriter w, Panel panel)
    {
        w.WriteStartObject("fieldConfig");
        w.WriteStartObject("defaults");
        if (panel.UnitId is { } unit)
            w.WriteString("unit", unit);
        if (panel.MinValue is { } min)
            Number(w, "min", min);
        if (panel.MaxValue is { } max)
            Number(w, "max", max);
        if (panel.DecimalPlaces is { } decimals)
            w.WriteNumber("decimals", decimals);
        w.WriteStartObject("color");
        w.WriteString("mode", panel.ColorMode);
        if (panel.FixedColor is { } fixedColor)
            w.WriteString("fixedColor", fixedColor);
        w.WriteEndObject();
        w.WriteStartObject("thresholds");
        w.WriteString("mode", panel.ThresholdsArePercentages ? "percentage" : "absolute");
        w.WriteStartArray("steps");
        foreach (var step in panel.ThresholdSteps.Length > 0 ? panel.ThresholdSteps : [new ThresholdStep(null, "green")])
        {
            w.WriteStartObject();
            w.WriteString("color", step.Color);
            if (step.Value is { } value)
                Number(w, "value", value);
            else
                w.WriteNull("value");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        if (panel.DataLinkList.Length > 0)
        {
            w.WriteStartArray("links");
            foreach (var link in panel.DataLinkList)
                PanelLink(w, link);
            w.WriteEndArray();
        }

        CustomFieldConfig(w, panel);
        w.WriteEndObject();
        w.WriteStartArray("overrides");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void CustomFieldConfig(Utf8JsonWriter w, Panel panel)
    {
        switch (panel.Type)
        {
            case PanelType.Timeseries:
                w.WriteStartObject("custom");
                w.WriteString("drawStyle", "line");
                w.WriteNumber("lineWidth", 1);
                w.WriteNumber("fillOpacity", panel.FillOpacity);
                w.WriteString("showPoints", "never");
                w.WriteBoolean("spanNulls", false);
                w.WriteStartObject("stacking");
                w.WriteString("mode", panel.IsStacked ? "normal" : "none");
                w.WriteString("group", "A");
                w.WriteEndObject();
                w.WriteStartObject("thresholdsStyle");
                w.WriteString("mode", panel.ThresholdStyle switch
                {
                    ThresholdDisplay.Line => "line",
                    ThresholdDisplay.Dashed => "dashed",
                    ThresholdDisplay.Area => "area",
                    ThresholdDisplay.LineAndArea => "line+area",
                    _ => "off",
                });
                w.WriteEndObject();
                w.WriteEndObject();
                break;
            case PanelType.Table:
                w.WriteStartObject("custom");
                w.WriteString("align", "auto");
                w.WriteStartObject("cellOptions");
                w.WriteString("type", "auto");
                w.WriteEndObject();
                w.WriteEndObject();
                break;
        }
    }

    private static void Legend(Utf8JsonWriter w, Panel panel)
    {
        w.WriteStartObject("legend");
        w.WriteBoolean("showLegend", panel.Legend != LegendMode.Hidden);
        w.WriteString("displayMode", panel.Legend switch
        {
            LegendMode.Table => "table",
            LegendMode.Hidden => "hidden",
            _ => "list",
        });
        w.WriteString("placement", panel.LegendAt == LegendPlacement.Right ? "right" : "bottom");
        Strings(w, "calcs", panel.LegendCalcs);
        w.WriteEndObject();
    }

    private static void Tooltip(Utf8JsonWriter w, Panel panel)
    {
        w.WriteStartObject("tooltip");
        w.WriteString("mode", panel.TooltipDisplay switch
        {
            TooltipMode.Single => "single",
            TooltipMode.None => "none",
            _ => "multi",
        });
        w.WriteString("sort", panel.TooltipDisplay == TooltipMode.Multi ? "desc" : "none");
        w.WriteEndObject();
    }

    private static void Reduce(Utf8JsonWriter w, Panel panel)
    {
        w.WriteStartObject("reduceOptions");
        Strings(w, "calcs", panel.ReduceCalcs);
        w.WriteString("fields", "");
        w.WriteBoolean("values", false);
        w.WriteEndObject();
    }

    private static void Options(Utf8JsonWriter w, Panel panel)
    {
        w.WriteStartObject("options");
        switch (panel.Type)
        {
            case PanelType.Timeseries:
                Legend(w, panel);
                Tooltip(w, panel);
                break;
            case PanelType.Stat:
                Reduce(w, panel);
                w.WriteString("orientation", "auto");
                w.WriteString("textMode", "auto");
                w.WriteString("colorMode", "value");
                w.WriteString("graphMode", "area");
                w.WriteString("justifyMode", "auto");
                w.WriteBoolean("wideLayout", true);
                w.WriteBoolean("showPercentChange", false);
                w.WriteString("percentChangeColorMode", "standard");
                break;
            case PanelType.Gauge:
                Reduce(w, panel);
                w.WriteString("orientation", "auto");
                w.WriteBoolean("showThresholdLabels", false);
                w.WriteBoolean("showThresholdMarkers", true);
                w.WriteString("sizing", "auto");
                w.WriteNumber("minVizHeight", 75);
                w.WriteNumber("minVizWidth", 75);
                break;
            case PanelType.BarGauge:
                Reduce(w, panel);
                w.WriteString("orientation", "horizontal");
                w.WriteString("displayMode", "gradient");
                w.WriteString("valueMode", "color");
                w.WriteString("namePlacement", "auto");
                w.WriteBoolean("showUnfilled", true);
                w.WriteString("sizing", "auto");
                w.WriteNumber("minVizHeight", 16);
                w.WriteNumber("minVizWidth", 8);
                w.WriteNumber("maxVizHeight", 300);
                Legend(w, panel);
                break;
            case PanelType.Table:
                w.WriteBoolean("showHeader", true);
                w.WriteNumber("frameIndex", 0);
                w.WriteString("cellHeight", "sm");
                break;
            case PanelType.Heatmap:
                w.WriteBoolean("calculate", false);
                w.WriteStartObject("color");
                w.WriteString("mode", "scheme");
                w.WriteString("scheme", "Oranges");
                w.WriteString("fill", "dark-orange");
                w.WriteString("scale", "exponential");
                w.WriteNumber("exponent", 0.5);
                w.WriteNumber("steps", 64);
                w.WriteBoolean("reverse", false);
                w.WriteEndObject();
                w.WriteStartObject("yAxis");
                w.WriteString("axisPlacement", "left");
                w.WriteString("unit", panel.UnitId ?? Units.Short);
                w.WriteEndObject();
                w.WriteNumber("cellGap", 1);
                w.WriteString("showValue", "never");
                w.WriteStartObject("tooltip");
                w.WriteString("mode", "single");
                w.WriteBoolean("yHistogram", false);
                w.WriteBoolean("showColorScale", false);
                w.WriteEndObject();
                w.WriteStartObject("legend");
                w.WriteBoolean("show", true);
                w.WriteEndObject();
                w.WriteStartObject("exemplars");
                w.WriteString("color", "rgba(255,0,255,0.7)");
                w.WriteEndObject();
                w.WriteStartObject("filterValues");
                Number(w, "le", 0.000000001m);
                w.WriteEndObject();
                break;
            case PanelType.Text:
                w.WriteString("mode", "markdown");
                w.WriteString("content", panel.TextContent ?? "");
                break;
            case PanelType.Logs:
                w.WriteBoolean("showTime", true);
                w.WriteBoolean("showLabels", false);
                w.WriteBoolean("showCommonLabels", false);
                w.WriteBoolean("wrapLogMessage", panel.LogsWrapLines);
                w.WriteBoolean("prettifyLogMessage", panel.LogsPrettifyJson);
                w.WriteBoolean("enableLogDetails", true);
                w.WriteBoolean("showLogContextToggle", true);
                w.WriteString("dedupStrategy", "none");
                w.WriteString("sortOrder", panel.LogsNewestFirst ? "Descending" : "Ascending");
                break;
            case PanelType.Traces:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(panel), panel.Type, "unknown panel type");
        }

        w.WriteEndObject();
    }

    private static void Annotation(Utf8JsonWriter w, Annotation annotation)
    {
        w.WriteStartObject();
        switch (annotation)
        {
            case GrafanaAnnotation grafana:
                if (grafana.BuiltIn)
                    w.WriteNumber("builtIn", 1);
                w.WriteString("name", grafana.Name);
                Datasource(w, Datasources.Grafana);
                w.WriteBoolean("enable", grafana.Enabled);
                w.WriteBoolean("hide", grafana.Hidden);
                w.WriteString("iconColor", grafana.IconColor);
                w.WriteString("type", "dashboard");
                w.WriteStartObject("target");
                w.WriteString("type", grafana.Tags.Count > 0 ? "tags" : "dashboard");
                Strings(w, "tags", grafana.Tags);
                w.WriteNumber("limit", 100);
                w.WriteBoolean("matchAny", grafana.Tags.Count > 0);
                w.WriteEndObject();
                break;
            case PrometheusAnnotation prom:
                w.WriteString("name", prom.Name);
                Datasource(w, prom.Datasource);
                w.WriteBoolean("enable", prom.Enabled);
                w.WriteBoolean("hide", prom.Hidden);
                w.WriteString("iconColor", prom.IconColor);
                w.WriteStartObject("target");
                w.WriteString("refId", "Anno");
                w.WriteString("expr", prom.Expr);
                w.WriteString("interval", prom.Step);
                w.WriteEndObject();
                w.WriteString("step", prom.Step);
                w.WriteBoolean("useValueForTime", false);
                StringIfSet(w, "titleFormat", prom.TitleFormat);
                StringIfSet(w, "textFormat", prom.TextFormat);
                StringIfSet(w, "tagKeys", prom.TagKeys);
                break;
            default:
                throw new ArgumentException($"unknown annotation type {annotation.GetType().Name}", nameof(annotation));
        }

        w.WriteEndObject();
    }

    private static void Link(Utf8JsonWriter w, DashboardLink link)
    {
        w.WriteStartObject();
        w.WriteString("title", link.Title);
        w.WriteString("type", link.Type);
        w.WriteString("icon", link.Icon);
        w.WriteString("tooltip", link.Tooltip);
        Strings(w, "tags", link.Tags);
        w.WriteBoolean("asDropdown", link.AsDropdown);
        w.WriteBoolean("includeVars", link.IncludeVars);
        w.WriteBoolean("keepTime", link.KeepTime);
        w.WriteBoolean("targetBlank", link.TargetBlank);
        StringIfSet(w, "url", link.Url);
        w.WriteEndObject();
    }

    private static void Variable(Utf8JsonWriter w, Variable variable)
    {
        w.WriteStartObject();
        w.WriteString("name", variable.Name);
        w.WriteString("label", variable.Label ?? variable.Name);
        w.WriteNumber("hide", variable.Hidden ? 2 : 0);
        w.WriteBoolean("skipUrlSync", false);
        switch (variable)
        {
            case DatasourceVariable ds:
                w.WriteString("type", "datasource");
                w.WriteString("query", ds.PluginType);
                w.WriteString("regex", "");
                w.WriteNumber("refresh", 1);
                w.WriteBoolean("multi", false);
                w.WriteBoolean("includeAll", false);
                Option(w, "current", ds.DefaultUid, ds.DefaultUid);
                break;
            case QueryVariable q:
                w.WriteString("type", "query");
                Datasource(w, q.Datasource);
                w.WriteString("query", q.Query);
                w.WriteNumber("refresh", 2);
                w.WriteNumber("sort", 1);
                w.WriteString("regex", q.Regex ?? "");
                w.WriteBoolean("multi", q.Multi);
                w.WriteBoolean("includeAll", q.IncludeAll);
                StringIfSet(w, "allValue", q.AllValue);
                if (q.IncludeAll)
                    Option(w, "current", "All", "$__all");
                else
                    Option(w, "current", "", "");
                break;
            case CustomVariable c:
                w.WriteString("type", "custom");
                w.WriteString("query", string.Join(",", c.Values));
                w.WriteBoolean("multi", c.Multi);
                w.WriteBoolean("includeAll", c.IncludeAll);
                StringIfSet(w, "allValue", c.AllValue);
                w.WriteStartArray("options");
                for (var i = 0; i < c.Values.Length; i++)
                    Option(w, null, c.Values[i], c.Values[i], selected: i == 0 && !c.IncludeAll);
                w.WriteEndArray();
                var first = c.Values.FirstOrDefault() ?? "";
                if (c.IncludeAll)
                    Option(w, "current", "All", "$__all");
                else
                    Option(w, "current", first, first);
                break;
            case TextboxVariable t:
                w.WriteString("type", "textbox");
                w.WriteString("query", t.DefaultValue);
                Option(w, "current", t.DefaultValue, t.DefaultValue);
                break;
            default:
                throw new ArgumentException($"unknown variable type {variable.GetType().Name}", nameof(variable));
        }

        w.WriteEndObject();
    }

    private static void Option(Utf8JsonWriter w, string? name, string text, string value, bool? selected = null)
    {
        if (name is null)
            w.WriteStartObject();
        else
            w.WriteStartObject(name);
        w.WriteString("text", text);
        w.WriteString("value", value);
        if (selected is { } s)
            w.WriteBoolean("selected", s);
        w.WriteEndObject();
    }

    /// <summary>Writes plain values (strings, numbers, booleans, dictionaries, sequences); dictionaries other than ordered ones by key.</summary>
    private static void Tree(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNullValue();
                break;
            case string s:
                w.WriteStringValue(s);
                break;
            case bool b:
                w.WriteBooleanValue(b);
                break;
            case int i:
                w.WriteNumberValue(i);
                break;
            case long l:
                w.WriteNumberValue(l);
                break;
            case decimal m:
                NumberValue(w, m);
                break;
            case double d:
                w.WriteNumberValue(d);
                break;
            case OrderedDictionary<string, object?> ordered:
                w.WriteStartObject();
                foreach (var (key, item) in ordered)
                {
                    w.WritePropertyName(key);
                    Tree(w, item);
                }

                w.WriteEndObject();
                break;
            case IReadOnlyDictionary<string, object?> map:
                w.WriteStartObject();
                foreach (var (key, item) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    w.WritePropertyName(key);
                    Tree(w, item);
                }

                w.WriteEndObject();
                break;
            case System.Collections.IEnumerable list:
                w.WriteStartArray();
                foreach (var item in list)
                    Tree(w, item);
                w.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"a value of type {value.GetType().Name} cannot be written as JSON", nameof(value));
        }
    }
}
