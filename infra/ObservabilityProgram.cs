using Observability.Infra.Components;
using Observability.Infra.Deploy;
using Observability.Rules.Validation;
using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
using Pulumi;

namespace Observability.Infra;

/// <summary>The Pulumi program: config → settings (the stacks/ validation) → plan (the stacks/ composition) → resources.</summary>
internal static class ObservabilityProgram
{
    /// <summary>
    /// Runs inside <c>Deployment.RunAsync</c> (or <c>Deployment.TestAsync</c>) and returns the stack outputs.
    /// Invalid config throws a <see cref="RunException"/> listing every problem before any resource is registered.
    /// </summary>
    /// <param name="rootOptions">Options of the root component (tests pass resource transformations to observe every child).</param>
    public static IDictionary<string, object?> Run(ComponentResourceOptions? rootOptions = null)
    {
        var plan = Plan();
        var root = new MonitoringStack("observability", new MonitoringStackArgs { Plan = plan }, rootOptions);
        return root.StackOutputs();
    }

    /// <summary>The environment plan from this stack's config, or a <see cref="RunException"/> naming every problem.</summary>
    public static EnvironmentPlan Plan()
    {
        var stack = Deployment.Instance.StackName;
        var loaded = SettingsLoader.FromConfig(stack, PulumiConfig.Read());
        foreach (var warning in loaded.Warnings)
            Log.Warn(warning);
        if (loaded.Settings is null)
        {
            // RunException is reported without a stack trace and ends the program (exit code 32, no further output).
            throw new RunException(
                $"Stack \"{stack}\" has invalid configuration; nothing was deployed.{Environment.NewLine}" +
                new ValidationException(loaded.Problems).Message);
        }

        EnvironmentPlan plan;
        try
        {
            plan = EnvironmentComposer.Compose(loaded.Settings);
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
            return PlanShapes.Check(plan);
        }
        catch (InvalidOperationException e)
        {
            throw new RunException($"Stack \"{stack}\": the composed plan cannot be deployed; nothing was deployed.{Environment.NewLine}{e.Message}");
        }
    }
}
