using Observability.Infra.Deploy;
using Observability.Stacks.Modules;
using Pulumi;

namespace Observability.Infra.Components;

/// <summary>The inputs of a <see cref="NetworkPolicies"/> component: the network module's share of the plan.</summary>
public sealed class NetworkPoliciesArgs
{
    /// <summary>The <see cref="NetworkModule"/>'s NetworkPolicies.</summary>
    public required ModulePlan Module { get; init; }
}

/// <summary>The NetworkPolicies of the stack's namespaces (the component exists when the stack turns them on).</summary>
public sealed class NetworkPolicies : ModuleComponent
{
    /// <summary>The Pulumi type token.</summary>
    public const string Type = "observability:network:NetworkPolicies";

    internal NetworkPolicies(string name, NetworkPoliciesArgs args, DeploymentContext context, ComponentResourceOptions? options = null)
        : base(Type, name, args.Module, context, null, options)
    {
        Count = Output.Create(args.Module.Objects.Count);
        RegisterOutputs();
    }

    /// <summary>How many NetworkPolicies the stack creates.</summary>
    [Output("count")]
    public Output<int> Count { get; private set; } = null!;
}
