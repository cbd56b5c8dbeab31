namespace Observability.Infra.Tests;

/// <summary>
/// The repository's stacks as Pulumi hands them to the program: every <c>secure:</c> value in the stack file (prod sets all the
/// secrets its settings need) replaced by a known test value, as if decrypted. Dev sets none: its Grafana password is generated.
/// </summary>
internal static class StackConfigs
{
    public static StackConfig Of(string stack) => StackConfig.FromRepository(stack);
}
