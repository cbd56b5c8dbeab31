using Observability.Rules.Model;

namespace Observability.Rules.Packs;

/// <summary>Loki alerts (loki-mixin's, plus logs that stop arriving).</summary>
public sealed record LokiPackOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>More than 10% of a route's requests answered 5xx for 15m (critical; loki-mixin LokiRequestErrors).</summary>
    public AlertThreshold LokiRequestErrors { get; init; } = new(0.10, Duration.Minutes(15));

    /// <summary>Any panic in the panic window (10m); fires at once (critical; loki-mixin LokiRequestPanics).</summary>
    public Duration LokiRequestPanicsFor { get; init; } = Duration.Zero;

    /// <summary>More than 1% of a tenant's lines discarded (limits, validation) for 15m (warning).</summary>
    public AlertThreshold LokiDiscardingLogs { get; init; } = new(0.01, Duration.Minutes(15));

    /// <summary>No successful compaction (and so no retention) for more than 3 hours (10,800 s), for 15m (warning).</summary>
    public AlertThreshold LokiCompactionNotRunning { get; init; } = new(10_800, Duration.Minutes(15));

    /// <summary>Loki is up but received no log line from any node for 15m, or Loki is not scraped at all (critical).</summary>
    public Duration LogsNotArrivingFor { get; init; } = Duration.Minutes(15);
}

/// <summary>Log agent alerts (Alloy or Promtail: the same alerts read either agent's metrics).</summary>
public sealed record LogAgentPackOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>Any entry dropped in the drop window (10m), held for 5m (warning; alloy-mixin LokiWriteDroppedEntries).</summary>
    public Duration LogAgentDroppingEntriesFor { get; init; } = Duration.Minutes(5);

    /// <summary>More than 10% of a node's pushes to Loki fail for 15m (warning; loki-mixin PromtailRequestsErrors).</summary>
    public AlertThreshold LogAgentPushErrors { get; init; } = new(0.10, Duration.Minutes(15));

    /// <summary>A log file more than 1,000,000 bytes ahead of what the agent has read, for 15m (warning).</summary>
    public AlertThreshold LogAgentFileLagging { get; init; } = new(1_000_000, Duration.Minutes(15));

    /// <summary>An Alloy component not healthy for 15m (warning; alloy-mixin UnhealthyComponents).</summary>
    public Duration AlloyComponentUnhealthyFor { get; init; } = Duration.Minutes(15);
}

/// <summary>Jaeger v2 alerts (the OpenTelemetry collector's own telemetry).</summary>
public sealed record TracingPackOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>More than 1% of a receiver's spans refused for 5m (warning; jaeger-mixin OtelReceiverRefusedSpans).</summary>
    public AlertThreshold JaegerSpansRefused { get; init; } = new(0.01, Duration.Minutes(5));

    /// <summary>More than 1% of spans failing to reach storage for 5m (warning).</summary>
    public AlertThreshold JaegerSpanExportFailing { get; init; } = new(0.01, Duration.Minutes(5));

    /// <summary>The exporter's sending queue above 80% full for 5m (warning; jaeger-mixin OtelExporterQueueFull).</summary>
    public AlertThreshold JaegerExporterQueueFull { get; init; } = new(0.80, Duration.Minutes(5));

    /// <summary>The platform serves more than 1 request per second and Jaeger accepts no span, for 15m (warning).</summary>
    public AlertThreshold SpansNotArriving { get; init; } = new(1, Duration.Minutes(15));
}

/// <summary>Grafana alerts.</summary>
public sealed record GrafanaPackOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>No Grafana target at all for 5m (critical; a scraped Grafana that is down is ServiceDown's).</summary>
    public Duration GrafanaMissingFor { get; init; } = Duration.Minutes(5);

    /// <summary>More than 10% of Grafana's own requests (datasource queries excluded) answered 5xx for 5m (warning).</summary>
    public AlertThreshold GrafanaRequestErrors { get; init; } = new(0.10, Duration.Minutes(5));

    /// <summary>More than 10% of Grafana's requests to a datasource answered 5xx for 10m (warning).</summary>
    public AlertThreshold GrafanaDatasourceErrors { get; init; } = new(0.10, Duration.Minutes(10));
}
