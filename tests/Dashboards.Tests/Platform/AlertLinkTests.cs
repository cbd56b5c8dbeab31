using System.Text.Json.Nodes;
using Observability.Dashboards.Tests.Support;
using Observability.Rules.Model;
using Observability.Rules.Packs;
using Observability.TestSupport;

namespace Observability.Dashboards.Tests.Platform;

/// <summary>Alerts and dashboards point at each other: every alert's dashboard_url opens a real panel, every runbook link a real runbook.</summary>
public sealed class AlertLinkTests
{
    [Fact]
    public void Every_alerts_dashboard_url_opens_a_panel_of_the_platform_dashboards()
    {
        var grafana = RulePackOptions.Default.GrafanaBaseUrl.TrimEnd('/') + "/d/";
        var alerts = Fixtures.RuleGroups.SelectMany(g => g.Rules).OfType<AlertRule>().Where(a => a.DashboardUrl is not null).ToList();
        Assert.NotEmpty(alerts);

        var broken = new List<string>();
        foreach (var alert in alerts)
        {
            var url = new Uri(alert.DashboardUrl!);
            var uid = alert.DashboardUrl!.StartsWith(grafana, StringComparison.Ordinal) ? url.AbsolutePath.Split('/')[2] : "";
            var dashboard = Fixtures.Dashboards.SingleOrDefault(d => d.Uid == uid);
            if (dashboard is null)
            {
                broken.Add($"{alert.Name}: {alert.DashboardUrl} names no platform dashboard");
                continue;
            }

            var query = url.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
            if (query.TryGetValue("viewPanel", out var id) && !PanelIds(dashboard).Contains(int.Parse(id, System.Globalization.CultureInfo.InvariantCulture)))
                broken.Add($"{alert.Name}: dashboard \"{uid}\" has no panel {id}");
            foreach (var variable in query.Keys.Where(k => k.StartsWith("var-", StringComparison.Ordinal)).Select(k => k[4..]))
            {
                if (dashboard.VariableList.All(v => v.Name != variable))
                    broken.Add($"{alert.Name}: dashboard \"{uid}\" has no variable \"{variable}\"");
            }
        }

        Assert.Empty(broken);
    }

    [Fact]
    public void Every_runbook_link_on_a_panel_points_at_an_existing_runbook()
    {
        var links = Fixtures.Dashboards.SelectMany(d => d.AllPanels())
            .SelectMany(p => p.Panel.LinkList)
            .Where(l => l.Title.StartsWith("Runbook: ", StringComparison.Ordinal))
            .ToList();
        Assert.True(links.Count >= 20, $"expected a runbook link on every alert-explaining panel, found {links.Count}");

        Assert.All(links, link =>
        {
            var alert = link.Title["Runbook: ".Length..];
            Assert.Equal(RulePackOptions.Default.RunbookUrl(alert), link.Url);
            Assert.True(File.Exists(Repo.PathOf("docs", "runbooks", alert + ".md")), $"docs/runbooks/{alert}.md does not exist");
        });
    }

    private static HashSet<int> PanelIds(Dashboard dashboard)
    {
        var json = DashboardJson.ToJson(dashboard);
        var ids = new HashSet<int>();
        foreach (var panel in json["panels"]!.AsArray().Select(p => p!.AsObject()))
        {
            if ((string)panel["type"]! != "row")
                ids.Add((int)panel["id"]!);
            foreach (var inner in panel["panels"]?.AsArray() ?? new JsonArray())
                ids.Add((int)inner!["id"]!);
        }

        return ids;
    }
}
