using Observability.Stacks.Settings;
using Pulumi;

namespace Observability.Infra.Configuration;

/// <summary>
/// The stack's config as the raw map <see cref="SettingsLoader.FromConfig"/> validates. Pulumi's <see cref="Pulumi.Config"/>
/// reads one key at a time and cannot list keys (the deployment's map, <c>Deployment.AllConfig</c>, is internal in
/// Pulumi 3.112.1: sdk/Pulumi/Deployment/Deployment_Config.cs), so the key names (only the names) come from
/// <c>PULUMI_CONFIG</c>, the JSON map the language host hands a program run by the Pulumi CLI, or from the caller; every value is
/// read through <see cref="Pulumi.Config.Get"/>, which sees the deployment's config however it arrived (the CLI's environment,
/// or an Automation API inline program's settings). Secret keys are the ones listed in <c>PULUMI_CONFIG_SECRET_KEYS</c> (or by the
/// caller); their values arrive decrypted and the program wraps each secret leaf in a secret Output where it is used.
/// </summary>
internal static class PulumiConfig
{
    /// <summary>The config of a program run by the Pulumi CLI; a <see cref="RunException"/> when the deployment holds keys it cannot list.</summary>
    public static IReadOnlyList<KeyValuePair<string, ConfigValue>> Read()
    {
        var (keys, secretKeys) = ConfigKeys.Parse(
            Environment.GetEnvironmentVariable(ConfigKeys.ConfigVariable),
            Environment.GetEnvironmentVariable(ConfigKeys.SecretKeysVariable));

        // An Automation API inline program gets its config through the deployment, not the environment: nothing lists its
        // keys. Any key of ours that Pulumi holds but PULUMI_CONFIG does not list would be silently ignored, so stop instead.
        var unlisted = ConfigKeys.Unlisted(keys, SettingsLoader.Keys, key => Get(key) is not null);
        if (unlisted.Count > 0)
            throw new RunException(InlineProgramMessage(unlisted));
        return Read(keys, secretKeys);
    }

    /// <summary>The values of <paramref name="keys"/> (full keys, <c>project:key</c>) from the deployment's config.</summary>
    public static IReadOnlyList<KeyValuePair<string, ConfigValue>> Read(IEnumerable<string> keys, IReadOnlySet<string> secretKeys)
    {
        var entries = new List<KeyValuePair<string, ConfigValue>>();
        foreach (var key in keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (Get(key) is { } value)
                entries.Add(new(key, new ConfigValue(value, secretKeys.Contains(key))));
        }

        return entries;
    }

    internal static string InlineProgramMessage(IReadOnlyList<string> unlisted) =>
        $"Pulumi holds config that PULUMI_CONFIG does not list ({string.Join(", ", unlisted)}): the program runs as an Automation API " +
        "inline program, whose config only the deployment holds, and Pulumi's .NET SDK has no public way to list config keys. " +
        "Nothing was deployed. Pass the key names: ObservabilityConfig.Load(keys, secretKeys) with the keys of the Automation API's " +
        "WorkspaceStack.GetAllConfigAsync(), or build the settings in code (README, \"Use the components in your own Pulumi program\").";

    /// <summary>One full key's value (<c>observability:prometheus</c> → <c>new Config("observability").Get("prometheus")</c>).</summary>
    private static string? Get(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? new Pulumi.Config(key[..colon]).Get(key[(colon + 1)..]) : null;
    }
}
