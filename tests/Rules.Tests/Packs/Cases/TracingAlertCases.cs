using Observability.Rules.Packs;
using static Observability.Rules.Tests.Packs.CaseDsl;

namespace Observability.Rules.Tests.Packs.Cases;

/// <summary>Jaeger v2 (<c>jaeger</c>, our ServiceMonitor). Firing and silent, with exact labels and annotations.</summary>
internal sealed class TracingAlertCases : PackCases
{
    private static readonly (string, string) Jaeger = ("job", "jaeger");
    private static readonly (string, string) JaegerPod = ("instance", "10.0.1.7:8888");
    private static readonly (string, string) Storage = ("exporter", "jaeger_storage_exporter");

    public override RulePack Pack => TracingRules.Pack;

    public override IReadOnlyList<AlertCase> Cases { get; } =
    [
        Case(TracingRules.JaegerSpansRefused, "5% of OTLP/gRPC spans refused fire after 5m",
            [
                S("otelcol_receiver_accepted_spans_total", Counter(5700), Jaeger, JaegerPod, ("receiver", "otlp"), ("transport", "grpc")),
                S("otelcol_receiver_refused_spans_total", Counter(300), Jaeger, JaegerPod, ("receiver", "otlp"), ("transport", "grpc")),
            ],
            SilentAt(M(5)),
            FiresAt(M(6), TracingRules.JaegerSpansRefused, [("job", "jaeger"), ("receiver", "otlp"), ("severity", "warning"), ("transport", "grpc")],
                "Jaeger refuses spans on otlp/grpc",
                "jaeger refuses 5% of the spans sent to otlp over grpc (threshold 1%, for 5m); senders drop them.")),
        Case(TracingRules.JaegerSpansRefused, "0.5% refused stays silent",
            [
                S("otelcol_receiver_accepted_spans_total", Counter(5970), Jaeger, JaegerPod, ("receiver", "otlp"), ("transport", "http")),
                S("otelcol_receiver_refused_spans_total", Counter(30), Jaeger, JaegerPod, ("receiver", "otlp"), ("transport", "http")),
            ],
            SilentAt(M(30))),

        Case(TracingRules.JaegerSpanExportFailing, "10% of spans failing to reach storage fire after 5m",
            [
                S("otelcol_exporter_sent_spans_total", Counter(5400), Jaeger, JaegerPod, Storage),
                S("otelcol_exporter_send_failed_spans_total", Counter(600), Jaeger, JaegerPod, Storage),
            ],
            SilentAt(M(5)),
            FiresAt(M(6), TracingRules.JaegerSpanExportFailing, [("exporter", "jaeger_storage_exporter"), ("job", "jaeger"), ("severity", "warning")],
                "Jaeger cannot write spans to storage",
                "10% of the spans jaeger writes through jaeger_storage_exporter fail (threshold 1%, for 5m); those traces are lost.")),
        Case(TracingRules.JaegerSpanExportFailing, "no failures (the counter at 0) stay silent",
            [
                S("otelcol_exporter_sent_spans_total", Counter(6000), Jaeger, JaegerPod, Storage),
                S("otelcol_exporter_send_failed_spans_total", Gauge(0), Jaeger, JaegerPod, Storage),
            ],
            SilentAt(M(30))),

        Case(TracingRules.JaegerExporterQueueFull, "a queue 90% full fires after 5m",
            [
                S("otelcol_exporter_queue_size", Gauge(900), Jaeger, JaegerPod, Storage, ("data_type", "traces")),
                S("otelcol_exporter_queue_capacity", Gauge(1000), Jaeger, JaegerPod, Storage),
            ],
            SilentAt(M(4)),
            FiresAt(M(5), TracingRules.JaegerExporterQueueFull, [("exporter", "jaeger_storage_exporter"), ("job", "jaeger"), ("severity", "warning")],
                "Jaeger's jaeger_storage_exporter queue is nearly full",
                "The sending queue of jaeger_storage_exporter on jaeger is 90% full (threshold 80%, for 5m); once full, new spans are refused.")),
        Case(TracingRules.JaegerExporterQueueFull, "a queue half full stays silent",
            [
                S("otelcol_exporter_queue_size", Gauge(500), Jaeger, JaegerPod, Storage, ("data_type", "traces")),
                S("otelcol_exporter_queue_capacity", Gauge(1000), Jaeger, JaegerPod, Storage),
            ],
            SilentAt(M(30))),

        Case(TracingRules.SpansNotArriving, "10 requests per second and Jaeger up but accepting nothing fire after 15m",
            [
                S("http_requests_total", Counter(600), ("job", "api"), ("status", "200")),
                S("up", Gauge(1), Jaeger, JaegerPod),
                S("otelcol_receiver_accepted_spans_total", Gauge(12_000), Jaeger, JaegerPod, ("receiver", "otlp"), ("transport", "grpc")),
            ],
            SilentAt(M(15)),
            FiresAt(M(16), TracingRules.SpansNotArriving, [("severity", "warning")],
                "No spans arrive in Jaeger while the platform serves traffic",
                "The platform serves 10 requests per second (threshold 1/s) but Jaeger accepted no span (for 15m): tracing is broken between the services and Jaeger.")),
        Case(TracingRules.SpansNotArriving, "traffic and no Jaeger target at all fire",
            [S("http_requests_total", Counter(600), ("job", "api"), ("status", "200"))],
            FiresAt(M(16), TracingRules.SpansNotArriving, [("severity", "warning")],
                "No spans arrive in Jaeger while the platform serves traffic",
                "The platform serves 10 requests per second (threshold 1/s) but Jaeger accepted no span (for 15m): tracing is broken between the services and Jaeger.")),
        Case(TracingRules.SpansNotArriving, "spans arriving stay silent",
            [
                S("http_requests_total", Counter(600), ("job", "api"), ("status", "200")),
                S("up", Gauge(1), Jaeger, JaegerPod),
                S("otelcol_receiver_accepted_spans_total", Counter(3000), Jaeger, JaegerPod, ("receiver", "otlp"), ("transport", "grpc")),
            ],
            SilentAt(M(30))),
        Case(TracingRules.SpansNotArriving, "a quiet platform (0.5 requests per second) stays silent",
            [
                S("http_requests_total", Counter(30), ("job", "api"), ("status", "200")),
                S("up", Gauge(1), Jaeger, JaegerPod),
            ],
            SilentAt(M(30))),
        Case(TracingRules.SpansNotArriving, "Jaeger down while traffic flows stays silent: ServiceDown pages for it",
            [
                S("http_requests_total", Counter(600), ("job", "api"), ("status", "200")),
                S("up", Gauge(0), Jaeger, JaegerPod),
            ],
            SilentAt(M(30))),
    ];
}
