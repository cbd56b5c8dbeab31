using Observability.Rules.Packs;
using static Observability.Rules.Tests.Packs.CaseDsl;

namespace Observability.Rules.Tests.Packs.Cases;

/// <summary>HTTP: error ratio and count, latency, targets down (the control plane excepted). Firing and silent, with exact labels and annotations.</summary>
internal sealed class HttpAlertCases : PackCases
{
    private static readonly (string, string) Api = ("job", "api");

    public override RulePack Pack => HttpRules.Pack;

    public override IReadOnlyList<AlertCase> Cases { get; } =
    [
        Case(HttpRules.HighErrorRate, "10% 5xx fires once the 5m for has elapsed",
            [
                S("http_requests_total", Counter(540), Api, ("instance", "api-0:8080"), ("method", "GET"), ("endpoint", "/orders"), ("status", "200")),
                S("http_requests_total", Counter(60), Api, ("instance", "api-0:8080"), ("method", "GET"), ("endpoint", "/orders"), ("status", "503")),
            ],
            SilentAt(M(5)),
            FiresAt(M(6), HttpRules.HighErrorRate, [("job", "api"), ("severity", "critical")],
                "High HTTP error rate on api",
                "10% of requests to api fail with 5xx (threshold 5%, for 5m).")),
        Case(HttpRules.HighErrorRate, "4.8% 5xx stays silent",
            [
                S("http_requests_total", Counter(571), Api, ("status", "200")),
                S("http_requests_total", Counter(29), Api, ("status", "500")),
            ],
            SilentAt(M(30))),

        // rate() over 5m reaches the full 12/s only once the window holds 5 minutes of samples (t=5m): pending then, firing at 10m.
        Case(HttpRules.HighErrorCount, "12 errors per second fire once the 5m window is full and the 5m for has elapsed",
            [S("http_requests_total", Counter(720), Api, ("status", "500"))],
            SilentAt(M(9)),
            FiresAt(M(10), HttpRules.HighErrorCount, [("job", "api"), ("severity", "critical")],
                "Many HTTP errors on api",
                "api answers 12 requests per second with 5xx (threshold 10/s, for 5m).")),
        Case(HttpRules.HighErrorCount, "9 errors per second stay silent, 4xx never count",
            [
                S("http_requests_total", Counter(540), Api, ("status", "500")),
                S("http_requests_total", Counter(6000), Api, ("status", "404")),
            ],
            SilentAt(M(30))),

        Case(HttpRules.SlowResponseTime, "p95 of 2.425s fires after 5m",
            [
                S("http_request_duration_seconds_bucket", Counter(0), Api, ("le", "0.5")),
                S("http_request_duration_seconds_bucket", Counter(0), Api, ("le", "1")),
                S("http_request_duration_seconds_bucket", Counter(60), Api, ("le", "2.5")),
                S("http_request_duration_seconds_bucket", Counter(60), Api, ("le", "+Inf")),
            ],
            SilentAt(M(5)),
            FiresAt(M(6), HttpRules.SlowResponseTime, [("job", "api"), ("severity", "warning")],
                "Slow responses from api",
                "The 95th percentile latency of api is 2.425s (threshold 1s, for 5m).")),
        Case(HttpRules.SlowResponseTime, "p95 of 0.975s stays silent",
            [
                S("http_request_duration_seconds_bucket", Counter(0), Api, ("le", "0.5")),
                S("http_request_duration_seconds_bucket", Counter(60), Api, ("le", "1")),
                S("http_request_duration_seconds_bucket", Counter(60), Api, ("le", "2.5")),
                S("http_request_duration_seconds_bucket", Counter(60), Api, ("le", "+Inf")),
            ],
            SilentAt(M(30))),

        Case(HttpRules.ServiceDown, "a target down fires after 1m",
            [S("up", Gauge(0), Api, ("instance", "api-0:8080"))],
            SilentAt(M(0)),
            FiresAt(M(1), HttpRules.ServiceDown, [("instance", "api-0:8080"), ("job", "api"), ("severity", "critical")],
                "api target api-0:8080 is down",
                "Prometheus cannot scrape api-0:8080 of job api (for 1m).")),
        Case(HttpRules.ServiceDown, "targets up, and node-exporter (NodeDown's) down, stay silent",
            [
                S("up", Gauge(1), Api, ("instance", "api-0:8080")),
                S("up", Gauge(0), ("job", "node-exporter"), ("instance", "node-1:9100")),
            ],
            SilentAt(M(30))),
        Case(HttpRules.ServiceDown, "control-plane targets bound to localhost (kube-scheduler, kube-controller-manager, kube-etcd, kube-proxy) down stay silent",
            [
                S("up", Gauge(0), ("job", "kube-scheduler"), ("instance", "10.0.0.1:10259")),
                S("up", Gauge(0), ("job", "kube-controller-manager"), ("instance", "10.0.0.1:10257")),
                S("up", Gauge(0), ("job", "kube-etcd"), ("instance", "10.0.0.1:2381")),
                S("up", Gauge(0), ("job", "kube-proxy"), ("instance", "10.0.0.2:10249")),
                S("up", Gauge(1), Api, ("instance", "api-0:8080")),
            ],
            SilentAt(M(30))),
        Case(HttpRules.ServiceDown, "a job outside the control plane (kube-state-metrics) down fires after 1m",
            [S("up", Gauge(0), ("job", "kube-state-metrics"), ("instance", "10.1.0.5:8080"))],
            SilentAt(M(0)),
            FiresAt(M(1), HttpRules.ServiceDown, [("instance", "10.1.0.5:8080"), ("job", "kube-state-metrics"), ("severity", "critical")],
                "kube-state-metrics target 10.1.0.5:8080 is down",
                "Prometheus cannot scrape 10.1.0.5:8080 of job kube-state-metrics (for 1m).")),
    ];
}
