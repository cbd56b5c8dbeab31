using Observability.Rules.Packs;
using Observability.Rules.Testing;
using static Observability.Rules.Tests.Packs.CaseDsl;

namespace Observability.Rules.Tests.Packs.Cases;

/// <summary>Loki, with the job labels its chart ServiceMonitor gives it (<c>logging/loki</c>, <c>logging/loki-compactor</c>). Firing and silent, with exact labels and annotations.</summary>
internal sealed class LokiAlertCases : PackCases
{
    private static readonly (string, string) Loki = ("job", "logging/loki");

    public override RulePack Pack => LokiRules.Pack;

    public override IReadOnlyList<AlertCase> Cases { get; } =
    [
        Case(LokiRules.LokiRequestErrors, "20% 5xx on the push route fires once the 15m for has elapsed",
            [
                S("loki_request_duration_seconds_count", Counter(480), Loki, ("route", "loki_api_v1_push"), ("status_code", "204")),
                S("loki_request_duration_seconds_count", Counter(120), Loki, ("route", "loki_api_v1_push"), ("status_code", "500")),
            ],
            SilentAt(M(15)),
            FiresAt(M(16), LokiRules.LokiRequestErrors, [("job", "logging/loki"), ("route", "loki_api_v1_push"), ("severity", "critical")],
                "Loki logging/loki fails requests on loki_api_v1_push",
                "20% of requests to loki_api_v1_push on logging/loki fail with 5xx (threshold 10%, for 15m).")),
        Case(LokiRules.LokiRequestErrors, "9% 5xx stays silent",
            [
                S("loki_request_duration_seconds_count", Counter(546), Loki, ("route", "loki_api_v1_query_range"), ("status_code", "200")),
                S("loki_request_duration_seconds_count", Counter(54), Loki, ("route", "loki_api_v1_query_range"), ("status_code", "500")),
            ],
            SilentAt(M(30))),

        Case(LokiRules.LokiRequestPanics, "a panic a minute fires at once",
            [S("loki_panic_total", Counter(1), Loki)],
            FiresAt(M(20), LokiRules.LokiRequestPanics, [("job", "logging/loki"), ("severity", "critical")],
                "Loki logging/loki panics",
                "logging/loki recovered from 10 panics in the last 10m: a code path crashes on some requests.")),
        Case(LokiRules.LokiRequestPanics, "old panics that no longer grow stay silent",
            [S("loki_panic_total", Gauge(3), Loki)],
            SilentAt(M(30))),

        Case(LokiRules.LokiDiscardingLogs, "5% of a tenant's lines rate-limited fire after 15m",
            [
                S("loki_distributor_lines_received_total", Counter(6000), Loki, ("tenant", "fake")),
                S("loki_discarded_samples_total", Counter(300), Loki, ("tenant", "fake"), ("reason", "rate_limited")),
            ],
            SilentAt(M(15)),
            FiresAt(M(16), LokiRules.LokiDiscardingLogs, [("reason", "rate_limited"), ("severity", "warning"), ("tenant", "fake")],
                "Loki discards logs of tenant fake (rate_limited)",
                "Loki rejects 5% of the log lines of tenant fake for rate_limited (threshold 1%, for 15m); they are lost.")),
        Case(LokiRules.LokiDiscardingLogs, "0.5% discarded stays silent",
            [
                S("loki_distributor_lines_received_total", Counter(6000), Loki, ("tenant", "fake")),
                S("loki_discarded_samples_total", Counter(30), Loki, ("tenant", "fake"), ("reason", "line_too_long")),
            ],
            SilentAt(M(30))),

        // promtool's clock starts at the Unix epoch: a last success at t=1s is 10,859s old at 181m, over the 3h threshold.
        Case(LokiRules.LokiCompactionNotRunning, "no compaction since t=1s fires 3h and 15m later",
            [S("loki_boltdb_shipper_compact_tables_operation_last_successful_run_timestamp_seconds", Gauge(1, 240), ("job", "logging/loki-compactor"))],
            SilentAt(M(195)),
            FiresAt(M(196), LokiRules.LokiCompactionNotRunning, [("job", "logging/loki-compactor"), ("severity", "warning")],
                "Loki's compactor logging/loki-compactor has not compacted for a long time",
                "The last successful compaction of logging/loki-compactor was 3h 15m 59s ago (threshold 10,800s, for 15m); retention is not applied either, so old logs are not deleted.")),
        Case(LokiRules.LokiCompactionNotRunning, "a compactor that keeps compacting, and one that never ran yet (0), stay silent",
            [
                S("loki_boltdb_shipper_compact_tables_operation_last_successful_run_timestamp_seconds", SeriesValues.Linear(0, 60, 240), ("job", "logging/loki-compactor")),
                S("loki_boltdb_shipper_compact_tables_operation_last_successful_run_timestamp_seconds", Gauge(0, 240), Loki),
            ],
            SilentAt(M(200))),

        Case(LokiRules.LogsNotArriving, "Loki up, its line counter standing still, fires after 15m",
            [
                S("up", Gauge(1), Loki, ("instance", "10.0.2.3:3100")),
                S("loki_distributor_lines_received_total", Gauge(50_000), Loki, ("instance", "10.0.2.3:3100"), ("tenant", "fake")),
            ],
            SilentAt(M(14)),
            FiresAt(M(15), LokiRules.LogsNotArriving, [("severity", "critical")],
                "No logs arrive in Loki",
                "Loki received no log line from any node (for 15m), or Prometheus scrapes no Loki component that accepts pushes: new logs are lost or not collected.")),
        Case(LokiRules.LogsNotArriving, "Loki up but no line ever received (the counter never started) fires",
            [S("up", Gauge(1), ("job", "logging/loki-distributor"), ("instance", "10.0.2.4:3100"))],
            SilentAt(M(14)),
            FiresAt(M(15), LokiRules.LogsNotArriving, [("severity", "critical")],
                "No logs arrive in Loki",
                "Loki received no log line from any node (for 15m), or Prometheus scrapes no Loki component that accepts pushes: new logs are lost or not collected.")),
        Case(LokiRules.LogsNotArriving, "no Loki ingest target at all fires",
            [S("up", Gauge(1), ("job", "logging/loki-gateway-exporter"), ("instance", "10.0.2.5:9113"))],
            FiresAt(M(15), LokiRules.LogsNotArriving, [("severity", "critical")],
                "No logs arrive in Loki",
                "Loki received no log line from any node (for 15m), or Prometheus scrapes no Loki component that accepts pushes: new logs are lost or not collected.")),
        Case(LokiRules.LogsNotArriving, "lines arriving stay silent, and a Loki that is down is ServiceDown's",
            [
                S("up", Gauge(1), ("job", "logging/loki-distributor"), ("instance", "10.0.2.4:3100")),
                S("loki_distributor_lines_received_total", Counter(600), ("job", "logging/loki-distributor"), ("instance", "10.0.2.4:3100"), ("tenant", "fake")),
                S("up", Gauge(0), ("job", "logging/loki-write"), ("instance", "10.0.2.6:3100")),
            ],
            SilentAt(M(30))),
        Case(LokiRules.LogsNotArriving, "Loki down (up 0, no lines) stays silent: ServiceDown pages for it",
            [S("up", Gauge(0), Loki, ("instance", "10.0.2.3:3100"))],
            SilentAt(M(30))),
    ];
}
