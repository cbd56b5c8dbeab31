using System.Collections.Immutable;
using Observability.Rules.Model;
using Observability.Rules.Validation;

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

    public AlertmanagerSettings Alertmanager { get; init; } = new();

    public GrafanaSettings Grafana { get; init; } = new();

    public LokiSettings Loki { get; init; } = new();

    /// <summary>The log agent: <c>promtail</c> (what the docs ask; end of life since 2026-03-02) or <c>alloy</c> (its successor). No default: choose.</summary>
    [RequiredSetting("the log agent: alloy (Promtail's successor) or promtail (end of life since 2026-03-02)")]
    public LogAgentKind? LogAgent { get; init; }

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

    /// <summary>The log agent chosen (validated settings always have one).</summary>
    public LogAgentKind Agent => LogAgent ?? throw new InvalidOperationException("Settings were not validated: logAgent is not set.");
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

/// <summary>Prometheus (kube-prometheus-stack's <c>prometheus.prometheusSpec</c>).</summary>
public sealed record PrometheusSettings : ICheckedSettings
{
    [Range(1, 10)]
    public int Replicas { get; init; } = 1;

    [DurationRange("2h", "3650d")]
    public Duration Retention { get; init; } = Duration.Days(7);

    /// <summary>Maximum bytes of blocks kept (Prometheus units: B, KB, MB, GB, TB, PB), or null for no limit.</summary>
    [Pattern("^[0-9]+(B|KB|MB|GB|TB|PB|EB)$", "a Prometheus byte size like 45GB")]
    public string? RetentionSize { get; init; }

    [DurationRange("1s", "5m")]
    public Duration ScrapeInterval { get; init; } = Duration.Seconds(15);

    [DurationRange("1s", "5m")]
    public Duration EvaluationInterval { get; init; } = Duration.Seconds(15);

    public StorageSettings Storage { get; init; } = new() { Size = "50Gi" };

    public ResourceSettings Resources { get; init; } = new()
    {
        Requests = new() { Cpu = "500m", Memory = "2Gi" },
        Limits = new() { Cpu = null, Memory = "4Gi" },
    };

    /// <summary>Remote-write targets for long-term storage (Thanos Receive, Mimir, ...).</summary>
    public ImmutableArray<RemoteWriteSettings> RemoteWrite { get; init; } = [];

