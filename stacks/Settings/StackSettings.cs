namespace Observability.Stacks.Settings;

/// <summary>
/// Everything that differs between environments, with safe defaults in code. Each property is one stack key,
/// <c>observability:&lt;camelCaseName&gt;</c>, whose value may be structured (Pulumi structured config).
/// Built by <see cref="SettingsLoader"/> (stack files, config maps); every instance it returns is validated.
/// </summary>
public sealed record StackSettings
{
    /// <summary>The Pulumi config namespace (the project name in Pulumi.yaml).</summary>
    public const string ConfigNamespace = "observability";

    /// <summary>Environment name, the <c>environment</c> external label (defaults to the stack name).</summary>
    [Pattern("^[a-z][a-z0-9-]{0,30}$", "a lowercase name like dev or prod")]
    public string Environment { get; init; } = "";

    /// <summary>Cluster name, the <c>cluster</c> external label of every series and alert.</summary>
    [Pattern("^[a-z0-9][a-z0-9.-]{0,62}$", "a lowercase cluster name like prod-eu-west-1")]
    public string ClusterName { get; init; } = "local";

    public NamespaceSettings Namespaces { get; init; } = new();

    public PrometheusSettings Prometheus { get; init; } = new();

    /// <summary>Required: its receivers need an email receiver (the binder starts from this record's defaults).</summary>
    public required AlertmanagerSettings Alertmanager { get; init; }

    public GrafanaSettings Grafana { get; init; } = new();

    public LokiSettings Loki { get; init; } = new();

    /// <summary>The log agent: <c>promtail</c> (what the docs ask; end of life since 2026-03-02) or <c>alloy</c> (its successor). No default: choose.</summary>
    [RequiredSetting("the log agent: alloy (Promtail's successor) or promtail (end of life since 2026-03-02)")]
    public required LogAgentKind LogAgent { get; init; }

    public JaegerSettings Jaeger { get; init; } = new();

    public ScrapeSettings Scrape { get; init; } = new();

    public ExporterSettings Exporters { get; init; } = new();

    public RuleSettings Rules { get; init; } = new();

    public SloSettings Slos { get; init; } = new();

    public DashboardSettings Dashboards { get; init; } = new();

    public ChartSettings Charts { get; init; } = new();

    /// <summary>How Pulumi installs and upgrades each Helm release (timeout, atomic, cleanup on fail).</summary>
    public ReleaseSettings Releases { get; init; } = new();

    public NetworkPolicySettings NetworkPolicies { get; init; } = new();

    /// <summary>The kubeconfig context of an explicit Kubernetes provider (Pulumi program); null uses the ambient one.</summary>
    [Pattern("^[^\\s]{1,253}$", "a kubeconfig context name")]
    public string? KubeContext { get; init; }
}

/// <summary>The namespaces the stack installs into (created by the stack). They may be the same namespace.</summary>
public sealed record NamespaceSettings
{
    [Pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", "a DNS label like monitoring")]
    public string Monitoring { get; init; } = "monitoring";

    [Pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", "a DNS label like logging")]
    public string Logging { get; init; } = "logging";

    [Pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", "a DNS label like tracing")]
    public string Tracing { get; init; } = "tracing";
}

/// <summary>CPU and memory for one container (Kubernetes quantities).</summary>
public sealed record ResourceSettings
{
    public ResourceAmounts Requests { get; init; } = new();

    public ResourceAmounts Limits { get; init; } = new() { Cpu = null };
}

/// <summary>A CPU and a memory quantity; null leaves that one unset.</summary>
public sealed record ResourceAmounts
{
    [Quantity]
    public string? Cpu { get; init; } = "100m";

    [Quantity]
    public string? Memory { get; init; } = "256Mi";
}

/// <summary>A persistent volume claim.</summary>
public sealed record StorageSettings
{
    /// <summary>The StorageClass; null uses the cluster's default class.</summary>
    [Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", "a StorageClass name like gp3")]
    public string? StorageClass { get; init; }

    [Quantity]
    public string Size { get; init; } = "10Gi";
}
