using Observability.Rules.Conventions;
using Observability.Rules.Model;
using Observability.Rules.PromQl;
using static Observability.Rules.Packs.PackAlert;

namespace Observability.Rules.Packs;

/// <summary>Loki: failing and panicking requests, discarded lines, a stalled compactor, and logs that stop arriving.</summary>
public static class LokiRules
{
    public const string GroupName = "loki";

    public static RulePack Pack { get; } = new(GroupName, Build);

    /// <summary>More than 10% of a route's requests answered 5xx for 15m (loki-mixin LokiRequestErrors).</summary>
    public static AlertDeclaration LokiRequestErrors { get; } =
        Pack.Alert("LokiRequestErrors", Severity.Critical, Duration.Minutes(15), PlatformPanels.LokiRequestErrors, ThresholdSpec.Ratio(0.10));

    /// <summary>Any panic in the panic window (10m); fires at once (loki-mixin LokiRequestPanics).</summary>
    public static AlertDeclaration LokiRequestPanics { get; } =
        Pack.Alert("LokiRequestPanics", Severity.Critical, Duration.Zero, PlatformPanels.LokiPanics);

    /// <summary>More than 1% of a tenant's lines discarded (limits, validation) for 15m.</summary>
    public static AlertDeclaration LokiDiscardingLogs { get; } =
        Pack.Alert("LokiDiscardingLogs", Severity.Warning, Duration.Minutes(15), PlatformPanels.LokiDiscarded, ThresholdSpec.Ratio(0.01));

    /// <summary>No successful compaction (and so no retention) for more than 3 hours (10,800 s), for 15m.</summary>
    public static AlertDeclaration LokiCompactionNotRunning { get; } =
        Pack.Alert("LokiCompactionNotRunning", Severity.Warning, Duration.Minutes(15), PlatformPanels.LokiCompaction, ThresholdSpec.Positive(10_800, "seconds"));

    /// <summary>Loki is up but received no log line from any node for 15m, or Loki is not scraped at all.</summary>
    public static AlertDeclaration LogsNotArriving { get; } =
        Pack.Alert("LogsNotArriving", Severity.Critical, Duration.Minutes(15), PlatformPanels.LokiLinesReceived);

    public static RuleGroup Build(RulePackOptions o)
    {
        var c = o.Conventions.Loki;
        return RuleGroup.Create(GroupName)
            .Add(Create(o, LokiRequestErrors,
                t => c.RequestErrorRatio() > t.Value,
                "Loki {{ $labels.job }} fails requests on {{ $labels.route }}",
                t => $"{{{{ $value | humanizePercentage }}}} of requests to {{{{ $labels.route }}}} on {{{{ $labels.job }}}} fail with 5xx (threshold {Percent(t.Value)}, {For(t.For)})."))
            .Add(Create(o, LokiRequestPanics,
                Prom.Sum(Prom.Increase(c.Panics, c.PanicWindow), "job") > 0.0,
                "Loki {{ $labels.job }} panics",
                $"{{{{ $labels.job }}}} recovered from {{{{ $value | humanize }}}} panics in the last {c.PanicWindow}: a code path crashes on some requests."))
            .Add(Create(o, LokiDiscardingLogs,
                t => c.DiscardedRatio() > t.Value,
                "Loki discards logs of tenant {{ $labels.tenant }} ({{ $labels.reason }})",
                t => $"Loki rejects {{{{ $value | humanizePercentage }}}} of the log lines of tenant {{{{ $labels.tenant }}}} for {{{{ $labels.reason }}}} (threshold {Percent(t.Value)}, {For(t.For)}); they are lost."))
            .Add(Create(o, LokiCompactionNotRunning,
                t => c.SecondsSinceCompaction() > t.Value,
                "Loki's compactor {{ $labels.job }} has not compacted for a long time",
                t => $"The last successful compaction of {{{{ $labels.job }}}} was {{{{ $value | humanizeDuration }}}} ago (threshold {Number(t.Value)}s, {For(t.For)}); retention is not applied either, so old logs are not deleted."))
            .Add(Create(o, LogsNotArriving,
                NotArriving(c),
                "No logs arrive in Loki",
                $"Loki received no log line from any node ({For(o.For(LogsNotArriving))}), or Prometheus scrapes no Loki component that accepts pushes: new logs are lost or not collected."));
    }

    /// <summary>
    /// Loki's ingest path is up and received nothing (the agents, their pushes or the gateway are broken; a counter that never
    /// started counts as zero), or there is no ingest target at all. A scraped Loki that is down is ServiceDown's, not this alert's.
    /// </summary>
    private static PromExpr NotArriving(LokiConventions c) =>
        c.LinesReceivedRate().Or(Prom.Vector(0)).EqualTo(0)
            .And(Prom.Sum(c.IngestUp) > 0.0)
            .Or(new PromExpr($"absent({c.IngestUp})"));
}
