using System.Collections.Immutable;
using Observability.Rules.Model;
using Observability.Rules.PromQl;

namespace Observability.Rules.Conventions;

/// <summary>
/// Loki 3.7 (chart 18.11.0) as its chart's ServiceMonitor scrapes it: every component Service of the release, the
/// <c>job</c> relabelled to <c>&lt;namespace&gt;/&lt;service&gt;</c> (<c>logging/loki</c> single binary, <c>logging/loki-distributor</c>,
/// <c>logging/loki-compactor</c> ... distributed). Metric names and labels are Loki's own (loki-mixin, <c>pkg/validation</c>,
/// <c>pkg/compactor</c>).
/// </summary>
public sealed record LokiConventions
{
    /// <summary>Any Loki component: <c>&lt;namespace&gt;/loki</c> or <c>&lt;namespace&gt;/loki-&lt;component&gt;</c>.</summary>
    public Matcher Job { get; init; } = Matcher.Re("job", ".+/loki(-.+)?");

    /// <summary>The components that accept pushes: the single binary, the distributors (distributed) or the write path (simple scalable).</summary>
    public Matcher IngestJob { get; init; } = Matcher.Re("job", ".+/loki(-distributor|-write)?");

    /// <summary>Histogram of every HTTP/gRPC request a Loki component serves, <c>{route, status_code, method}</c>.</summary>
    public Selector Requests => Selector.Of("loki_request_duration_seconds_count", Job);

    /// <summary>Which requests count as errors: 5xx.</summary>
    public ImmutableArray<Matcher> ErrorMatchers { get; init; } = [Matcher.Re("status_code", "5..")];

    /// <summary>Counter of recovered panics.</summary>
    public Selector Panics => Selector.Of("loki_panic_total", Job);

    /// <summary>Counter <c>{reason, tenant}</c>: log lines rejected by validation or limits (rate_limited, stream_limit, line_too_long, ...).</summary>
    public Selector DiscardedLines => Selector.Of("loki_discarded_samples_total", Job);

    /// <summary>Counter <c>{tenant}</c>: log lines the distributors received.</summary>
    public Selector LinesReceived => Selector.Of("loki_distributor_lines_received_total", Job);

    /// <summary>Gauge: Unix time of the compactor's last successful compaction (retention is applied in the same run); 0 before the first.</summary>
    public Selector CompactionLastSuccess => Selector.Of("loki_boltdb_shipper_compact_tables_operation_last_successful_run_timestamp_seconds", Job);

    /// <summary>The scrape targets of the components that accept pushes.</summary>
    public Selector IngestUp => Selector.Of("up", IngestJob);

    public Duration Window { get; init; } = Duration.Minutes(5);

    /// <summary>The window panics are counted over.</summary>
    public Duration PanicWindow { get; init; } = Duration.Minutes(10);

    public ImmutableArray<string> RequestBy { get; init; } = ["job", "route"];

    public ImmutableArray<string> DiscardedBy { get; init; } = ["tenant", "reason"];

    public PromExpr RequestErrorRatio() => Prom.ErrorRatio(Requests, ErrorMatchers, Window, RequestBy);

    /// <summary>Discarded lines per reason as a share of the lines the tenant sent.</summary>
    public PromExpr DiscardedRatio() =>
        Prom.Sum(Prom.Rate(DiscardedLines, Window), DiscardedBy)
            .DivideOnGroupLeft(Prom.Sum(Prom.Rate(LinesReceived, Window), "tenant"), "tenant");

    public PromExpr LinesReceivedRate() => Prom.Sum(Prom.Rate(LinesReceived, Window));

    /// <summary>Seconds since the last successful compaction, per compactor (never-run compactors, value 0, are left out).</summary>
    public PromExpr SecondsSinceCompaction() => Prom.Min(new PromExpr("time()") - (CompactionLastSuccess.ToExpr() > 0.0), "job");
}

