using Observability.Rules.Conventions;
using Observability.Rules.Model;
using Observability.Rules.PromQl;
using static Observability.Rules.Packs.PackAlert;

namespace Observability.Rules.Packs;

/// <summary>Loki: failing and panicking requests, discarded lines, a stalled compactor, and logs that stop arriving.</summary>
public static class LokiRules
{
    public const string GroupName = "loki";

    public static RuleGroup Build(RulePackOptions o)
    {
        var c = o.Conventions.Loki;
        var t = o.Loki;
        return RuleGroup.Create(GroupName)
            .Add(Create(o, AlertNames.LokiRequestErrors,
                c.RequestErrorRatio() > t.LokiRequestErrors.Value,
                t.LokiRequestErrors.For, Severity.Critical, PlatformPanels.LokiRequestErrors,
                "Loki {{ $labels.job }} fails requests on {{ $labels.route }}",
                $"{{{{ $value | humanizePercentage }}}} of requests to {{{{ $labels.route }}}} on {{{{ $labels.job }}}} fail with 5xx (threshold {Percent(t.LokiRequestErrors.Value)}, {For(t.LokiRequestErrors.For)})."))
            .Add(Create(o, AlertNames.LokiRequestPanics,
                Prom.Sum(Prom.Increase(c.Panics, c.PanicWindow), "job") > 0.0,
                t.LokiRequestPanicsFor, Severity.Critical, PlatformPanels.LokiPanics,
                "Loki {{ $labels.job }} panics",
                $"{{{{ $labels.job }}}} recovered from {{{{ $value | humanize }}}} panics in the last {c.PanicWindow}: a code path crashes on some requests."))
            .Add(Create(o, AlertNames.LokiDiscardingLogs,
                c.DiscardedRatio() > t.LokiDiscardingLogs.Value,
                t.LokiDiscardingLogs.For, Severity.Warning, PlatformPanels.LokiDiscarded,
                "Loki discards logs of tenant {{ $labels.tenant }} ({{ $labels.reason }})",
                $"Loki rejects {{{{ $value | humanizePercentage }}}} of the log lines of tenant {{{{ $labels.tenant }}}} for {{{{ $labels.reason }}}} (threshold {Percent(t.LokiDiscardingLogs.Value)}, {For(t.LokiDiscardingLogs.For)}); they are lost."))
            .Add(Create(o, AlertNames.LokiCompactionNotRunning,
                c.SecondsSinceCompaction() > t.LokiCompactionNotRunning.Value,
                t.LokiCompactionNotRunning.For, Severity.Warning, PlatformPanels.LokiCompaction,
                "Loki's compactor {{ $labels.job }} has not compacted for a long time",
                $"The last successful compaction of {{{{ $labels.job }}}} was {{{{ $value | humanizeDuration }}}} ago (threshold {Number(t.LokiCompactionNotRunning.Value)}s, {For(t.LokiCompactionNotRunning.For)}); retention is not applied either, so old logs are not deleted."))
            .Add(Create(o, AlertNames.LogsNotArriving,
                LogsNotArriving(c),
                t.LogsNotArrivingFor, Severity.Critical, PlatformPanels.LokiLinesReceived,
                "No logs arrive in Loki",
                $"Loki received no log line from any node ({For(t.LogsNotArrivingFor)}), or Prometheus scrapes no Loki component that accepts pushes: new logs are lost or not collected."));
    }

    /// <summary>
    /// Loki's ingest path is up and received nothing (the agents, their pushes or the gateway are broken; a counter that never
    /// started counts as zero), or there is no ingest target at all. A scraped Loki that is down is ServiceDown's, not this alert's.
    /// </summary>
    private static PromExpr LogsNotArriving(LokiConventions c) =>
        c.LinesReceivedRate().Or(Prom.Vector(0)).EqualTo(0)
            .And(Prom.Sum(c.IngestUp) > 0.0)
            .Or(new PromExpr($"absent({c.IngestUp})"));
}
