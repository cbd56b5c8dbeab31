using System.Collections.Immutable;
using Observability.Rules.Conventions;
using Observability.Rules.Model;
using Observability.Rules.Slo;
using Observability.Rules.Validation;

namespace Observability.Dashboards.Metrics;

/// <summary>
/// The metric names dashboards may query, by source: the standard exporters, the platform, Prometheus itself and
/// our recording rules (taken from the real rule groups and SLO specs). A dashboard that queries anything else
/// shows an empty panel in production: <see cref="Check"/> reports it with the panel's path.
/// </summary>
public sealed class MetricCatalogue
{
    public const string RecordingRulesSource = "recording rules";

    private readonly Dictionary<string, string> sourceByMetric = new(StringComparer.Ordinal);

    private MetricCatalogue()
    {
    }

    /// <summary>Metric name → the source that emits it.</summary>
    public IReadOnlyDictionary<string, string> Sources => sourceByMetric;

    public bool Contains(string metric) => sourceByMetric.ContainsKey(metric);

    public static ImmutableArray<string> Histogram(string name) => [name + "_bucket", name + "_sum", name + "_count"];

    /// <summary>The exporters' and the platform's metrics plus every recording rule of <paramref name="ruleGroups"/> and <paramref name="slos"/>.</summary>
    public static MetricCatalogue Create(IEnumerable<RuleGroup> ruleGroups, IEnumerable<SloDashboardSpec> slos)
    {
        ArgumentNullException.ThrowIfNull(ruleGroups);
        ArgumentNullException.ThrowIfNull(slos);
        var catalogue = new MetricCatalogue();
        catalogue.Add("prometheus", ["up", "ALERTS", "ALERTS_FOR_STATE", "scrape_duration_seconds", "scrape_samples_scraped"]);
        catalogue.Add("kube-state-metrics",
        [
            "kube_pod_status_phase", "kube_pod_container_status_restarts_total", "kube_deployment_status_replicas_available",
            "kube_deployment_spec_replicas", "kube_deployment_status_observed_generation", "kube_node_status_condition",
            "kube_pod_container_resource_requests", "kube_pod_container_resource_limits", "kube_node_info",
        ]);
        catalogue.Add("cadvisor",
        [
            "container_cpu_usage_seconds_total", "container_memory_working_set_bytes", "container_network_receive_bytes_total",
            "container_network_transmit_bytes_total", "container_cpu_cfs_throttled_periods_total", "container_cpu_cfs_periods_total",
        ]);
        // The standard exporters' metrics come from their catalogue (names and labels checked in their source at the
        // deployed versions, and against Debian's exporters in tests/EndToEnd.Tests), under their scrape job names.
        foreach (var exporter in ExporterMetrics.All.GroupBy(m => m.Exporter.Job, StringComparer.Ordinal))
            catalogue.Add(exporter.Key, exporter.Select(m => m.Name));
        catalogue.Add("loki",
        [
            .. Histogram("loki_request_duration_seconds"), "loki_panic_total", "loki_discarded_samples_total",
            "loki_distributor_lines_received_total", "loki_boltdb_shipper_compact_tables_operation_last_successful_run_timestamp_seconds",
        ]);
        catalogue.Add("alloy",
        [
            "loki_write_dropped_entries_total", "loki_write_sent_entries_total", .. Histogram("loki_write_request_duration_seconds"),
            "loki_source_file_file_bytes_total", "loki_source_file_read_bytes_total", "alloy_component_controller_running_components",
        ]);
        catalogue.Add("promtail",
        [
            "promtail_dropped_entries_total", "promtail_sent_entries_total", .. Histogram("promtail_request_duration_seconds"),
            "promtail_file_bytes_total", "promtail_read_bytes_total",
        ]);
        catalogue.Add("jaeger",
        [
            "otelcol_receiver_accepted_spans_total", "otelcol_receiver_refused_spans_total", "otelcol_exporter_sent_spans_total",
            "otelcol_exporter_send_failed_spans_total", "otelcol_exporter_queue_size", "otelcol_exporter_queue_capacity",
        ]);
        catalogue.Add("grafana", [.. Histogram("grafana_http_request_duration_seconds"), "grafana_datasource_request_total"]);
        catalogue.Add("platform",
        [
            .. PlatformMetrics.Counters, .. PlatformMetrics.Gauges,
            .. PlatformMetrics.Histograms.SelectMany(h => Histogram(h)),
        ]);
        catalogue.Add(RecordingRulesSource,
        [
            .. ruleGroups.SelectMany(g => g.Rules).OfType<RecordingRule>().Select(r => r.Record),
            .. slos.SelectMany(s => s.RecordedMetrics),
        ]);
        return catalogue;
    }

    private void Add(string source, IEnumerable<string> metrics)
    {
        foreach (var metric in metrics)
            sourceByMetric.TryAdd(metric, source);
    }

    /// <summary>Every query of <paramref name="dashboards"/> that reads a metric no known source emits.</summary>
    public ImmutableArray<Problem> Check(IEnumerable<Dashboard> dashboards)
    {
        ArgumentNullException.ThrowIfNull(dashboards);
        var problems = ImmutableArray.CreateBuilder<Problem>();
        foreach (var dashboard in dashboards)
        {
            foreach (var (expr, path) in PromQueries(dashboard))
            {
                foreach (var metric in PromQlMetrics.Extract(expr).Where(m => !Contains(m)))
                {
                    problems.Add(new Problem(path,
                        $"queries metric \"{metric}\", which no known exporter, the platform or a recording rule emits"));
                }
            }
        }

        return problems.ToImmutable();
    }

    /// <summary>Every PromQL expression of a dashboard (panel queries, Prometheus variables and annotations) with its path.</summary>
    public static IEnumerable<(string Expr, string Path)> PromQueries(Dashboard dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        var path = $"dashboard \"{dashboard.Uid}\"";
        foreach (var variable in dashboard.VariableList.OfType<QueryVariable>().Where(v => v.Datasource.Type == Datasources.PrometheusType))
            yield return (LabelValuesSelector(variable.Query), $"{path}, variable \"{variable.Name}\"");
        foreach (var annotation in dashboard.AnnotationList.OfType<PrometheusAnnotation>())
            yield return (annotation.Expr, $"{path}, annotation \"{annotation.Name}\"");
        foreach (var (row, panel) in dashboard.AllPanels())
        {
            for (var i = 0; i < panel.TargetList.Length; i++)
            {
                if (panel.TargetList[i] is PromQuery prom)
                    yield return (prom.Expr, $"{path}, row \"{row.Title}\", panel \"{panel.Title}\", query {DashboardJson.RefId(i)}");
            }
        }
    }

    /// <summary>The series selector of <c>label_values(selector, label)</c> (or the query itself).</summary>
    public static string LabelValuesSelector(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        const string prefix = "label_values(";
        if (!query.StartsWith(prefix, StringComparison.Ordinal) || !query.EndsWith(')'))
            return query;
        var inner = query[prefix.Length..^1];
        var comma = inner.LastIndexOf(',');
        return comma < 0 ? "" : inner[..comma].Trim();
    }
}
