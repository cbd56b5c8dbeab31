using Observability.Stacks.Composition;
using Pulumi;

namespace Observability.Infra.Components;

/// <summary>Loki and the log agent (Promtail, or Grafana Alloy, its successor) pushing to it.</summary>
public sealed class LoggingStack : PlanComponentResource
{
    /// <summary>The Pulumi type token.</summary>
    public const string Type = "observability:logging:LoggingStack";

    internal LoggingStack(string name, PlanComponentArgs args, ComponentResourceOptions? options = null)
        : base(Type, name, PlanComponent.Logging, args, options)
    {
        Namespace = Output.Create(args.Plan.Settings.Namespaces.Logging);
        LokiPushUrl = Output.Create(args.Plan.Endpoints.LokiPush);
        RegisterOutputs();
    }

    /// <summary>The logging namespace.</summary>
    [Output("namespace")]
    public Output<string> Namespace { get; private set; } = null!;

    /// <summary>Loki's in-cluster push URL.</summary>
    [Output("lokiPushUrl")]
    public Output<string> LokiPushUrl { get; private set; } = null!;
}
