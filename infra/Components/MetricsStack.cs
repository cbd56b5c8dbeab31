using Observability.Infra.Deploy;
using Observability.Stacks.Modules;
using Pulumi;

namespace Observability.Infra.Components;

/// <summary>The inputs of a <see cref="MetricsStack"/>: the metrics module's share of the plan and its endpoints.</summary>
public sealed class MetricsStackArgs
{
    /// <summary>The <see cref="MetricsModule"/>'s releases and objects.</summary>
    public required ModulePlan Module { get; init; }

    /// <summary>The monitoring namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Prometheus' in-cluster URL.</summary>
    public required string PrometheusUrl { get; init; }

    /// <summary>Alertmanager's in-cluster URL.</summary>
    public required string AlertmanagerUrl { get; init; }

    /// <summary>Grafana's URL for people (its ingress host when set).</summary>
    public required string GrafanaUrl { get; init; }
}

/// <summary>
/// kube-prometheus-stack (Prometheus, Alertmanager, Grafana, node-exporter, kube-state-metrics) and what it reads:
/// PrometheusRules, ServiceMonitors, dashboard ConfigMaps, the Alertmanager config Secret, the Grafana admin Secret
/// (its password from a RandomPassword unless the stack sets one), the additional scrape config Secret (<see cref="MetricsModule"/>).
/// </summary>
public sealed class MetricsStack : ModuleComponent
{
    /// <summary>The Pulumi type token.</summary>
    public const string Type = "observability:metrics:MetricsStack";

    internal MetricsStack(string name, MetricsStackArgs args, DeploymentContext context, ComponentResourceOptions? options = null)
        : base(Type, name, args.Module, context, null, options)
    {
        Namespace = Output.Create(args.Namespace);
        PrometheusUrl = Output.Create(args.PrometheusUrl);
        AlertmanagerUrl = Output.Create(args.AlertmanagerUrl);
        GrafanaUrl = Output.Create(args.GrafanaUrl);
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
