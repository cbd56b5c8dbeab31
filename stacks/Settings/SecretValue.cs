namespace Observability.Stacks.Settings;

/// <summary>Where a <see cref="SecretValue"/>'s value comes from.</summary>
public enum SecretSource
{
    /// <summary>The value is known: decrypted by Pulumi, or written in plain text in a stack file (tests, local runs).</summary>
    Known,

    /// <summary>The stack file holds it encrypted (<c>secure: v1:...</c>); only Pulumi can decrypt it.</summary>
    Encrypted,

    /// <summary>Nobody set it: the deployment generates it (e.g. the Grafana admin password from a RandomPassword).</summary>
    Generated,
}

/// <summary>
/// A secret setting. It never prints its value: <see cref="ToString"/> and <see cref="Placeholder"/> give a visible
/// placeholder naming the setting, which is what <c>render</c> writes. Only <see cref="Reveal"/> returns the value, and
/// only the Pulumi program calls it, to wrap it straight into a secret Output.
/// </summary>
public sealed class SecretValue : IEquatable<SecretValue>
{
    private readonly string? value;

    private SecretValue(SecretSource source, string key, string? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        Source = source;
        Key = key;
        this.value = value;
    }

    /// <summary>How the value is known (or not).</summary>
    public SecretSource Source { get; }

    /// <summary>The setting's key path, e.g. <c>observability:alertmanager.receivers.pagerduty.routingKey</c>.</summary>
    public string Key { get; }

    /// <summary>True when <see cref="Reveal"/> can return the value.</summary>
    public bool IsKnown => Source == SecretSource.Known;

    /// <summary>The text written wherever the value would go when rendering to disk: <c>&lt;secret:KEY&gt;</c> or <c>&lt;generated:KEY&gt;</c>.</summary>
    public string Placeholder => Source == SecretSource.Generated ? $"<generated:{Key}>" : $"<secret:{Key}>";

    /// <summary>A secret whose value is known.</summary>
    public static SecretValue Known(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new SecretValue(SecretSource.Known, key, value);
    }

    /// <summary>A secret held encrypted in a stack file; its value cannot be read here.</summary>
    public static SecretValue Encrypted(string key) => new(SecretSource.Encrypted, key, null);

    /// <summary>A secret the deployment generates (e.g. with Pulumi.Random).</summary>
    public static SecretValue Generated(string key) => new(SecretSource.Generated, key, null);

    /// <summary>The value. Throws when it is not known: callers check <see cref="IsKnown"/> (render never calls this).</summary>
    public string Reveal() =>
        value ?? throw new InvalidOperationException($"The value of {Key} is not known here ({Source}).");

    /// <summary>The placeholder, never the value.</summary>
    public override string ToString() => Placeholder;

    public bool Equals(SecretValue? other) =>
        other is not null && Source == other.Source && Key == other.Key && string.Equals(value, other.value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as SecretValue);

    public override int GetHashCode() => HashCode.Combine(Source, Key);
}
