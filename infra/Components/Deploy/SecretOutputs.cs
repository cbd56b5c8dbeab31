using Observability.Stacks.Settings;
using Pulumi;
using Pulumi.Random;

namespace Observability.Infra.Deploy;

/// <summary>
/// Turns the plan's <see cref="SecretValue"/> leaves into secret Outputs, once per setting key: a known value (decrypted
/// by Pulumi from the stack's <c>secure:</c> config) is wrapped with <see cref="Output.CreateSecret{T}(T)"/>; a setting
/// the deployment generates (e.g. the Grafana admin password) becomes a <see cref="RandomPassword"/> whose result is
/// wrapped as secret too (the provider marks it secret in real deployments; the wrap keeps it secret everywhere).
/// </summary>
internal sealed class SecretOutputs
{
    /// <summary>Generated passwords: 32 letters and digits (no specials, so they survive URLs, env vars and INI files).</summary>
    private const int GeneratedLength = 32;

    private readonly Dictionary<string, Output<string>> resolved = new(StringComparer.Ordinal);

    /// <summary>The secret Output of <paramref name="secret"/>; a generated one is created as a child of <paramref name="parent"/> the first time.</summary>
    public Output<string> Resolve(SecretValue secret, Resource parent)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (resolved.TryGetValue(secret.Key, out var existing))
            return existing;

        var output = secret.Source switch
        {
            SecretSource.Known => Output.CreateSecret(secret.Reveal()),
            SecretSource.Generated => Output.CreateSecret(new RandomPassword(LogicalName(secret.Key), new RandomPasswordArgs
            {
                Length = GeneratedLength,
                Special = false,
            }, new CustomResourceOptions { Parent = parent }).Result),
            _ => throw new InvalidOperationException(
                $"{secret.Key}: expected Pulumi to hand over the decrypted value, found it still encrypted"),
        };
        resolved.Add(secret.Key, output);
        return output;
    }

    /// <summary><c>observability:grafana.adminPassword</c> → <c>grafana.adminPassword</c> (a stable Pulumi logical name).</summary>
    private static string LogicalName(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? key[(colon + 1)..] : key;
    }
}
