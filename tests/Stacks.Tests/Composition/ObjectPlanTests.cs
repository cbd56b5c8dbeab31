using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
using Observability.Stacks.Tests.Support;

namespace Observability.Stacks.Tests.Composition;

/// <summary>
/// Plan objects are typed (metadata and the content of one shape): the body written to the render is derived from them, and a
/// tree another project builds becomes typed once, with every field accounted for (what the Pulumi program used to take apart).
/// </summary>
public sealed class ObjectPlanTests
{
    private static OrderedDictionary<string, object?> Tree(string apiVersion, string kind, string? ns, params (string Key, object? Value)[] fields)
    {
        var body = new OrderedDictionary<string, object?>
        {
            ["apiVersion"] = apiVersion,
            ["kind"] = kind,
            ["metadata"] = ns is null
                ? new OrderedDictionary<string, object?> { ["name"] = "x" }
                : new OrderedDictionary<string, object?> { ["name"] = "x", ["namespace"] = ns, ["labels"] = new OrderedDictionary<string, object?> { ["b"] = "2", ["a"] = "1" } },
        };
        foreach (var (key, value) in fields)
            body[key] = value;
        return body;
    }

    [Fact]
    public void A_Secret_keeps_its_secret_settings_its_type_and_the_body_order()
    {
        var password = SecretValue.Generated("observability:grafana.adminPassword");
        var secret = KubernetesObjectPlan.Secret(
            new ObjectMetadata { Name = "x", Namespace = "monitoring", Labels = [new("a", "b")] }, PlanComponent.Metrics, [new("user", "admin"), new("password", password)]);

        Assert.Equal(ObjectShape.Secret, secret.Shape);
        Assert.Equal("Opaque", secret.SecretType);
        Assert.Equal(["user", "password"], secret.StringData.Select(e => e.Key));
        Assert.Same(password, secret.StringData[1].Value);
        Assert.Equal(["apiVersion", "kind", "metadata", "type", "stringData"], secret.Body.Keys);
        Assert.Same(password, ((OrderedDictionary<string, object?>)secret.Body["stringData"]!)["password"]);
        Assert.True(secret.HasSecrets);
        Assert.Contains("<generated:observability:grafana.adminPassword>", secret.ToYaml(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_tree_keeps_its_metadata_order_and_content()
    {
        var monitor = KubernetesObjectPlan.FromTree(Tree("monitoring.coreos.com/v1", "ServiceMonitor", "monitoring",
            ("spec", new OrderedDictionary<string, object?> { ["endpoints"] = new List<object?> { new OrderedDictionary<string, object?> { ["port"] = "metrics" } } })),
            PlanComponent.Metrics, "kube-prometheus-stack");

        Assert.Equal(ObjectShape.Spec, monitor.Shape);
        Assert.Equal("monitoring/ServiceMonitor/x", monitor.Id);
        Assert.Equal(["b", "a"], monitor.Metadata.Labels.Select(l => l.Key));   // as written by the tree's builder
        Assert.Equal("kube-prometheus-stack", monitor.DependsOnRelease);
        Assert.Equal(["apiVersion", "kind", "metadata", "spec"], monitor.Body.Keys);

        var configMap = KubernetesObjectPlan.FromTree(Tree("v1", "ConfigMap", "monitoring", ("data", new OrderedDictionary<string, object?> { ["a.json"] = "{}" })), PlanComponent.Metrics);
        Assert.Equal(ObjectShape.ConfigMap, configMap.Shape);
        Assert.Equal("{}", Assert.Single(configMap.Data).Value);
    }

    [Fact]
    public void Fields_a_typed_object_would_not_carry_are_refused_with_the_object_and_field()
    {
        var error = Assert.Throws<InvalidOperationException>(() => KubernetesObjectPlan.FromTree(Tree("rbac.authorization.k8s.io/v1", "ClusterRole", null, ("rules", new List<object?>())), PlanComponent.Metrics));
        Assert.Equal("ClusterRole/x: expected only the fields apiVersion, kind, metadata, spec, found rules", error.Message);

        error = Assert.Throws<InvalidOperationException>(() => KubernetesObjectPlan.FromTree(Tree("v1", "ConfigMap", "monitoring", ("data", new OrderedDictionary<string, object?> { ["a.json"] = 1 })), PlanComponent.Metrics));
        Assert.Equal("monitoring/ConfigMap/x.data.a.json: expected text, found Int32", error.Message);

        var withUid = Tree("v1", "ConfigMap", "monitoring");
        ((OrderedDictionary<string, object?>)withUid["metadata"]!)["uid"] = "1234";
        error = Assert.Throws<InvalidOperationException>(() => KubernetesObjectPlan.FromTree(withUid, PlanComponent.Metrics));
        Assert.Equal("monitoring/ConfigMap/x.metadata: expected only the fields name, namespace, labels, annotations, found uid", error.Message);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Every_object_of_an_environment_has_exactly_the_content_of_its_shape(string stack)
    {
        foreach (var obj in TestStacks.Plan(stack).Objects)
        {
            var expected = obj.Shape switch
            {
                ObjectShape.Namespace => (string[])[],
                ObjectShape.ConfigMap => ["data"],
                ObjectShape.Secret => ["type", "stringData"],
                _ => ["spec"],
            };
            Assert.Equal(["apiVersion", "kind", "metadata", .. expected], obj.Body.Keys);
            Assert.Equal(obj.Shape == ObjectShape.Secret, obj.Kind == "Secret");
            Assert.Equal(obj.Shape == ObjectShape.Namespace, obj.Kind == "Namespace" && obj.Namespace is null);
            if (obj.Shape != ObjectShape.Secret)
                Assert.False(obj.HasSecrets, $"{obj.Id} carries a secret outside a Secret");
        }
    }
}
