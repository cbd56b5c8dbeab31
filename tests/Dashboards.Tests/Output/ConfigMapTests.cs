using Observability.Dashboards.Tests.Support;
using Observability.Rules.Output;
using Observability.TestSupport;

namespace Observability.Dashboards.Tests.Output;

public sealed class ConfigMapTests
{
    private static Dashboard Small() =>
        Dashboard.Create("small", "Small")
            .Variable(Variables.Prometheus())
            .Row("R", row => row.Panel(Panels.Stat("Targets up", Units.None).Query("sum(up)")));

    [Fact]
    public void Config_map_matches_its_golden_file() =>
        Golden.Matches(YamlText.Serialize(DashboardConfigMaps.Tree(Small(), "monitoring", "Platform", Fixtures.ConfigMapLabels)), "golden/configmap-small.yaml");

    [ReferenceFact]
    public void Config_map_is_valid_against_the_kubernetes_schema() =>
        SchemaCheck.AssertYamlValid(Reference.KubernetesSchema("ConfigMap"), YamlText.Serialize(DashboardConfigMaps.Tree(Small(), "monitoring", "Platform", Fixtures.ConfigMapLabels)), "ConfigMap");

    [Fact]
    public void Labels_are_the_sidecars_and_the_callers_and_none_is_set_twice()
    {
        var tree = DashboardConfigMaps.Tree(Small(), "monitoring", "Platform", [new("team", "sre"), new("app.kubernetes.io/managed-by", "someone")]);
        var labels = (OrderedDictionary<string, object?>)((OrderedDictionary<string, object?>)tree["metadata"]!)["labels"]!;

        Assert.Equal(
            [new("grafana_dashboard", "1"), new("app.kubernetes.io/component", "dashboard"), new("team", "sre"), new("app.kubernetes.io/managed-by", "someone")],
            labels.Select(kv => new KeyValuePair<string, string>(kv.Key, (string)kv.Value!)));
        var clash = Assert.Throws<ArgumentException>(() => DashboardConfigMaps.Tree(Small(), "monitoring", "Platform", [new(DashboardConfigMaps.DashboardLabel, "0")]));
        Assert.Contains("grafana_dashboard", clash.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_and_file_follow_the_uid()
    {
        Assert.Equal("grafana-dashboard-api-overview", DashboardConfigMaps.Name(Dashboard.Create("api-overview", "A")));
        Assert.Equal("grafana-dashboard-my-dash", DashboardConfigMaps.Name(Dashboard.Create("My_Dash", "A")));
        Assert.Equal("api-overview.json", DashboardConfigMaps.FileName(Dashboard.Create("api-overview", "A")));
    }

    [Fact]
    public void Data_size_counts_utf8_bytes()
    {
        var tree = DashboardConfigMaps.Tree(Small(), "monitoring", "Platform", Fixtures.ConfigMapLabels);

        Assert.Equal("small.json".Length + System.Text.Encoding.UTF8.GetByteCount(DashboardJson.Serialize(Small())), DashboardConfigMaps.DataBytes(tree));
    }
}
