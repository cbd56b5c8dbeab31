using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
using Observability.TestSupport;

namespace Observability.Stacks.Tests.Support;

/// <summary>
/// The stacks the tests compose: the repository's dev and prod, a test stack exercising the other options, and dev with
/// Promtail as the log agent (the committed stacks use Alloy; Promtail stays supported until it is removed).
/// </summary>
internal static class TestStacks
{
    public static readonly string[] Names = ["dev", "prod", "full", "promtail"];

    public static string StackFile(string name) => name switch
    {
        "full" or "promtail" => Path.Combine(Repo.PathOf("tests", "Stacks.Tests", "stacks"), $"Pulumi.{name}.yaml"),
        _ => Repo.PathOf($"Pulumi.{name}.yaml"),
    };

    public static StackSettings Settings(string name) =>
        name is "full" or "promtail"
            ? SettingsLoader.FromStackFile(StackFile(name)).GetOrThrow()
            : SettingsLoader.FromRepository(Repo.Root, name).GetOrThrow();

    public static EnvironmentPlan Plan(string name) => EnvironmentComposer.Compose(Settings(name));
}
