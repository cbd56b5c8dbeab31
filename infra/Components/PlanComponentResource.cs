using Observability.Infra.Deploy;
using Observability.Stacks.Composition;
using Pulumi;

namespace Observability.Infra.Components;

/// <summary>
/// A component holding one <see cref="PlanComponent"/>'s releases (plan order) and then its objects (plan order), each a child
/// (<c>Parent = this</c>). The subclasses only name the type token and export their outputs.
/// </summary>
internal abstract class PlanComponentResource : ComponentResource
{
    protected PlanComponentResource(string type, string name, PlanComponent component, PlanComponentArgs args, ComponentResourceOptions? options)
        : base(type, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        foreach (var release in args.Plan.Releases.Where(r => r.Component == component))
            PlanResources.Release(release, args.Context, this);
        foreach (var obj in args.Plan.Objects.Where(o => o.Component == component))
            PlanResources.Object(obj, args.Context, this);
    }
}