/// <summary>
/// The log agent on every node: Grafana Alloy v1.18 (<c>loki.source.file</c> → <c>loki.write</c>; the chart's ServiceMonitor,
/// job <c>alloy</c>) or Promtail 3.5 (job <c>promtail-metrics</c>, the chart's metrics Service). The rules read both agents'
/// metrics; only the deployed agent's exist, so the same alert works for either.
/// </summary>
public sealed record LogAgentConventions
{
    /// <summary>Alloy <c>loki.write</c>: entries dropped after all retries, <c>{host, tenant, reason}</c>.</summary>
    public Selector AlloyDropped { get; init; } = Selector.Of("loki_write_dropped_entries_total");

    public Selector PromtailDropped { get; init; } = Selector.Of("promtail_dropped_entries_total");

    /// <summary>Push requests to Loki, <c>{status_code, host, tenant}</c>; status_code is the HTTP status, or -1 when no response came.</summary>
    public Selector AlloyRequests { get; init; } = Selector.Of("loki_write_request_duration_seconds_count");

    public Selector PromtailRequests { get; init; } = Selector.Of("promtail_request_duration_seconds_count");

    /// <summary>Every push that did not get a 2xx answer (5xx, 429 rate limited, -1 connection failures).</summary>
    public ImmutableArray<Matcher> FailedPush { get; init; } = [Matcher.NotRe("status_code", "2..")];

    /// <summary>Alloy <c>loki.source.file</c> gauges <c>{path}</c>: the file's size and how far the agent has read it.</summary>
    public Selector AlloyFileBytes { get; init; } = Selector.Of("loki_source_file_file_bytes_total");

    public Selector AlloyReadBytes { get; init; } = Selector.Of("loki_source_file_read_bytes_total");

    public Selector PromtailFileBytes { get; init; } = Selector.Of("promtail_file_bytes_total");

    public Selector PromtailReadBytes { get; init; } = Selector.Of("promtail_read_bytes_total");

    /// <summary>Alloy's components by health (<c>health_type</c>: healthy, unhealthy, unknown, exited).</summary>
    public Selector AlloyComponents { get; init; } =
        Selector.Of("alloy_component_controller_running_components", Matcher.NotEq("health_type", "healthy"));

    public Duration Window { get; init; } = Duration.Minutes(5);

    /// <summary>The window dropped entries are counted over (alloy-mixin: 10m).</summary>
    public Duration DropWindow { get; init; } = Duration.Minutes(10);

    public ImmutableArray<string> By { get; init; } = ["job", "instance"];

    public PromExpr Dropped(bool alloy) =>
        Prom.Sum(Prom.Increase(alloy ? AlloyDropped : PromtailDropped, DropWindow), [.. By, "reason"]);

    public PromExpr PushErrorRatio(bool alloy) => Prom.ErrorRatio(alloy ? AlloyRequests : PromtailRequests, FailedPush, Window, By);

    /// <summary>Bytes written to each file that the agent has not read yet.</summary>
    public PromExpr UnreadBytes(bool alloy) =>
        Prom.Max((alloy ? AlloyFileBytes : PromtailFileBytes).ToExpr() - (alloy ? AlloyReadBytes : PromtailReadBytes).ToExpr(), [.. By, "path"]);

    public PromExpr UnhealthyComponents() => Prom.Sum(AlloyComponents, [.. By, "health_type"]);
}

/// <summary>
/// Jaeger 2.19 (OpenTelemetry collector v0.153 inside) through its own telemetry (the Prometheus reader on 8888, our
/// <c>tracing/jaeger</c> ServiceMonitor, job <c>jaeger</c>). The OTel Prometheus exporter suffixes counters with <c>_total</c>.
/// </summary>
public sealed record TracingConventions
{
    public Matcher Job { get; init; } = Matcher.Eq("job", "jaeger");

    /// <summary>Spans pushed into the pipeline, <c>{receiver, transport}</c>.</summary>
    public Selector Accepted => Selector.Of("otelcol_receiver_accepted_spans_total", Job);

