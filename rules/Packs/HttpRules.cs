using Observability.Rules.Conventions;
using Observability.Rules.Model;
using static Observability.Rules.Packs.PackAlert;

namespace Observability.Rules.Packs;

/// <summary>HTTP API services: request rate, error ratio and latency per job, and the alerts on them.</summary>
public static class HttpRules
{
    public const string GroupName = "http";

    public static RuleGroup Build(RulePackOptions o)
    {
        var c = o.Conventions.Http;
        var t = o.Http;
        return RuleGroup.Create(GroupName)
            .Add(Recording.Create(RecordNames.HttpRequestRate).Expr(c.RequestRate()))
            .Add(Recording.Create(RecordNames.HttpErrorRate).Expr(c.ErrorRate()))
            .Add(Recording.Create(RecordNames.HttpErrorRatio).Expr(c.ErrorRatio()))
            .Add(Recording.Create(RecordNames.HttpLatencyP50).Expr(c.LatencyQuantile(0.5)))
            .Add(Recording.Create(RecordNames.HttpLatencyP95).Expr(c.LatencyQuantile(0.95)))
            .Add(Recording.Create(RecordNames.HttpLatencyP99).Expr(c.LatencyQuantile(0.99)))
            .Add(Recording.Create(RecordNames.HttpLatencyBucketRate).Expr(c.LatencyBucketRate()))
            .Add(Create(o, AlertNames.HighErrorRate,
                Recorded(RecordNames.HttpErrorRatio) > t.HighErrorRate.Value,
                t.HighErrorRate.For, Severity.Critical, PlatformPanels.HttpErrorRatio,
                "High HTTP error rate on {{ $labels.job }}",
                $"{{{{ $value | humanizePercentage }}}} of requests to {{{{ $labels.job }}}} fail with 5xx (threshold {Percent(t.HighErrorRate.Value)}, {For(t.HighErrorRate.For)})."))
            .Add(Create(o, AlertNames.HighErrorCount,
                Recorded(RecordNames.HttpErrorRate) > t.HighErrorCount.Value,
                t.HighErrorCount.For, Severity.Critical, PlatformPanels.HttpErrorRate,
                "Many HTTP errors on {{ $labels.job }}",
                $"{{{{ $labels.job }}}} answers {{{{ $value | humanize }}}} requests per second with 5xx (threshold {Number(t.HighErrorCount.Value)}/s, {For(t.HighErrorCount.For)})."))
            .Add(Create(o, AlertNames.SlowResponseTime,
                Recorded(RecordNames.HttpLatencyP95) > t.SlowResponseTime.Value,
                t.SlowResponseTime.For, Severity.Warning, PlatformPanels.HttpLatency,
                "Slow responses from {{ $labels.job }}",
                $"The 95th percentile latency of {{{{ $labels.job }}}} is {{{{ $value | humanizeDuration }}}} (threshold {Number(t.SlowResponseTime.Value)}s, {For(t.SlowResponseTime.For)})."))
            .Add(Create(o, AlertNames.ServiceDown,
                c.Up.ToExpr().EqualTo(0),
                t.ServiceDownFor, Severity.Critical, PlatformPanels.ServiceHealth,
                "{{ $labels.job }} target {{ $labels.instance }} is down",
                $"Prometheus cannot scrape {{{{ $labels.instance }}}} of job {{{{ $labels.job }}}} ({For(t.ServiceDownFor)})."));
    }
}
