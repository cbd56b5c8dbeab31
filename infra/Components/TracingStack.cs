using Observability.Stacks.Composition;
using Pulumi;

namespace Observability.Infra.Components;

/// <summary>Jaeger v2: the query UI/API and the OTLP receivers applications send traces to.</summary>
public sealed class TracingStack : PlanComponentResource
{
    /// <summary>The Pulumi type token.</summary>
    public const string Type = "observability:tracing:TracingStack";

    internal TracingStack(string name, PlanComponentArgs args, ComponentResourceOptions? options = null)
        : base(Type, name, PlanComponent.Tracing, args, options)
    {
        var endpoints = args.Plan.Endpoints;
        Namespace = Output.Create(args.Plan.Settings.Namespaces.Tracing);
        JaegerQueryUrl = Output.Create(endpoints.JaegerQuery);
        OtlpGrpcEndpoint = Output.Create(endpoints.OtlpGrpc);
        OtlpHttpEndpoint = Output.Create(endpoints.OtlpHttp);
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
