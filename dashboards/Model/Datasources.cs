namespace Observability.Dashboards;

/// <summary>
/// The Grafana datasources every stack provisions, by fixed uid. The stacks provision them with exactly these
/// uids; dashboards reach them through a datasource template variable whose default is the fixed uid.
/// </summary>
public static class Datasources
{
    public const string PrometheusUid = "prometheus";
    public const string LokiUid = "loki";
    public const string JaegerUid = "jaeger";

    /// <summary>Grafana's built-in datasource (annotations and alerts).</summary>
    public const string GrafanaUid = "-- Grafana --";

    public const string PrometheusType = "prometheus";
    public const string LokiType = "loki";
    public const string JaegerType = "jaeger";
    public const string GrafanaType = "grafana";

    /// <summary>The uids a dashboard may name directly (every other reference goes through a datasource variable).</summary>
    public static IReadOnlySet<string> ProvisionedUids { get; } =
        new HashSet<string>(StringComparer.Ordinal) { PrometheusUid, LokiUid, JaegerUid, GrafanaUid };

    public static DatasourceRef Prometheus { get; } = new(PrometheusType, PrometheusUid);

    public static DatasourceRef Loki { get; } = new(LokiType, LokiUid);

    public static DatasourceRef Jaeger { get; } = new(JaegerType, JaegerUid);

    public static DatasourceRef Grafana { get; } = new(GrafanaType, GrafanaUid);

    /// <summary>Grafana's pseudo-datasource of a panel whose queries use different datasources.</summary>
    public static DatasourceRef Mixed { get; } = new("datasource", "-- Mixed --");

    /// <summary>A reference through the datasource variable <paramref name="variable"/> (<c>${variable}</c>).</summary>
    public static DatasourceRef Variable(string type, string variable) => new(type, "${" + variable + "}");
}

/// <summary>A datasource by plugin type and uid (a fixed uid or <c>${variable}</c>).</summary>
public sealed record DatasourceRef(string Type, string Uid)
{
    /// <summary>The variable name when <see cref="Uid"/> is <c>${name}</c> (or <c>$name</c>), else null.</summary>
    public string? VariableName =>
        Uid.StartsWith("${", StringComparison.Ordinal) && Uid.EndsWith('}') ? Uid[2..^1]
        : Uid.StartsWith('$') ? Uid[1..]
        : null;
}
