using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Observability.Dashboards.Platform;
using Observability.Dashboards.Tests.Support;
using Observability.Rules.Conventions;
using Observability.Rules.Output;
using Observability.TestSupport;

namespace Observability.Dashboards.Tests.Platform;

public sealed class PlatformDashboardTests
{
    public static TheoryData<string> Uids => Fixtures.Uids();

    [Theory]
    [MemberData(nameof(Uids))]
    public void Dashboard_json_matches_its_golden_file(string uid) =>
        Golden.Matches(DashboardJson.Serialize(Fixtures.ByUid(uid)), $"golden/{uid}.json");

    [Fact]
    public void The_platform_has_every_dashboard_of_the_contract_with_its_uid()
    {
        var expected = typeof(DashboardUids).GetFields().Select(f => (string)f.GetValue(null)!).Order(StringComparer.Ordinal);

        Assert.Equal(expected, Fixtures.Dashboards.Select(d => d.Uid).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_alert_explaining_panel_exists_with_its_contracted_id()
    {
        var missing = new List<string>();
        foreach (var (name, panel) in PlatformPanels.All)
        {
            var json = DashboardJson.ToJson(Fixtures.ByUid(panel.DashboardUid));
            var found = Panels(json).Any(p => (int)p["id"]! == panel.PanelId && (string)p["type"]! != "row");
            if (!found)
                missing.Add($"{name}: dashboard \"{panel.DashboardUid}\" has no panel with id {panel.PanelId}");
        }

        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Uids))]
    public void Panel_ids_are_unique_and_panels_fit_the_grid(string uid)
    {
        var panels = Panels(DashboardJson.ToJson(Fixtures.ByUid(uid))).ToList();

        var ids = panels.Select(p => (int)p["id"]!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(panels, p => Assert.InRange((int)p["gridPos"]!["x"]! + (int)p["gridPos"]!["w"]!, 1, 24));
    }

    [Fact]
    public void Dashboards_are_deterministic_lf_only_and_carry_the_current_schema_version()
    {
        var first = PlatformDashboards.Build(new DashboardOptions(), Fixtures.Slos).Select(DashboardJson.Serialize).ToList();
        var second = PlatformDashboards.Build(new DashboardOptions(), Fixtures.Slos).Select(DashboardJson.Serialize).ToList();

        Assert.Equal(first, second);
        Assert.All(first, json =>
        {
            Assert.DoesNotContain('\r', json);
            var root = JsonNode.Parse(json)!;
            Assert.Equal(42, (int)root["schemaVersion"]!);
            Assert.Null(root["version"]);
            Assert.Null(root["id"]);
        });
    }

    [Fact]
    public void Cost_uses_the_configured_prices_and_budget()
    {
        var options = new DashboardOptions
        {
            ModelPrices = [new ModelPrice("gpt-4.1", 8m)],
            DefaultUsdPerMillionTokens = 2m,
            MonthlyBudgetUsd = 3000m,
        };

        var json = DashboardJson.Serialize(CostAnalytics.Build(options));

        Assert.Contains("increase(agent_tokens_used_total{model=\\\"gpt-4.1\\\"}[1d]) * 0.000008", json, StringComparison.Ordinal);
        Assert.Contains("increase(agent_tokens_used_total{model!~\\\"gpt-4\\\\\\\\.1\\\"}[1d]) * 0.000002", json, StringComparison.Ordinal);
        Assert.Contains("\"value\": 3000", json, StringComparison.Ordinal);
        Assert.Contains("\"value\": 2400", json, StringComparison.Ordinal);
        Assert.Contains("\"value\": 100", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_slo_dashboard_has_one_section_per_slo_with_the_alert_burn_rates()
    {
        var dashboard = Fixtures.ByUid(DashboardUids.Slos);

        Assert.Equal(
            ["Overview", .. Fixtures.Slos.Select(s => $"{s.Name}: {Rules.PromQl.PromExpr.Number(s.ObjectivePercent)}% over {s.Period}")],
            dashboard.RowList.Select(r => r.Title));
        Assert.Equal("api-availability: 99.9% over 30d", dashboard.RowList[1].Title);
        foreach (var (row, spec) in dashboard.RowList.Skip(1).Zip(Fixtures.Slos))
        {
            var burn = row.PanelList.Single(p => p.Title == "Burn rate");
            Assert.Equal([null, .. spec.AlertBurnRates.Order().Cast<decimal?>()], burn.ThresholdSteps.Select(s => s.Value));
            Assert.Equal(spec.BurnRateExprs.Select(w => w.Value), burn.TargetList.Cast<PromQuery>().Select(q => q.Expr));
        }
    }

    [Fact]
    public void The_slo_dashboard_defines_the_variable_the_slo_alerts_link_with()
    {
        var variable = Assert.IsType<CustomVariable>(Fixtures.ByUid(DashboardUids.Slos).VariableList.Single(v => v.Name == "slo"));

        Assert.Equal(Fixtures.Slos.Select(s => s.Name), variable.Values);
        Assert.EndsWith("/d/slos?var-slo=api-availability", Rules.Slo.SloConventions.DashboardUrl("http://grafana", "api-availability"), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_slos_the_slo_dashboard_says_so()
    {
        var dashboard = Slos.Build(new DashboardOptions(), []);

        Assert.Empty(DashboardValidator.Validate([dashboard]));
        Assert.Equal("No SLOs defined", Assert.Single(Assert.Single(dashboard.RowList).PanelList).Title);
    }

    [ReferenceTheory]
    [MemberData(nameof(Uids))]
    public void Config_map_is_valid_and_small_enough(string uid)
    {
        var dashboard = Fixtures.ByUid(uid);
        var tree = DashboardConfigMaps.Tree(dashboard, "monitoring", "Platform", Fixtures.ConfigMapLabels);
        var yaml = YamlText.Serialize(tree);

        SchemaCheck.AssertYamlValid(Reference.KubernetesSchema("ConfigMap"), yaml, $"ConfigMap of {uid}");
        var metadata = (OrderedDictionary<string, object?>)tree["metadata"]!;
        Assert.Equal("1", ((OrderedDictionary<string, object?>)metadata["labels"]!)["grafana_dashboard"]);
        Assert.Equal("Platform", ((OrderedDictionary<string, object?>)metadata["annotations"]!)[DashboardConfigMaps.FolderAnnotation]);
        Assert.InRange(DashboardConfigMaps.DataBytes(tree), 1, DashboardConfigMaps.MaxBytes - 1);
        // Client-side apply keeps the whole object as JSON in the last-applied-configuration annotation.
        var lastApplied = Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(tree));
        Assert.InRange(lastApplied, 1, DashboardConfigMaps.MaxAnnotationBytes - 1);
    }

    [ReferenceFact]
    public void The_folder_annotation_is_a_setting_of_the_pinned_grafana_charts_sidecar()
    {
        var values = File.ReadAllText(Reference.ChartValues("grafana", "12.11.1"));

        Assert.Contains("folderAnnotation:", values, StringComparison.Ordinal);
        Assert.Contains("label: grafana_dashboard", values, StringComparison.Ordinal);
    }

    private static IEnumerable<JsonObject> Panels(JsonObject dashboard)
    {
        foreach (var panel in dashboard["panels"]!.AsArray().Select(p => p!.AsObject()))
        {
            yield return panel;
            foreach (var inner in panel["panels"]?.AsArray().Select(p => p!.AsObject()) ?? [])
                yield return inner;
        }
    }
}
