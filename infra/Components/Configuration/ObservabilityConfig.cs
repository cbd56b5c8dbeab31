using Observability.Infra.Configuration;
using Observability.Rules.Validation;
using Observability.Stacks.Settings;
using Pulumi;

namespace Observability.Infra;

/// <summary>
/// The settings of a <see cref="Components.MonitoringStack"/> from Pulumi config (the <c>observability:*</c> keys, as in
/// <c>Pulumi.&lt;stack&gt;.yaml</c>), through the validation <c>dotnet run --project stacks -- validate</c> uses. Call it inside
/// a Pulumi program (<c>Deployment.RunAsync</c>, an Automation API inline program, or <c>Deployment.TestAsync</c>). Invalid
/// config throws a <see cref="RunException"/> listing every problem with its key path (Pulumi reports it without a stack
/// trace); warnings go to Pulumi's log.
/// </summary>
public static class ObservabilityConfig
{
    /// <summary>
    /// The running stack's settings, for a program run by the Pulumi CLI (<c>pulumi preview</c>, <c>pulumi up</c>): the key
    /// names come from <c>PULUMI_CONFIG</c>. In an Automation API inline program, which has no such variable, use
    /// <see cref="Load(IEnumerable{string}, IEnumerable{string}?)"/>; this overload stops with a message saying so.
    /// </summary>
    public static StackSettings Load() => Settings(Deployment.Instance.StackName, PulumiConfig.Read());

    /// <summary>
    /// The running stack's settings from the config keys <paramref name="keys"/> (full keys such as
    /// <c>observability:prometheus</c>; other namespaces are ignored), their values read from the deployment. For an Automation
    /// API inline program: the keys of <c>WorkspaceStack.GetAllConfigAsync()</c>, and as <paramref name="secretKeys"/> those
    /// whose <c>ConfigValue.IsSecret</c> is true (secret settings must be secret config).
    /// </summary>
    public static StackSettings Load(IEnumerable<string> keys, IEnumerable<string>? secretKeys = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var secrets = new HashSet<string>(secretKeys ?? [], StringComparer.Ordinal);
        return Settings(Deployment.Instance.StackName, PulumiConfig.Read(keys, secrets));
    }

    private static StackSettings Settings(string stack, IReadOnlyList<KeyValuePair<string, ConfigValue>> config)
    {
        var loaded = SettingsLoader.FromConfig(stack, config);
        foreach (var warning in loaded.Warnings)
            Log.Warn(warning);
        return loaded.Settings ?? throw new RunException(
            $"Stack \"{stack}\" has invalid configuration; nothing was deployed.{Environment.NewLine}{new ValidationException(loaded.Problems).Message}");
    }
}
