namespace Observability.Infra.Tests;

/// <summary>The repository's dev and prod stacks with every secret set (as Pulumi would hand them over, decrypted), each run once.</summary>
internal static class TestStacks
{
    private static readonly Dictionary<string, ProgramRun> Runs = new(StringComparer.Ordinal);

    public static TheoryData<string> Names => new() { "dev", "prod" };

    /// <summary>The stack file's config plus the secrets an operator adds with <c>pulumi config set --secret</c>.</summary>
    public static StackConfig Config(string stack) => StackConfig.FromRepository(stack, SecretsAddedByOperator(stack));

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

    private static (string Key, string? Path)[] SecretsAddedByOperator(string stack) => stack switch
    {
        _ => [],
    };
}
