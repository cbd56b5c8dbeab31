namespace Observability.Infra.Tests;

/// <summary>The program run on each of the repository's stacks (<see cref="StackConfigs"/>), each run once.</summary>
internal static class TestStacks
{
    private static readonly Dictionary<string, ProgramRun> Runs = new(StringComparer.Ordinal);

    public static TheoryData<string> Names => new() { "dev", "prod" };

    public static StackConfig Config(string stack) => StackConfigs.Of(stack);

    /// <summary>The program run on <see cref="Config"/> (memoised: runs are deterministic and the tests only read them).</summary>
    public static async Task<ProgramRun> Run(string stack)
    {
        if (!Runs.TryGetValue(stack, out var run))
        {
            run = await ProgramRun.Of(Config(stack));
            Runs[stack] = run;
        }

        return run;
    }
}
