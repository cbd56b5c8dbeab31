using System.Collections.Immutable;
using System.Text.Json;
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
    private const string ConfigVariable = "PULUMI_CONFIG";
    private const string SecretKeysVariable = "PULUMI_CONFIG_SECRET_KEYS";

    public static IReadOnlyList<KeyValuePair<string, ConfigValue>> Read()
    {
        var secretKeys = Names(SecretKeysVariable, array: true).ToImmutableHashSet(StringComparer.Ordinal);
        var entries = new List<KeyValuePair<string, ConfigValue>>();
        foreach (var key in Names(ConfigVariable, array: false).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var colon = key.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                continue;
            var value = new Config(key[..colon]).Get(key[(colon + 1)..]);
            if (value is not null)
                entries.Add(new(key, new ConfigValue(value, secretKeys.Contains(key))));
        }

        return entries;
    }

    /// <summary>Full key names (<c>project:key</c>) of a JSON object's properties or a JSON array's strings.</summary>
    private static IEnumerable<string> Names(string variable, bool array)
    {
        var json = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(json))
            return [];
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return array
            ? root.EnumerateArray().Select(e => CleanKey(e.ToString())).ToList()
            : root.EnumerateObject().Select(p => CleanKey(p.Name)).ToList();
    }

    /// <summary>Legacy keys read <c>project:config:key</c>; the SDK normalises them to <c>project:key</c> (Deployment_Config.cs CleanKey).</summary>
    private static string CleanKey(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && key.AsSpan(colon + 1).StartsWith("config:", StringComparison.Ordinal)
            ? string.Concat(key.AsSpan(0, colon), ":", key.AsSpan(colon + 1 + "config:".Length))
            : key;
    }
}
