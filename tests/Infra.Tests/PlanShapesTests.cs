using Observability.Infra.Deploy;
using Observability.Stacks.Composition;
using Observability.Stacks.Settings;

namespace Observability.Infra.Tests;

/// <summary>How plan objects are taken apart for Pulumi: exactly the fields their resource sends, under the provider's token.</summary>
public sealed class PlanShapesTests
{
    private static KubernetesObjectPlan Object(string apiVersion, string kind, string? ns, params (string Key, object? Value)[] fields)
    {
        var body = new OrderedDictionary<string, object?>
        {
            ["apiVersion"] = apiVersion,
            ["kind"] = kind,
            ["metadata"] = ns is null
                ? new OrderedDictionary<string, object?> { ["name"] = "x" }
                : new OrderedDictionary<string, object?> { ["name"] = "x", ["namespace"] = ns, ["labels"] = new OrderedDictionary<string, object?> { ["a"] = "b" } },
        };
        foreach (var (key, value) in fields)
            body[key] = value;
        return new KubernetesObjectPlan
        {
            ApiVersion = apiVersion, Kind = kind, Name = "x", Namespace = ns, Body = body, Component = PlanComponent.Metrics,
        };
    }

    [Theory]
    [InlineData("v1", "Service", "kubernetes:core/v1:Service")]
    [InlineData("v1", "Namespace", "kubernetes:core/v1:Namespace")]
    [InlineData("apps/v1", "Deployment", "kubernetes:apps/v1:Deployment")]
    [InlineData("monitoring.coreos.com/v1", "PrometheusRule", "kubernetes:monitoring.coreos.com/v1:PrometheusRule")]
    [InlineData("networking.k8s.io/v1", "NetworkPolicy", "kubernetes:networking.k8s.io/v1:NetworkPolicy")]
    public void Type_tokens_are_the_providers(string apiVersion, string kind, string token) =>
        Assert.Equal(token, PlanShapes.TypeToken(Object(apiVersion, kind, "monitoring")));

    [Fact]
    public void A_Secret_keeps_its_secret_settings_and_its_type()
    {
        var password = SecretValue.Generated("observability:grafana.adminPassword");
        var parts = PlanShapes.Parts(Object("v1", "Secret", "monitoring",
            ("type", "Opaque"), ("stringData", new OrderedDictionary<string, object?> { ["user"] = "admin", ["password"] = password })));

        Assert.Equal(ObjectShape.Secret, parts.Shape);
        Assert.Equal("Opaque", parts.SecretType);
        Assert.Equal(["user", "password"], parts.StringData.Select(e => e.Key));
        Assert.Same(password, parts.StringData[1].Value);
        Assert.Equal("b", parts.Labels!["a"]);
    }

    [Fact]
    public void A_generic_object_sends_its_spec_in_serializable_shapes()
    {
        var parts = PlanShapes.Parts(Object("monitoring.coreos.com/v1", "ServiceMonitor", "monitoring",
            ("spec", new OrderedDictionary<string, object?> { ["endpoints"] = new List<object?> { new OrderedDictionary<string, object?> { ["port"] = "metrics", ["interval"] = "30s" } } })));

        Assert.Equal(ObjectShape.Generic, parts.Shape);
        var endpoint = Assert.IsType<Dictionary<string, object>>(Assert.IsType<List<object>>(parts.Spec!["endpoints"])[0]);
        Assert.Equal("metrics", endpoint["port"]);
    }

    [Fact]
    public void Fields_the_resource_would_not_send_are_refused_with_the_object_and_field()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PlanShapes.Parts(Object("rbac.authorization.k8s.io/v1", "ClusterRole", null, ("rules", new List<object?>()))));
        Assert.Equal("ClusterRole/x: expected only the fields apiVersion, kind, metadata, spec, found rules", error.Message);

        var configMap = Object("v1", "ConfigMap", "monitoring", ("data", new OrderedDictionary<string, object?> { ["a.json"] = 1 }));
        error = Assert.Throws<InvalidOperationException>(() => PlanShapes.Parts(configMap));
        Assert.Equal("monitoring/ConfigMap/x.data.a.json: expected text, found Int32", error.Message);
    }

    [Fact]
    public void An_object_waiting_for_a_release_created_later_is_refused()
    {
        var monitor = Object("monitoring.coreos.com/v1", "ServiceMonitor", "monitoring") with { DependsOnRelease = "loki" };
        var plan = new EnvironmentPlan
        {
            Settings = new StackSettings
            {
                LogAgent = LogAgentKind.Alloy,
                Alertmanager = new AlertmanagerSettings
                {
                    Receivers = new ReceiverSettings { Email = new EmailReceiver { To = ["oncall@example.org"], Smarthost = "smtp.example.org:587", From = "am@example.org" } },
                },
            },
            Releases =
            [
                new HelmReleasePlan
                {
                    Name = "loki", Chart = "loki", Repository = "https://example.test", Version = "1.0.0", Namespace = "logging",
                    Values = [], InstallsCrds = false, Component = PlanComponent.Logging, Policy = new HelmReleasePolicy(300, true, true),
                },
            ],
            Objects = [monitor],
            Artifacts = [],
            Counts = new PlanCounts(0, 0, 0, 0, 1, 1),
            Endpoints = new PlanEndpoints
            {
                Prometheus = "p", Alertmanager = "a", Grafana = "g", GrafanaPublic = "g", LokiPush = "l", JaegerQuery = "j", OtlpGrpc = "o", OtlpHttp = "h",
            },
        };

        var error = Assert.Throws<InvalidOperationException>(() => PlanShapes.CheckOrder(plan));
        Assert.StartsWith("monitoring/ServiceMonitor/x: expected to depend on the Helm release \"loki\", found no such release created before it", error.Message, StringComparison.Ordinal);
    }
}
