using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace Observability.Infra.Deploy;

/// <summary>
/// A Kubernetes object without a typed class here (PrometheusRule, ServiceMonitor, NetworkPolicy, Deployment, Service, ...),
/// registered under its provider type token, e.g. <c>kubernetes:monitoring.coreos.com/v1:PrometheusRule</c> or
/// <c>kubernetes:core/v1:Service</c> (<see cref="PlanChecks.TypeToken"/>). This is what Pulumi.Kubernetes' generated classes
/// and its <c>ApiExtensions.CustomResource</c> do (a <see cref="CustomResource"/> with the token); that class cannot be used for
/// core kinds because it builds the token from the apiVersion (<c>kubernetes:v1:Service</c>, which the provider rejects:
/// it reads group and version from the token's module, provider.go gvkFromURN).
/// </summary>
internal sealed class PlanObject : CustomResource
{
    public PlanObject(string type, string name, PlanObjectArgs args, CustomResourceOptions options)
        : base(type, name, args, options)
    {
    }
}

/// <summary>The inputs of a <see cref="PlanObject"/>: only these top-level fields are sent (the plan object is typed: its spec, nothing else).</summary>
internal sealed class PlanObjectArgs : ResourceArgs
{
    [Input("apiVersion", required: true)]
    public Input<string> ApiVersion { get; set; } = null!;

    [Input("kind", required: true)]
    public Input<string> Kind { get; set; } = null!;

    [Input("metadata")]
    public Input<ObjectMetaArgs>? Metadata { get; set; }

    [Input("spec")]
    public InputMap<object>? Spec { get; set; }
}
