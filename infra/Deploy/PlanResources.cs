using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
using Pulumi;
using Pulumi.Kubernetes.Core.V1;
using Pulumi.Kubernetes.Helm.V3;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Helm.V3;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using K8sCustomResource = Pulumi.Kubernetes.ApiExtensions.CustomResource;

namespace Observability.Infra.Deploy;

/// <summary>
/// Plan entries → Pulumi resources, one to one, with no decision of their own: a <see cref="HelmReleasePlan"/> becomes a Helm v3
/// <see cref="Release"/> (why v3: README, "Why Helm v3 Release / v4 Chart"); a <see cref="KubernetesObjectPlan"/> becomes a
/// typed Namespace, ConfigMap or Secret, or a <see cref="K8sCustomResource"/> for every other kind.
/// </summary>
internal static class PlanResources
{
    /// <summary>Helm keeps every revision (values included) as a Secret; ten revisions are plenty to roll back.</summary>
    private const int MaxHistory = 10;

    /// <summary>
    /// The release, depending on its namespace and on every earlier release that installs CRDs (the plan lists releases in
    /// install order, kube-prometheus-stack first: a chart that creates ServiceMonitors needs its CRDs).
    /// </summary>
    public static Release Release(HelmReleasePlan plan, DeploymentContext context, Resource parent)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(context);
        var dependsOn = new List<Resource>();
        if (context.Namespaces.TryGetValue(plan.Namespace, out var ns))
            dependsOn.Add(ns);
        dependsOn.AddRange(context.Releases.Where(r => r.Plan.InstallsCrds).Select(r => r.Release));

