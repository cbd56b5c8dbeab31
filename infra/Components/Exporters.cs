using System.Collections.Immutable;
using Observability.Infra.Deploy;
using Observability.Stacks.Modules;
using Pulumi;

namespace Observability.Infra.Components;

/// <summary>The inputs of an <see cref="Exporters"/> component: the exporters module's share of the plan.</summary>
public sealed class ExportersArgs
{
    /// <summary>The <see cref="ExportersModule"/>'s objects.</summary>
    public required ModulePlan Module { get; init; }

    /// <summary>The URN of the component its resources were children of before (their aliases), or null.</summary>
    public Input<string>? PreviousParentUrn { get; init; }
}

/// <summary>The PostgreSQL and Redis exporters: Deployment, Service, ServiceMonitor and credentials Secret each (<see cref="ExportersModule"/>).</summary>
public sealed class Exporters : ModuleComponent
{
    /// <summary>The Pulumi type token.</summary>
    public const string Type = "observability:metrics:Exporters";

    internal Exporters(string name, ExportersArgs args, DeploymentContext context, ComponentResourceOptions? options = null)
        : base(Type, name, args.Module, context, args.PreviousParentUrn, options)
    {
        Jobs = Output.Create(args.Module.Objects.Where(o => o.Kind == "Deployment").Select(o => o.Name).ToImmutableArray());
        RegisterOutputs();
    }

    /// <summary>The exporters' job names (also their Deployment, Service and ServiceMonitor names).</summary>
    [Output("jobs")]
    public Output<ImmutableArray<string>> Jobs { get; private set; } = null!;
}
