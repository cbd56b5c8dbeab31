namespace Observability.Infra.Tests;

/// <summary>The repository's dev and prod stacks with every secret set, as Pulumi hands them over once decrypted.</summary>
internal static class StackConfigs
{
    /// <summary>The stack file's config plus the secrets an operator adds with <c>pulumi config set --secret</c>.</summary>
    public static StackConfig Of(string stack) => StackConfig.FromRepository(stack, SecretsAddedByOperator(stack));

    private static (string Key, string? Path)[] SecretsAddedByOperator(string stack) => stack switch
    {
        _ => [],
    };
}
