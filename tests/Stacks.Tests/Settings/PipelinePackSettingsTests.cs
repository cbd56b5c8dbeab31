using Observability.Rules.Conventions;
using Observability.Rules.Packs;
using Observability.Rules.Model;
using Observability.Stacks.Composition;
using Observability.Stacks.Settings;

namespace Observability.Stacks.Tests.Settings;

/// <summary>The loki, logAgent, tracing and grafana packs through stack config: on/off, per-alert overrides, their errors.</summary>
public sealed class PipelinePackSettingsTests
{
    private const string Email = """{"receivers":{"email":{"to":["oncall@example.org"],"smarthost":"smtp.example.org:587","from":"am@example.org"}}}""";

    private static SettingsResult Load(string rules) => SettingsLoader.FromConfig("dev", new Dictionary<string, ConfigValue>
    {
        ["observability:logAgent"] = new("alloy", false),
        ["observability:alertmanager"] = new(Email, false),
        ["observability:rules"] = new(rules, false),
    });

    [Fact]
    public void Packs_switch_off_and_alerts_take_their_overrides()
    {
        var settings = Load("""
            {"packs":{"logAgent":false,"tracing":false},
             "alerts":{"LogsNotArriving":{"for":"30m"},"LokiDiscardingLogs":{"threshold":0.05,"for":"1h"},"SpansNotArriving":{"threshold":20}}}
            """).GetOrThrow();

        var groups = RuleComposition.Build(settings, "http://grafana.test");
        var alerts = groups.SelectMany(g => g.Alerts).ToDictionary(a => a.Alert);

        Assert.Contains(groups, g => g.Name == "loki");
        Assert.Contains(groups, g => g.Name == "grafana");
        Assert.DoesNotContain(groups, g => g.Name is "log-agent" or "tracing");
        Assert.Equal(Duration.Minutes(30), alerts[LokiRules.LogsNotArriving.Name].For);
        Assert.Equal(Duration.Hours(1), alerts[LokiRules.LokiDiscardingLogs.Name].For);
        Assert.EndsWith(" > 0.05", alerts[LokiRules.LokiDiscardingLogs.Name].Expr, StringComparison.Ordinal);
        Assert.Equal(20, RuleComposition.Options(settings, "http://grafana.test").Threshold(TracingRules.SpansNotArriving).Value);
    }

    [Fact]
    public void Bad_overrides_name_their_keys()
    {
        var result = Load("""{"alerts":{"LokiRequestPanics":{"threshold":1},"JaegerSpansRefused":{"threshold":2},"LogsNotArivving":{"for":"5m"}}}""");

        Assert.False(result.IsValid);
        var problems = result.Problems.Select(p => p.ToString()).ToList();
        Assert.Contains("observability:rules.alerts.LokiRequestPanics.threshold: expected no threshold (LokiRequestPanics has no threshold; only its for can change), found 1", problems);
        Assert.Contains("observability:rules.alerts.JaegerSpansRefused.threshold: must be a ratio between 0 and 1 exclusive (e.g. 0.05 for 5%), found 2", problems);
        Assert.Contains(problems, p => p.StartsWith("observability:rules.alerts.LogsNotArivving: unknown alert (did you mean \"LogsNotArriving\"?)", StringComparison.Ordinal));
    }
}