    /// <summary>Extra external labels (besides cluster and environment, which are always set).</summary>
    [Pattern("^[a-zA-Z_][a-zA-Z0-9_]*$", "a Prometheus label name")]
    public ImmutableSortedDictionary<string, string> ExternalLabels { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>
    /// The external label naming each replica (its pod name), set by prometheus-operator (<c>replicaExternalLabelName</c>).
    /// The default <c>__replica__</c> is the label Mimir's and Cortex's HA tracker (<c>ha_replica_label</c>) deduplicates on,
    /// together with the <c>cluster</c> label (<c>ha_cluster_label</c>); the operator drops it from alerts, so Alertmanager
    /// still sees one alert per fault.
    /// </summary>
    [Pattern("^[a-zA-Z_][a-zA-Z0-9_]*$", "a Prometheus label name like __replica__")]
    public string ReplicaExternalLabel { get; init; } = "__replica__";

    /// <summary>Exemplar storage: Grafana's Prometheus datasource links exemplars (their <c>trace_id</c>) to Jaeger.</summary>
    public ExemplarSettings Exemplars { get; init; } = new();

    public void Check(string path, ICollection<Problem> problems)
    {
        if (ExternalLabels.ContainsKey("cluster") || ExternalLabels.ContainsKey("environment"))
            problems.Add(new Problem($"{path}.externalLabels", "expected labels other than cluster and environment (they come from clusterName and environment), found one of them"));
        if (ReplicaExternalLabel is "cluster" or "environment" or "prometheus" || ExternalLabels.ContainsKey(ReplicaExternalLabel))
            problems.Add(new Problem($"{path}.replicaExternalLabel", $"expected a label name no other external label uses (cluster, environment, prometheus, externalLabels), found \"{ReplicaExternalLabel}\""));
        var names = RemoteWrite.GroupBy(r => r.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        foreach (var name in names)
            problems.Add(new Problem($"{path}.remoteWrite", $"expected unique names, found \"{name}\" more than once"));
    }
}

/// <summary>Prometheus' exemplar storage (<c>enableFeatures: [exemplar-storage]</c>, <c>exemplars.maxSize</c>).</summary>
public sealed record ExemplarSettings
{
    /// <summary>
    /// Exemplars kept in memory across all series (a circular buffer; Prometheus' own default is 100000, roughly 100 bytes
    /// each). 0 turns exemplar storage off, and with it Grafana's exemplar-to-trace link.
    /// </summary>
    [Range(0, 10_000_000)]
    public int MaxSize { get; init; } = 100_000;

    public bool Enabled => MaxSize > 0;
}

/// <summary>One remote-write target; credentials (optional) are secrets.</summary>
public sealed record RemoteWriteSettings
{
    [RequiredSetting("a short name like mimir")]
    [Pattern("^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$", "a short lowercase name like mimir")]
    public string? Name { get; init; }

    [RequiredSetting("the remote-write endpoint, e.g. https://mimir.example/api/v1/push")]
    [Url]
    public string? Url { get; init; }

    public string? Username { get; init; }

    public SecretValue? Password { get; init; }
}

/// <summary>Alertmanager: replicas, storage, notification timings and receivers.</summary>
public sealed record AlertmanagerSettings
{
    [Range(1, 9)]
    public int Replicas { get; init; } = 1;

    [DurationRange("1h", "3650d")]
    public Duration Retention { get; init; } = Duration.Hours(120);

    public StorageSettings Storage { get; init; } = new() { Size = "2Gi" };

    public ResourceSettings Resources { get; init; } = new()
    {
        Requests = new() { Cpu = "50m", Memory = "128Mi" },
        Limits = new() { Cpu = null, Memory = "256Mi" },
    };

    public AlertmanagerTimings Timings { get; init; } = new();

    public ReceiverSettings Receivers { get; init; } = new();
}

/// <summary>Alertmanager's grouping and repeat timings (route defaults), resolve timeout and heartbeat interval.</summary>
public sealed record AlertmanagerTimings : ICheckedSettings
{
    [DurationRange("0s", "1h")]
    public Duration GroupWait { get; init; } = Duration.Seconds(30);

    [DurationRange("1s", "24h")]
    public Duration GroupInterval { get; init; } = Duration.Minutes(5);

    [DurationRange("1s", "7d")]
    public Duration RepeatInterval { get; init; } = Duration.Hours(4);

    [DurationRange("1s", "24h")]
    public Duration ResolveTimeout { get; init; } = Duration.Minutes(5);

    /// <summary>How often the always-firing Watchdog is re-sent to the heartbeat.</summary>
    [DurationRange("1s", "1h")]
    public Duration HeartbeatInterval { get; init; } = Duration.Minutes(1);

    public void Check(string path, ICollection<Problem> problems)
    {
        if (RepeatInterval < GroupInterval)
            problems.Add(new Problem($"{path}.repeatInterval", $"expected at least groupInterval ({GroupInterval}), found {RepeatInterval}"));
    }
}

/// <summary>
/// Where notifications go (rules/Alertmanager PlatformRouting): critical pages through PagerDuty and goes to the Slack
/// critical channel, warning to the Slack warning channel, everything else by email; Watchdog to the heartbeat.
/// Each receiver is optional except email; once present, its secrets are required.
/// </summary>
public sealed record ReceiverSettings : ICheckedSettings
{
    [RequiredSetting("the email receiver (to, smarthost, from) for everything that is neither critical nor warning")]
    public EmailReceiver? Email { get; init; }

    /// <summary>Pages for critical alerts; absent turns PagerDuty off.</summary>
    public PagerDutyReceiver? Pagerduty { get; init; }

    /// <summary>Slack channels for critical and warning alerts; absent sends warnings to email.</summary>
    public SlackReceiver? Slack { get; init; }

    /// <summary>The dead man's switch that the always-firing Watchdog alert keeps alive; absent routes Watchdog nowhere.</summary>
    public HeartbeatReceiver? Heartbeat { get; init; }

    /// <summary>More webhooks, each receiving the alerts its matchers select (besides the usual receivers).</summary>
    public ImmutableArray<WebhookReceiver> Webhooks { get; init; } = [];

    public void Check(string path, ICollection<Problem> problems)
    {
        foreach (var name in Webhooks.GroupBy(w => w.Name).Where(g => g.Key is not null && g.Count() > 1))
            problems.Add(new Problem($"{path}.webhooks", $"expected unique names, found \"{name.Key}\" more than once"));
    }
}

/// <summary>SMTP email; the password (only with authUsername) is a secret.</summary>
public sealed record EmailReceiver : ICheckedSettings
{
    [Pattern(@"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", "an email address like oncall@example.org")]
    public ImmutableArray<string> To { get; init; } = [];

    [RequiredSetting("the SMTP server as host:port, e.g. smtp.example.org:587")]
    [Pattern(@"^[a-zA-Z0-9]([-a-zA-Z0-9.]*[a-zA-Z0-9])?:[0-9]{1,5}$", "host:port like smtp.example.org:587")]
    public string? Smarthost { get; init; }

    [RequiredSetting("the sender address, e.g. alertmanager@example.org")]
    [Pattern(@"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", "an email address like alertmanager@example.org")]
    public string? From { get; init; }

    public string? AuthUsername { get; init; }

    public SecretValue? Password { get; init; }

    public bool RequireTls { get; init; } = true;

    public void Check(string path, ICollection<Problem> problems)
    {
        if (To.IsEmpty)
            problems.Add(new Problem($"{path}.to", "expected at least one address, found none"));
        if (AuthUsername is not null && Password is null)
            problems.Add(new Problem($"{path}.password", "required with authUsername, but not set: expected the SMTP password (pulumi config set --secret --path 'alertmanager.receivers.email.password' <password>)"));
    }
}

/// <summary>PagerDuty Events API v2.</summary>
public sealed record PagerDutyReceiver
{
    [RequiredSetting("the PagerDuty Events v2 routing key: pulumi config set --secret --path 'alertmanager.receivers.pagerduty.routingKey' <key>")]
    public SecretValue? RoutingKey { get; init; }

    /// <summary>The Events API endpoint (e.g. https://events.eu.pagerduty.com/v2/enqueue); null for PagerDuty's default.</summary>
    [Url]
    public string? Url { get; init; }
}

/// <summary>
/// Slack: critical alerts to one channel, warnings to another (or both to <see cref="Channel"/>). Slack binds an incoming
/// webhook to a channel, so each channel has its own webhook URL, unless one shared <see cref="WebhookUrl"/> is given.
/// The webhook URLs are secrets.
/// </summary>
public sealed record SlackReceiver : ICheckedSettings
{
    /// <summary>The channel for both critical alerts and warnings, unless <see cref="CriticalChannel"/> / <see cref="WarningChannel"/> say otherwise.</summary>
    [Pattern("^#[a-z0-9_-]{1,80}$", "a Slack channel like #alerts")]
    public string? Channel { get; init; }

    /// <summary>Channel for critical alerts.</summary>
    [Pattern("^#[a-z0-9_-]{1,80}$", "a Slack channel like #alerts-critical")]
    public string? CriticalChannel { get; init; }

    /// <summary>Channel for warnings; with neither this nor <see cref="Channel"/>, warnings go to email.</summary>
    [Pattern("^#[a-z0-9_-]{1,80}$", "a Slack channel like #alerts-warning")]
    public string? WarningChannel { get; init; }

    /// <summary>One incoming webhook used for every channel.</summary>
    public SecretValue? WebhookUrl { get; init; }

    public SecretValue? CriticalWebhookUrl { get; init; }

    public SecretValue? WarningWebhookUrl { get; init; }

    /// <summary>The channel critical alerts go to, or null.</summary>
    public string? EffectiveCriticalChannel => CriticalChannel ?? Channel;

    /// <summary>The channel warnings go to, or null.</summary>
    public string? EffectiveWarningChannel => WarningChannel ?? Channel;

    public void Check(string path, ICollection<Problem> problems)
    {
        if (EffectiveCriticalChannel is null && EffectiveWarningChannel is null)
        {
            problems.Add(new Problem(path, "expected channel, criticalChannel or warningChannel (or remove slack), found none"));
            return;
        }

        if (WebhookUrl is not null)
        {
            if (CriticalWebhookUrl is not null || WarningWebhookUrl is not null)
                problems.Add(new Problem($"{path}.webhookUrl", "expected either webhookUrl (shared) or criticalWebhookUrl/warningWebhookUrl, found both"));
            return;
        }

        if (EffectiveCriticalChannel is not null && CriticalWebhookUrl is null)
            problems.Add(new Problem($"{path}.criticalWebhookUrl", "required with a critical channel, but not set: expected the Slack incoming-webhook URL (pulumi config set --secret --path 'alertmanager.receivers.slack.criticalWebhookUrl' <url>), or one shared webhookUrl"));
        if (EffectiveWarningChannel is not null && WarningWebhookUrl is null)
            problems.Add(new Problem($"{path}.warningWebhookUrl", "required with a warning channel, but not set: expected the Slack incoming-webhook URL (pulumi config set --secret --path 'alertmanager.receivers.slack.warningWebhookUrl' <url>), or one shared webhookUrl"));
    }
}

/// <summary>The Watchdog heartbeat (dead man's switch).</summary>
public sealed record HeartbeatReceiver
{
    /// <summary>The URL pinged, written in the configuration: put credentials in <see cref="Token"/>, not in the URL.</summary>
    [RequiredSetting("the dead man's switch URL, e.g. https://hc-ping.example.com/observability-prod")]
    [Url]
    public string? Url { get; init; }

    /// <summary>A bearer token, when the service takes one.</summary>
    public SecretValue? Token { get; init; }
}

/// <summary>An extra webhook receiver.</summary>
public sealed record WebhookReceiver
{
    [RequiredSetting("a short name like tickets")]
    [Pattern("^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$", "a short lowercase name like tickets")]
    public string? Name { get; init; }

    /// <summary>The URL notifications are posted to, written in the configuration: put credentials in <see cref="Token"/>.</summary>
    [RequiredSetting("the URL notifications are posted to")]
    [Url]
    public string? Url { get; init; }

    /// <summary>A bearer token, when the endpoint takes one.</summary>
    public SecretValue? Token { get; init; }

    /// <summary>Label equality matchers selecting the alerts it receives (empty: all).</summary>
    [Pattern("^[a-zA-Z_][a-zA-Z0-9_]*$", "a label name")]
    public ImmutableSortedDictionary<string, string> Match { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
}

/// <summary>Grafana (kube-prometheus-stack's grafana subchart). The admin password is never admin: it comes from a Secret.</summary>
public sealed record GrafanaSettings : ICheckedSettings
{
    [Range(1, 10)]
    public int Replicas { get; init; } = 1;

    [Pattern("^[a-zA-Z0-9._@-]{3,64}$", "3 to 64 letters, digits or ._@-")]
    public string AdminUser { get; init; } = "grafana-admin";

    /// <summary>The admin password; when absent the deployment generates one (Pulumi.Random) and exports it as a secret.</summary>
    public SecretValue? AdminPassword { get; init; }

    public GrafanaIngress Ingress { get; init; } = new();

    public GrafanaPersistence Persistence { get; init; } = new();

    /// <summary>An external database for Grafana's state (required with more than one replica: each pod would otherwise keep its own SQLite file).</summary>
    public GrafanaDatabase? Database { get; init; }

    public ResourceSettings Resources { get; init; } = new()
    {
        Requests = new() { Cpu = "100m", Memory = "256Mi" },
        Limits = new() { Cpu = null, Memory = "512Mi" },
    };

    public void Check(string path, ICollection<Problem> problems)
    {
        if (string.Equals(AdminUser, "admin", StringComparison.OrdinalIgnoreCase))
            problems.Add(new Problem($"{path}.adminUser", "expected a user other than the well-known \"admin\", found \"admin\""));
        if (Replicas > 1 && Database is null)
            problems.Add(new Problem($"{path}.database", $"expected an external database with {Replicas} replicas (each pod would otherwise keep its own SQLite state), found none"));
        if (Replicas > 1 && Persistence.Enabled)
            problems.Add(new Problem($"{path}.persistence.enabled", $"expected false with {Replicas} replicas (a ReadWriteOnce volume cannot be shared; use an external database), found true"));
    }
}

public enum GrafanaDatabaseType
{
    Postgres,
    Mysql,
}

/// <summary>Grafana's external database; the password is a secret (read from an environment variable, never from values).</summary>
public sealed record GrafanaDatabase
{
    public GrafanaDatabaseType Type { get; init; } = GrafanaDatabaseType.Postgres;

    [RequiredSetting("the database server as host:port, e.g. grafana-db.data.svc:5432")]
    [Pattern(@"^[a-zA-Z0-9]([-a-zA-Z0-9.]*[a-zA-Z0-9])?:[0-9]{1,5}$", "host:port like grafana-db.data.svc:5432")]
    public string? Host { get; init; }

    [Pattern("^[a-zA-Z0-9_]{1,63}$", "a database name")]
    public string Name { get; init; } = "grafana";

    [Pattern("^[a-zA-Z0-9_.-]{1,63}$", "a database user")]
    public string User { get; init; } = "grafana";

    [RequiredSetting("the database password: pulumi config set --secret --path 'grafana.database.password' <password>")]
    public SecretValue? Password { get; init; }

    /// <summary>Postgres ssl_mode (disable, require, verify-full).</summary>
    [Pattern("^(disable|require|verify-ca|verify-full)$", "disable, require, verify-ca or verify-full")]
    public string SslMode { get; init; } = "require";
}

/// <summary>Grafana's ingress.</summary>
public sealed record GrafanaIngress : ICheckedSettings
{
    public bool Enabled { get; init; }

    [Pattern(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$", "a host name like grafana.example.com")]
    public string? Host { get; init; }

    [Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", "an IngressClass name like nginx")]
    public string? ClassName { get; init; }

    /// <summary>The TLS Secret (e.g. from cert-manager); null serves plain HTTP.</summary>
    [Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", "a Secret name like grafana-tls")]
    public string? TlsSecretName { get; init; }

    public void Check(string path, ICollection<Problem> problems)
    {
        if (Enabled && Host is null)
            problems.Add(new Problem($"{path}.host", "expected a host name when the ingress is enabled, found none"));
    }
}

/// <summary>Grafana's own volume (for its SQLite database).</summary>
public sealed record GrafanaPersistence
{
    public bool Enabled { get; init; }

    [Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", "a StorageClass name like gp3")]
    public string? StorageClass { get; init; }

    [Quantity]
    public string Size { get; init; } = "10Gi";
}

public enum LokiMode
{
    /// <summary>One binary (SingleBinary), filesystem or object storage.</summary>
    Monolithic,

    /// <summary>Microservices (Distributed), object storage only.</summary>
    Distributed,
}

public enum LokiStorageType
{
    Filesystem,
    S3,
}

/// <summary>Loki: schema v13 with the tsdb index, always.</summary>
public sealed record LokiSettings : ICheckedSettings
{
    public LokiMode Mode { get; init; } = LokiMode.Monolithic;

    /// <summary>How long logs are kept (a whole number of days: the index period is 24h).</summary>
    [DurationRange("1d", "3650d")]
    public Duration Retention { get; init; } = Duration.Days(7);

    /// <summary>Replicas of each Loki component (ingester, distributor, querier, ...); monolithic with filesystem storage needs 1.</summary>
    [Range(1, 10)]
    public int Replicas { get; init; } = 1;

    public LokiStorage Storage { get; init; } = new();

    public ResourceSettings Resources { get; init; } = new()
    {
        Requests = new() { Cpu = "100m", Memory = "256Mi" },
        Limits = new() { Cpu = null, Memory = "1Gi" },
    };

    /// <summary>The memcached chunks cache in front of object storage (distributed mode).</summary>
    public LokiCacheSettings ChunksCache { get; init; } = new() { MemoryMb = 1024 };

    /// <summary>The memcached cache of query results (distributed mode).</summary>
    public LokiCacheSettings ResultsCache { get; init; } = new() { MemoryMb = 256 };

    public void Check(string path, ICollection<Problem> problems)
    {
        if (Retention.Milliseconds % Duration.Days(1).Milliseconds != 0)
            problems.Add(new Problem($"{path}.retention", $"expected a whole number of days (Loki's index period is 24h), found {Retention}"));
        if (Mode == LokiMode.Distributed && Storage.Type != LokiStorageType.S3)
            problems.Add(new Problem($"{path}.storage.type", "expected s3 for the distributed mode (object storage shared by every component), found filesystem"));
        if (Storage.Type == LokiStorageType.Filesystem && Replicas != 1)
            problems.Add(new Problem($"{path}.replicas", $"expected 1 with filesystem storage (one volume, one writer), found {Replicas}"));
        if (Storage.Type == LokiStorageType.S3 && Storage.S3 is null)
            problems.Add(new Problem($"{path}.storage.s3", "expected the bucket settings (endpoint, region, buckets, credentials) for s3 storage, found none"));
    }
}

/// <summary>One of Loki's memcached caches (the chart's <c>chunksCache</c> / <c>resultsCache</c>), deployed in the distributed mode.</summary>
public sealed record LokiCacheSettings
{
    /// <summary>Memory for cached items in MiB (memcached's <c>-m</c>); each pod requests and is limited to 1.2 × this.</summary>
    [Range(64, 65536)]
    public int MemoryMb { get; init; } = 1024;

    [Range(1, 10)]
    public int Replicas { get; init; } = 1;
}

/// <summary>Where Loki keeps chunks and index.</summary>
public sealed record LokiStorage
{
    public LokiStorageType Type { get; init; } = LokiStorageType.Filesystem;

    /// <summary>Size of the volume for filesystem storage (and otherwise of each ingester's write-ahead log volume and the compactor's working volume).</summary>
    [Quantity]
    public string Size { get; init; } = "10Gi";

    [Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", "a StorageClass name like gp3")]
    public string? StorageClass { get; init; }

    public S3Storage? S3 { get; init; }
}

/// <summary>An S3-compatible bucket (AWS S3, MinIO, Ceph, R2...). Credentials are secrets.</summary>
public sealed record S3Storage
{
    /// <summary>The endpoint; null means AWS S3 in <see cref="Region"/>.</summary>
    [Url]
    public string? Endpoint { get; init; }

    [Pattern("^[a-z0-9-]{2,32}$", "a region like eu-west-1")]
    public string Region { get; init; } = "us-east-1";

    [RequiredSetting("the bucket for chunks and index, e.g. acme-loki-chunks")]
    [Pattern("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", "an S3 bucket name")]
    public string? ChunksBucket { get; init; }

    [RequiredSetting("the bucket for ruler state, e.g. acme-loki-ruler")]
    [Pattern("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", "an S3 bucket name")]
    public string? RulerBucket { get; init; }

    public bool ForcePathStyle { get; init; }

    [RequiredSetting("the access key id: pulumi config set --secret --path 'loki.storage.s3.accessKeyId' <id>")]
    public SecretValue? AccessKeyId { get; init; }

    [RequiredSetting("the secret access key: pulumi config set --secret --path 'loki.storage.s3.secretAccessKey' <key>")]
    public SecretValue? SecretAccessKey { get; init; }
}

public enum LogAgentKind
{
    /// <summary>Grafana Alloy, Promtail's successor.</summary>
    Alloy,

    /// <summary>Promtail: end of life since 2026-03-02; still what the operator docs describe.</summary>
    Promtail,
}

public enum JaegerStorageType
{
    Memory,
    Badger,
    Elasticsearch,
    Opensearch,
}

/// <summary>Jaeger v2 (OTLP gRPC 4317, HTTP 4318).</summary>
public sealed record JaegerSettings : ICheckedSettings
{
    /// <summary>The retention when <see cref="Retention"/> is not set (Badger, Elasticsearch and OpenSearch).</summary>
    public static readonly Duration DefaultRetention = Duration.Days(3);

    /// <summary>
    /// How long traces are kept: the TTL of Badger's spans, the number of daily indices the index cleaner keeps for
    /// Elasticsearch/OpenSearch (whole days). Memory storage cannot honour a retention (it keeps the newest
    /// <see cref="JaegerStorage.MaxTraces"/> traces and loses them on restart), so setting one there is an error.
    /// Unset means <see cref="DefaultRetention"/>.
    /// </summary>
    [DurationRange("1h", "365d")]
    public Duration? Retention { get; init; }

    [Range(1, 10)]
    public int Replicas { get; init; } = 1;

    public JaegerStorage Storage { get; init; } = new();

    public ResourceSettings Resources { get; init; } = new()
    {
        Requests = new() { Cpu = "100m", Memory = "256Mi" },
        Limits = new() { Cpu = null, Memory = "1Gi" },
    };

    /// <summary>True for Elasticsearch and OpenSearch (shared, external storage).</summary>
    public bool ExternalStorage => Storage.Type is JaegerStorageType.Elasticsearch or JaegerStorageType.Opensearch;

    /// <summary>The retention in force (<see cref="Retention"/> or <see cref="DefaultRetention"/>).</summary>
    public Duration EffectiveRetention => Retention ?? DefaultRetention;

    public void Check(string path, ICollection<Problem> problems)
    {
        var type = Storage.Type.ToString().ToLowerInvariant();
        if (Storage.Type == JaegerStorageType.Badger && Replicas != 1)
            problems.Add(new Problem($"{path}.replicas", $"expected 1 with badger storage (one writer holds the volume and its directory lock, so it can neither run twice nor roll), found {Replicas}"));
        if (Storage.Type == JaegerStorageType.Memory && Replicas != 1)
            problems.Add(new Problem($"{path}.replicas", $"expected 1 with memory storage (it lives inside one pod), found {Replicas}"));
        if (Storage.Type == JaegerStorageType.Memory && Retention is { } retention)
            problems.Add(new Problem($"{path}.retention", $"expected no retention with memory storage (it keeps the newest storage.maxTraces traces and loses them on restart; use badger for a TTL), found {retention}"));
        if (ExternalStorage && Retention is { } days && days.Milliseconds % Duration.Days(1).Milliseconds != 0)
            problems.Add(new Problem($"{path}.retention", $"expected a whole number of days with {type} storage (the index cleaner deletes daily indices), found {days}"));
        if (ExternalStorage && Storage.Elasticsearch is null)
            problems.Add(new Problem($"{path}.storage.elasticsearch", $"expected the cluster settings (url, username, password) for {type} storage, found none"));
    }
}

/// <summary>Where Jaeger keeps traces.</summary>
public sealed record JaegerStorage
{
    public JaegerStorageType Type { get; init; } = JaegerStorageType.Memory;

    /// <summary>Traces kept in memory (memory storage).</summary>
    [Range(1000, 10_000_000)]
    public int MaxTraces { get; init; } = 100_000;

    /// <summary>Volume size for Badger.</summary>
    [Quantity]
    public string Size { get; init; } = "10Gi";

    [Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", "a StorageClass name like gp3")]
    public string? StorageClass { get; init; }

    /// <summary>Elasticsearch or OpenSearch cluster (same settings for both).</summary>
    public ElasticsearchStorage? Elasticsearch { get; init; }
}

/// <summary>An Elasticsearch/OpenSearch cluster; the password is a secret.</summary>
public sealed record ElasticsearchStorage
{
    [RequiredSetting("the cluster URL, e.g. https://opensearch.example:9200")]
    [Url]
    public string? Url { get; init; }

    [Pattern("^[a-zA-Z0-9._-]{1,64}$", "a user name")]
    public string Username { get; init; } = "jaeger";

    [RequiredSetting("the password: pulumi config set --secret --path 'jaeger.storage.elasticsearch.password' <password>")]
    public SecretValue? Password { get; init; }

    [Pattern("^[a-z0-9][a-z0-9_-]{0,30}$", "a lowercase index prefix")]
    public string IndexPrefix { get; init; } = "jaeger";
}

/// <summary>What Prometheus scrapes besides the cluster's own components.</summary>
public sealed record ScrapeSettings : ICheckedSettings
{
    /// <summary>Fixed targets (host:port), as the docs' <c>api:8000</c>; written to the additional scrape config Secret.</summary>
    public ImmutableArray<StaticScrapeTarget> StaticTargets { get; init; } = [];

    /// <summary>Services in other namespaces, selected by labels (one ServiceMonitor each).</summary>
    public ImmutableArray<ServiceMonitorTarget> ServiceMonitors { get; init; } = [];

    /// <summary>
    /// Job names the stack's own ServiceMonitors use (Jaeger's, the exporters'): a user job of the same name would share the
    /// <c>job</c> label and, in the same namespace, the ServiceMonitor's name.
    /// </summary>
    public static readonly ImmutableArray<string> ReservedJobs =
        [Composition.StackConventions.JaegerRelease, Composition.StackConventions.PostgresExporterName, Composition.StackConventions.RedisExporterName];

    public void Check(string path, ICollection<Problem> problems)
    {
        foreach (var job in StaticTargets.Select(t => t.Job).Concat(ServiceMonitors.Select(s => s.Name)).GroupBy(j => j).Where(g => g.Key is not null && g.Count() > 1))
            problems.Add(new Problem(path, $"expected unique job names across staticTargets and serviceMonitors, found \"{job.Key}\" more than once"));
        for (var i = 0; i < StaticTargets.Length; i++)
        {
            if (StaticTargets[i].Job is { } job && ReservedJobs.Contains(job))
                problems.Add(new Problem($"{path}.staticTargets[{i}].job", $"expected a job name other than {string.Join(", ", ReservedJobs)} (the stack scrapes its own components under them), found \"{job}\""));
        }

        for (var i = 0; i < ServiceMonitors.Length; i++)
        {
            if (ServiceMonitors[i].Name is { } name && ReservedJobs.Contains(name))
                problems.Add(new Problem($"{path}.serviceMonitors[{i}].name", $"expected a name other than {string.Join(", ", ReservedJobs)} (the stack scrapes its own components under them), found \"{name}\""));
        }
    }
}

/// <summary>A static scrape job.</summary>
public sealed record StaticScrapeTarget
{
    [RequiredSetting("the job name, e.g. api")]
    [Pattern("^[a-zA-Z_][a-zA-Z0-9_-]{0,62}$", "a job name like api")]
    public string? Job { get; init; }

    [Pattern(@"^[a-zA-Z0-9]([-a-zA-Z0-9.]*[a-zA-Z0-9])?:[0-9]{1,5}$", "host:port like api:8000")]
    public ImmutableArray<string> Targets { get; init; } = [];

    [Pattern("^/[-a-zA-Z0-9_./]*$", "a path like /metrics")]
    public string MetricsPath { get; init; } = "/metrics";

    [Pattern("^https?$", "http or https")]
    public string Scheme { get; init; } = "http";

    /// <summary>Overrides the global scrape interval for this job.</summary>
    [DurationRange("1s", "5m")]
    public Duration? Interval { get; init; }
}

/// <summary>A ServiceMonitor for services in another namespace.</summary>
public sealed record ServiceMonitorTarget : ICheckedSettings
{
    [RequiredSetting("the job name, e.g. payments")]
    [Pattern("^[a-z0-9]([-a-z0-9]{0,50}[a-z0-9])?$", "a lowercase name like payments")]
    public string? Name { get; init; }

    [RequiredSetting("the namespace of the services")]
    [Pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", "a namespace name")]
    public string? Namespace { get; init; }

    /// <summary>Labels the Service must carry.</summary>
    [Pattern("^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]{0,61}[a-zA-Z0-9])?$", "a Kubernetes label key like app.kubernetes.io/name")]
    public ImmutableSortedDictionary<string, string> MatchLabels { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>The Service port's name.</summary>
    [Pattern("^[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$", "a Service port name like metrics")]
    public string Port { get; init; } = "metrics";

    [Pattern("^/[-a-zA-Z0-9_./]*$", "a path like /metrics")]
    public string Path { get; init; } = "/metrics";

    [DurationRange("1s", "5m")]
    public Duration? Interval { get; init; }

    public void Check(string path, ICollection<Problem> problems)
    {
        if (MatchLabels.IsEmpty)
            problems.Add(new Problem($"{path}.matchLabels", "expected at least one label (an empty selector would scrape every Service in the namespace), found none"));
    }
}

/// <summary>Optional database exporters.</summary>
public sealed record ExporterSettings
{
    public PostgresExporter? Postgres { get; init; }

    public RedisExporter? Redis { get; init; }
}

/// <summary>prometheus-community postgres_exporter; the DSN (with its password) is a secret.</summary>
public sealed record PostgresExporter
{
    [RequiredSetting("the DSN: pulumi config set --secret --path 'exporters.postgres.dsn' 'postgresql://user:password@host:5432/db?sslmode=require'")]
    public SecretValue? Dsn { get; init; }
}

/// <summary>oliver006 redis_exporter; the password (optional) is a secret.</summary>
public sealed record RedisExporter
{
    [RequiredSetting("the Redis address, e.g. redis://redis.cache:6379")]
    [Pattern(@"^rediss?://[a-zA-Z0-9]([-a-zA-Z0-9.]*[a-zA-Z0-9])?(:[0-9]{1,5})?$", "redis://host:port")]
    public string? Address { get; init; }

    public SecretValue? Password { get; init; }
}

/// <summary>The platform rule packs (rules/Packs): which packs run, runbook links, labels, and per-alert overrides.</summary>
public sealed record RuleSettings : ICheckedSettings
{
    /// <summary>Where each alert's <c>runbook_url</c> points; <c>{alertname}</c> becomes the alert name.</summary>
    public string RunbookUrlPattern { get; init; } = "https://github.com/acme/observability/blob/main/docs/runbooks/{alertname}.md";

    /// <summary>Labels added to every alert and SLO alert (e.g. <c>team</c>).</summary>
    [Pattern("^[a-zA-Z_][a-zA-Z0-9_]*$", "a Prometheus label name")]
    public ImmutableSortedDictionary<string, string> AlertLabels { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    public RulePacks Packs { get; init; } = new();

    /// <summary>Caps every alert's <c>for</c> (test stacks that cannot wait minutes); null leaves them as set.</summary>
    [DurationRange("0s", "1h")]
    public Duration? MaxFor { get; init; }

    /// <summary>Which scrape jobs ServiceDown watches.</summary>
    public ServiceDownSettings ServiceDown { get; init; } = new();

    /// <summary>
    /// Watch the control plane: scrape etcd, kube-scheduler, kube-controller-manager and kube-proxy and deploy the chart's
    /// rules and dashboards for them. Off by default: managed clusters (EKS, GKE, AKS) hide these components, and their
    /// targets would be down forever. Turn it on for self-managed clusters (kubeadm, k3s, ...).
    /// </summary>
    public bool ControlPlane { get; init; }

    /// <summary>Per alert (PascalCase name): its <c>for</c> and threshold.</summary>
    [Pattern("^[A-Z][A-Za-z0-9]*$", "a PascalCase alert name like HighErrorRate")]
    public ImmutableSortedDictionary<string, AlertOverride> Alerts { get; init; } = ImmutableSortedDictionary<string, AlertOverride>.Empty;

    /// <summary>The part of <see cref="RunbookUrlPattern"/> before <c>{alertname}</c>: every runbook URL starts with it.</summary>
    public string RunbookBaseUrl => RunbookUrlPattern.Split("{alertname}")[0];

    public void Check(string path, ICollection<Problem> problems) =>
        Composition.RuleComposition.Check(this, path, problems);
}

/// <summary>
/// The jobs whose targets ServiceDown (<c>up == 0</c>, critical) pages for. node-exporter is never one of them (NodeDown
/// covers nodes). By default every other job except the control-plane ones kube-prometheus-stack scrapes but many clusters
/// cannot reach (kube-controller-manager, kube-scheduler, kube-etcd, kube-proxy); <c>jobs</c> scopes it to a list instead.
/// </summary>
public sealed record ServiceDownSettings : ICheckedSettings
{
    private const string JobPattern = "^[A-Za-z0-9_][A-Za-z0-9_.:/-]*$";
    private const string JobExpected = "a job name like api or kube-scheduler";

    /// <summary>When set, ServiceDown watches exactly these jobs (literal names); <see cref="ExcludeJobs"/> is then unused.</summary>
    [Pattern(JobPattern, JobExpected)]
    public ImmutableArray<string> Jobs { get; init; } = [];

    /// <summary>Jobs ServiceDown leaves alone when <see cref="Jobs"/> is empty (replaces the default list).</summary>
    [Pattern(JobPattern, JobExpected)]
    public ImmutableArray<string> ExcludeJobs { get; init; } = [.. Rules.Conventions.HttpConventions.ControlPlaneJobs];

    public void Check(string path, ICollection<Problem> problems)
    {
        foreach (var (key, list) in new[] { ("jobs", Jobs), ("excludeJobs", ExcludeJobs) })
        {
            foreach (var duplicate in list.GroupBy(j => j, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
                problems.Add(new Problem($"{path}.{key}", $"expected each job once, found \"{duplicate}\" more than once"));
        }

        if (Jobs.Contains(Rules.Conventions.HttpConventions.NodeExporterJob))
            problems.Add(new Problem($"{path}.jobs", $"expected jobs other than {Rules.Conventions.HttpConventions.NodeExporterJob} (NodeDown pages for nodes), found it"));
    }
}

/// <summary>Which rule packs run. Postgres and Redis default to on exactly when their exporter is configured.</summary>
public sealed record RulePacks
{
    public bool Http { get; init; } = true;

    public bool Agents { get; init; } = true;

    public bool? Postgres { get; init; }

    public bool? Redis { get; init; }

    public bool Nodes { get; init; } = true;

    public bool Kubernetes { get; init; } = true;

    /// <summary>Loki's own alerts (requests, panics, discarded lines, compactor, logs not arriving).</summary>
    public bool Loki { get; init; } = true;

    /// <summary>The log agent's alerts (Alloy or Promtail: dropped entries, failing pushes, files not read).</summary>
    public bool LogAgent { get; init; } = true;

    /// <summary>Jaeger's alerts (refused spans, storage failures, queue, spans not arriving).</summary>
    public bool Tracing { get; init; } = true;

    /// <summary>Grafana's alerts (gone, failing requests, failing datasources).</summary>
    public bool Grafana { get; init; } = true;

    /// <summary>The always-firing Watchdog heartbeat.</summary>
    public bool Watchdog { get; init; } = true;
}

/// <summary>One alert's overrides.</summary>
public sealed record AlertOverride
{
    [DurationRange("0s", "24h")]
    public Duration? For { get; init; }

    /// <summary>The alert's threshold, in the unit the alert compares (ratio 0..1, seconds, count...).</summary>
    [Range(-1e12, 1e12)]
    public decimal? Threshold { get; init; }
}

/// <summary>The platform SLOs (rules/Slo): objectives, periods and the <c>for</c> of their alerts.</summary>
public sealed record SloSettings : ICheckedSettings
{
    /// <summary>Default <c>for</c> of page (fast-burn) alerts.</summary>
    [DurationRange("0s", "1h")]
    public Duration PageFor { get; init; } = Duration.Minutes(2);

    /// <summary>Default <c>for</c> of ticket (slow-burn) alerts.</summary>
    [DurationRange("0s", "6h")]
    public Duration TicketFor { get; init; } = Duration.Minutes(10);

    /// <summary>Default <c>for</c> of no-data alerts.</summary>
    [DurationRange("0s", "6h")]
    public Duration NoDataFor { get; init; } = Duration.Minutes(10);

    /// <summary>Per SLO (api-availability, api-latency, api-error-rate, agent-success).</summary>
    [Pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", "an SLO name like api-availability")]
    public ImmutableSortedDictionary<string, SloOverride> Objectives { get; init; } = ImmutableSortedDictionary<string, SloOverride>.Empty;

    public void Check(string path, ICollection<Problem> problems) =>
        Composition.SloComposition.Check(this, path, problems);
}

/// <summary>One SLO's overrides.</summary>
public sealed record SloOverride
{
    /// <summary>The objective in percent, e.g. 99.9.</summary>
    [Range(50, 99.999)]
    public decimal? Objective { get; init; }

    /// <summary>The SLO period (e.g. 30d, 28d, 7d).</summary>
    [DurationRange("1d", "90d")]
    public Duration? Period { get; init; }

    /// <summary>The <c>for</c> of the page (fast-burn) alert.</summary>
    [DurationRange("0s", "1h")]
    public Duration? PageFor { get; init; }

    /// <summary>The <c>for</c> of the ticket (slow-burn) alert.</summary>
    [DurationRange("0s", "6h")]
    public Duration? TicketFor { get; init; }
}

/// <summary>The platform dashboards (dashboards/): Grafana folder, cost figures, traced services.</summary>
public sealed record DashboardSettings
{
    /// <summary>The Grafana folder the platform dashboards go to.</summary>
    [Pattern("^[A-Za-z0-9][A-Za-z0-9 _-]{0,62}$", "a folder name like Platform")]
    public string Folder { get; init; } = "Platform";

    /// <summary>The monthly LLM budget in USD (cost dashboard).</summary>
    [Range(0.01, 1e9)]
    public decimal? MonthlyBudgetUsd { get; init; }

    /// <summary>Price in USD per million tokens, by model label value (cost dashboard).</summary>
    public ImmutableSortedDictionary<string, decimal> ModelPrices { get; init; } = ImmutableSortedDictionary<string, decimal>.Empty;

    /// <summary>Jaeger service names the traces dashboard offers.</summary>
    [Pattern("^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$", "a service name like api")]
    public ImmutableArray<string> TracedServices { get; init; } = [];
}

/// <summary>A chart pin: repository and version.</summary>
public sealed record ChartPin
{
    [Url]
    public required string Repository { get; init; }

    [Pattern(@"^[0-9]+\.[0-9]+\.[0-9]+$", "a chart version like 1.2.3")]
    public required string Version { get; init; }
}

/// <summary>The pinned charts. Changing a version is a reviewed change: the chart-values test checks our values against it.</summary>
public sealed record ChartSettings
{
    public ChartPin KubePrometheusStack { get; init; } = new() { Repository = "https://prometheus-community.github.io/helm-charts", Version = "88.5.3" };

    public ChartPin Loki { get; init; } = new() { Repository = "https://grafana-community.github.io/helm-charts", Version = "18.11.0" };

    public ChartPin Promtail { get; init; } = new() { Repository = "https://grafana.github.io/helm-charts", Version = "6.17.1" };

    public ChartPin Alloy { get; init; } = new() { Repository = "https://grafana.github.io/helm-charts", Version = "1.11.1" };

    public ChartPin Jaeger { get; init; } = new() { Repository = "https://jaegertracing.github.io/helm-charts", Version = "4.11.1" };
}

/// <summary>
/// How one Helm release is installed and upgraded (Pulumi.Kubernetes' Helm v3 <c>Release</c>: <c>timeout</c>, <c>atomic</c>,
/// <c>cleanupOnFail</c>). The release waits for its resources to be ready; a release not ready within <see cref="Timeout"/> fails.
/// </summary>
public sealed record ReleasePolicy : ICheckedSettings
{
    /// <summary>
    /// How long Helm waits for each Kubernetes operation (resources ready, hooks, jobs), in whole seconds (Helm's own default: 5m).
    /// </summary>
    [DurationRange("30s", "1h")]
    public Duration Timeout { get; init; } = Duration.Minutes(5);

    /// <summary>
    /// A failed install is purged and a failed upgrade rolled back, so the next <c>pulumi up</c> starts from a clean release
    /// instead of a <c>failed</c> one that Helm refuses to upgrade.
    /// </summary>
    public bool Atomic { get; init; } = true;

    /// <summary>A failed upgrade deletes the resources it created (Helm <c>--cleanup-on-fail</c>).</summary>
    public bool CleanupOnFail { get; init; } = true;

    public void Check(string path, ICollection<Problem> problems)
    {
        if (Timeout.Milliseconds % 1000 != 0)
            problems.Add(new Problem($"{path}.timeout", $"expected whole seconds (Helm's timeout is in seconds), found {Timeout}"));
    }
}

/// <summary>
/// The release policy of each chart, one key per chart as in <see cref="ChartSettings"/>. The defaults allow a slow first install:
/// kube-prometheus-stack (CRDs, admission webhook jobs, operator, Prometheus and Alertmanager with volumes, Grafana) and Loki
/// (several stateful components with volumes in prod) get 10 minutes, the log agents too (a DaemonSet rolls node by node),
/// Jaeger 5 minutes.
/// </summary>
public sealed record ReleaseSettings
{
    public ReleasePolicy KubePrometheusStack { get; init; } = new() { Timeout = Duration.Minutes(10) };

    public ReleasePolicy Loki { get; init; } = new() { Timeout = Duration.Minutes(10) };

    public ReleasePolicy Promtail { get; init; } = new() { Timeout = Duration.Minutes(10) };

    public ReleasePolicy Alloy { get; init; } = new() { Timeout = Duration.Minutes(10) };

    public ReleasePolicy Jaeger { get; init; } = new();
}

/// <summary>NetworkPolicies: when on, the stack's pods accept traffic only from the stack and the listed namespaces.</summary>
public sealed record NetworkPolicySettings
{
    public bool Enabled { get; init; }

    /// <summary>Namespaces whose pods may reach the stack (applications pushing logs and traces, ingress controllers).</summary>
    [Pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", "a namespace name")]
    public ImmutableArray<string> AllowedNamespaces { get; init; } = [];
}
