using System.Text.Json;

namespace Observability.Dashboards;

/// <summary>
/// What every panel type writes the same way, in one place: type, title, description, id, gridPos, the panel's
/// datasource (its queries', or Grafana's mixed one), the targets, interval, the field defaults (unit, min, max,
/// decimals, colour, thresholds, data links), header links and transformations. The type-specific parts come from the
/// panel's own type (<see cref="Panel.OptionsJson"/>, <see cref="Panel.CustomFieldConfigJson"/>).
/// </summary>
internal static class PanelJson
{
    /// <summary>A placed panel: the shared envelope, then its type's field config and options.</summary>
    public static void Write(Utf8JsonWriter w, PlacedPanel placed)
    {
        var panel = placed.Panel;
        w.WriteStartObject();
        w.WriteString("type", panel.TypeId);
        w.WriteString("title", panel.Title);
        if (panel.DescriptionText is { } description)
            w.WriteString("description", description);
        w.WriteNumber("id", placed.Id);
        DashboardJson.Grid(w, placed.Pos);
        if (panel.TargetList.Length > 0)
        {
            // One datasource for the panel, or Grafana's "-- Mixed --" when its queries use several.
            var first = panel.TargetList[0].Datasource;
            DashboardJson.Datasource(w, panel.TargetList.All(t => t.Datasource == first) ? first : Datasources.Mixed);
            w.WriteStartArray("targets");
            for (var i = 0; i < panel.TargetList.Length; i++)
                Target(w, panel.TargetList[i], DashboardJson.RefId(i));
            w.WriteEndArray();
        }

        if (panel.MinInterval is { } interval)
            w.WriteString("interval", interval);
        if (panel.HasFieldConfig)
            FieldConfig(w, panel);
        w.WritePropertyName("options");
        panel.OptionsJson().WriteTo(w);
        if (panel.LinkList.Length > 0)
        {
            w.WriteStartArray("links");
            foreach (var link in panel.LinkList)
                DashboardJson.Link(w, DashboardLink.ToUrl(link.Title, link.Url) with { TargetBlank = link.TargetBlank });
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
                DashboardJson.Tree(w, transformation.Options);
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
        DashboardJson.Datasource(w, target.Datasource);
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
                DashboardJson.StringIfSet(w, "service", jaeger.Service);
                DashboardJson.StringIfSet(w, "operation", jaeger.Operation);
                DashboardJson.StringIfSet(w, "tags", jaeger.Tags);
                DashboardJson.StringIfSet(w, "minDuration", jaeger.MinDuration);
                DashboardJson.StringIfSet(w, "maxDuration", jaeger.MaxDuration);
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

        if (panel.CustomFieldConfigJson() is { } custom)
        {
            w.WritePropertyName("custom");
            custom.WriteTo(w);
        }

        w.WriteEndObject();
        w.WriteStartArray("overrides");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, decimal value)
    {
        w.WritePropertyName(name);
        Json.NumberValue(w, value);
    }
}