    /// <summary>Spans the receiver could not push into the pipeline (refused by a processor or back-pressure).</summary>
    public Selector Refused => Selector.Of("otelcol_receiver_refused_spans_total", Job);

    /// <summary>Spans written to storage by the exporter, <c>{exporter}</c>.</summary>
    public Selector Sent => Selector.Of("otelcol_exporter_sent_spans_total", Job);

    /// <summary>Spans the exporter failed to write to storage.</summary>
    public Selector SendFailed => Selector.Of("otelcol_exporter_send_failed_spans_total", Job);

    /// <summary>The exporter's sending queue (exported only when the exporter has a <c>queue</c>).</summary>
    public Selector QueueSize => Selector.Of("otelcol_exporter_queue_size", Job);

    public Selector QueueCapacity => Selector.Of("otelcol_exporter_queue_capacity", Job);

    public Selector Up => Selector.Of("up", Job);

    public Duration Window { get; init; } = Duration.Minutes(5);

    public ImmutableArray<string> ReceiverBy { get; init; } = ["job", "receiver", "transport"];

    public ImmutableArray<string> ExporterBy { get; init; } = ["job", "exporter"];

    public PromExpr RefusedRatio()
    {
        var refused = Prom.Sum(Prom.Rate(Refused, Window), ReceiverBy);
        return refused / (Prom.Sum(Prom.Rate(Accepted, Window), ReceiverBy) + refused);
    }

    public PromExpr SendFailedRatio()
    {
        var failed = Prom.Sum(Prom.Rate(SendFailed, Window), ExporterBy);
        return failed / (Prom.Sum(Prom.Rate(Sent, Window), ExporterBy) + failed);
    }

    public PromExpr QueueUtilisation() => Prom.Max(QueueSize, ExporterBy) / Prom.Max(QueueCapacity, ExporterBy);

    public PromExpr AcceptedRate() => Prom.Sum(Prom.Rate(Accepted, Window));
}

/// <summary>
/// Grafana 13.2 (kube-prometheus-stack's grafana subchart, its ServiceMonitor: the Service name
/// <c>kube-prometheus-stack-grafana</c> is the job).
/// </summary>
public sealed record GrafanaConventions
{
    public Matcher Job { get; init; } = Matcher.Eq("job", "kube-prometheus-stack-grafana");

    /// <summary>Requests Grafana serves, <c>{handler, method, status_code}</c>.</summary>
    public Selector Requests => Selector.Of("grafana_http_request_duration_seconds_count", Job);

    /// <summary>Handlers whose errors are the datasource's (the datasource alert covers them).</summary>
    public Matcher NotDatasourceHandlers { get; init; } = Matcher.NotRe("handler", "/api/datasources/proxy/.*|/api/ds/query|/api/tsdb/query");

    public ImmutableArray<Matcher> ErrorMatchers { get; init; } = [Matcher.Re("status_code", "5..")];

    /// <summary>Requests Grafana sends to its datasources, <c>{datasource, datasource_type, code, method}</c> (HTTP answers only).</summary>
    public Selector DatasourceRequests => Selector.Of("grafana_datasource_request_total", Job);

    public ImmutableArray<Matcher> DatasourceErrorMatchers { get; init; } = [Matcher.Re("code", "5..")];

    public Selector Up => Selector.Of("up", Job);

    public Duration Window { get; init; } = Duration.Minutes(5);

    public ImmutableArray<string> By { get; init; } = ["job"];

    public ImmutableArray<string> DatasourceBy { get; init; } = ["job", "datasource"];

    public PromExpr RequestErrorRatio() => Prom.ErrorRatio(Requests.With(NotDatasourceHandlers), ErrorMatchers, Window, By);

    public PromExpr DatasourceErrorRatio() => Prom.ErrorRatio(DatasourceRequests, DatasourceErrorMatchers, Window, DatasourceBy);
}
