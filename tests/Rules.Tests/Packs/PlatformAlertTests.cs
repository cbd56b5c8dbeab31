using Observability.Rules.Packs;
using Observability.Rules.Testing;
using Observability.Rules.Tests.Support;
using Observability.TestSupport;

namespace Observability.Rules.Tests.Packs;

/// <summary>promtool proves every platform alert: it fires with exact labels and annotations, and stays silent when it should.</summary>
public sealed class PlatformAlertTests
{
    public static TheoryData<string> AlertNamesData()
    {
        var data = new TheoryData<string>();
        foreach (var alert in PlatformAlerts.All)
            data.Add(alert.Name);
        return data;
    }

    private static PromtoolTestFile TestFile(IEnumerable<AlertCase> cases) => new()
    {
        RuleFiles = [PromtoolRunner.RuleFileName],
        EvaluationInterval = Model.Duration.Minutes(1),
        Tests = [.. cases.Select(c => c.ToTestGroup())],
    };

    [Fact]
    public void Every_pack_has_one_case_file()
    {
        var missing = PlatformRules.Packs.Where(p => AlertCases.Packs.Count(c => c.Pack == p) != 1).Select(p => p.GroupName).ToList();

        Assert.True(missing.Count == 0, $"expected one PackCases class (tests/Rules.Tests/Packs/Cases/<Pack>AlertCases.cs) per pack, found none or several for: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(AlertNamesData))]
    public void Every_alert_has_a_firing_and_a_silent_case_in_its_packs_case_file(string alert)
    {
        var declaration = PlatformAlerts.Find(alert)!;
        var checks = AlertCases.Packs.Where(p => p.Pack == declaration.Pack).SelectMany(p => p.Cases)
            .Where(c => c.Alert == alert).SelectMany(c => c.Checks).ToList();

        Assert.True(checks.Any(c => !c.Silent), $"{alert} has no firing case in the {declaration.Pack} pack's case file");
        if (!declaration.AlwaysFiring)
            Assert.True(checks.Any(c => c.Silent), $"{alert} has no silent case in the {declaration.Pack} pack's case file");
    }

    [Fact]
    public void Every_case_names_an_alert_of_its_pack()
    {
        foreach (var pack in AlertCases.Packs)
            Assert.All(pack.Cases, c => Assert.Contains(c.Alert, pack.Pack.Alerts.Select(a => a.Name)));
    }

    [Theory]
    [MemberData(nameof(AlertNamesData))]
    public void Promtool_proves_the_alert(string alert)
    {
        var cases = AlertCases.All.Where(c => c.Alert == alert).ToList();

        var output = PromtoolRunner.TestRules(PlatformRules.Build(RulePackOptions.Default), TestFile(cases));

        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_promtool_tests_match_their_golden_file() =>
        Golden.Matches(PromtoolTestYaml.ToYaml(TestFile(AlertCases.All)), "golden/platform-rules.tests.yaml");

    [Fact]
    public void ServiceDown_scoped_to_listed_jobs_fires_for_them_and_stays_silent_for_the_others()
    {
        var scoped = RulePackOptions.Default with
        {
            Conventions = RulePackOptions.Default.Conventions with
            {
                Http = RulePackOptions.Default.Conventions.Http with { Up = Conventions.HttpConventions.ServiceDownTargets(["api", "kube-scheduler"], []) },
            },
        };
        var rule = PlatformRules.Build(scoped).SelectMany(g => g.Alerts).Single(a => a.Alert == HttpRules.ServiceDown.Name);
        var cases = new[]
        {
            CaseDsl.Case(HttpRules.ServiceDown, "a listed control-plane job (kube-scheduler) down fires",
                [CaseDsl.S("up", CaseDsl.Gauge(0), ("job", "kube-scheduler"), ("instance", "10.0.0.1:10259"))],
                CaseDsl.SilentAt(CaseDsl.M(0)),
                new AlertCheck(CaseDsl.M(1), [new ExpectedAlert
                {
                    ExpLabels = Model.LabelSet.Of(("instance", "10.0.0.1:10259"), ("job", "kube-scheduler"), ("severity", "critical")),
                    ExpAnnotations = Model.LabelSet.Of(
                        ("summary", "kube-scheduler target 10.0.0.1:10259 is down"),
                        ("description", "Prometheus cannot scrape 10.0.0.1:10259 of job kube-scheduler (for 1m)."),
                        ("runbook_url", scoped.RunbookUrl(HttpRules.ServiceDown.Name)),
                        ("dashboard_url", rule.DashboardUrl!)),
                }])),
            CaseDsl.Case(HttpRules.ServiceDown, "an unlisted job down stays silent",
                [CaseDsl.S("up", CaseDsl.Gauge(0), ("job", "worker"), ("instance", "worker-0:9000"))],
                CaseDsl.SilentAt(CaseDsl.M(30))),
        };

        Assert.Equal("up{job=~\"api|kube-scheduler\"} == 0", rule.Expr);
        var output = PromtoolRunner.TestRules(PlatformRules.Build(scoped), TestFile(cases));

        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cases_notice_a_threshold_change()
    {
        var raised = RulePackOptions.Default.Tune(HttpRules.HighErrorRate, threshold: 0.15);
        var cases = AlertCases.All.Where(c => c.Alert == HttpRules.HighErrorRate.Name);

        var error = Assert.ThrowsAny<Exception>(() => PromtoolRunner.TestRules(PlatformRules.Build(raised), TestFile(cases)));

        Assert.Contains("alertname: HighErrorRate, time: 6m", error.Message, StringComparison.Ordinal);
    }
}
