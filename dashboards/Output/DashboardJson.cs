using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Observability.Dashboards;

/// <summary>
/// Writes a dashboard as Grafana's dashboard JSON model (schemaVersion <see cref="Dashboard.SchemaVersion"/>):
/// properties in a fixed order, two-space indentation, LF line ends, no timestamps or versions, so the same
/// dashboard always gives the same bytes.
/// </summary>
public static class DashboardJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The dashboard's JSON text (ends with a newline).</summary>
    public static string Serialize(Dashboard dashboard) => ToJson(dashboard).ToJsonString(Options) + "\n";

    /// <summary>The dashboard's JSON tree.</summary>
    public static JsonObject ToJson(Dashboard dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        var placed = Layout.Place(dashboard);
        var panels = new JsonArray();
        foreach (var row in placed)
        {
            var rowPanels = new JsonArray();
            var rowJson = new JsonObject
            {
                ["type"] = "row",
                ["title"] = row.Row.Title,
                ["id"] = row.Id,
                ["gridPos"] = Grid(row.Pos),
                ["collapsed"] = row.Row.IsCollapsed,
                ["panels"] = rowPanels,
            };
            panels.Add(rowJson);
            foreach (var panel in row.Panels)
            {
                // Grafana keeps a collapsed row's panels inside the row, an expanded row's after it.
                if (row.Row.IsCollapsed)
                    rowPanels.Add(PanelJson(panel));
                else
                    panels.Add(PanelJson(panel));
            }
        }

        var json = new JsonObject
        {
            ["uid"] = dashboard.Uid,
            ["title"] = dashboard.Title,
        };
        if (dashboard.DescriptionText is { } description)
            json["description"] = description;
        json["tags"] = Strings(dashboard.TagList);
        json["timezone"] = dashboard.TimezoneId;
        json["editable"] = true;
        json["graphTooltip"] = (int)dashboard.Cursor;
        json["time"] = new JsonObject { ["from"] = dashboard.TimeFrom, ["to"] = dashboard.TimeTo };
        json["refresh"] = dashboard.RefreshInterval;
        json["schemaVersion"] = Dashboard.SchemaVersion;
        json["fiscalYearStartMonth"] = 0;
        json["liveNow"] = false;
        json["links"] = new JsonArray([.. dashboard.LinkList.Select(LinkJson)]);
        json["annotations"] = new JsonObject { ["list"] = new JsonArray([.. dashboard.AnnotationList.Select(AnnotationJson)]) };
        json["templating"] = new JsonObject { ["list"] = new JsonArray([.. dashboard.VariableList.Select(VariableJson)]) };
        json["panels"] = panels;
        return json;
    }

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

    private static JsonObject Grid(GridPos pos) =>
        new() { ["h"] = pos.H, ["w"] = pos.W, ["x"] = pos.X, ["y"] = pos.Y };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    private static JsonValue Number(decimal value) =>
        value == decimal.Truncate(value) && Math.Abs(value) < long.MaxValue
            ? JsonValue.Create((long)value)
            : JsonValue.Create(decimal.Parse(value.ToString("0.############################", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

    private static JsonObject DatasourceJson(DatasourceRef datasource) =>
        new() { ["type"] = datasource.Type, ["uid"] = datasource.Uid };

    private static JsonObject PanelJson(PlacedPanel placed)
    {
        var panel = placed.Panel;
        var json = new JsonObject
        {
            ["type"] = PanelTypeId(panel.Type),
            ["title"] = panel.Title,
        };
        if (panel.DescriptionText is { } description)
            json["description"] = description;
        json["id"] = placed.Id;
        json["gridPos"] = Grid(placed.Pos);
        if (panel.TargetList.Length > 0)
        {
            // One datasource for the panel, or Grafana's "-- Mixed --" when its queries use several.
            var datasources = panel.TargetList.Select(t => t.Datasource).Distinct().ToList();
            json["datasource"] = DatasourceJson(datasources.Count == 1 ? datasources[0] : Datasources.Mixed);
            json["targets"] = new JsonArray([.. panel.TargetList.Select((t, i) => (JsonNode)TargetJson(t, RefId(i)))]);
        }

        if (panel.MinInterval is { } interval)
            json["interval"] = interval;
        if (panel.Type != PanelType.Text && panel.Type != PanelType.Traces)
            json["fieldConfig"] = FieldConfigJson(panel);
        json["options"] = OptionsJson(panel);
        if (panel.LinkList.Length > 0)
            json["links"] = new JsonArray([.. panel.LinkList.Select(l => (JsonNode)LinkJson(DashboardLink.ToUrl(l.Title, l.Url) with { TargetBlank = l.TargetBlank }))]);
        if (panel.TransformationList.Length > 0)
        {
            json["transformations"] = new JsonArray([.. panel.TransformationList.Select(t => (JsonNode)new JsonObject
            {
                ["id"] = t.Id,
                ["options"] = Tree(t.Options),
            })]);
        }

        return json;
    }

    private static JsonObject PanelLinkJson(PanelLink link) =>
        new() { ["title"] = link.Title, ["url"] = link.Url, ["targetBlank"] = link.TargetBlank };

    private static JsonObject TargetJson(Target target, string refId)
    {
        var json = new JsonObject { ["refId"] = refId, ["datasource"] = DatasourceJson(target.Datasource) };
        switch (target)
        {
            case PromQuery prom:
                json["expr"] = prom.Expr;
                json["legendFormat"] = prom.LegendFormat ?? "__auto";
                json["range"] = !prom.Instant;
                json["instant"] = prom.Instant;
                json["format"] = prom.Format switch
                {
                    PromFormat.Table => "table",
                    PromFormat.Heatmap => "heatmap",
                    _ => "time_series",
                };
                if (prom.Interval is { } interval)
                    json["interval"] = interval;
                if (prom.Exemplar)
                    json["exemplar"] = true;
                break;
            case LokiQuery loki:
                json["expr"] = loki.Expr;
                json["queryType"] = loki.Instant ? "instant" : "range";
                if (loki.LegendFormat is { } legend)
                    json["legendFormat"] = legend;
                if (loki.MaxLines is { } maxLines)
                    json["maxLines"] = maxLines;
                break;
            case JaegerQuery jaeger when jaeger.TraceId is { } traceId:
                json["query"] = traceId;
                break;
            case JaegerQuery jaeger:
                json["queryType"] = "search";
                AddIfSet(json, "service", jaeger.Service);
                AddIfSet(json, "operation", jaeger.Operation);
                AddIfSet(json, "tags", jaeger.Tags);
                AddIfSet(json, "minDuration", jaeger.MinDuration);
                AddIfSet(json, "maxDuration", jaeger.MaxDuration);
                if (jaeger.Limit is { } limit)
                    json["limit"] = limit;
                break;
            default:
                throw new ArgumentException($"unknown target type {target.GetType().Name}", nameof(target));
        }

        if (target.Hidden)
            json["hide"] = true;
        return json;
    }

    private static void AddIfSet(JsonObject json, string key, string? value)
    {
        if (value is not null)
            json[key] = value;
    }

    private static JsonObject FieldConfigJson(Panel panel)
    {
        var defaults = new JsonObject();
        if (panel.UnitId is { } unit)
            defaults["unit"] = unit;
        if (panel.MinValue is { } min)
            defaults["min"] = Number(min);
        if (panel.MaxValue is { } max)
            defaults["max"] = Number(max);
        if (panel.DecimalPlaces is { } decimals)
            defaults["decimals"] = decimals;
        var color = new JsonObject { ["mode"] = panel.ColorMode };
        if (panel.FixedColor is { } fixedColor)
            color["fixedColor"] = fixedColor;
        defaults["color"] = color;
        var steps = panel.ThresholdSteps.Length > 0 ? panel.ThresholdSteps : [new ThresholdStep(null, "green")];
        defaults["thresholds"] = new JsonObject
        {
            ["mode"] = panel.ThresholdsArePercentages ? "percentage" : "absolute",
            ["steps"] = new JsonArray([.. steps.Select(s => (JsonNode)new JsonObject
            {
                ["color"] = s.Color,
                ["value"] = s.Value is { } v ? Number(v) : null,
            })]),
        };
        if (panel.DataLinkList.Length > 0)
            defaults["links"] = new JsonArray([.. panel.DataLinkList.Select(l => (JsonNode)PanelLinkJson(l))]);
        if (CustomFieldConfig(panel) is { } custom)
            defaults["custom"] = custom;
        return new JsonObject { ["defaults"] = defaults, ["overrides"] = new JsonArray() };
    }

    private static JsonObject? CustomFieldConfig(Panel panel) => panel.Type switch
    {
        PanelType.Timeseries => new JsonObject
        {
            ["drawStyle"] = "line",
            ["lineWidth"] = 1,
            ["fillOpacity"] = panel.FillOpacity,
            ["showPoints"] = "never",
            ["spanNulls"] = false,
            ["stacking"] = new JsonObject { ["mode"] = panel.IsStacked ? "normal" : "none", ["group"] = "A" },
            ["thresholdsStyle"] = new JsonObject
            {
                ["mode"] = panel.ThresholdStyle switch
                {
                    ThresholdDisplay.Line => "line",
                    ThresholdDisplay.Dashed => "dashed",
                    ThresholdDisplay.Area => "area",
                    ThresholdDisplay.LineAndArea => "line+area",
                    _ => "off",
                },
            },
        },
        PanelType.Table => new JsonObject
        {
            ["align"] = "auto",
            ["cellOptions"] = new JsonObject { ["type"] = "auto" },
        },
        _ => null,
    };

    private static JsonObject Legend(Panel panel) => new()
    {
        ["showLegend"] = panel.Legend != LegendMode.Hidden,
        ["displayMode"] = panel.Legend switch
        {
            LegendMode.Table => "table",
            LegendMode.Hidden => "hidden",
            _ => "list",
        },
        ["placement"] = panel.LegendAt == LegendPlacement.Right ? "right" : "bottom",
        ["calcs"] = Strings(panel.LegendCalcs),
    };

    private static JsonObject Tooltip(Panel panel) => new()
    {
        ["mode"] = panel.TooltipDisplay switch
        {
            TooltipMode.Single => "single",
            TooltipMode.None => "none",
            _ => "multi",
        },
        ["sort"] = panel.TooltipDisplay == TooltipMode.Multi ? "desc" : "none",
    };

    private static JsonObject Reduce(Panel panel) => new()
    {
        ["calcs"] = Strings(panel.ReduceCalcs),
        ["fields"] = "",
        ["values"] = false,
    };

    private static JsonObject OptionsJson(Panel panel) => panel.Type switch
    {
        PanelType.Timeseries => new JsonObject { ["legend"] = Legend(panel), ["tooltip"] = Tooltip(panel) },
        PanelType.Stat => new JsonObject
        {
            ["reduceOptions"] = Reduce(panel),
            ["orientation"] = "auto",
            ["textMode"] = "auto",
            ["colorMode"] = "value",
            ["graphMode"] = "area",
            ["justifyMode"] = "auto",
            ["wideLayout"] = true,
            ["showPercentChange"] = false,
            ["percentChangeColorMode"] = "standard",
        },
        PanelType.Gauge => new JsonObject
        {
            ["reduceOptions"] = Reduce(panel),
            ["orientation"] = "auto",
            ["showThresholdLabels"] = false,
            ["showThresholdMarkers"] = true,
            ["sizing"] = "auto",
            ["minVizHeight"] = 75,
            ["minVizWidth"] = 75,
        },
        PanelType.BarGauge => new JsonObject
        {
            ["reduceOptions"] = Reduce(panel),
            ["orientation"] = "horizontal",
            ["displayMode"] = "gradient",
            ["valueMode"] = "color",
            ["namePlacement"] = "auto",
            ["showUnfilled"] = true,
            ["sizing"] = "auto",
            ["minVizHeight"] = 16,
            ["minVizWidth"] = 8,
            ["maxVizHeight"] = 300,
            ["legend"] = Legend(panel),
        },
        PanelType.Table => new JsonObject
        {
            ["showHeader"] = true,
            ["frameIndex"] = 0,
            ["cellHeight"] = "sm",
        },
        PanelType.Heatmap => new JsonObject
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
            ["yAxis"] = new JsonObject { ["axisPlacement"] = "left", ["unit"] = panel.UnitId ?? Units.Short },
            ["cellGap"] = 1,
            ["showValue"] = "never",
            ["tooltip"] = new JsonObject { ["mode"] = "single", ["yHistogram"] = false, ["showColorScale"] = false },
            ["legend"] = new JsonObject { ["show"] = true },
            ["exemplars"] = new JsonObject { ["color"] = "rgba(255,0,255,0.7)" },
            ["filterValues"] = new JsonObject { ["le"] = Number(0.000000001m) },
        },
        PanelType.Text => new JsonObject
        {
            ["mode"] = "markdown",
            ["content"] = panel.TextContent ?? "",
        },
        PanelType.Logs => new JsonObject
        {
            ["showTime"] = true,
            ["showLabels"] = false,
            ["showCommonLabels"] = false,
            ["wrapLogMessage"] = panel.LogsWrapLines,
            ["prettifyLogMessage"] = panel.LogsPrettifyJson,
            ["enableLogDetails"] = true,
            ["showLogContextToggle"] = true,
            ["dedupStrategy"] = "none",
            ["sortOrder"] = panel.LogsNewestFirst ? "Descending" : "Ascending",
        },
        PanelType.Traces => new JsonObject(),
        _ => throw new ArgumentOutOfRangeException(nameof(panel), panel.Type, "unknown panel type"),
    };

    private static JsonObject AnnotationJson(Annotation annotation)
    {
        switch (annotation)
        {
            case GrafanaAnnotation grafana:
                var json = new JsonObject();
                if (grafana.BuiltIn)
                    json["builtIn"] = 1;
                json["name"] = grafana.Name;
                json["datasource"] = DatasourceJson(Datasources.Grafana);
                json["enable"] = grafana.Enabled;
                json["hide"] = grafana.Hidden;
                json["iconColor"] = grafana.IconColor;
                json["type"] = "dashboard";
                json["target"] = new JsonObject
                {
                    ["type"] = grafana.Tags.Count > 0 ? "tags" : "dashboard",
                    ["tags"] = Strings(grafana.Tags),
                    ["limit"] = 100,
                    ["matchAny"] = grafana.Tags.Count > 0,
                };
                return json;
            case PrometheusAnnotation prom:
                var p = new JsonObject
                {
                    ["name"] = prom.Name,
                    ["datasource"] = DatasourceJson(prom.Datasource),
                    ["enable"] = prom.Enabled,
                    ["hide"] = prom.Hidden,
                    ["iconColor"] = prom.IconColor,
                    ["target"] = new JsonObject
                    {
                        ["refId"] = "Anno",
                        ["expr"] = prom.Expr,
                        ["interval"] = prom.Step,
                    },
                    ["step"] = prom.Step,
                    ["useValueForTime"] = false,
                };
                AddIfSet(p, "titleFormat", prom.TitleFormat);
                AddIfSet(p, "textFormat", prom.TextFormat);
                AddIfSet(p, "tagKeys", prom.TagKeys);
                return p;
            default:
                throw new ArgumentException($"unknown annotation type {annotation.GetType().Name}", nameof(annotation));
        }
    }

    private static JsonObject LinkJson(DashboardLink link)
    {
        var json = new JsonObject
        {
            ["title"] = link.Title,
            ["type"] = link.Type,
            ["icon"] = link.Icon,
            ["tooltip"] = link.Tooltip,
            ["tags"] = Strings(link.Tags),
            ["asDropdown"] = link.AsDropdown,
            ["includeVars"] = link.IncludeVars,
            ["keepTime"] = link.KeepTime,
            ["targetBlank"] = link.TargetBlank,
        };
        AddIfSet(json, "url", link.Url);
        return json;
    }

    private static JsonObject VariableJson(Variable variable)
    {
        var json = new JsonObject
        {
            ["name"] = variable.Name,
            ["label"] = variable.Label ?? variable.Name,
            ["hide"] = variable.Hidden ? 2 : 0,
            ["skipUrlSync"] = false,
        };
        switch (variable)
        {
            case DatasourceVariable ds:
                json["type"] = "datasource";
                json["query"] = ds.PluginType;
                json["regex"] = "";
                json["refresh"] = 1;
                json["multi"] = false;
                json["includeAll"] = false;
                json["current"] = Option(ds.DefaultUid, ds.DefaultUid);
                break;
            case QueryVariable q:
                json["type"] = "query";
                json["datasource"] = DatasourceJson(q.Datasource);
                json["query"] = q.Query;
                json["refresh"] = 2;
                json["sort"] = 1;
                json["regex"] = q.Regex ?? "";
                json["multi"] = q.Multi;
                json["includeAll"] = q.IncludeAll;
                if (q.AllValue is { } allValue)
                    json["allValue"] = allValue;
                json["current"] = q.IncludeAll ? Option("All", "$__all") : Option("", "");
                break;
            case CustomVariable c:
                json["type"] = "custom";
                json["query"] = string.Join(",", c.Values);
                json["multi"] = c.Multi;
                json["includeAll"] = c.IncludeAll;
                if (c.AllValue is { } customAll)
                    json["allValue"] = customAll;
                json["options"] = new JsonArray([.. c.Values.Select((v, i) => (JsonNode)Option(v, v, selected: i == 0 && !c.IncludeAll))]);
                json["current"] = c.IncludeAll ? Option("All", "$__all") : Option(c.Values.FirstOrDefault() ?? "", c.Values.FirstOrDefault() ?? "");
                break;
            case TextboxVariable t:
                json["type"] = "textbox";
                json["query"] = t.DefaultValue;
                json["current"] = Option(t.DefaultValue, t.DefaultValue);
                break;
            default:
                throw new ArgumentException($"unknown variable type {variable.GetType().Name}", nameof(variable));
        }

        return json;
    }

    private static JsonObject Option(string text, string value, bool? selected = null)
    {
        var json = new JsonObject { ["text"] = text, ["value"] = value };
        if (selected is { } s)
            json["selected"] = s;
        return json;
    }

    /// <summary>Converts plain values (strings, numbers, booleans, dictionaries, sequences) to JSON nodes.</summary>
    internal static JsonNode? Tree(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        decimal m => Number(m),
        double d => JsonValue.Create(d),
        OrderedDictionary<string, object?> ordered => new JsonObject(ordered.Select(kv => KeyValuePair.Create(kv.Key, Tree(kv.Value)))),
        IReadOnlyDictionary<string, object?> map => new JsonObject(map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, Tree(kv.Value)))),
        System.Collections.IEnumerable list => new JsonArray([.. list.Cast<object?>().Select(Tree)]),
        _ => throw new ArgumentException($"a value of type {value.GetType().Name} cannot be written as JSON", nameof(value)),
    };
}