        var release = new Release(plan.Name, new ReleaseArgs
        {
            Name = plan.Name,
            Chart = plan.Chart,
            Version = plan.Version,
            Namespace = plan.Namespace,
            RepositoryOpts = new RepositoryOptsArgs { Repo = plan.Repository },
            Values = PulumiValues.Map(plan.Values, $"release {plan.Name} values"),
            MaxHistory = MaxHistory,
        }, new CustomResourceOptions { Parent = parent, Provider = context.Provider, DependsOn = dependsOn });
        context.Releases.Add((plan, release));
        return release;
    }

    /// <summary>The object, depending on its namespace and on the release it waits for (the one installing its CRD).</summary>
    public static Resource Object(KubernetesObjectPlan plan, DeploymentContext context, Resource parent)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(context);
        var dependsOn = new List<Resource>();
        if (plan.Namespace is not null && context.Namespaces.TryGetValue(plan.Namespace, out var ns))
            dependsOn.Add(ns);
        if (plan.DependsOnRelease is not null)
            dependsOn.Add(context.ReleaseNamed(plan.DependsOnRelease, plan.Id));
        var options = new CustomResourceOptions { Parent = parent, Provider = context.Provider, DependsOn = dependsOn };

        var metadata = Metadata(plan);
        switch (plan.ApiVersion, plan.Kind)
        {
            case ("v1", "Namespace"):
                Check(plan, []);
                return new Namespace(plan.Id, new NamespaceArgs { Metadata = metadata }, options);
            case ("v1", "ConfigMap"):
                Check(plan, ["data"]);
                return new ConfigMap(plan.Id, new ConfigMapArgs { Metadata = metadata, Data = Strings(plan, "data") }, options);
            case ("v1", "Secret"):
            {
                Check(plan, ["stringData", "type"]);
                var args = new SecretArgs { Metadata = metadata, StringData = SecretStrings(plan, context.Secrets, parent) };
                if (plan.Body.TryGetValue("type", out var type))
                    args.Type = Text(type, $"{plan.Id}.type");
                return new Secret(plan.Id, args, options);
            }

            case ("v1", _):
                throw new InvalidOperationException(
                    $"{plan.Id}: expected a core kind this program maps (Namespace, ConfigMap, Secret), found {plan.Kind}");
            default:
            {
                Check(plan, PlanObjectArgs.Fields);
                var args = new PlanObjectArgs(plan.ApiVersion, plan.Kind) { Metadata = metadata };
                if (plan.Body.TryGetValue("spec", out var spec) && spec is not null)
                    args.Spec = PulumiValues.Map(MapOf(spec, $"{plan.Id}.spec"), $"{plan.Id}.spec");
                return new K8sCustomResource(plan.Id, args, options);
            }
        }
    }

    /// <summary>Refuses a body with top-level fields the mapped resource type would not send (nothing is dropped silently).</summary>
    private static void Check(KubernetesObjectPlan plan, IReadOnlyList<string> fields)
    {
        string[] always = ["apiVersion", "kind", "metadata"];
        var unknown = plan.Body.Keys.Where(k => !always.Contains(k) && !fields.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"{plan.Id}: expected only the fields {string.Join(", ", always.Concat(fields))}, found {string.Join(", ", unknown)}");
        }
    }

    private static ObjectMetaArgs Metadata(KubernetesObjectPlan plan)
    {
        var meta = plan.Body.TryGetValue("metadata", out var m) && m is not null
            ? MapOf(m, $"{plan.Id}.metadata")
            : [];
        string[] known = ["name", "namespace", "labels", "annotations"];
        var unknown = meta.Select(e => e.Key).Where(k => !known.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException($"{plan.Id}.metadata: expected only {string.Join(", ", known)}, found {string.Join(", ", unknown)}");

        var args = new ObjectMetaArgs { Name = plan.Name };
        if (plan.Namespace is not null)
            args.Namespace = plan.Namespace;
        if (meta.FirstOrDefault(e => e.Key == "labels").Value is { } labels)
            args.Labels = StringMap(labels, $"{plan.Id}.metadata.labels");
        if (meta.FirstOrDefault(e => e.Key == "annotations").Value is { } annotations)
            args.Annotations = StringMap(annotations, $"{plan.Id}.metadata.annotations");
        return args;
    }

    private static Dictionary<string, string> Strings(KubernetesObjectPlan plan, string field) =>
        plan.Body.TryGetValue(field, out var data) && data is not null
            ? StringMap(data, $"{plan.Id}.{field}")
            : [];

    /// <summary>Every entry of a Secret's stringData as a secret Output: secret settings resolved, plain text wrapped.</summary>
    private static InputMap<string> SecretStrings(KubernetesObjectPlan plan, SecretOutputs secrets, Resource parent)
    {
        var map = new InputMap<string>();
        if (!plan.Body.TryGetValue("stringData", out var data) || data is null)
            return map;
        foreach (var (key, value) in MapOf(data, $"{plan.Id}.stringData"))
        {
            map.Add(key, value switch
            {
                SecretValue secret => secrets.Resolve(secret, parent),
                string text => Output.CreateSecret(text),
                _ => throw new InvalidOperationException(
                    $"{plan.Id}.stringData.{key}: expected text or a secret setting, found {value?.GetType().Name ?? "null"}"),
            });
        }

        return map;
    }

    private static Dictionary<string, string> StringMap(object value, string path) =>
        MapOf(value, path).ToDictionary(e => e.Key, e => Text(e.Value, $"{path}.{e.Key}"), StringComparer.Ordinal);

    private static string Text(object? value, string path) =>
        value as string ?? throw new InvalidOperationException($"{path}: expected text, found {value?.GetType().Name ?? "null"}");

    private static IReadOnlyList<KeyValuePair<string, object?>> MapOf(object value, string path) => value switch
    {
        IEnumerable<KeyValuePair<string, object?>> map => map.ToList(),
        System.Collections.IDictionary map => map.Cast<System.Collections.DictionaryEntry>()
            .Select(e => new KeyValuePair<string, object?>(
                e.Key as string ?? throw new InvalidOperationException($"{path}: expected string keys"), e.Value))
            .ToList(),
        _ => throw new InvalidOperationException($"{path}: expected a map, found {value.GetType().Name}"),
    };
}
