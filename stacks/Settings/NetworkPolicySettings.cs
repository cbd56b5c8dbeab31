using System.Collections.Immutable;

namespace Observability.Stacks.Settings;

/// <summary>NetworkPolicies: when on, the stack's pods accept traffic only from the stack and the listed namespaces.</summary>
public sealed record NetworkPolicySettings
{
    public bool Enabled { get; init; }

    /// <summary>Namespaces whose pods may reach the stack (applications pushing logs and traces, ingress controllers).</summary>
    [Pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", "a namespace name")]
    public ImmutableArray<string> AllowedNamespaces { get; init; } = [];
}
