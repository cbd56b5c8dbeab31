using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
using Observability.TestSupport;

namespace Observability.Stacks.Tests.Support;

/// <summary>The stacks the tests compose: the repository's dev and prod, and a test stack exercising the other options.</summary>
internal static class TestStacks
{
    public static readonly string[] Names = ["dev", "prod", "full"];

    public static string StackFile(string name) => name switch
    {
        "full" => Path.Combine(Repo.PathOf("tests", "Stacks.Tests", "stacks"), "Pulumi.full.yaml"),
        _ => Repo.PathOf($"Pulumi.{name}.yaml"),
    };

    public static StackSettings Settings(string name) =>
        name == "full"
            ? SettingsLoader.FromStackFile(StackFile(name)).GetOrThrow()
            : SettingsLoader.FromRepository(Repo.Root, name).GetOrThrow();

    public static EnvironmentPlan Plan(string name) => EnvironmentComposer.Compose(Settings(name));
}
