using Observability.Rules.Model;
using Observability.Rules.Packs;
using Observability.TestSupport;

namespace Observability.Rules.Tests.Packs;

/// <summary>Every pack alert has its runbook (docs/runbooks/&lt;AlertName&gt;.md), and the runbook agrees with the alert.</summary>
public sealed class RunbookTests
{
    private static readonly string[] Sections = ["## Meaning", "## Impact", "## Diagnosis", "## Fix"];

    public static TheoryData<string> Alerts()
    {
        var data = new TheoryData<string>();
        foreach (var alert in PlatformAlerts.All)
            data.Add(alert.Name);
        return data;
    }

    private static AlertRule Rule(string alert) =>
        PlatformRules.Build(RulePackOptions.Default).SelectMany(g => g.Alerts).Single(a => a.Alert == alert);

    [Theory]
    [MemberData(nameof(Alerts))]
    public void Every_alert_has_a_runbook_with_meaning_impact_diagnosis_and_fix(string alert)
    {
        var path = Repo.PathOf([.. PlatformAlerts.Find(alert)!.RunbookFile.Split('/')]);
        Assert.True(File.Exists(path), $"The runbook of {alert} is missing: write {path} (meaning, impact, diagnosis with the dashboards, fix).");

        var text = File.ReadAllText(path);
        Assert.StartsWith($"# {alert}\n", text, StringComparison.Ordinal);
        Assert.All(Sections, section => Assert.Contains("\n" + section + "\n", text, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Alerts))]
    public void Runbook_names_the_alerts_severity_and_panel(string alert)
    {
        var rule = Rule(alert);
        var declaration = PlatformAlerts.Find(alert)!;
        var text = File.ReadAllText(Repo.PathOf("docs", "runbooks", alert + ".md"));
        var panelPath = new Uri(rule.DashboardUrl!).PathAndQuery;

        Assert.Equal(declaration.Severity, rule.Severity);
        Assert.Equal(RulePackOptions.Default.DashboardUrl(declaration.Panel), rule.DashboardUrl);
        Assert.Contains($"**Severity:** {rule.Severity!.Value.ToLabel()} ", text, StringComparison.Ordinal);
        Assert.Contains($"(Grafana `{panelPath}`)", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Alerts))]
    public void Default_runbook_url_points_at_the_runbook_file(string alert) =>
        Assert.EndsWith("/" + PlatformAlerts.Find(alert)!.RunbookFile, Rule(alert).RunbookUrl, StringComparison.Ordinal);
}
