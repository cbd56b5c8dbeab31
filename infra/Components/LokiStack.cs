using Observability.Infra.Deploy;
using Observability.Stacks.Modules;
using Pulumi;

namespace Observability.Infra.Components;

/// <summary>The inputs of a <see cref="LokiStack"/>: the Loki module's share of the plan and its push URL.</summary>
public sealed class LokiStackArgs
{
    /// <summary>The <see cref="LokiModule"/>'s release and objects.</summary>
    public required ModulePlan Module { get; init; }

    /// <summary>The logging namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Loki's in-cluster push URL (the log agent's target).</summary>
    public required string PushUrl { get; init; }

    /// <summary>The URN of the component its resources were children of before (their aliases), or null.</summary>
    public Input<string>? PreviousParentUrn { get; init; }
}

/// <summary>Loki, and with S3 storage the Secret of its credentials (<see cref="LokiModule"/>).</summary>
public sealed class LokiStack : ModuleComponent
{
    /// <summary>The Pulumi type token.</summary>
    public const string Type = "observability:logging:LokiStack";

    internal LokiStack(string name, LokiStackArgs args, DeploymentContext context, ComponentResourceOptions? options = null)
        : base(Type, name, args.Module, context, args.PreviousParentUrn, options)
    {
        Namespace = Output.Create(args.Namespace);
        LokiPushUrl = Output.Create(args.PushUrl);
        RegisterOutputs();
    }

    /// <summary>The logging namespace.</summary>
    [Output("namespace")]
    public Output<string> Namespace { get; private set; } = null!;

    /// <summary>Loki's in-cluster push URL.</summary>
    [Output("lokiPushUrl")]
    public Output<string> LokiPushUrl { get; private set; } = null!;
}
