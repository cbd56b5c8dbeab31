using System.Text.Json;

namespace Observability.Infra.Configuration;

/// <summary>The config key names in the language host's environment variables (Pulumi-free, so it is tested anywhere).</summary>
internal static class ConfigKeys
{
    public const string ConfigVariable = "PULUMI_CONFIG";
    public const string SecretKeysVariable = "PULUMI_CONFIG_SECRET_KEYS";

    /// <summary>
    /// Full key names (<c>project:key</c>) in ordinal order, from the JSON object <paramref name="configJson"/>, and the secret
    /// ones from the JSON array <paramref name="secretKeysJson"/>. Keys without a namespace are skipped (Pulumi has none).
    /// </summary>
    public static (IReadOnlyList<string> Keys, IReadOnlySet<string> SecretKeys) Parse(string? configJson, string? secretKeysJson)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(configJson))
        {
            using var config = JsonDocument.Parse(configJson);
            foreach (var property in config.RootElement.EnumerateObject())
            {
                var key = CleanKey(property.Name);
                if (key.IndexOf(':', StringComparison.Ordinal) > 0)
                    keys.Add(key);
            }
        }

        var secrets = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(secretKeysJson))
        {
            using var secretKeys = JsonDocument.Parse(secretKeysJson);
            foreach (var element in secretKeys.RootElement.EnumerateArray())
                secrets.Add(CleanKey(element.ToString()));
        }

        return ([.. keys], secrets);
    }

    /// <summary>
    /// The keys among <paramref name="known"/> that Pulumi holds (<paramref name="isSet"/>) but <paramref name="listed"/> lacks,
    /// in ordinal order: config the program would otherwise silently ignore.
    /// </summary>
    public static IReadOnlyList<string> Unlisted(IReadOnlyList<string> listed, IEnumerable<string> known, Func<string, bool> isSet)
    {
        ArgumentNullException.ThrowIfNull(isSet);
        var seen = new HashSet<string>(listed, StringComparer.Ordinal);
        return [.. known.Where(k => !seen.Contains(k) && isSet(k)).Order(StringComparer.Ordinal)];
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
