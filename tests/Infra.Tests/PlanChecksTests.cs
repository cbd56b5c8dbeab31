using Observability.Infra.Deploy;
using Observability.Stacks.Composition;
using Observability.Stacks.Modules;
using Observability.Stacks.Settings;

namespace Observability.Infra.Tests;

/// <summary>
/// What the program checks of a typed plan before creating anything: provider type tokens, specs and Secret entries in the
/// shapes Pulumi sends, and an order in which every object's release exists. (How trees become typed objects is tested in stacks.)
/// </summary>
public sealed class PlanChecksTests
{
    private static ObjectMetadata Meta(string? ns) =>
        new() { Name = "x", Namespace = ns, Labels = ns is null ? [] : [new("a", "b")] };

    private static KubernetesObjectPlan Object(string apiVersion, string kind, string? ns, OrderedDictionary<string, object?>? spec = null) =>
        KubernetesObjectPlan.Namespaced(apiVersion, kind, Meta(ns), PlanComponent.Metrics, spec ?? []);

    private static EnvironmentPlan Plan(params ModulePlan[] modules) => new()
    {
        Settings = new StackSettings
        {
            LogAgent = LogAgentKind.Alloy,
            Alertmanager = new AlertmanagerSettings
            {
                Receivers = new ReceiverSettings { Email = new EmailReceiver { To = ["oncall@example.org"], Smarthost = "smtp.example.org:587", From = "am@example.org" } },
            },
        },
        Modules = modules,
        Releases = [.. modules.SelectMany(m => m.Releases)],
        Objects = [.. modules.SelectMany(m => m.Objects)],
        Artifacts = [],
        Counts = new PlanCounts(0, 0, 0, 0, modules.Sum(m => m.Objects.Count), modules.Sum(m => m.Releases.Count)),
        Endpoints = new PlanEndpoints
        {
            Prometheus = "p", Alertmanager = "a", Grafana = "g", GrafanaPublic = "g", LokiPush = "l", JaegerQuery = "j", OtlpGrpc = "o", OtlpHttp = "h",
        },
    };

    private static HelmReleasePlan Release(string name, PlanComponent component) => new()
    {
        Name = name, Chart = name, Repository = "https://example.test", Version = "1.0.0", Namespace = "logging",
        Values = [], InstallsCrds = false, Component = component, Policy = new HelmReleasePolicy(300, true, true),
    };

    [Theory]
    [InlineData("v1", "Service", "kubernetes:core/v1:Service")]
    [InlineData("v1", "Namespace", "kubernetes:core/v1:Namespace")]
    [InlineData("apps/v1", "Deployment", "kubernetes:apps/v1:Deployment")]
    [InlineData("monitoring.coreos.com/v1", "PrometheusRule", "kubernetes:monitoring.coreos.com/v1:PrometheusRule")]
    [InlineData("networking.k8s.io/v1", "NetworkPolicy", "kubernetes:networking.k8s.io/v1:NetworkPolicy")]
    public void Type_tokens_are_the_providers(string apiVersion, string kind, string token) =>
        Assert.Equal(token, PlanChecks.TypeToken(Object(apiVersion, kind, "monitoring")));

    [Fact]
    public void A_spec_Pulumi_would_change_or_a_secret_in_it_is_refused_with_its_path()
    {
        var withNull = Object("monitoring.coreos.com/v1", "ServiceMonitor", "monitoring", new() { ["endpoints"] = new List<object?> { null } });
        var error = Assert.Throws<InvalidOperationException>(() => PlanChecks.Check(Plan(new ModulePlan { Name = "m", Component = PlanComponent.Metrics, Objects = [withNull] })));
        Assert.StartsWith("monitoring/ServiceMonitor/x.spec.endpoints[0]: expected a value, found null", error.Message, StringComparison.Ordinal);

        var withSecret = Object("apps/v1", "Deployment", "monitoring", new() { ["password"] = SecretValue.Generated("observability:grafana.adminPassword") });
        error = Assert.Throws<InvalidOperationException>(() => PlanChecks.Check(Plan(new ModulePlan { Name = "m", Component = PlanComponent.Metrics, Objects = [withSecret] })));
        Assert.StartsWith("monitoring/Deployment/x.spec.password: expected a plain value, found the secret observability:grafana.adminPassword", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Secret_entry_that_is_neither_text_nor_a_secret_setting_is_refused()
    {
        var secret = KubernetesObjectPlan.Secret(Meta("monitoring"), PlanComponent.Metrics, [new("user", "admin"), new("port", 5432)]);
        var error = Assert.Throws<InvalidOperationException>(() => PlanChecks.Check(Plan(new ModulePlan { Name = "m", Component = PlanComponent.Metrics, Objects = [secret] })));
        Assert.Equal("monitoring/Secret/x.stringData.port: expected text or a secret setting, found Int32", error.Message);
    }

    [Fact]
    public void An_object_waiting_for_a_release_created_later_is_refused()
    {
        var monitor = Object("monitoring.coreos.com/v1", "ServiceMonitor", "monitoring") with { DependsOnRelease = "loki" };
        var plan = Plan(
            new ModulePlan { Name = "metrics", Component = PlanComponent.Metrics, Objects = [monitor] },
            new ModulePlan { Name = "loki", Component = PlanComponent.Loki, Releases = [Release("loki", PlanComponent.Loki)] });

        var error = Assert.Throws<InvalidOperationException>(() => PlanChecks.CheckOrder(plan));
        Assert.StartsWith("monitoring/ServiceMonitor/x: expected to depend on the Helm release \"loki\", found no such release created before it", error.Message, StringComparison.Ordinal);

        // In the module order that creates the release first, the same objects pass.
        var reordered = plan with { Modules = [.. plan.Modules.Reverse()] };
        Assert.Same(reordered, PlanChecks.CheckOrder(reordered));
    }
}
