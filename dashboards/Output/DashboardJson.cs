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
/// dashboard always gives the same bytes. Written straight to a <see cref="Utf8JsonWriter"/>; each panel by
/// <see cref="PanelJson"/> (the parts every panel type shares), its options and custom field config by its own type.
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
                    PanelJson.Write(w, panel);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            if (!row.Row.IsCollapsed)
            {
                foreach (var panel in row.Panels)
                    PanelJson.Write(w, panel);
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    internal static void Grid(Utf8JsonWriter w, GridPos pos)
    {
        w.WriteStartObject("gridPos");
        w.WriteNumber("h", pos.H);
        w.WriteNumber("w", pos.W);
        w.WriteNumber("x", pos.X);
        w.WriteNumber("y", pos.Y);
        w.WriteEndObject();
    }

    internal static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
            w.WriteStringValue(value);
        w.WriteEndArray();
    }

    internal static void StringIfSet(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
            w.WriteString(name, value);
    }

    internal static void Datasource(Utf8JsonWriter w, DatasourceRef datasource)
    {
        w.WriteStartObject("datasource");
        w.WriteString("type", datasource.Type);
        w.WriteString("uid", datasource.Uid);
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

    internal static void Link(Utf8JsonWriter w, DashboardLink link)
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
    internal static void Tree(Utf8JsonWriter w, object? value)
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
                Json.NumberValue(w, m);
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
