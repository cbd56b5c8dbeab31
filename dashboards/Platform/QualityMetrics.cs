using Observability.Dashboards.Metrics;
using Observability.Rules.Conventions;
using Observability.Rules.Packs;

namespace Observability.Dashboards.Platform;

/// <summary>Quality Metrics: prompt and pipeline failures, test coverage, code quality, PR review, deployment success.</summary>
public static class QualityMetrics
{
    private const string Repo = "repository=~\"$repository\"";

    public static Dashboard Build(DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var reviews = PlatformMetrics.PullRequestReviewDuration + "_bucket";
        var deployments = PlatformMetrics.Deployments;
        return Common.Create(DashboardUids.QualityMetrics, "Quality Metrics",
                "Engineering quality: prompt and pipeline failures, test coverage, static-analysis issues, pull-request review time and deployment success.",
                "quality")
            .Time("now-7d")
            .Refresh("5m")
            .Variable(Variables.LabelValues("repository", "repository", PlatformMetrics.TestCoverage, "Repository"))
            .Row("Prompts and pipelines", row => row
                .Panel(Panels.Timeseries("Prompt failure ratio", Units.PercentUnit)
                    .Id(PlatformPanels.PromptFailureRatio.PanelId)
                    .Description("Share of prompt executions that did not succeed. HighPromptFailureRate fires above the dashed line for 5 minutes.")
                    .Query(RecordNames.PromptFailureRatio, "{{job}}")
                    .Min(0)
                    .AlertAbove(DashboardOptions.Threshold(options.Rules.Threshold(AgentRules.HighPromptFailureRate)))
                    .Runbooks(options, AgentRules.HighPromptFailureRate.Name)
                    .Width(12))
                .Panel(Panels.Timeseries("Pipeline failure ratio", Units.PercentUnit)
                    .Query(RecordNames.PipelineFailureRatio, "{{job}}")
                    .Min(0)
                    .Width(12)))
            .Row("Code", row => row
                .Panel(Panels.BarGauge("Test coverage", Units.PercentUnit)
                    .InstantQuery($"{PlatformMetrics.TestCoverage}{{{Repo}}}", "{{repository}}")
                    .Range(0, 1)
                    .Thresholds(Common.Red, (0.6m, Common.Orange), (0.8m, Common.Green))
                    .Width(8))
                .Panel(Panels.Timeseries("Open static-analysis issues by severity", Units.Short)
                    .Query($"sum by (severity) ({PlatformMetrics.CodeIssues}{{{Repo}}})", "{{severity}}")
                    .Stacked()
                    .Width(16)))
            .Row("Pull requests", row => row
                .Panel(Panels.Timeseries("Time to first review p50 / p90", Units.Seconds)
                    .Query($"histogram_quantile(0.5, sum by (le) (rate({reviews}{{{Repo}}}[1d])))", "p50")
                    .Query($"histogram_quantile(0.9, sum by (le) (rate({reviews}{{{Repo}}}[1d])))", "p90")
                    .Width(12))
                .Panel(Panels.Timeseries("Pull requests per day", Units.Short)
                    .Target(new PromQuery($"sum by (action) (increase({PlatformMetrics.PullRequests}{{{Repo}}}[1d]))") { LegendFormat = "{{action}}", Interval = "1h" })
                    .Width(12)))
            .Row("Deployments", row => row
                .Panel(Panels.Stat("Deployment success rate in range", Units.PercentUnit)
                    .InstantQuery(
                        $"sum(increase({deployments}{{status=\"success\"}}[$__range]))\n/\nsum(increase({deployments}[$__range]))",
                        "success rate")
                    .Thresholds(Common.Red, (0.9m, Common.Orange), (0.98m, Common.Green))
                    .Width(6))
                .Panel(Panels.Timeseries("Deployments per day by status", Units.Short)
                    .Target(new PromQuery($"sum by (status) (increase({deployments}[1d]))") { LegendFormat = "{{status}}", Interval = "1h" })
                    .Stacked()
                    .Width(18)));
    }
}
