using Observability.Stacks.Composition;
using Observability.Stacks.Tests.Support;
using Observability.TestSupport;

namespace Observability.Stacks.Tests.Composition;

/// <summary>Every Kubernetes object validates against the strict CRD schemas or the Kubernetes 1.36 schemas.</summary>
public sealed class SchemaTests
{
    private static readonly HashSet<string> CrdKinds = ["PrometheusRule", "ServiceMonitor", "PodMonitor", "AlertmanagerConfig", "Alertmanager", "Prometheus"];

    /// <summary>Kinds the reference data has no schema for; each is named here so that a new kind cannot slip through unchecked.</summary>
    private static readonly HashSet<string> KindsWithoutReferenceSchema = ["Deployment", "PersistentVolumeClaim"];

    public static TheoryData<string> Stacks() => new(TestStacks.Names);

    [ReferenceTheory]
    [MemberData(nameof(Stacks))]
    public void Every_object_is_valid_against_its_schema(string stack)
    {
        var plan = TestStacks.Plan(stack);
        var failures = new List<string>();
        foreach (var obj in plan.Objects)
        {
            var yaml = obj.ToYaml();
            try
            {
                if (CrdKinds.Contains(obj.Kind))
                {
                    SchemaCheck.AssertYamlValid(Reference.StrictCrdSchema(obj.Kind), yaml, obj.Id);
                    var metadata = Observability.Rules.Output.YamlText.Serialize(obj.Body["metadata"]);
                    SchemaCheck.AssertYamlValid(Reference.KubernetesSchema("ObjectMeta"), metadata, obj.Id + " metadata");
                }
                else if (!KindsWithoutReferenceSchema.Contains(obj.Kind))
                {
                    SchemaCheck.AssertYamlValid(Reference.KubernetesSchema(obj.Kind), yaml, obj.Id);
                }
            }
            catch (Exception e) when (e is Xunit.Sdk.XunitException or FileNotFoundException)
            {
                failures.Add(e.Message);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Objects_have_their_declared_identity_and_custom_resources_wait_for_the_release_installing_their_crds(string stack)
    {
        var plan = TestStacks.Plan(stack);
        var crdReleases = plan.Releases.Where(r => r.InstallsCrds).Select(r => (string?)r.Name).ToHashSet();
        foreach (var obj in plan.Objects)
        {
            Assert.Equal(obj.ApiVersion, obj.Body["apiVersion"]);
            Assert.Equal(obj.Kind, obj.Body["kind"]);
            var metadata = (OrderedDictionary<string, object?>)obj.Body["metadata"]!;
            Assert.Equal(obj.Name, metadata["name"]);
            Assert.Equal(obj.Namespace, metadata.TryGetValue("namespace", out var ns) ? ns : null);
            if (obj.Kind != "Namespace")
                Assert.Contains(obj.Namespace, plan.Objects.Where(o => o.Kind == "Namespace").Select(o => o.Name));
            if (CrdKinds.Contains(obj.Kind))
                Assert.Contains(obj.DependsOnRelease, crdReleases);
        }

        Assert.Equal(plan.Objects.Count, plan.Objects.Select(o => o.Id).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Every_configmap_and_secret_fits_the_client_side_apply_annotation_limit(string stack)
    {
        foreach (var obj in TestStacks.Plan(stack).Objects.Where(o => o.Kind is "ConfigMap" or "Secret"))
        {
            var bytes = System.Text.Encoding.UTF8.GetByteCount(obj.ToYaml());
            Assert.True(bytes < 262_144, $"{obj.Id} is {bytes} bytes: over the 262,144-byte last-applied annotation limit");
        }
    }
}
