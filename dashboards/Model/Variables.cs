using System.Collections.Immutable;

namespace Observability.Dashboards;

/// <summary>A dashboard template variable, referenced in queries as <c>$name</c> or <c>${name}</c>.</summary>
public abstract record Variable(string Name)
{
    public string? Label { get; init; }

    public bool Hidden { get; init; }
}

/// <summary>Chooses a datasource of one plugin type; its default is a fixed, provisioned uid.</summary>
public sealed record DatasourceVariable(string Name, string PluginType, string DefaultUid) : Variable(Name);

/// <summary>Values from a query, e.g. <c>label_values(up{job=~"$job"}, instance)</c>.</summary>
public sealed record QueryVariable(string Name, DatasourceRef Datasource, string Query) : Variable(Name)
{
    public bool Multi { get; init; }

    public bool IncludeAll { get; init; }

    /// <summary>The value "All" stands for (default: Grafana joins every value into a regex).</summary>
    public string? AllValue { get; init; }

    public string? Regex { get; init; }

    public QueryVariable MultiWithAll(string allValue = ".*") => this with { Multi = true, IncludeAll = true, AllValue = allValue };
}

/// <summary>A fixed list of values.</summary>
public sealed record CustomVariable(string Name, ImmutableArray<string> Values) : Variable(Name)
{
    public bool Multi { get; init; }

    public bool IncludeAll { get; init; }

    public string? AllValue { get; init; }
}

/// <summary>A free-text input with a default value.</summary>
public sealed record TextboxVariable(string Name, string DefaultValue) : Variable(Name);

/// <summary>Presets for the variables the platform's dashboards share.</summary>
public static class Variables
{
    /// <summary>The Prometheus datasource variable <c>datasource</c>, defaulting to <see cref="Datasources.PrometheusUid"/>.</summary>
    public static DatasourceVariable Prometheus() =>
        new(DatasourceVariables.Prometheus, Datasources.PrometheusType, Datasources.PrometheusUid) { Label = "Prometheus" };

    public static DatasourceVariable Loki() =>
        new(DatasourceVariables.Loki, Datasources.LokiType, Datasources.LokiUid) { Label = "Loki" };

    public static DatasourceVariable Jaeger() =>
        new(DatasourceVariables.Jaeger, Datasources.JaegerType, Datasources.JaegerUid) { Label = "Jaeger" };

    /// <summary>A datasource variable of any plugin type.</summary>
    public static DatasourceVariable Datasource(string name, string pluginType, string defaultUid) => new(name, pluginType, defaultUid);

    /// <summary><c>label_values(metric, label)</c> from Prometheus, multi-select with "All".</summary>
    public static QueryVariable LabelValues(string name, string label, string metricSelector, string? display = null) =>
        new QueryVariable(name, Datasources.Variable(Datasources.PrometheusType, DatasourceVariables.Prometheus), $"label_values({metricSelector}, {label})")
        {
            Label = display ?? name,
        }.MultiWithAll();

    /// <summary>
    /// <c>label_values(selector, label)</c> from Loki, multi-select with "All". "All" stands for <c>.+</c>, not <c>.*</c>:
    /// Loki refuses a stream selector whose matchers all match the empty string.
    /// </summary>
    public static QueryVariable LokiLabelValues(string name, string label, string streamSelector, string? display = null) =>
        new QueryVariable(name, Datasources.Variable(Datasources.LokiType, DatasourceVariables.Loki), $"label_values({streamSelector}, {label})")
        {
            Label = display ?? name,
        }.MultiWithAll(".+");

    public static CustomVariable Custom(string name, params string[] values) => new(name, [.. values]);

    public static TextboxVariable Textbox(string name, string defaultValue = "", string? display = null) =>
        new(name, defaultValue) { Label = display ?? name };
}
