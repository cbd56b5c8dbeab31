using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
using Pulumi;
using Pulumi.Kubernetes.Core.V1;
using Pulumi.Kubernetes.Helm.V3;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Helm.V3;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace Observability.Infra.Deploy;

/// <summary>
/// Plan entries → Pulumi resources, one to one, with no decision of their own: a <see cref="HelmReleasePlan"/> becomes a Helm v3
/// <see cref="Release"/> (why v3: README, "Why Helm v3 Release / v4 Chart"); a <see cref="KubernetesObjectPlan"/> becomes, by its
/// <see cref="ObjectShape"/>, a typed Namespace, ConfigMap or Secret, or a <see cref="PlanObject"/> of its spec for every other kind.
/// </summary>
internal static class PlanResources
{
    /// <summary>Helm keeps every revision (values included) as a Secret in the cluster; ten are plenty to roll back.</summary>
    private const int MaxHistory = 10;

    /// <summary>
    /// The release (with the plan's timeout, atomic and cleanup-on-fail policy), depending on its namespace, on <paramref name="waitFor"/> (the Secrets its values reference), and on every
    /// earlier release that installs CRDs (the plan lists releases in install order, kube-prometheus-stack first: a chart that
    /// creates ServiceMonitors needs its CRDs).
    /// </summary>
    public static Release Release(HelmReleasePlan plan, DeploymentContext context, Resource parent, IEnumerable<Resource> waitFor, IReadOnlyList<Input<Alias>> aliases)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(context);
        var dependsOn = new List<Resource>();
        if (context.Namespaces.TryGetValue(plan.Namespace, out var ns))
            dependsOn.Add(ns);
        dependsOn.AddRange(waitFor);
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

            // The stack's release policy (observability:releases): how long Helm waits for the release's resources, and
            // whether a failed install is purged / a failed upgrade rolled back (atomic) and cleaned up (cleanupOnFail).
            Timeout = plan.Policy.TimeoutSeconds,
            Atomic = plan.Policy.Atomic,
            CleanupOnFail = plan.Policy.CleanupOnFail,
        }, Options(parent, context, dependsOn, aliases));
        context.Releases.Add((plan, release));
        return release;
    }

    /// <summary>The object, depending on its namespace and on the release it waits for (the one installing its CRD).</summary>
    public static Resource Object(KubernetesObjectPlan plan, DeploymentContext context, Resource parent, IReadOnlyList<Input<Alias>> aliases)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(context);
        var dependsOn = new List<Resource>();
        if (plan.Namespace is not null && context.Namespaces.TryGetValue(plan.Namespace, out var ns))
            dependsOn.Add(ns);
        if (plan.DependsOnRelease is not null)
            dependsOn.Add(context.ReleaseNamed(plan.DependsOnRelease, plan.Id));
        var options = Options(parent, context, dependsOn, aliases);

        var metadata = Metadata(plan.Metadata);
        switch (plan.Shape)
        {
            case ObjectShape.Namespace:
                return new Namespace(plan.Id, new NamespaceArgs { Metadata = metadata }, options);
            case ObjectShape.ConfigMap:
                return new ConfigMap(plan.Id, new ConfigMapArgs { Metadata = metadata, Data = ToDictionary(plan.Data) }, options);
            case ObjectShape.Secret:
            {
                var stringData = new InputMap<string>();
                foreach (var (key, value) in plan.StringData)
                {
                    stringData.Add(key, value switch
                    {
                        SecretValue secret => context.Secrets.Resolve(secret, parent),
                        string text => Output.CreateSecret(text),
                        _ => throw new InvalidOperationException($"{plan.Id}.stringData.{key}: expected text or a secret setting, found {value.GetType().Name}"),
                    });
                }

                var args = new SecretArgs { Metadata = metadata, StringData = stringData };
                if (plan.SecretType is not null)
                    args.Type = plan.SecretType;
                return new Secret(plan.Id, args, options);
            }

            default:
            {
                var args = new PlanObjectArgs { ApiVersion = plan.ApiVersion, Kind = plan.Kind, Metadata = metadata };
                if (plan.Spec is not null)
                    args.Spec = PulumiValues.Map(plan.Spec, $"{plan.Id}.spec");
                return new PlanObject(PlanChecks.TypeToken(plan), plan.Id, args, options);
            }
        }
    }

    private static CustomResourceOptions Options(Resource parent, DeploymentContext context, List<Resource> dependsOn, IReadOnlyList<Input<Alias>> aliases) => new()
    {
        Parent = parent,
        Provider = context.Provider,
        DependsOn = dependsOn,
        Aliases = [.. aliases],
    };

    private static ObjectMetaArgs Metadata(ObjectMetadata metadata)
    {
        var args = new ObjectMetaArgs { Name = metadata.Name };
        if (metadata.Namespace is not null)
            args.Namespace = metadata.Namespace;
        if (metadata.Labels.Count > 0)
            args.Labels = ToDictionary(metadata.Labels);
        if (metadata.Annotations.Count > 0)
            args.Annotations = ToDictionary(metadata.Annotations);
        return args;
    }

    private static Dictionary<string, string> ToDictionary(IReadOnlyList<KeyValuePair<string, string>> pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
