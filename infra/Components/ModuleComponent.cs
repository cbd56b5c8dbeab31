using Observability.Infra.Deploy;
using Observability.Stacks.Modules;
using Pulumi;

namespace Observability.Infra.Components;

/// <summary>
/// The component of one module (<see cref="ModulePlan"/>, <c>stacks/Modules/</c>), each resource a child (<c>Parent = this</c>):
/// first its Secrets (the charts read them through existingSecret-style values, so each release waits for the Secrets in its
/// namespace and its pods never start without them), then its releases in plan order, then its other objects in plan order.
/// A module whose resources were once children of another component passes that component's URN: every child then carries
/// an alias to its old place, so moving it here replaces nothing. The subclasses name the type token and export their outputs;
/// <see cref="MonitoringStack"/> creates them.
/// </summary>
public abstract class ModuleComponent : ComponentResource
{
    private protected ModuleComponent(string type, string name, ModulePlan module, DeploymentContext context, Input<string>? previousParentUrn, ComponentResourceOptions? options)
        : base(type, name, options)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(context);
        List<Input<Alias>> aliases = previousParentUrn is null ? [] : [new Alias { ParentUrn = previousParentUrn }];
        var secrets = module.Objects.Where(o => o is { Shape: Stacks.Composition.ObjectShape.Secret, DependsOnRelease: null }).ToList();
        var created = secrets.Select(s => (Plan: s, Resource: PlanResources.Object(s, context, this, aliases))).ToList();

        foreach (var release in module.Releases)
        {
            var waitFor = created.Where(s => s.Plan.Namespace == release.Namespace).Select(s => s.Resource);
            PlanResources.Release(release, context, this, waitFor, aliases);
        }

        foreach (var obj in module.Objects.Where(o => !secrets.Any(s => ReferenceEquals(s, o))))
            PlanResources.Object(obj, context, this, aliases);
    }
}
