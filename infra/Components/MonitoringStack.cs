using System.Collections;
using Observability.Infra.Deploy;
using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
using Pulumi;
using K8sProvider = Pulumi.Kubernetes.Provider;

namespace Observability.Infra.Components;

/// <summary>The inputs of a <see cref="MonitoringStack"/>: what the environment gets, and the cluster it goes to.</summary>
public sealed class MonitoringStackArgs
{
    /// <summary>
    /// The environment's settings: read from Pulumi config (<see cref="ObservabilityConfig.Load()"/>), from a stack file
    /// (<see cref="SettingsLoader.FromStackFile"/>), or built in code (<c>new StackSettings { ... }</c>, checked by
    /// <see cref="SettingsLoader.Check"/> when the stack is created). <see cref="StackSettings.KubeContext"/> is not read here:
    /// the cluster is the one <see cref="Provider"/> points at.
    /// </summary>
    public required StackSettings Settings { get; init; }

    /// <summary>
    /// The Kubernetes provider every Kubernetes resource of the stack is created with (the caller's cluster). Keep the same
    /// provider from the first deployment on: resources moved to another provider are replaced.
    /// </summary>
    public required K8sProvider Provider { get; init; }
}

/// <summary>
/// Everything one environment deploys, as one component (<c>observability:index:MonitoringStack</c>): the namespaces, and one
/// component per area, <see cref="MetricsStack"/>, <see cref="LoggingStack"/>, <see cref="TracingStack"/> and
/// <see cref="NetworkPolicies"/>, each holding its Helm releases and Kubernetes objects, every one created with the
/// caller's provider. Invalid settings throw a <see cref="RunException"/> naming every problem before any resource is
/// registered.
/// </summary>
public sealed class MonitoringStack : ComponentResource
{
    /// <summary>The Pulumi type token.</summary>
    public const string Type = "observability:index:MonitoringStack";

    /// <summary>Creates the stack <paramref name="name"/> from <paramref name="args"/>.</summary>
    /// <param name="name">The Pulumi logical name (the parent of every resource of the stack).</param>
    /// <param name="args">The settings and the Kubernetes provider.</param>
    /// <param name="options">Options of the component (e.g. its parent in the caller's program).</param>
    public MonitoringStack(string name, MonitoringStackArgs args, ComponentResourceOptions? options = null)
        : this(name, MonitoringPlan.Of(args), args.Provider, options)
    {
    }

