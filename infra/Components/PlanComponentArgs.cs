using Observability.Infra.Deploy;
using Observability.Stacks.Composition;

namespace Observability.Infra.Components;

/// <summary>What a component of <see cref="MonitoringStack"/> deploys: its share of the plan, and the shared context.</summary>
internal sealed class PlanComponentArgs
{
    public required EnvironmentPlan Plan { get; init; }

    public required DeploymentContext Context { get; init; }
}
