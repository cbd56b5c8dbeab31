using Observability.Infra.Deploy;
using Observability.Stacks.Modules;
using Pulumi;

namespace Observability.Infra.Components;

/// <summary>The inputs of a <see cref="LogAgent"/>: the log agent module's share of the plan.</summary>
public sealed class LogAgentArgs
{
    /// <summary>The <see cref="LogAgentModule"/>'s release (Alloy or Promtail).</summary>
    public required ModulePlan Module { get; init; }

    /// <summary>The logging namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The URN of the component its resources were children of before (their aliases), or null.</summary>
    public Input<string>? PreviousParentUrn { get; init; }
}

/// <summary>The log agent (Grafana Alloy, or Promtail), pushing every pod's logs to Loki (<see cref="LogAgentModule"/>).</summary>
public sealed class LogAgent : ModuleComponent
{
    /// <summary>The Pulumi type token.</summary>
    public const string Type = "observability:logging:LogAgent";

    internal LogAgent(string name, LogAgentArgs args, DeploymentContext context, ComponentResourceOptions? options = null)
        : base(Type, name, args.Module, context, args.PreviousParentUrn, options)
    {
        Namespace = Output.Create(args.Namespace);
        Release = Output.Create(args.Module.Releases.Single().Name);
        RegisterOutputs();
    }

    /// <summary>The logging namespace.</summary>
    [Output("namespace")]
    public Output<string> Namespace { get; private set; } = null!;

    /// <summary>The agent's release: <c>alloy</c> or <c>promtail</c>.</summary>
    [Output("release")]
    public Output<string> Release { get; private set; } = null!;
}
