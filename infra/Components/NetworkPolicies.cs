using Observability.Stacks.Composition;
using Pulumi;

namespace Observability.Infra.Components;

/// <summary>The NetworkPolicies of the stack's namespaces (none when the stack turns them off).</summary>
internal sealed class NetworkPolicies : PlanComponentResource
{
    public const string Type = "observability:network:NetworkPolicies";

    public NetworkPolicies(string name, PlanComponentArgs args, ComponentResourceOptions? options = null)
        : base(Type, name, PlanComponent.Network, args, options)
    {
        Count = Output.Create(args.Plan.Objects.Count(o => o.Component == PlanComponent.Network));
        RegisterOutputs();
    }

    [Output("count")]
    public Output<int> Count { get; private set; } = null!;
}
