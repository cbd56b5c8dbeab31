using Observability.Stacks.Settings;
using Pulumi;

namespace Observability.Infra;

/// <summary>
/// The stack's config as the raw map <see cref="SettingsLoader.FromConfig"/> validates. Pulumi's <see cref="Config"/> reads
/// one key at a time and cannot list keys, so the key names (only the names) come from <c>PULUMI_CONFIG</c>, the JSON map the
/// language host hands the program and the SDK parses itself; every value is then read through <see cref="Config.Get"/>.
/// Secret keys are the ones listed in <c>PULUMI_CONFIG_SECRET_KEYS</c>; their values arrive decrypted and the program wraps
/// each secret leaf in a secret Output where it is used (what <see cref="Config.GetSecret"/> does: <c>Output.CreateSecret(Get(key))</c>).
/// </summary>
internal static class PulumiConfig
{
    public static IReadOnlyList<KeyValuePair<string, ConfigValue>> Read()
    {
        var (keys, secretKeys) = ConfigKeys.Parse(
            Environment.GetEnvironmentVariable(ConfigKeys.ConfigVariable),
            Environment.GetEnvironmentVariable(ConfigKeys.SecretKeysVariable));
        var entries = new List<KeyValuePair<string, ConfigValue>>();
        foreach (var key in keys)
        {
            var colon = key.IndexOf(':', StringComparison.Ordinal);
            var value = new Config(key[..colon]).Get(key[(colon + 1)..]);
            if (value is not null)
                entries.Add(new(key, new ConfigValue(value, secretKeys.Contains(key))));
        }

        return entries;
    }
}
