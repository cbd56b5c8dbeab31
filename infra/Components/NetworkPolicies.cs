using Observability.Stacks.Composition;
using Pulumi;

namespace Observability.Infra.Components;

/// <summary>The NetworkPolicies of the stack's namespaces (none when the stack turns them off).</summary>
public sealed class NetworkPolicies : PlanComponentResource
{
    /// <summary>The Pulumi type token.</summary>
    public const string Type = "observability:network:NetworkPolicies";

    internal NetworkPolicies(string name, PlanComponentArgs args, ComponentResourceOptions? options = null)
        : base(Type, name, PlanComponent.Network, args, options)
    {
        Count = Output.Create(args.Plan.Objects.Count(o => o.Component == PlanComponent.Network));
        RegisterOutputs();
    }

    /// <summary>How many NetworkPolicies the stack creates (0 when they are off).</summary>
    [Output("count")]
    public Output<int> Count { get; private set; } = null!;
}
