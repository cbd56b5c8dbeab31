using Observability.Rules.Conventions;
using Observability.Rules.Model;
using static Observability.Rules.Packs.PackAlert;

namespace Observability.Rules.Packs;

/// <summary>HTTP API services: request rate, error ratio and latency per job, and the alerts on them.</summary>
public static class HttpRules
{
    public const string GroupName = "http";

    public static RulePack Pack { get; } = new(GroupName, Build);

    /// <summary>5xx share of requests above 5% for 5m.</summary>
    public static AlertDeclaration HighErrorRate { get; } =
        Pack.Alert("HighErrorRate", Severity.Critical, Duration.Minutes(5), PlatformPanels.HttpErrorRatio, ThresholdSpec.Ratio(0.05));

    /// <summary>More than 10 5xx responses per second for 5m.</summary>
    public static AlertDeclaration HighErrorCount { get; } =
        Pack.Alert("HighErrorCount", Severity.Critical, Duration.Minutes(5), PlatformPanels.HttpErrorRate, ThresholdSpec.Positive(10, "responses/s"));

    /// <summary>p95 latency above 1 s for 5m.</summary>
    public static AlertDeclaration SlowResponseTime { get; } =
        Pack.Alert("SlowResponseTime", Severity.Warning, Duration.Minutes(5), PlatformPanels.HttpLatency, ThresholdSpec.Positive(1, "seconds"));

    /// <summary>A target's <c>up == 0</c> for 1m.</summary>
    public static AlertDeclaration ServiceDown { get; } =
        Pack.Alert("ServiceDown", Severity.Critical, Duration.Minutes(1), PlatformPanels.ServiceHealth);

    public static RuleGroup Build(RulePackOptions o)
    {
        var c = o.Conventions.Http;
        return RuleGroup.Create(GroupName)
            .Add(Recording.Create(RecordNames.HttpRequestRate).Expr(c.RequestRate()))
            .Add(Recording.Create(RecordNames.HttpErrorRate).Expr(c.ErrorRate()))
            .Add(Recording.Create(RecordNames.HttpErrorRatio).Expr(c.ErrorRatio()))
            .Add(Recording.Create(RecordNames.HttpLatencyP50).Expr(c.LatencyQuantile(0.5)))
            .Add(Recording.Create(RecordNames.HttpLatencyP95).Expr(c.LatencyQuantile(0.95)))
            .Add(Recording.Create(RecordNames.HttpLatencyP99).Expr(c.LatencyQuantile(0.99)))
            .Add(Recording.Create(RecordNames.HttpLatencyBucketRate).Expr(c.LatencyBucketRate()))
            .Add(Create(o, HighErrorRate,
                t => Recorded(RecordNames.HttpErrorRatio) > t.Value,
                "High HTTP error rate on {{ $labels.job }}",
                t => $"{{{{ $value | humanizePercentage }}}} of requests to {{{{ $labels.job }}}} fail with 5xx (threshold {Percent(t.Value)}, {For(t.For)})."))
            .Add(Create(o, HighErrorCount,
                t => Recorded(RecordNames.HttpErrorRate) > t.Value,
                "Many HTTP errors on {{ $labels.job }}",
                t => $"{{{{ $labels.job }}}} answers {{{{ $value | humanize }}}} requests per second with 5xx (threshold {Number(t.Value)}/s, {For(t.For)})."))
            .Add(Create(o, SlowResponseTime,
                t => Recorded(RecordNames.HttpLatencyP95) > t.Value,
                "Slow responses from {{ $labels.job }}",
                t => $"The 95th percentile latency of {{{{ $labels.job }}}} is {{{{ $value | humanizeDuration }}}} (threshold {Number(t.Value)}s, {For(t.For)})."))
            .Add(Create(o, ServiceDown,
                c.Up.ToExpr().EqualTo(0),
                "{{ $labels.job }} target {{ $labels.instance }} is down",
                $"Prometheus cannot scrape {{{{ $labels.instance }}}} of job {{{{ $labels.job }}}} ({For(o.For(ServiceDown))})."));
    }
}
