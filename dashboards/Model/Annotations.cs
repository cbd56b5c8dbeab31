namespace Observability.Dashboards;

/// <summary>An annotation query: markers drawn on every time-series panel.</summary>
public abstract record Annotation(string Name, string IconColor)
{
    public bool Enabled { get; init; } = true;

    public bool Hidden { get; init; }
}

/// <summary>Grafana's own annotations and alert state changes (the built-in "Annotations &amp; Alerts").</summary>
public sealed record GrafanaAnnotation(string Name, string IconColor) : Annotation(Name, IconColor)
{
    public bool BuiltIn { get; init; }

    /// <summary>Only annotations with these tags (empty: the dashboard's own annotations).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}

/// <summary>Markers where a Prometheus expression has a value (e.g. a deployment's generation changed).</summary>
public sealed record PrometheusAnnotation(string Name, string IconColor, string Expr) : Annotation(Name, IconColor)
{
    public DatasourceRef Datasource { get; init; } = Datasources.Variable(Datasources.PrometheusType, DatasourceVariables.Prometheus);

    public string Step { get; init; } = "60s";

    public string? TitleFormat { get; init; }

    public string? TextFormat { get; init; }

    /// <summary>Comma-separated label names shown as the marker's tags.</summary>
    public string? TagKeys { get; init; }
}

/// <summary>Presets for the annotations the platform's dashboards share.</summary>
public static class Annotations
{
    /// <summary>Grafana's built-in annotations and alerts (alert state changes, manual annotations).</summary>
    public static GrafanaAnnotation Alerts() =>
        new("Annotations & Alerts", "rgba(0, 211, 255, 1)") { BuiltIn = true, Hidden = true };

    /// <summary>Deployment rollouts, from kube-state-metrics: a marker whenever a Deployment's observed generation changes.</summary>
    /// <param name="selector">Optional matchers, e.g. <c>namespace=~"$namespace"</c> (empty: every deployment).</param>
    public static PrometheusAnnotation Deploys(string selector = "") =>
        new("Deploys", "#8AB8FF", selector.Length == 0
            ? "changes(kube_deployment_status_observed_generation[2m]) > 0"
            : $"changes(kube_deployment_status_observed_generation{{{selector}}}[2m]) > 0")
        {
            TitleFormat = "Deploy {{deployment}}",
            TextFormat = "{{namespace}}/{{deployment}} rolled out",
            TagKeys = "namespace,deployment",
        };

    /// <summary>Annotations posted to Grafana's API with these tags (e.g. by a CD pipeline).</summary>
    public static GrafanaAnnotation Tagged(string name, string iconColor, params string[] tags) => new(name, iconColor) { Tags = tags };
}
