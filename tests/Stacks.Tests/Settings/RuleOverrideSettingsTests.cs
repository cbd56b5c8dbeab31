using System.Collections.Immutable;
using System.Globalization;
using Observability.Rules.Model;
using Observability.Rules.Packs;
using Observability.Rules.Slo;
using Observability.Stacks.Composition;
using Observability.Stacks.Settings;

namespace Observability.Stacks.Tests.Settings;

/// <summary>
/// The stack override keys <c>rules.alerts.&lt;Name&gt;</c> are the alert declarations (<see cref="PlatformAlerts"/>): every
/// declared alert is a key, nothing else is, and the checks run against the declarations when settings load (no
/// composition), with their key paths produced directly.
/// </summary>
public sealed class RuleOverrideSettingsTests
{
    private const string Email = """{"receivers":{"email":{"to":["oncall@example.org"],"smarthost":"smtp.example.org:587","from":"am@example.org"}}}""";

    private static SettingsResult Load(string key, string json) => SettingsLoader.FromConfig("dev", new Dictionary<string, ConfigValue>
    {
        ["observability:logAgent"] = new("alloy", false),
        ["observability:alertmanager"] = new(Email, false),
        [key] = new(json, false),
    });

    public static TheoryData<string> OverridableAlerts() => new(PlatformAlerts.OverridableNames);

    [Theory]
    [MemberData(nameof(OverridableAlerts))]
    public void Every_declared_alert_is_a_stack_override_key_that_reaches_its_rule(string name)
    {
        var alert = PlatformAlerts.Find(name)!;
        var threshold = alert.Threshold is { } t ? $",\"threshold\":{t.Default.ToString(CultureInfo.InvariantCulture)}" : "";
        var json = "{\"alerts\":{\"" + name + "\":{\"for\":\"37m\"" + threshold + "}},\"packs\":{\"postgres\":true,\"redis\":true}}";
        var settings = Load("observability:rules", json).GetOrThrow();

        var rule = RuleComposition.Build(settings, "http://grafana.test").SelectMany(g => g.Alerts).Single(a => a.Alert == name);

        Assert.Equal(Duration.Minutes(37), rule.For);
    }

    [Fact]
    public void The_always_firing_watchdog_is_no_override_key()
    {
        var problems = Load("observability:rules", """{"alerts":{"Watchdog":{"for":"1m"}}}""").Problems.Select(p => p.ToString()).ToList();

        Assert.Equal($"observability:rules.alerts.Watchdog: unknown alert (expected one of {string.Join(", ", PlatformAlerts.OverridableNames)})", Assert.Single(problems));
    }

    [Fact]
    public void Rule_checks_report_every_problem_with_its_key_without_composing()
    {
        var rules = new RuleSettings
        {
            RunbookUrlPattern = "https://runbooks.internal/",
            Alerts = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, AlertOverride>
            {
                ["HighErrorRate"] = new() { Threshold = 5 },
                ["HighLoadAverage"] = new() { Threshold = 0 },
                ["NodeDown"] = new() { Threshold = 1.50m },
                ["HighErorRate"] = new() { For = Duration.Minutes(1) },
            }),
        };
        var problems = new List<Rules.Validation.Problem>();

        rules.Check("observability:rules", problems);

        Assert.Equal(
            [
                $"observability:rules.alerts.HighErorRate: unknown alert (did you mean \"HighErrorRate\"?) (expected one of {string.Join(", ", PlatformAlerts.OverridableNames)})",
                "observability:rules.alerts.NodeDown.threshold: expected no threshold (NodeDown has no threshold; only its for can change), found 1.50",
                "observability:rules.runbookUrlPattern: \"https://runbooks.internal/\" does not contain {alertname}",
                "observability:rules.alerts.HighErrorRate.threshold: must be a ratio between 0 and 1 exclusive (e.g. 0.05 for 5%), found 5",
                "observability:rules.alerts.HighLoadAverage.threshold: must be a number greater than 0, found 0",
            ],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Slo_checks_name_the_platform_slos()
    {
        var problems = new List<Rules.Validation.Problem>();

        new SloSettings { Objectives = ImmutableSortedDictionary<string, SloOverride>.Empty.Add("api-latncy", new SloOverride()) }.Check("observability:slos", problems);

        Assert.Equal(
            $"observability:slos.objectives.api-latncy: unknown SLO (did you mean \"api-latency\"?) (expected one of {string.Join(", ", PlatformSlos.Names)})",
            Assert.Single(problems).ToString());
    }
}