    private MonitoringStack(string name, EnvironmentPlan plan, K8sProvider provider, ComponentResourceOptions? options)
        : base(Type, name, options)
    {
        var settings = plan.Settings;
        var namespaces = new Dictionary<string, Resource>(StringComparer.Ordinal);
        var foundation = new DeploymentContext { Provider = provider, Secrets = new SecretOutputs(), Namespaces = namespaces };
        foreach (var obj in plan.Objects.Where(o => o.Component == PlanComponent.Foundation))
        {
            var resource = PlanResources.Object(obj, foundation, this);
            if (obj.Kind == "Namespace")
                namespaces.Add(obj.Name, resource);
        }

        var componentArgs = new PlanComponentArgs { Plan = plan, Context = foundation };
        var children = new ComponentResourceOptions { Parent = this };
        var metrics = new MetricsStack("metrics", componentArgs, children);
        var logging = new LoggingStack("logging", componentArgs, children);
        var tracing = new TracingStack("tracing", componentArgs, children);
        _ = new NetworkPolicies("network", componentArgs, children);

        GrafanaUrl = metrics.GrafanaUrl;
        GrafanaAdminUser = Output.Create(settings.Grafana.AdminUser);
        GrafanaAdminPassword = foundation.Secrets.Resolve(GrafanaAdminPasswordOf(plan), metrics);
        Namespaces = Output.Create(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["monitoring"] = settings.Namespaces.Monitoring,
            ["logging"] = settings.Namespaces.Logging,
            ["tracing"] = settings.Namespaces.Tracing,
        });
        PrometheusUrl = metrics.PrometheusUrl;
        AlertmanagerUrl = metrics.AlertmanagerUrl;
        LokiPushUrl = logging.LokiPushUrl;
        JaegerQueryUrl = tracing.JaegerQueryUrl;
        OtlpGrpcEndpoint = tracing.OtlpGrpcEndpoint;
        OtlpHttpEndpoint = tracing.OtlpHttpEndpoint;
        AlertCount = Output.Create(plan.Counts.Alerts);
        SloCount = Output.Create(plan.Counts.Slos);
        DashboardCount = Output.Create(plan.Counts.Dashboards);
        RegisterOutputs();
    }

    /// <summary>Grafana's URL for people (its ingress host when set, otherwise the in-cluster Service).</summary>
    [Output("grafanaUrl")]
    public Output<string> GrafanaUrl { get; private set; } = null!;

    /// <summary>The Grafana admin user.</summary>
    [Output("grafanaAdminUser")]
    public Output<string> GrafanaAdminUser { get; private set; } = null!;

    /// <summary>Secret: the Grafana admin password (set, or generated); <c>pulumi stack output grafanaAdminPassword --show-secrets</c>.</summary>
    [Output("grafanaAdminPassword")]
    public Output<string> GrafanaAdminPassword { get; private set; } = null!;

    /// <summary>The namespaces, by role: monitoring, logging, tracing.</summary>
    [Output("namespaces")]
    public Output<Dictionary<string, string>> Namespaces { get; private set; } = null!;

    /// <summary>Prometheus' in-cluster URL.</summary>
    [Output("prometheusUrl")]
    public Output<string> PrometheusUrl { get; private set; } = null!;

    /// <summary>Alertmanager's in-cluster URL.</summary>
    [Output("alertmanagerUrl")]
    public Output<string> AlertmanagerUrl { get; private set; } = null!;

    /// <summary>Loki's in-cluster push URL (the log agent's target).</summary>
    [Output("lokiPushUrl")]
    public Output<string> LokiPushUrl { get; private set; } = null!;

    /// <summary>Jaeger's in-cluster query URL (UI and API).</summary>
    [Output("jaegerQueryUrl")]
    public Output<string> JaegerQueryUrl { get; private set; } = null!;

    /// <summary>Where applications send traces over OTLP/gRPC.</summary>
    [Output("otlpGrpcEndpoint")]
    public Output<string> OtlpGrpcEndpoint { get; private set; } = null!;

    /// <summary>Where applications send traces over OTLP/HTTP.</summary>
    [Output("otlpHttpEndpoint")]
    public Output<string> OtlpHttpEndpoint { get; private set; } = null!;

    /// <summary>How many alerting rules the environment has.</summary>
    [Output("alertCount")]
    public Output<int> AlertCount { get; private set; } = null!;

    /// <summary>How many SLOs the environment has.</summary>
    [Output("sloCount")]
    public Output<int> SloCount { get; private set; } = null!;

    /// <summary>How many Grafana dashboards the environment has.</summary>
    [Output("dashboardCount")]
    public Output<int> DashboardCount { get; private set; } = null!;

    /// <summary>This component's outputs under the same names, to return as a program's stack outputs.</summary>
    public IDictionary<string, object?> StackOutputs() => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["grafanaUrl"] = GrafanaUrl,
        ["grafanaAdminUser"] = GrafanaAdminUser,
        ["grafanaAdminPassword"] = GrafanaAdminPassword,
        ["namespaces"] = Namespaces,
        ["prometheusUrl"] = PrometheusUrl,
        ["alertmanagerUrl"] = AlertmanagerUrl,
        ["lokiPushUrl"] = LokiPushUrl,
        ["jaegerQueryUrl"] = JaegerQueryUrl,
        ["otlpGrpcEndpoint"] = OtlpGrpcEndpoint,
        ["otlpHttpEndpoint"] = OtlpHttpEndpoint,
        ["alertCount"] = AlertCount,
        ["sloCount"] = SloCount,
        ["dashboardCount"] = DashboardCount,
    };

    /// <summary>The Grafana admin password: the secret setting (or generated one) in the plan's Grafana admin Secret.</summary>
    private static SecretValue GrafanaAdminPasswordOf(EnvironmentPlan plan)
    {
        var secret = plan.Objects.SingleOrDefault(o => o is { ApiVersion: "v1", Kind: "Secret", Name: StackConventions.GrafanaAdminSecret });
        return secret?.Body.GetValueOrDefault("stringData") is IDictionary data && data[StackConventions.GrafanaAdminPasswordKey] is SecretValue password
            ? password
            : throw new InvalidOperationException(
                $"expected the plan's Secret \"{StackConventions.GrafanaAdminSecret}\" to hold \"{StackConventions.GrafanaAdminPasswordKey}\" as a secret setting, found {(secret is null ? "no such Secret" : "no such secret entry")}");
    }
}
