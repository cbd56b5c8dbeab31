using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Observability.TestSupport;
using Xunit.Sdk;

namespace Observability.Dashboards.Tests.Support;

/// <summary>
/// Type-checks compiled dashboards against Grafana's own published TypeScript types (npm @grafana/schema, pinned in
/// grafana-schema/package.json and package-lock.json) with the TypeScript compiler: the dashboard against
/// <c>Dashboard</c>, and each panel's options and custom field config against its plugin's <c>Options</c> /
/// <c>FieldConfig</c> (Grafana fills omitted options from the plugin's defaults, so those are checked as Partial).
/// JSON carries enum members as their values, so the check maps Grafana's enum types to their value unions (Json&lt;T&gt;).
/// </summary>
public static class GrafanaSchema
{
    public static string Folder => Repo.PathOf("tests", "Dashboards.Tests", "grafana-schema");

    private static readonly Dictionary<string, (string Module, bool HasFieldConfig)> PanelTypes = new(StringComparer.Ordinal)
    {
        ["timeseries"] = ("timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen", true),
        ["stat"] = ("stat/panelcfg/x/StatPanelCfg_types.gen", false),
        ["gauge"] = ("gauge/panelcfg/x/GaugePanelCfg_types.gen", false),
        ["bargauge"] = ("bargauge/panelcfg/x/BarGaugePanelCfg_types.gen", false),
        ["table"] = ("table/panelcfg/x/TablePanelCfg_types.gen", true),
        ["heatmap"] = ("heatmap/panelcfg/x/HeatmapPanelCfg_types.gen", true),
        ["text"] = ("text/panelcfg/x/TextPanelCfg_types.gen", false),
        ["logs"] = ("logs/panelcfg/x/LogsPanelCfg_types.gen", false),
    };

    /// <summary>The panel plugins whose options and field config the check types, by plugin id.</summary>
    public static IReadOnlyCollection<string> CheckedPanelTypes => PanelTypes.Keys;

    /// <summary>Panel plugins @grafana/schema publishes no option types for (raw/composable has no <c>traces</c>), with nothing to type.</summary>
    public static IReadOnlySet<string> UnpublishedPanelTypes { get; } = new HashSet<string>(StringComparer.Ordinal) { "traces" };

    private const string Preamble =
        """
        import type { Dashboard, AnnotationQuery, AnnotationTarget, DataQuery } from '@grafana/schema';

        // JSON has no enums: an enum-typed field holds the enum's value ("absolute", not ThresholdsMode.Absolute).
        type Json<T> = T extends string ? `${T}`
          : T extends number | boolean | null | undefined ? T
          : T extends ReadonlyArray<infer U> ? Array<Json<U>>
          : T extends object ? { [K in keyof T]: Json<T[K]> }
          : T;

        // Grafana leaves an annotation's target generic (AnnotationQuery<TQuery extends DataQuery>): the built-in
        // Grafana datasource uses AnnotationTarget, a Prometheus annotation its query (expr) plus its display fields.
        interface PrometheusAnnotationQuery extends DataQuery { expr: string; interval?: string }
        type PrometheusAnnotation = AnnotationQuery<PrometheusAnnotationQuery> & { step?: string; titleFormat?: string; textFormat?: string; tagKeys?: string; useValueForTime?: boolean };
        type GrafanaAnnotation = Omit<AnnotationQuery, 'target'> & { target?: AnnotationTarget };
        type CheckedDashboard = Omit<Dashboard, 'annotations'> & { annotations?: { list?: Array<PrometheusAnnotation | GrafanaAnnotation> } };

        """;

    /// <summary>Fails with every tsc error (file = dashboard uid) unless every dashboard type-checks.</summary>
    public static void AssertValid(IEnumerable<(string Uid, string Json)> dashboards)
    {
        var typescript = Path.Combine(Folder, "node_modules", "typescript", "bin", "tsc");
        var schema = Path.Combine(Folder, "node_modules", "@grafana", "schema", "package.json");
        if (!File.Exists(typescript) || !File.Exists(schema))
        {
            throw new XunitException(
                $"Grafana's schema package or TypeScript is not installed in {Folder}. " +
                $"Building the test project runs `npm ci` there (it needs Node.js and npm on PATH); or run it by hand: cd tests/Dashboards.Tests/grafana-schema && npm ci");
        }

        using var dir = new TempDir("grafana-schema");
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "node_modules"), Path.Combine(Folder, "node_modules"));
        var files = new List<string>();
        foreach (var (uid, json) in dashboards)
        {
            var file = uid + ".ts";
            dir.Write(file, TypeScript(json));
            files.Add(file);
        }

        dir.Write("tsconfig.json", JsonSerializer.Serialize(new
        {
            compilerOptions = new
            {
                strict = true,
                noEmit = true,
                module = "nodenext",
                moduleResolution = "nodenext",
                target = "es2022",
                skipLibCheck = true,
                types = Array.Empty<string>(),
            },
            files,
        }));
        var result = ExternalTool.Run(ExternalTool.Find("node"), [typescript, "-p", "tsconfig.json"], dir.Path);
        if (result.ExitCode != 0)
            throw new XunitException($"tsc --strict rejected the dashboards against @grafana/schema:{Environment.NewLine}{result.Output}");
    }

    /// <summary>The TypeScript module that types the dashboard JSON and its panels' options.</summary>
    public static string TypeScript(string json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var text = new StringBuilder(Preamble);
        var imports = new StringBuilder();
        var checks = new StringBuilder();
        var used = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var panel in AllPanels(root))
        {
            var type = (string)panel["type"]!;
            var id = (int)panel["id"]!;
            if (!PanelTypes.TryGetValue(type, out var plugin))
                continue;
            var alias = "P_" + type;
            if (used.Add(type))
            {
                imports.Append(plugin.HasFieldConfig
                    ? $"import type {{ Options as {alias}_Options, FieldConfig as {alias}_FieldConfig }} from '@grafana/schema/dist/esm/raw/composable/{plugin.Module}';\n"
                    : $"import type {{ Options as {alias}_Options }} from '@grafana/schema/dist/esm/raw/composable/{plugin.Module}';\n");
            }

            checks.Append($"export const panel{id}Options: Json<Partial<{alias}_Options>> = {panel["options"]!.ToJsonString()};\n");
            var custom = panel["fieldConfig"]?["defaults"]?["custom"];
            if (plugin.HasFieldConfig && custom is not null)
                checks.Append($"export const panel{id}Custom: Json<Partial<{alias}_FieldConfig>> = {custom.ToJsonString()};\n");
        }

        text.Append(imports).Append('\n');
        text.Append("export const dashboard: Json<CheckedDashboard> = ").Append(json.TrimEnd()).Append(";\n\n");
        text.Append(checks);
        return text.ToString();
    }

    private static IEnumerable<JsonObject> AllPanels(JsonObject dashboard)
    {
        foreach (var panel in dashboard["panels"]!.AsArray().Select(p => p!.AsObject()))
        {
            yield return panel;
            if (panel["panels"] is JsonArray nested)
            {
                foreach (var inner in nested.Select(p => p!.AsObject()))
                    yield return inner;
            }
        }
    }
}
