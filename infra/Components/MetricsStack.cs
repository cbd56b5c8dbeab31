using Observability.Stacks.Composition;
using Pulumi;

namespace Observability.Infra.Components;

/// <summary>
/// kube-prometheus-stack (Prometheus, Alertmanager, Grafana, node-exporter, kube-state-metrics) and what it reads:
/// PrometheusRules, ServiceMonitors, dashboard ConfigMaps, the Alertmanager config Secret, the Grafana admin Secret
/// (its password from a RandomPassword unless the stack sets one), the additional scrape config Secret, optional exporters.
/// </summary>
public sealed class MetricsStack : PlanComponentResource
{
    /// <summary>The Pulumi type token.</summary>
    public const string Type = "observability:metrics:MetricsStack";

    internal MetricsStack(string name, PlanComponentArgs args, ComponentResourceOptions? options = null)
        : base(Type, name, PlanComponent.Metrics, args, options)
    {
        var endpoints = args.Plan.Endpoints;
        Namespace = Output.Create(args.Plan.Settings.Namespaces.Monitoring);
        PrometheusUrl = Output.Create(endpoints.Prometheus);
        AlertmanagerUrl = Output.Create(endpoints.Alertmanager);
        GrafanaUrl = Output.Create(endpoints.GrafanaPublic);
        RegisterOutputs();
    }

    /// <summary>The monitoring namespace.</summary>
    [Output("namespace")]
    public Output<string> Namespace { get; private set; } = null!;

    /// <summary>Prometheus' in-cluster URL.</summary>
    [Output("prometheusUrl")]
    public Output<string> PrometheusUrl { get; private set; } = null!;

    /// <summary>Alertmanager's in-cluster URL.</summary>
    [Output("alertmanagerUrl")]
    public Output<string> AlertmanagerUrl { get; private set; } = null!;

    /// <summary>Grafana's URL for people (ingress host when set).</summary>
    [Output("grafanaUrl")]
    public Output<string> GrafanaUrl { get; private set; } = null!;
}
