using System.Collections;
using Observability.Infra.Deploy;
using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
using Pulumi;
using K8sProvider = Pulumi.Kubernetes.Provider;
using K8sProviderArgs = Pulumi.Kubernetes.ProviderArgs;

namespace Observability.Infra.Components;

/// <summary>Inputs of <see cref="MonitoringStack"/>: the composed environment.</summary>
internal sealed class MonitoringStackArgs
{
    public required EnvironmentPlan Plan { get; init; }
}

/// <summary>
/// The root of everything an environment deploys: the Kubernetes provider, the namespaces, and one component per area
/// (<see cref="MetricsStack"/>, <see cref="LoggingStack"/>, <see cref="TracingStack"/>, <see cref="NetworkPolicies"/>).
/// </summary>
internal sealed class MonitoringStack : ComponentResource
{
    public const string Type = "observability:index:MonitoringStack";

    public MonitoringStack(string name, MonitoringStackArgs args, ComponentResourceOptions? options = null)
        : base(Type, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var plan = args.Plan;
        var settings = plan.Settings;

        // One explicit provider from the first deployment on (switching providers later would replace every resource):
        // the kubeconfig from KUBECONFIG or ~/.kube/config, the context from observability:kubeContext when set,
        // server-side apply on (so no object carries the 262,144-byte last-applied annotation).
        var providerArgs = new K8sProviderArgs { EnableServerSideApply = true };
        if (settings.KubeContext is not null)
            providerArgs.Context = settings.KubeContext;
        var provider = new K8sProvider("kubernetes", providerArgs, new CustomResourceOptions { Parent = this });

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

    [Output("grafanaUrl")]
    public Output<string> GrafanaUrl { get; private set; } = null!;

    [Output("grafanaAdminUser")]
    public Output<string> GrafanaAdminUser { get; private set; } = null!;

    /// <summary>Secret: <c>pulumi stack output grafanaAdminPassword --show-secrets</c>.</summary>
    [Output("grafanaAdminPassword")]
    public Output<string> GrafanaAdminPassword { get; private set; } = null!;

    [Output("namespaces")]
    public Output<Dictionary<string, string>> Namespaces { get; private set; } = null!;

    [Output("prometheusUrl")]
    public Output<string> PrometheusUrl { get; private set; } = null!;

    [Output("alertmanagerUrl")]
    public Output<string> AlertmanagerUrl { get; private set; } = null!;

    [Output("lokiPushUrl")]
    public Output<string> LokiPushUrl { get; private set; } = null!;

    [Output("jaegerQueryUrl")]
    public Output<string> JaegerQueryUrl { get; private set; } = null!;

    [Output("otlpGrpcEndpoint")]
    public Output<string> OtlpGrpcEndpoint { get; private set; } = null!;

    [Output("otlpHttpEndpoint")]
    public Output<string> OtlpHttpEndpoint { get; private set; } = null!;

    [Output("alertCount")]
    public Output<int> AlertCount { get; private set; } = null!;

    [Output("sloCount")]
    public Output<int> SloCount { get; private set; } = null!;

    [Output("dashboardCount")]
    public Output<int> DashboardCount { get; private set; } = null!;

    /// <summary>The Grafana admin password: the secret setting (or generated one) in the plan's Grafana admin Secret.</summary>
    private static SecretValue GrafanaAdminPasswordOf(EnvironmentPlan plan)
    {
        var secret = plan.Objects.SingleOrDefault(o => o is { ApiVersion: "v1", Kind: "Secret", Name: StackConventions.GrafanaAdminSecret });
        return secret?.Body.GetValueOrDefault("stringData") is IDictionary data && data[StackConventions.GrafanaAdminPasswordKey] is SecretValue password
            ? password
            : throw new InvalidOperationException(
                $"expected the plan's Secret \"{StackConventions.GrafanaAdminSecret}\" to hold \"{StackConventions.GrafanaAdminPasswordKey}\" as a secret setting, found {(secret is null ? "no such Secret" : "no such secret entry")}");
    }

    /// <summary>The stack outputs: this component's outputs under the same names.</summary>
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
}
