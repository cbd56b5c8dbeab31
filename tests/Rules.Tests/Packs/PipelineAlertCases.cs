using Observability.Rules.Conventions;
using Observability.Rules.Testing;
using static Observability.Rules.Tests.Packs.CaseDsl;

namespace Observability.Rules.Tests.Packs;

/// <summary>
/// The loki, log-agent, tracing and grafana packs, firing and silent, with the job labels the real scrapes give them:
/// <c>logging/loki</c> (Loki chart ServiceMonitor), <c>alloy</c> and <c>promtail-metrics</c> (the agents' charts),
/// <c>jaeger</c> (our ServiceMonitor), <c>kube-prometheus-stack-grafana</c> (kube-prometheus-stack's).
/// </summary>
internal static class PipelineAlertCases
{
    private static readonly (string, string) Loki = ("job", "logging/loki");
    private static readonly (string, string) Alloy = ("job", "alloy");
    private static readonly (string, string) AlloyPod = ("instance", "10.0.0.5:12345");
    private static readonly (string, string) Promtail = ("job", "promtail-metrics");
    private static readonly (string, string) PromtailPod = ("instance", "10.0.0.6:3101");
    private static readonly (string, string) Gateway = ("host", "loki-gateway.logging.svc");
    private static readonly (string, string) Jaeger = ("job", "jaeger");
    private static readonly (string, string) JaegerPod = ("instance", "10.0.1.7:8888");
    private static readonly (string, string) Grafana = ("job", "kube-prometheus-stack-grafana");
    private static readonly (string, string) Storage = ("exporter", "jaeger_storage_exporter");
    private const string PodLog = "/var/log/pods/shop_api-7d9f_0b1c/api/0.log";

