using System.Text.RegularExpressions;

namespace Observability.Rules.Alertmanager;

/// <summary>
/// Where Alertmanager reads a secret from: one key of a Kubernetes Secret that prometheus-operator mounts
/// (Alertmanager <c>spec.secrets</c>, kube-prometheus-stack <c>alertmanager.alertmanagerSpec.secrets</c>)
/// at <c>/etc/alertmanager/secrets/&lt;secret name&gt;/&lt;key&gt;</c>. The config names the file; the value never appears in it.
/// </summary>
public sealed partial record SecretRef
{
    /// <summary>Where prometheus-operator mounts the Secrets listed in the Alertmanager's <c>spec.secrets</c>.</summary>
    public const string OperatorMountRoot = "/etc/alertmanager/secrets";

    public SecretRef(string secretName, string key, string mountRoot = OperatorMountRoot)
    {
        ArgumentNullException.ThrowIfNull(secretName);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(mountRoot);
        if (secretName.Length > 253 || !SecretNamePattern().IsMatch(secretName))
            throw new ArgumentException($"\"{secretName}\" is not a Kubernetes Secret name (expected a DNS-1123 subdomain, e.g. alertmanager-receivers)", nameof(secretName));
        if (key.Length > 253 || !KeyPattern().IsMatch(key) || key is "." or "..")
            throw new ArgumentException($"\"{key}\" is not a Secret key (expected [-._a-zA-Z0-9]+)", nameof(key));
        if (!mountRoot.StartsWith('/'))
            throw new ArgumentException($"\"{mountRoot}\" is not an absolute path", nameof(mountRoot));
        SecretName = secretName;
        Key = key;
        MountRoot = mountRoot.TrimEnd('/');
    }

    public string SecretName { get; }

    public string Key { get; }

    public string MountRoot { get; }

    /// <summary>The file Alertmanager reads, e.g. <c>/etc/alertmanager/secrets/alertmanager-receivers/pagerduty-routing-key</c>.</summary>
    public string FilePath => $"{MountRoot}/{SecretName}/{Key}";

    public override string ToString() => $"secret {SecretName}, key {Key}";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretNamePattern();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}

/// <summary>One Kubernetes Secret the configuration reads, and exactly the keys it needs.</summary>
public sealed record RequiredSecret(string SecretName, IReadOnlyList<string> Keys);
