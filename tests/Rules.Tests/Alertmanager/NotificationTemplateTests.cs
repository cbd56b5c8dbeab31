using System.Text.Json;
using Observability.Rules.Alertmanager;
using Observability.TestSupport;

namespace Observability.Rules.Tests.Alertmanager;

public sealed class NotificationTemplateTests
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private static object Alert(string name, string status, Dictionary<string, string> annotations) => new Dictionary<string, object>
    {
        ["status"] = status,
        ["labels"] = new Dictionary<string, string> { ["alertname"] = name, ["severity"] = "critical", ["namespace"] = "shop" },
        ["annotations"] = annotations,
        ["startsAt"] = "2026-01-01T00:00:00Z",
        ["endsAt"] = "0001-01-01T00:00:00Z",
        ["generatorURL"] = "http://prometheus.example/graph?g0.expr=up",
        ["fingerprint"] = "0123456789abcdef",
    };

    private static string Render(string template, params object[] alerts)
    {
        using var dir = new TempDir("amtool-template");
        var templates = dir.Write(NotificationTemplates.FileName, NotificationTemplates.Content);
        var data = new Dictionary<string, object>
        {
            ["receiver"] = "slack-critical",
            ["status"] = "firing",
            ["alerts"] = alerts,
            ["groupLabels"] = new Dictionary<string, string> { ["alertname"] = "HighErrorRate" },
            ["commonLabels"] = new Dictionary<string, string> { ["alertname"] = "HighErrorRate", ["severity"] = "critical", ["namespace"] = "shop" },
            ["commonAnnotations"] = new Dictionary<string, string> { ["summary"] = "High HTTP error rate on api" },
            ["externalURL"] = "http://alertmanager.example",
        };
        var dataFile = dir.Write("data.json", JsonSerializer.Serialize(data, Json));

        var result = ExternalTool.RunOk(
            ExternalTool.Amtool,
            "template", "render",
            $"--template.glob={templates}",
            $"--template.text={NotificationTemplates.Call(template)}",
            $"--template.data={dataFile}");
        return result.StandardOutput;
    }

    private static readonly Dictionary<string, string> FullAnnotations = new()
    {
        ["summary"] = "High HTTP error rate on api",
        ["description"] = "7% of requests fail with 5xx.",
        ["runbook_url"] = "https://runbooks.example/HighErrorRate",
        ["dashboard_url"] = "https://grafana.example/d/api-overview?viewPanel=3",
    };

    [Fact]
    public void Slack_title_names_status_count_alert_and_namespace() =>
        Assert.Equal("[FIRING:1] HighErrorRate in shop", Render(NotificationTemplates.SlackTitle, Alert("HighErrorRate", "firing", FullAnnotations)).Trim());

    [Fact]
    public void Slack_text_carries_summary_description_runbook_and_dashboard()
    {
        var text = Render(NotificationTemplates.SlackText, Alert("HighErrorRate", "firing", FullAnnotations));

        Assert.Equal(
            """
            *High HTTP error rate on api* `critical`
            7% of requests fail with 5xx.
            <https://runbooks.example/HighErrorRate|Runbook> <https://grafana.example/d/api-overview?viewPanel=3|Dashboard> <http://prometheus.example/graph?g0.expr=up|Query>
            """,
            text.Trim());
    }

    [Fact]
    public void Slack_text_leaves_out_missing_annotations_and_falls_back_to_the_alert_name()
    {
        var text = Render(NotificationTemplates.SlackText, Alert("Bare", "firing", []));

        Assert.Equal("*Bare* `critical`\n<http://prometheus.example/graph?g0.expr=up|Query>", text.Trim());
    }

    [Fact]
    public void Slack_color_is_danger_for_firing_criticals() =>
        Assert.Equal("danger", Render(NotificationTemplates.SlackColor, Alert("HighErrorRate", "firing", FullAnnotations)).Trim());

    [Fact]
    public void Pagerduty_description_and_email_subject_name_the_alert() =>
        Assert.Equal(
            ["HighErrorRate in shop: High HTTP error rate on api", "[FIRING:1] HighErrorRate (critical) in shop"],
            [
                Render(NotificationTemplates.PagerDutyDescription, Alert("HighErrorRate", "firing", FullAnnotations)).Trim(),
                Render(NotificationTemplates.EmailSubject, Alert("HighErrorRate", "firing", FullAnnotations)).Trim(),
            ]);
}
