using Observability.Infra.Components;
using Observability.Stacks.Settings;
using Pulumi;
using K8sProvider = Pulumi.Kubernetes.Provider;
using K8sProviderArgs = Pulumi.Kubernetes.ProviderArgs;

namespace Observability.Infra;

/// <summary>
/// The Pulumi program: config → settings (<see cref="ObservabilityConfig"/>, the stacks/ validation) → the Kubernetes provider
/// → one <see cref="MonitoringStack"/>. It uses only the component library's public API, as any other program would.
/// </summary>
internal static class ObservabilityProgram
{
    /// <summary>The provider's logical name (stable: a renamed provider would replace every resource).</summary>
    public const string ProviderName = "kubernetes";

    /// <summary>The root component's logical name.</summary>
    public const string StackName = "observability";

    /// <summary>
    /// Runs inside <c>Deployment.RunAsync</c> (or <c>Deployment.TestAsync</c>) and returns the stack outputs.
    /// Invalid config throws a <see cref="RunException"/> listing every problem before any resource is registered.
    /// </summary>
    /// <param name="rootOptions">Options of the root component (tests pass resource transformations to observe every child).</param>
    /// <param name="settings">The settings; by default the stack's config (<see cref="ObservabilityConfig.Load()"/>).</param>
    public static IDictionary<string, object?> Run(ComponentResourceOptions? rootOptions = null, StackSettings? settings = null)
    {
        settings ??= ObservabilityConfig.Load();
        var provider = Provider(settings);
        var root = new MonitoringStack(StackName, new MonitoringStackArgs { Settings = settings, Provider = provider }, rootOptions);
        return root.StackOutputs();
    }

    /// <summary>
    /// One explicit provider from the first deployment on: the kubeconfig from KUBECONFIG or ~/.kube/config, the context from
    /// observability:kubeContext when set, server-side apply on (so no object carries the 262,144-byte last-applied
    /// annotation). It was once a child of the root component; the alias keeps that provider (and so every resource) in place.
    /// </summary>
    private static K8sProvider Provider(StackSettings settings)
    {
        var args = new K8sProviderArgs { EnableServerSideApply = true };
        if (settings.KubeContext is not null)
            args.Context = settings.KubeContext;
        return new K8sProvider(ProviderName, args, new CustomResourceOptions
        {
            Aliases = { new Alias { ParentUrn = Urn.Create(StackName, MonitoringStack.Type) } },
        });
    }
}