    public static IReadOnlyList<AlertCase> All { get; } =
    [
        // ---- Loki ----
        Case(AlertNames.LokiRequestErrors, "20% 5xx on the push route fires once the 15m for has elapsed",
            [
                S("loki_request_duration_seconds_count", Counter(480), Loki, ("route", "loki_api_v1_push"), ("status_code", "204")),
                S("loki_request_duration_seconds_count", Counter(120), Loki, ("route", "loki_api_v1_push"), ("status_code", "500")),
            ],
            SilentAt(M(15)),
            FiresAt(M(16), AlertNames.LokiRequestErrors, [("job", "logging/loki"), ("route", "loki_api_v1_push"), ("severity", "critical")],
                "Loki logging/loki fails requests on loki_api_v1_push",
                "20% of requests to loki_api_v1_push on logging/loki fail with 5xx (threshold 10%, for 15m).")),
        Case(AlertNames.LokiRequestErrors, "9% 5xx stays silent",
            [
                S("loki_request_duration_seconds_count", Counter(546), Loki, ("route", "loki_api_v1_query_range"), ("status_code", "200")),
                S("loki_request_duration_seconds_count", Counter(54), Loki, ("route", "loki_api_v1_query_range"), ("status_code", "500")),
            ],
            SilentAt(M(30))),

        Case(AlertNames.LokiRequestPanics, "a panic a minute fires at once",
            [S("loki_panic_total", Counter(1), Loki)],
            FiresAt(M(20), AlertNames.LokiRequestPanics, [("job", "logging/loki"), ("severity", "critical")],
                "Loki logging/loki panics",
                "logging/loki recovered from 10 panics in the last 10m: a code path crashes on some requests.")),
        Case(AlertNames.LokiRequestPanics, "old panics that no longer grow stay silent",
            [S("loki_panic_total", Gauge(3), Loki)],
            SilentAt(M(30))),

        Case(AlertNames.LokiDiscardingLogs, "5% of a tenant's lines rate-limited fire after 15m",
            [
                S("loki_distributor_lines_received_total", Counter(6000), Loki, ("tenant", "fake")),
                S("loki_discarded_samples_total", Counter(300), Loki, ("tenant", "fake"), ("reason", "rate_limited")),
            ],
            SilentAt(M(15)),
            FiresAt(M(16), AlertNames.LokiDiscardingLogs, [("reason", "rate_limited"), ("severity", "warning"), ("tenant", "fake")],
                "Loki discards logs of tenant fake (rate_limited)",
                "Loki rejects 5% of the log lines of tenant fake for rate_limited (threshold 1%, for 15m); they are lost.")),
        Case(AlertNames.LokiDiscardingLogs, "0.5% discarded stays silent",
            [
                S("loki_distributor_lines_received_total", Counter(6000), Loki, ("tenant", "fake")),
                S("loki_discarded_samples_total", Counter(30), Loki, ("tenant", "fake"), ("reason", "line_too_long")),
            ],
            SilentAt(M(30))),

        // promtool's clock starts at the Unix epoch: a last success at t=1s is 10,859s old at 181m, over the 3h threshold.
        Case(AlertNames.LokiCompactionNotRunning, "no compaction since t=1s fires 3h and 15m later",
            [S("loki_boltdb_shipper_compact_tables_operation_last_successful_run_timestamp_seconds", Gauge(1, 240), ("job", "logging/loki-compactor"))],
            SilentAt(M(195)),
            FiresAt(M(196), AlertNames.LokiCompactionNotRunning, [("job", "logging/loki-compactor"), ("severity", "warning")],
                "Loki's compactor logging/loki-compactor has not compacted for a long time",
                "The last successful compaction of logging/loki-compactor was 3h 15m 59s ago (threshold 10,800s, for 15m); retention is not applied either, so old logs are not deleted.")),
        Case(AlertNames.LokiCompactionNotRunning, "a compactor that keeps compacting, and one that never ran yet (0), stay silent",
            [
                S("loki_boltdb_shipper_compact_tables_operation_last_successful_run_timestamp_seconds", SeriesValues.Linear(0, 60, 240), ("job", "logging/loki-compactor")),
                S("loki_boltdb_shipper_compact_tables_operation_last_successful_run_timestamp_seconds", Gauge(0, 240), Loki),
            ],
            SilentAt(M(200))),

        Case(AlertNames.LogsNotArriving, "Loki up, its line counter standing still, fires after 15m",
            [
                S("up", Gauge(1), Loki, ("instance", "10.0.2.3:3100")),
                S("loki_distributor_lines_received_total", Gauge(50_000), Loki, ("instance", "10.0.2.3:3100"), ("tenant", "fake")),
            ],
            SilentAt(M(14)),
            FiresAt(M(15), AlertNames.LogsNotArriving, [("severity", "critical")],
                "No logs arrive in Loki",
                "Loki received no log line from any node (for 15m), or Prometheus scrapes no Loki component that accepts pushes: new logs are lost or not collected.")),
        Case(AlertNames.LogsNotArriving, "Loki up but no line ever received (the counter never started) fires",
            [S("up", Gauge(1), ("job", "logging/loki-distributor"), ("instance", "10.0.2.4:3100"))],
            SilentAt(M(14)),
            FiresAt(M(15), AlertNames.LogsNotArriving, [("severity", "critical")],
                "No logs arrive in Loki",
                "Loki received no log line from any node (for 15m), or Prometheus scrapes no Loki component that accepts pushes: new logs are lost or not collected.")),
        Case(AlertNames.LogsNotArriving, "no Loki ingest target at all fires",
            [S("up", Gauge(1), ("job", "logging/loki-gateway-exporter"), ("instance", "10.0.2.5:9113"))],
            FiresAt(M(15), AlertNames.LogsNotArriving, [("severity", "critical")],
                "No logs arrive in Loki",
                "Loki received no log line from any node (for 15m), or Prometheus scrapes no Loki component that accepts pushes: new logs are lost or not collected.")),
        Case(AlertNames.LogsNotArriving, "lines arriving stay silent, and a Loki that is down is ServiceDown's",
            [
                S("up", Gauge(1), ("job", "logging/loki-distributor"), ("instance", "10.0.2.4:3100")),
                S("loki_distributor_lines_received_total", Counter(600), ("job", "logging/loki-distributor"), ("instance", "10.0.2.4:3100"), ("tenant", "fake")),
                S("up", Gauge(0), ("job", "logging/loki-write"), ("instance", "10.0.2.6:3100")),
            ],
            SilentAt(M(30))),
        Case(AlertNames.LogsNotArriving, "Loki down (up 0, no lines) stays silent: ServiceDown pages for it",
            [S("up", Gauge(0), Loki, ("instance", "10.0.2.3:3100"))],
            SilentAt(M(30))),

        // ---- Log agent (Alloy and Promtail) ----
        Case(AlertNames.LogAgentDroppingEntries, "Alloy dropping 6 entries a minute fires after 5m",
            [S("loki_write_dropped_entries_total", Counter(6), Alloy, AlloyPod, Gateway, ("reason", "ingester_error"), ("component_id", "loki.write.default"), ("component_path", "/"))],
            SilentAt(M(5)),
            FiresAt(M(20), AlertNames.LogAgentDroppingEntries, [("instance", "10.0.0.5:12345"), ("job", "alloy"), ("reason", "ingester_error"), ("severity", "warning")],
                "Log agent 10.0.0.5:12345 drops log entries",
                "The log agent alloy on 10.0.0.5:12345 dropped 60 entries in the last 10m (ingester_error) after all retries: they never reach Loki.")),
        Case(AlertNames.LogAgentDroppingEntries, "Promtail dropping rate-limited entries fires",
            [S("promtail_dropped_entries_total", Counter(6), Promtail, PromtailPod, Gateway, ("reason", "rate_limited"))],
            FiresAt(M(20), AlertNames.LogAgentDroppingEntries, [("instance", "10.0.0.6:3101"), ("job", "promtail-metrics"), ("reason", "rate_limited"), ("severity", "warning")],
                "Log agent 10.0.0.6:3101 drops log entries",
                "The log agent promtail-metrics on 10.0.0.6:3101 dropped 60 entries in the last 10m (rate_limited) after all retries: they never reach Loki.")),
        Case(AlertNames.LogAgentDroppingEntries, "old drops that no longer grow stay silent",
            [
                S("loki_write_dropped_entries_total", Gauge(17), Alloy, AlloyPod, Gateway, ("reason", "ingester_error")),
                S("promtail_dropped_entries_total", Gauge(4), Promtail, PromtailPod, Gateway, ("reason", "line_too_long")),
            ],
            SilentAt(M(30))),

        Case(AlertNames.LogAgentPushErrors, "20% of Alloy's pushes without an answer (-1) fire after 15m",
            [
                S("loki_write_request_duration_seconds_count", Counter(80), Alloy, AlloyPod, Gateway, ("status_code", "204")),
                S("loki_write_request_duration_seconds_count", Counter(20), Alloy, AlloyPod, Gateway, ("status_code", "-1")),
            ],
            SilentAt(M(15)),
            FiresAt(M(16), AlertNames.LogAgentPushErrors, [("instance", "10.0.0.5:12345"), ("job", "alloy"), ("severity", "warning")],
                "Log agent 10.0.0.5:12345 cannot push to Loki",
                "20% of the pushes of alloy on 10.0.0.5:12345 to Loki fail (threshold 10%, for 15m); entries are retried, then dropped.")),
        Case(AlertNames.LogAgentPushErrors, "30% of Promtail's pushes answered 429 or 500 fire",
            [
                S("promtail_request_duration_seconds_count", Counter(70), Promtail, PromtailPod, Gateway, ("status_code", "204")),
                S("promtail_request_duration_seconds_count", Counter(20), Promtail, PromtailPod, Gateway, ("status_code", "429")),
                S("promtail_request_duration_seconds_count", Counter(10), Promtail, PromtailPod, Gateway, ("status_code", "500")),
            ],
            FiresAt(M(16), AlertNames.LogAgentPushErrors, [("instance", "10.0.0.6:3101"), ("job", "promtail-metrics"), ("severity", "warning")],
                "Log agent 10.0.0.6:3101 cannot push to Loki",
                "30% of the pushes of promtail-metrics on 10.0.0.6:3101 to Loki fail (threshold 10%, for 15m); entries are retried, then dropped.")),
        Case(AlertNames.LogAgentPushErrors, "5% failed pushes stay silent",
            [
                S("loki_write_request_duration_seconds_count", Counter(95), Alloy, AlloyPod, Gateway, ("status_code", "204")),
                S("loki_write_request_duration_seconds_count", Counter(5), Alloy, AlloyPod, Gateway, ("status_code", "503")),
            ],
            SilentAt(M(30))),

        Case(AlertNames.LogAgentFileLagging, "Alloy 3 MB behind on a pod's log fires after 15m",
            [
                S("loki_source_file_file_bytes_total", Gauge(5_000_000), Alloy, AlloyPod, ("path", PodLog), ("component_id", "loki.source.file.pods"), ("component_path", "/")),
                S("loki_source_file_read_bytes_total", Gauge(2_000_000), Alloy, AlloyPod, ("path", PodLog), ("component_id", "loki.source.file.pods"), ("component_path", "/")),
            ],
            SilentAt(M(14)),
            FiresAt(M(15), AlertNames.LogAgentFileLagging, [("instance", "10.0.0.5:12345"), ("job", "alloy"), ("path", PodLog), ("severity", "warning")],
                $"Log agent 10.0.0.5:12345 falls behind on {PodLog}",
                $"alloy on 10.0.0.5:12345 has not read 2.861MiB of {PodLog} (threshold 1,000,000 bytes, for 15m); its logs arrive late, or are lost when the file rotates.")),
        Case(AlertNames.LogAgentFileLagging, "Promtail 500 kB behind stays silent",
            [
                S("promtail_file_bytes_total", Gauge(5_000_000), Promtail, PromtailPod, ("path", PodLog)),
                S("promtail_read_bytes_total", Gauge(4_500_000), Promtail, PromtailPod, ("path", PodLog)),
            ],
            SilentAt(M(30))),

        Case(AlertNames.AlloyComponentUnhealthy, "2 unhealthy components fire after 15m",
            [
                S("alloy_component_controller_running_components", Gauge(2), Alloy, AlloyPod, ("health_type", "unhealthy")),
                S("alloy_component_controller_running_components", Gauge(10), Alloy, AlloyPod, ("health_type", "healthy")),
            ],
            SilentAt(M(14)),
            FiresAt(M(15), AlertNames.AlloyComponentUnhealthy, [("health_type", "unhealthy"), ("instance", "10.0.0.5:12345"), ("job", "alloy"), ("severity", "warning")],
                "Alloy 10.0.0.5:12345 has unhealthy components",
                "2 components of alloy on 10.0.0.5:12345 are unhealthy (for 15m): part of its pipeline does not run.")),
        Case(AlertNames.AlloyComponentUnhealthy, "every component healthy stays silent",
            [
                S("alloy_component_controller_running_components", Gauge(0), Alloy, AlloyPod, ("health_type", "unhealthy")),
                S("alloy_component_controller_running_components", Gauge(12), Alloy, AlloyPod, ("health_type", "healthy")),
            ],
            SilentAt(M(30))),

        // ---- Tracing (Jaeger v2) ----
        Case(AlertNames.JaegerSpansRefused, "5% of OTLP/gRPC spans refused fire after 5m",
            [
                S("otelcol_receiver_accepted_spans_total", Counter(5700), Jaeger, JaegerPod, ("receiver", "otlp"), ("transport", "grpc")),
                S("otelcol_receiver_refused_spans_total", Counter(300), Jaeger, JaegerPod, ("receiver", "otlp"), ("transport", "grpc")),
            ],
            SilentAt(M(5)),
            FiresAt(M(6), AlertNames.JaegerSpansRefused, [("job", "jaeger"), ("receiver", "otlp"), ("severity", "warning"), ("transport", "grpc")],
                "Jaeger refuses spans on otlp/grpc",
                "jaeger refuses 5% of the spans sent to otlp over grpc (threshold 1%, for 5m); senders drop them.")),
        Case(AlertNames.JaegerSpansRefused, "0.5% refused stays silent",
            [
                S("otelcol_receiver_accepted_spans_total", Counter(5970), Jaeger, JaegerPod, ("receiver", "otlp"), ("transport", "http")),
                S("otelcol_receiver_refused_spans_total", Counter(30), Jaeger, JaegerPod, ("receiver", "otlp"), ("transport", "http")),
            ],
            SilentAt(M(30))),

        Case(AlertNames.JaegerSpanExportFailing, "10% of spans failing to reach storage fire after 5m",
            [
                S("otelcol_exporter_sent_spans_total", Counter(5400), Jaeger, JaegerPod, Storage),
                S("otelcol_exporter_send_failed_spans_total", Counter(600), Jaeger, JaegerPod, Storage),
            ],
            SilentAt(M(5)),
            FiresAt(M(6), AlertNames.JaegerSpanExportFailing, [("exporter", "jaeger_storage_exporter"), ("job", "jaeger"), ("severity", "warning")],
                "Jaeger cannot write spans to storage",
                "10% of the spans jaeger writes through jaeger_storage_exporter fail (threshold 1%, for 5m); those traces are lost.")),
        Case(AlertNames.JaegerSpanExportFailing, "no failures (the counter at 0) stay silent",
            [
                S("otelcol_exporter_sent_spans_total", Counter(6000), Jaeger, JaegerPod, Storage),
                S("otelcol_exporter_send_failed_spans_total", Gauge(0), Jaeger, JaegerPod, Storage),
            ],
            SilentAt(M(30))),

        Case(AlertNames.JaegerExporterQueueFull, "a queue 90% full fires after 5m",
            [
                S("otelcol_exporter_queue_size", Gauge(900), Jaeger, JaegerPod, Storage, ("data_type", "traces")),
                S("otelcol_exporter_queue_capacity", Gauge(1000), Jaeger, JaegerPod, Storage),
            ],
            SilentAt(M(4)),
            FiresAt(M(5), AlertNames.JaegerExporterQueueFull, [("exporter", "jaeger_storage_exporter"), ("job", "jaeger"), ("severity", "warning")],
                "Jaeger's jaeger_storage_exporter queue is nearly full",
                "The sending queue of jaeger_storage_exporter on jaeger is 90% full (threshold 80%, for 5m); once full, new spans are refused.")),
        Case(AlertNames.JaegerExporterQueueFull, "a queue half full stays silent",
            [
                S("otelcol_exporter_queue_size", Gauge(500), Jaeger, JaegerPod, Storage, ("data_type", "traces")),
                S("otelcol_exporter_queue_capacity", Gauge(1000), Jaeger, JaegerPod, Storage),
            ],
            SilentAt(M(30))),

        Case(AlertNames.SpansNotArriving, "10 requests per second and Jaeger up but accepting nothing fire after 15m",
            [
                S("http_requests_total", Counter(600), ("job", "api"), ("status", "200")),
                S("up", Gauge(1), Jaeger, JaegerPod),
                S("otelcol_receiver_accepted_spans_total", Gauge(12_000), Jaeger, JaegerPod, ("receiver", "otlp"), ("transport", "grpc")),
            ],
            SilentAt(M(15)),
            FiresAt(M(16), AlertNames.SpansNotArriving, [("severity", "warning")],
                "No spans arrive in Jaeger while the platform serves traffic",
                "The platform serves 10 requests per second (threshold 1/s) but Jaeger accepted no span (for 15m): tracing is broken between the services and Jaeger.")),
        Case(AlertNames.SpansNotArriving, "traffic and no Jaeger target at all fire",
            [S("http_requests_total", Counter(600), ("job", "api"), ("status", "200"))],
            FiresAt(M(16), AlertNames.SpansNotArriving, [("severity", "warning")],
                "No spans arrive in Jaeger while the platform serves traffic",
                "The platform serves 10 requests per second (threshold 1/s) but Jaeger accepted no span (for 15m): tracing is broken between the services and Jaeger.")),
        Case(AlertNames.SpansNotArriving, "spans arriving stay silent",
            [
                S("http_requests_total", Counter(600), ("job", "api"), ("status", "200")),
                S("up", Gauge(1), Jaeger, JaegerPod),
                S("otelcol_receiver_accepted_spans_total", Counter(3000), Jaeger, JaegerPod, ("receiver", "otlp"), ("transport", "grpc")),
            ],
            SilentAt(M(30))),
        Case(AlertNames.SpansNotArriving, "a quiet platform (0.5 requests per second) stays silent",
            [
                S("http_requests_total", Counter(30), ("job", "api"), ("status", "200")),
                S("up", Gauge(1), Jaeger, JaegerPod),
            ],
            SilentAt(M(30))),
        Case(AlertNames.SpansNotArriving, "Jaeger down while traffic flows stays silent: ServiceDown pages for it",
            [
                S("http_requests_total", Counter(600), ("job", "api"), ("status", "200")),
                S("up", Gauge(0), Jaeger, JaegerPod),
            ],
            SilentAt(M(30))),

        // ---- Grafana ----
        Case(AlertNames.GrafanaMissing, "no Grafana target fires after 5m",
            [S("up", Gauge(1), ("job", "api"), ("instance", "api-0:8080"))],
            SilentAt(M(4)),
            FiresAt(M(5), AlertNames.GrafanaMissing, [("job", "kube-prometheus-stack-grafana"), ("severity", "critical")],
                "Grafana is gone",
                "Prometheus has no Grafana target (for 5m): no Grafana pod exists (scaled to zero, not schedulable) or its ServiceMonitor is gone. Dashboards are unavailable.")),
        Case(AlertNames.GrafanaMissing, "a Grafana target, even down (ServiceDown's), stays silent",
            [S("up", Gauge(0), Grafana, ("instance", "10.0.3.2:3000"))],
            SilentAt(M(30))),

        Case(AlertNames.GrafanaRequestErrors, "20% of dashboard requests failing fire after 5m",
            [
                S("grafana_http_request_duration_seconds_count", Counter(80), Grafana, ("handler", "/api/dashboards/uid/:uid"), ("method", "GET"), ("status_code", "200")),
                S("grafana_http_request_duration_seconds_count", Counter(20), Grafana, ("handler", "/api/dashboards/uid/:uid"), ("method", "GET"), ("status_code", "500")),
            ],
            SilentAt(M(5)),
            FiresAt(M(6), AlertNames.GrafanaRequestErrors, [("job", "kube-prometheus-stack-grafana"), ("severity", "warning")],
                "Grafana kube-prometheus-stack-grafana fails requests",
                "20% of the requests kube-prometheus-stack-grafana serves (datasource queries excluded) fail with 5xx (threshold 10%, for 5m).")),
        Case(AlertNames.GrafanaRequestErrors, "failing datasource queries (the datasource alert's) stay silent",
            [
                S("grafana_http_request_duration_seconds_count", Counter(100), Grafana, ("handler", "/api/dashboards/uid/:uid"), ("method", "GET"), ("status_code", "200")),
                S("grafana_http_request_duration_seconds_count", Counter(100), Grafana, ("handler", "/api/ds/query"), ("method", "POST"), ("status_code", "500")),
                S("grafana_http_request_duration_seconds_count", Counter(100), Grafana, ("handler", "/api/datasources/proxy/uid/:uid/*"), ("method", "GET"), ("status_code", "502")),
            ],
            SilentAt(M(30))),

        Case(AlertNames.GrafanaDatasourceErrors, "20% 502 from the Loki datasource fire after 10m",
            [
                S("grafana_datasource_request_total", Counter(80), Grafana, ("datasource", "loki"), ("datasource_type", "loki"), ("method", "GET"), ("code", "200")),
                S("grafana_datasource_request_total", Counter(20), Grafana, ("datasource", "loki"), ("datasource_type", "loki"), ("method", "GET"), ("code", "502")),
            ],
            SilentAt(M(10)),
            FiresAt(M(11), AlertNames.GrafanaDatasourceErrors, [("datasource", "loki"), ("job", "kube-prometheus-stack-grafana"), ("severity", "warning")],
                "Grafana's datasource loki fails",
                "20% of the requests of kube-prometheus-stack-grafana to datasource loki fail with 5xx (threshold 10%, for 10m); panels using it show errors.")),
        Case(AlertNames.GrafanaDatasourceErrors, "5% errors and 4xx answers stay silent",
            [
                S("grafana_datasource_request_total", Counter(90), Grafana, ("datasource", "prometheus"), ("datasource_type", "prometheus"), ("method", "POST"), ("code", "200")),
                S("grafana_datasource_request_total", Counter(5), Grafana, ("datasource", "prometheus"), ("datasource_type", "prometheus"), ("method", "POST"), ("code", "503")),
                S("grafana_datasource_request_total", Counter(50), Grafana, ("datasource", "prometheus"), ("datasource_type", "prometheus"), ("method", "POST"), ("code", "400")),
            ],
            SilentAt(M(30))),
    ];
}
