using System.Collections.Immutable;

namespace Observability.Dashboards;

/// <summary>The datasource variable names every platform dashboard defines (see <see cref="Variables"/>).</summary>
public static class DatasourceVariables
{
    public const string Prometheus = "datasource";
    public const string Loki = "loki";
    public const string Jaeger = "jaeger";
}

/// <summary>A panel query. Its refId (A, B, ...) is given by position when the dashboard is written.</summary>
public abstract record Target
{
    public abstract DatasourceRef Datasource { get; init; }

    public bool Hidden { get; init; }
}

public enum PromFormat
{
    TimeSeries,
    Table,
    Heatmap,
}

/// <summary>A Prometheus query.</summary>
public sealed record PromQuery(string Expr) : Target
{
    public override DatasourceRef Datasource { get; init; } = Datasources.Variable(Datasources.PrometheusType, DatasourceVariables.Prometheus);

    public string? LegendFormat { get; init; }

    /// <summary>Minimum step, e.g. <c>1m</c>.</summary>
    public string? Interval { get; init; }

    /// <summary>True: one value at the end of the range (instant query); false: a range query.</summary>
    public bool Instant { get; init; }

    public PromFormat Format { get; init; } = PromFormat.TimeSeries;

    public bool Exemplar { get; init; }
}

/// <summary>A Loki (LogQL) query: log lines, or a metric query over logs.</summary>
public sealed record LokiQuery(string Expr) : Target
{
    public override DatasourceRef Datasource { get; init; } = Datasources.Variable(Datasources.LokiType, DatasourceVariables.Loki);

    public string? LegendFormat { get; init; }

    public bool Instant { get; init; }

    public int? MaxLines { get; init; }
}

/// <summary>A Jaeger query: a trace search (service, operation, tags, durations) or one trace by id.</summary>
public sealed record JaegerQuery : Target
{
    public override DatasourceRef Datasource { get; init; } = Datasources.Variable(Datasources.JaegerType, DatasourceVariables.Jaeger);

    /// <summary>A trace id (may be a variable, e.g. <c>$traceId</c>); when set the query opens that trace instead of searching.</summary>
    public string? TraceId { get; init; }

    public string? Service { get; init; }

    public string? Operation { get; init; }

    /// <summary>Tags in Jaeger's logfmt form, e.g. <c>error=true http.status_code=500</c>.</summary>
    public string? Tags { get; init; }

    public string? MinDuration { get; init; }

    public string? MaxDuration { get; init; }

    public int? Limit { get; init; }

    public static JaegerQuery Search(string service, string? operation = null, string? tags = null, string? minDuration = null, int limit = 20) =>
        new() { Service = service, Operation = operation, Tags = tags, MinDuration = minDuration, Limit = limit };

    public static JaegerQuery Trace(string traceId) => new() { TraceId = traceId };

    /// <summary>The texts that may reference template variables.</summary>
    internal ImmutableArray<string> Texts() =>
        [.. new[] { TraceId, Service, Operation, Tags, MinDuration, MaxDuration }.OfType<string>()];
}
