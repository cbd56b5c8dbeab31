using Observability.Rules.Model;
using Observability.Rules.Slo;
using Observability.TestSupport;

namespace Observability.Rules.Tests.Slo;

public sealed class SloRunbookTests
{
    public static TheoryData<string> AlertNames() => [.. SloConventions.AlertNames];

    [Theory]
    [MemberData(nameof(AlertNames))]
    public void Every_slo_alert_has_a_runbook_with_meaning_impact_diagnosis_and_fix(string alert)
    {
        var path = Repo.PathOf("docs", "runbooks", alert + ".md");

        Assert.True(File.Exists(path), $"{path} is missing: every alert needs a runbook.");
        var text = File.ReadAllText(path);
        Assert.StartsWith($"# {alert}\n", text, StringComparison.Ordinal);
        foreach (var section in (string[])["## Meaning", "## Impact", "## Diagnosis", "## Fix"])
            Assert.Contains("\n" + section + "\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Runbooks_name_the_default_severity_and_the_slo_dashboard()
    {
        var alerts = SloCompiler.Compile(PlatformSlos.Build(new PlatformSloOptions()), SloSamples.Options).SelectMany(g => g.Alerts)
            .DistinctBy(a => a.Alert);

        Assert.All(alerts, alert =>
        {
            var text = File.ReadAllText(Repo.PathOf("docs", "runbooks", alert.Alert + ".md"));
            Assert.Contains($"**Severity:** {alert.Severity!.Value.ToLabel()} ", text, StringComparison.Ordinal);
            Assert.Contains($"(Grafana `/d/{Observability.Rules.Conventions.DashboardUids.Slos}?var-slo=<slo>`)", text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_compiled_alerts_are_exactly_the_ones_with_runbooks()
    {
        var compiled = SloCompiler.Compile(PlatformSlos.Build(new PlatformSloOptions()), SloSamples.Options)
            .SelectMany(g => g.Alerts).Select(a => a.Alert).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(SloConventions.AlertNames.Order(StringComparer.Ordinal), compiled);
    }
}
