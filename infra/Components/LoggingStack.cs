using Observability.Stacks.Composition;
using Pulumi;

namespace Observability.Infra.Components;

/// <summary>Loki and the log agent (Promtail, or Grafana Alloy, its successor) pushing to it.</summary>
internal sealed class LoggingStack : PlanComponentResource
{
    public const string Type = "observability:logging:LoggingStack";

    public LoggingStack(string name, PlanComponentArgs args, ComponentResourceOptions? options = null)
        : base(Type, name, PlanComponent.Logging, args, options)
    {
        Namespace = Output.Create(args.Plan.Settings.Namespaces.Logging);
        LokiPushUrl = Output.Create(args.Plan.Endpoints.LokiPush);
        RegisterOutputs();
    }

    [Output("namespace")]
    public Output<string> Namespace { get; private set; } = null!;

    [Output("lokiPushUrl")]
    public Output<string> LokiPushUrl { get; private set; } = null!;
}
