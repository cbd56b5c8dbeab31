using Observability.Rules.Alertmanager;
using Observability.Rules.Packs;
using Observability.Rules.Tests.Packs;

namespace Observability.Rules.Tests.Alertmanager;

/// <summary>
/// The loki, log-agent, tracing and grafana alerts reach the receivers their severity promises (critical pages and goes to
/// slack-critical, warning to slack-warning), with the exact labels they fire with in the promtool cases; amtool and the
/// library's route resolution agree, and none of them is muted by another firing alone.
/// </summary>
public sealed class PipelineRoutingTests
{
    private static readonly RulePack[] PipelinePacks = [LokiRules.Pack, LogAgentRules.Pack, TracingRules.Pack, GrafanaRules.Pack];

    private static IEnumerable<string> AlertNames() => PipelinePacks.SelectMany(p => p.Alerts).Select(a => a.Name);

    public static TheoryData<string> PipelineAlerts() => new(AlertNames());

    /// <summary>The labels (severity included) the alert fires with in its first firing case, plus its name.</summary>
    private static Dictionary<string, string> FiringLabels(string alert)
    {
        var fired = AlertCases.All.Where(c => c.Alert == alert).SelectMany(c => c.Checks).First(c => !c.Silent).Alerts[0];
        var labels = new Dictionary<string, string>(fired.ExpLabels, StringComparer.Ordinal) { ["alertname"] = alert };
        return labels;
    }

    [Theory]
    [MemberData(nameof(PipelineAlerts))]
    public void Routes_by_its_severity_like_amtool_says(string alert)
    {
        var config = PlatformRouting.Build(PlatformRoutingTests.DefaultOptions);
        var labels = FiringLabels(alert);
        var expected = labels["severity"] switch
        {
            "critical" => "pagerduty,slack-critical",
            "warning" => "slack-warning",
            var other => throw new Xunit.Sdk.XunitException($"{alert}: severity {other} is not one the pipeline packs use"),
        };
        using var amtool = new Amtool(config);

        amtool.AssertRoutes(expected, labels);
        Assert.Equal(expected, string.Join(',', config.ReceiversFor(labels)));
    }

    [Fact]
    public void No_pipeline_alert_is_muted_by_the_others_firing()
    {
        var config = PlatformRouting.Build(PlatformRoutingTests.DefaultOptions);
        var firing = AlertNames().Select(FiringLabels).ToList();

        Assert.All(firing, alert => Assert.False(config.IsInhibited(alert, firing), $"{alert["alertname"]} is muted"));
    }
}
