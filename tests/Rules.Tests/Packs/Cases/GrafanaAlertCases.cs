using Observability.Rules.Packs;
using static Observability.Rules.Tests.Packs.CaseDsl;

namespace Observability.Rules.Tests.Packs.Cases;

/// <summary>Grafana (<c>kube-prometheus-stack-grafana</c>, kube-prometheus-stack's ServiceMonitor). Firing and silent, with exact labels and annotations.</summary>
internal sealed class GrafanaAlertCases : PackCases
{
    private static readonly (string, string) Grafana = ("job", "kube-prometheus-stack-grafana");

    public override RulePack Pack => GrafanaRules.Pack;

    public override IReadOnlyList<AlertCase> Cases { get; } =
    [
        Case(GrafanaRules.GrafanaMissing, "no Grafana target fires after 5m",
            [S("up", Gauge(1), ("job", "api"), ("instance", "api-0:8080"))],
            SilentAt(M(4)),
            FiresAt(M(5), GrafanaRules.GrafanaMissing, [("job", "kube-prometheus-stack-grafana"), ("severity", "critical")],
                "Grafana is gone",
                "Prometheus has no Grafana target (for 5m): no Grafana pod exists (scaled to zero, not schedulable) or its ServiceMonitor is gone. Dashboards are unavailable.")),
        Case(GrafanaRules.GrafanaMissing, "a Grafana target, even down (ServiceDown's), stays silent",
            [S("up", Gauge(0), Grafana, ("instance", "10.0.3.2:3000"))],
            SilentAt(M(30))),

        Case(GrafanaRules.GrafanaRequestErrors, "20% of dashboard requests failing fire after 5m",
            [
                S("grafana_http_request_duration_seconds_count", Counter(80), Grafana, ("handler", "/api/dashboards/uid/:uid"), ("method", "GET"), ("status_code", "200")),
                S("grafana_http_request_duration_seconds_count", Counter(20), Grafana, ("handler", "/api/dashboards/uid/:uid"), ("method", "GET"), ("status_code", "500")),
            ],
            SilentAt(M(5)),
            FiresAt(M(6), GrafanaRules.GrafanaRequestErrors, [("job", "kube-prometheus-stack-grafana"), ("severity", "warning")],
                "Grafana kube-prometheus-stack-grafana fails requests",
                "20% of the requests kube-prometheus-stack-grafana serves (datasource queries excluded) fail with 5xx (threshold 10%, for 5m).")),
        Case(GrafanaRules.GrafanaRequestErrors, "failing datasource queries (the datasource alert's) stay silent",
            [
                S("grafana_http_request_duration_seconds_count", Counter(100), Grafana, ("handler", "/api/dashboards/uid/:uid"), ("method", "GET"), ("status_code", "200")),
                S("grafana_http_request_duration_seconds_count", Counter(100), Grafana, ("handler", "/api/ds/query"), ("method", "POST"), ("status_code", "500")),
                S("grafana_http_request_duration_seconds_count", Counter(100), Grafana, ("handler", "/api/datasources/proxy/uid/:uid/*"), ("method", "GET"), ("status_code", "502")),
            ],
            SilentAt(M(30))),

        Case(GrafanaRules.GrafanaDatasourceErrors, "20% 502 from the Loki datasource fire after 10m",
            [
                S("grafana_datasource_request_total", Counter(80), Grafana, ("datasource", "loki"), ("datasource_type", "loki"), ("method", "GET"), ("code", "200")),
                S("grafana_datasource_request_total", Counter(20), Grafana, ("datasource", "loki"), ("datasource_type", "loki"), ("method", "GET"), ("code", "502")),
            ],
            SilentAt(M(10)),
            FiresAt(M(11), GrafanaRules.GrafanaDatasourceErrors, [("datasource", "loki"), ("job", "kube-prometheus-stack-grafana"), ("severity", "warning")],
                "Grafana's datasource loki fails",
                "20% of the requests of kube-prometheus-stack-grafana to datasource loki fail with 5xx (threshold 10%, for 10m); panels using it show errors.")),
        Case(GrafanaRules.GrafanaDatasourceErrors, "5% errors and 4xx answers stay silent",
            [
                S("grafana_datasource_request_total", Counter(90), Grafana, ("datasource", "prometheus"), ("datasource_type", "prometheus"), ("method", "POST"), ("code", "200")),
                S("grafana_datasource_request_total", Counter(5), Grafana, ("datasource", "prometheus"), ("datasource_type", "prometheus"), ("method", "POST"), ("code", "503")),
                S("grafana_datasource_request_total", Counter(50), Grafana, ("datasource", "prometheus"), ("datasource_type", "prometheus"), ("method", "POST"), ("code", "400")),
            ],
            SilentAt(M(30))),
    ];
}
