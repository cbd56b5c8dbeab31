using Observability.Stacks.Composition;
using Pulumi;
using Pulumi.Kubernetes.Helm.V3;

namespace Observability.Infra.Deploy;

/// <summary>What every component shares: the Kubernetes provider, the namespaces, the releases created so far, the secrets.</summary>
internal sealed class DeploymentContext
{
    public required ProviderResource Provider { get; init; }

    public required SecretOutputs Secrets { get; init; }

    /// <summary>The Namespace resources the plan creates, by namespace name.</summary>
    public required IReadOnlyDictionary<string, Resource> Namespaces { get; init; }

    /// <summary>Releases in creation order (the plan's install order), registered by the component that creates them.</summary>
    public List<(HelmReleasePlan Plan, Release Release)> Releases { get; } = [];

    /// <summary>The release named <paramref name="name"/>; it must have been created already (plan order).</summary>
    public Release ReleaseNamed(string name, string neededBy) =>
        Releases.FirstOrDefault(r => r.Plan.Name == name).Release
        ?? throw new InvalidOperationException(
            $"{neededBy}: expected to depend on the Helm release \"{name}\", found no such release created before it " +
            $"(releases so far: {(Releases.Count == 0 ? "none" : string.Join(", ", Releases.Select(r => r.Plan.Name)))})");
}
