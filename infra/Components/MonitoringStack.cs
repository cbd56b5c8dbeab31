using Observability.Infra.Deploy;
using Observability.Stacks.Composition;
using Observability.Stacks.Modules;
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
/// component per enabled module (<c>stacks/Modules/</c>), <see cref="MetricsStack"/>, <see cref="LokiStack"/>,
/// <see cref="LogAgent"/>, <see cref="TracingStack"/>, <see cref="Exporters"/> and <see cref="NetworkPolicies"/>, each taking its
/// module's share of the plan as typed args and holding its Helm releases and Kubernetes objects, every one created with the
/// caller's provider. Invalid settings throw a <see cref="RunException"/> naming every problem before any resource is
/// registered.
/// </summary>
public sealed class MonitoringStack : ComponentResource
{
    /// <summary>The Pulumi type token.</summary>
    public const string Type = "observability:index:MonitoringStack";

    /// <summary>
    /// Loki and the log agent were children of one <c>observability:logging:LoggingStack</c> named <c>logging</c> before each
    /// integration became its own module and component: their resources carry an alias to it, so nothing is replaced.
    /// </summary>
    private static readonly (string Name, string Type) PreviousLoggingStack = ("logging", "observability:logging:LoggingStack");

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
            var resource = PlanResources.Object(obj, foundation, this, []);
            if (obj.Kind == "Namespace")
                namespaces.Add(obj.Name, resource);
        }

        // One component per enabled module, in plan order (metrics first: kube-prometheus-stack installs the CRDs).
        var children = new ComponentResourceOptions { Parent = this };
        var endpoints = plan.Endpoints;
        var ns = settings.Namespaces;
        foreach (var module in plan.Modules)
        {
            _ = module.Component switch
            {
                PlanComponent.Metrics => new MetricsStack("metrics", new MetricsStackArgs
                {
                    Module = module, Namespace = ns.Monitoring, PrometheusUrl = endpoints.Prometheus, AlertmanagerUrl = endpoints.Alertmanager,
                    GrafanaUrl = endpoints.GrafanaPublic,
                }, foundation, children),
                PlanComponent.Loki => new LokiStack("loki", new LokiStackArgs
                {
                    Module = module, Namespace = ns.Logging, PushUrl = endpoints.LokiPush, PreviousParentUrn = PreviousParent(PreviousLoggingStack),
                }, foundation, children),
                PlanComponent.LogAgent => new LogAgent("log-agent", new LogAgentArgs
                {
                    Module = module, Namespace = ns.Logging, PreviousParentUrn = PreviousParent(PreviousLoggingStack),
                }, foundation, children),
                PlanComponent.Tracing => new TracingStack("tracing", new TracingStackArgs
                {
                    Module = module, Namespace = ns.Tracing, QueryUrl = endpoints.JaegerQuery, OtlpGrpcEndpoint = endpoints.OtlpGrpc,
                    OtlpHttpEndpoint = endpoints.OtlpHttp,
                }, foundation, children),
                PlanComponent.Exporters => new Exporters("exporters", new ExportersArgs
                {
                    Module = module, PreviousParentUrn = PreviousParent(("metrics", MetricsStack.Type)),
                }, foundation, children),
                PlanComponent.Network => (ModuleComponent)new NetworkPolicies("network", new NetworkPoliciesArgs { Module = module }, foundation, children),
                var other => throw new InvalidOperationException($"module {module.Name}: expected a component for {other}, found none"),
            };
        }

        GrafanaUrl = Output.Create(endpoints.GrafanaPublic);
        GrafanaAdminUser = Output.Create(settings.Grafana.AdminUser);
        GrafanaAdminPassword = foundation.Secrets.Resolve(GrafanaAdminPasswordOf(plan), this);
        Namespaces = Output.Create(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["monitoring"] = ns.Monitoring,
            ["logging"] = ns.Logging,
            ["tracing"] = ns.Tracing,
        });
        PrometheusUrl = Output.Create(endpoints.Prometheus);
        AlertmanagerUrl = Output.Create(endpoints.Alertmanager);
        LokiPushUrl = Output.Create(endpoints.LokiPush);
        JaegerQueryUrl = Output.Create(endpoints.JaegerQuery);
        OtlpGrpcEndpoint = Output.Create(endpoints.OtlpGrpc);
        OtlpHttpEndpoint = Output.Create(endpoints.OtlpHttp);
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

    /// <summary>The URN a component of this stack had (the parent of resources that moved from it to a module's component).</summary>
    private Output<string> PreviousParent((string Name, string Type) component) => global::Pulumi.Urn.Create(component.Name, component.Type, parent: this);

    /// <summary>The Grafana admin password: the secret setting (or generated one) in the metrics module's Grafana admin Secret.</summary>
    private static SecretValue GrafanaAdminPasswordOf(EnvironmentPlan plan)
    {
        var secret = plan.Objects.SingleOrDefault(o => o is { Shape: ObjectShape.Secret, Name: MetricsModule.GrafanaAdminSecret });
        var entry = secret?.StringData.FirstOrDefault(e => e.Key == MetricsModule.GrafanaAdminPasswordKey).Value;
        return entry as SecretValue
            ?? throw new InvalidOperationException(
                $"expected the plan's Secret \"{MetricsModule.GrafanaAdminSecret}\" to hold \"{MetricsModule.GrafanaAdminPasswordKey}\" as a secret setting, found {(secret is null ? "no such Secret" : "no such secret entry")}");
    }
}
