using Observability.Infra.Deploy;
using Observability.Stacks.Composition;
using Pulumi;

namespace Observability.Infra.Components;

/// <summary>
/// A component holding one <see cref="PlanComponent"/>'s share of the plan, each resource a child (<c>Parent = this</c>): first its
/// Secrets (the charts read them through existingSecret-style values, so each release waits for the Secrets in its namespace and
/// its pods never start without them), then its releases in plan order, then its other objects in plan order.
/// The subclasses only name the type token and export their outputs; <see cref="MonitoringStack"/> creates them.
/// </summary>
public abstract class PlanComponentResource : ComponentResource
{
    private protected PlanComponentResource(string type, string name, PlanComponent component, PlanComponentArgs args, ComponentResourceOptions? options)
        : base(type, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var objects = args.Plan.Objects.Where(o => o.Component == component).ToList();
        var secrets = objects.Where(o => o is { ApiVersion: "v1", Kind: "Secret", DependsOnRelease: null }).ToList();
        var created = secrets.Select(s => (Plan: s, Resource: PlanResources.Object(s, args.Context, this))).ToList();

        foreach (var release in args.Plan.Releases.Where(r => r.Component == component))
        {
            var waitFor = created.Where(s => s.Plan.Namespace == release.Namespace).Select(s => s.Resource);
            PlanResources.Release(release, args.Context, this, waitFor);
        }

        foreach (var obj in objects.Where(o => !secrets.Any(s => ReferenceEquals(s, o))))
            PlanResources.Object(obj, args.Context, this);
    }
}
