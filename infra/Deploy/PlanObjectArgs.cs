using Pulumi;
using Pulumi.Kubernetes.ApiExtensions;

namespace Observability.Infra.Deploy;

/// <summary>
/// Inputs of a Kubernetes object that has no typed class here (PrometheusRule, ServiceMonitor, NetworkPolicy, ...), created
/// through <see cref="Pulumi.Kubernetes.ApiExtensions.CustomResource"/> (type token <c>kubernetes:&lt;apiVersion&gt;:&lt;kind&gt;</c>).
/// Only the top-level fields declared here are sent; <see cref="PlanShapes"/> refuses a body with any other.
/// </summary>
internal sealed class PlanObjectArgs : CustomResourceArgs
{
    public PlanObjectArgs(string apiVersion, string kind)
        : base(apiVersion, kind)
    {
    }

    [Input("spec")]
    public InputMap<object>? Spec { get; set; }
}
