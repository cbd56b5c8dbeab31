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
/// <see cref="Release"/> (why v3: README, "Why Helm v3 Release / v4 Chart"); a <see cref="KubernetesObjectPlan"/> becomes a
/// typed Namespace, ConfigMap or Secret, or a <see cref="PlanObject"/> for every other kind (<see cref="PlanShapes"/>).
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
    public static Release Release(HelmReleasePlan plan, DeploymentContext context, Resource parent, IEnumerable<Resource> waitFor)
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
        }, new CustomResourceOptions { Parent = parent, Provider = context.Provider, DependsOn = dependsOn });
        context.Releases.Add((plan, release));
        return release;
    }

    /// <summary>The object, depending on its namespace and on the release it waits for (the one installing its CRD).</summary>
    public static Resource Object(KubernetesObjectPlan plan, DeploymentContext context, Resource parent)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(context);
        var parts = PlanShapes.Parts(plan);
        var dependsOn = new List<Resource>();
        if (plan.Namespace is not null && context.Namespaces.TryGetValue(plan.Namespace, out var ns))
            dependsOn.Add(ns);
        if (plan.DependsOnRelease is not null)
            dependsOn.Add(context.ReleaseNamed(plan.DependsOnRelease, plan.Id));
        var options = new CustomResourceOptions { Parent = parent, Provider = context.Provider, DependsOn = dependsOn };

        var metadata = Metadata(parts);
        switch (parts.Shape)
        {
            case ObjectShape.Namespace:
                return new Namespace(plan.Id, new NamespaceArgs { Metadata = metadata }, options);
            case ObjectShape.ConfigMap:
                return new ConfigMap(plan.Id, new ConfigMapArgs { Metadata = metadata, Data = new Dictionary<string, string>(parts.Data) }, options);
            case ObjectShape.Secret:
            {
                var stringData = new InputMap<string>();
                foreach (var (key, value) in parts.StringData)
                {
                    stringData.Add(key, value is SecretValue secret
                        ? context.Secrets.Resolve(secret, parent)
                        : Output.CreateSecret((string)value));
                }

                var args = new SecretArgs { Metadata = metadata, StringData = stringData };
                if (parts.SecretType is not null)
                    args.Type = parts.SecretType;
                return new Secret(plan.Id, args, options);
            }

            default:
            {
                var args = new PlanObjectArgs { ApiVersion = plan.ApiVersion, Kind = plan.Kind, Metadata = metadata };
                if (parts.Spec is not null)
                    args.Spec = parts.Spec;
                return new PlanObject(PlanShapes.TypeToken(plan), plan.Id, args, options);
            }
        }
    }

    private static ObjectMetaArgs Metadata(ObjectParts parts)
    {
        var args = new ObjectMetaArgs { Name = parts.Name };
        if (parts.Namespace is not null)
            args.Namespace = parts.Namespace;
        if (parts.Labels is not null)
            args.Labels = new Dictionary<string, string>(parts.Labels);
        if (parts.Annotations is not null)
            args.Annotations = new Dictionary<string, string>(parts.Annotations);
        return args;
    }
}
