using Observability.Infra.Deploy;
using Observability.Stacks.Modules;
using Pulumi;

namespace Observability.Infra.Components;

/// <summary>The inputs of a <see cref="TracingStack"/>: the tracing module's share of the plan and its endpoints.</summary>
public sealed class TracingStackArgs
{
    /// <summary>The <see cref="TracingModule"/>'s release and objects.</summary>
    public required ModulePlan Module { get; init; }

    /// <summary>The tracing namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Jaeger's in-cluster query URL (UI and API).</summary>
    public required string QueryUrl { get; init; }

    /// <summary>Where applications send traces over OTLP/gRPC.</summary>
    public required string OtlpGrpcEndpoint { get; init; }

    /// <summary>Where applications send traces over OTLP/HTTP.</summary>
    public required string OtlpHttpEndpoint { get; init; }
}

/// <summary>Jaeger v2: the query UI/API and the OTLP receivers applications send traces to (<see cref="TracingModule"/>).</summary>
public sealed class TracingStack : ModuleComponent
{
    /// <summary>The Pulumi type token.</summary>
    public const string Type = "observability:tracing:TracingStack";

    internal TracingStack(string name, TracingStackArgs args, DeploymentContext context, ComponentResourceOptions? options = null)
        : base(Type, name, args.Module, context, null, options)
    {
        Namespace = Output.Create(args.Namespace);
        JaegerQueryUrl = Output.Create(args.QueryUrl);
        OtlpGrpcEndpoint = Output.Create(args.OtlpGrpcEndpoint);
        OtlpHttpEndpoint = Output.Create(args.OtlpHttpEndpoint);
        RegisterOutputs();
    }

    /// <summary>The tracing namespace.</summary>
    [Output("namespace")]
    public Output<string> Namespace { get; private set; } = null!;

    /// <summary>Jaeger's in-cluster query URL.</summary>
    [Output("jaegerQueryUrl")]
    public Output<string> JaegerQueryUrl { get; private set; } = null!;

    /// <summary>The OTLP/gRPC endpoint applications send traces to.</summary>
    [Output("otlpGrpcEndpoint")]
    public Output<string> OtlpGrpcEndpoint { get; private set; } = null!;

    /// <summary>The OTLP/HTTP endpoint applications send traces to.</summary>
    [Output("otlpHttpEndpoint")]
    public Output<string> OtlpHttpEndpoint { get; private set; } = null!;
}
