using Observability.Infra.Components;
using Observability.Rules.Validation;
using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
using Pulumi;

namespace Observability.Infra.Deploy;

/// <summary>
/// Settings → the checked plan a <see cref="MonitoringStack"/> deploys: the settings' own checks (<see cref="SettingsLoader.Check"/>,
/// so settings built in code get the loader's rules), the composition (stacks/), and the shapes Pulumi takes
/// (<see cref="PlanChecks.Check"/>). Every failure is a <see cref="RunException"/> naming every problem (Pulumi reports it
/// without a stack trace), thrown before any resource is registered.
/// </summary>
internal static class MonitoringPlan
{
    public static EnvironmentPlan Of(MonitoringStackArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Settings is null || args.Provider is null)
            throw new ArgumentException($"expected {nameof(MonitoringStackArgs)} with {nameof(args.Settings)} and {nameof(args.Provider)}, found {(args.Settings is null ? "no settings" : "no provider")}", nameof(args));
        return Compose(args.Settings, Deployment.Instance.StackName);
    }

    public static EnvironmentPlan Compose(StackSettings settings, string stack)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = SettingsLoader.Check(settings);
        if (problems.Count > 0)
        {
            throw new RunException(
                $"Stack \"{stack}\" has invalid settings; nothing was deployed.{Environment.NewLine}{new ValidationException(problems).Message}");
        }

        EnvironmentPlan plan;
        try
        {
            plan = EnvironmentComposer.Compose(settings);
        }
        catch (ValidationException e)
        {
            // Settings that pass on their own but compose into invalid rules, SLOs, dashboards or routing.
            throw new RunException($"Stack \"{stack}\" composes into invalid artifacts; nothing was deployed.{Environment.NewLine}{e.Message}");
        }

        foreach (var warning in plan.Warnings)
            Log.Warn(warning);
        try
        {
            return PlanChecks.Check(plan);
        }
        catch (InvalidOperationException e)
        {
            throw new RunException($"Stack \"{stack}\": the composed plan cannot be deployed; nothing was deployed.{Environment.NewLine}{e.Message}");
        }
    }
}
