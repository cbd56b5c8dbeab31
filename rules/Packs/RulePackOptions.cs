using System.Collections.Immutable;
using System.Globalization;
using Observability.Rules.Conventions;
using Observability.Rules.Model;
using Observability.Rules.Validation;

namespace Observability.Rules.Packs;

/// <summary>An alert's threshold and how long it must hold (<c>for</c>) before the alert fires; <c>0s</c> fires at once.</summary>
public sealed record AlertThreshold(double Value, Duration For);

/// <summary>
/// Everything the platform's rule packs can be tuned by. The defaults are the platform's documented thresholds;
/// every alert's <c>for</c> is a setting (end-to-end tests shorten them, stacks override them per environment).
/// </summary>
public sealed record RulePackOptions
{
    /// <summary>The placeholder in <see cref="RunbookUrlPattern"/> replaced by the alert name.</summary>
    public const string AlertNamePlaceholder = "{alertname}";

    public static RulePackOptions Default { get; } = new();

    /// <summary>Selectors, labels and windows the rules read.</summary>
    public PlatformConventions Conventions { get; init; } = PlatformConventions.Default;

    /// <summary>Where each alert's runbook lives; <c>{alertname}</c> becomes the alert name.</summary>
    public string RunbookUrlPattern { get; init; } = "https://github.com/platform/observability/blob/main/docs/runbooks/{alertname}.md";

    /// <summary>Grafana's external URL, the base of every <c>dashboard_url</c>.</summary>
    public string GrafanaBaseUrl { get; init; } = "http://localhost:3000";

    /// <summary>Labels added to every alert (e.g. <c>team</c>), besides <c>severity</c>.</summary>
    public ImmutableSortedDictionary<string, string> AlertLabels { get; init; } = LabelSet.Empty;

    public HttpPackOptions Http { get; init; } = new();

    public AgentPackOptions Agents { get; init; } = new();

    public PostgresPackOptions Postgres { get; init; } = new();

    public RedisPackOptions Redis { get; init; } = new();

    public NodePackOptions Nodes { get; init; } = new();

    public KubernetesPackOptions Kubernetes { get; init; } = new();

    public LokiPackOptions Loki { get; init; } = new();

    public LogAgentPackOptions LogAgent { get; init; } = new();

    public TracingPackOptions Tracing { get; init; } = new();

    public GrafanaPackOptions Grafana { get; init; } = new();

    /// <summary>The Watchdog heartbeat (always firing, severity none).</summary>
    public bool Watchdog { get; init; } = true;

    public string RunbookUrl(string alertName) =>
        RunbookUrlPattern.Replace(AlertNamePlaceholder, alertName, StringComparison.Ordinal);

    public string DashboardUrl(PanelRef panel) => panel.Url(GrafanaBaseUrl);

    /// <summary>Every alert's <c>for</c> capped at <paramref name="max"/>: for end-to-end tests that cannot wait 10 minutes.</summary>
    public RulePackOptions WithForAtMost(Duration max)
    {
        AlertThreshold Cap(AlertThreshold t) => t.For > max ? t with { For = max } : t;
        Duration CapFor(Duration d) => d > max ? max : d;
        return this with
        {
            Http = Http with
            {
                HighErrorRate = Cap(Http.HighErrorRate), HighErrorCount = Cap(Http.HighErrorCount),
                SlowResponseTime = Cap(Http.SlowResponseTime), ServiceDownFor = CapFor(Http.ServiceDownFor),
            },
            Agents = Agents with
            {
                SlowAgentExecutions = Cap(Agents.SlowAgentExecutions), HighTokenUsage = Cap(Agents.HighTokenUsage),
                LowAgentSuccessRate = Cap(Agents.LowAgentSuccessRate), HighPromptFailureRate = Cap(Agents.HighPromptFailureRate),
            },
            Postgres = Postgres with
            {
                DatabaseDownFor = CapFor(Postgres.DatabaseDownFor), HighDatabaseConnections = Cap(Postgres.HighDatabaseConnections),
                DatabaseConnectionPoolLow = Cap(Postgres.DatabaseConnectionPoolLow), LowDatabaseCacheHitRatio = Cap(Postgres.LowDatabaseCacheHitRatio),
                SlowDatabaseQueries = Cap(Postgres.SlowDatabaseQueries),
            },
            Redis = Redis with { RedisDownFor = CapFor(Redis.RedisDownFor), RedisHighMemory = Cap(Redis.RedisHighMemory) },
            Nodes = Nodes with
            {
                NodeDownFor = CapFor(Nodes.NodeDownFor), HighCpuUsage = Cap(Nodes.HighCpuUsage), HighMemoryUsage = Cap(Nodes.HighMemoryUsage),
                LowDiskSpace = Cap(Nodes.LowDiskSpace), HighLoadAverage = Cap(Nodes.HighLoadAverage),
            },
            Kubernetes = Kubernetes with
            {
                PodRestarting = Cap(Kubernetes.PodRestarting), ContainerHighMemory = Cap(Kubernetes.ContainerHighMemory),
                ContainerCpuThrottling = Cap(Kubernetes.ContainerCpuThrottling),
            },
            Loki = Loki with
            {
                LokiRequestErrors = Cap(Loki.LokiRequestErrors), LokiRequestPanicsFor = CapFor(Loki.LokiRequestPanicsFor),
                LokiDiscardingLogs = Cap(Loki.LokiDiscardingLogs), LokiCompactionNotRunning = Cap(Loki.LokiCompactionNotRunning),
                LogsNotArrivingFor = CapFor(Loki.LogsNotArrivingFor),
            },
            LogAgent = LogAgent with
            {
                LogAgentDroppingEntriesFor = CapFor(LogAgent.LogAgentDroppingEntriesFor), LogAgentPushErrors = Cap(LogAgent.LogAgentPushErrors),
                LogAgentFileLagging = Cap(LogAgent.LogAgentFileLagging), AlloyComponentUnhealthyFor = CapFor(LogAgent.AlloyComponentUnhealthyFor),
            },
            Tracing = Tracing with
            {
                JaegerSpansRefused = Cap(Tracing.JaegerSpansRefused), JaegerSpanExportFailing = Cap(Tracing.JaegerSpanExportFailing),
                JaegerExporterQueueFull = Cap(Tracing.JaegerExporterQueueFull), SpansNotArriving = Cap(Tracing.SpansNotArriving),
            },
            Grafana = Grafana with
            {
                GrafanaMissingFor = CapFor(Grafana.GrafanaMissingFor), GrafanaRequestErrors = Cap(Grafana.GrafanaRequestErrors),
                GrafanaDatasourceErrors = Cap(Grafana.GrafanaDatasourceErrors),
            },
        };
    }

    /// <summary>Every problem of these settings, paths under <paramref name="path"/> (e.g. <c>rules</c> → <c>rules.http.highErrorRate.value</c>).</summary>
    public IReadOnlyList<Problem> Validate(string path = "rules")
    {
        var problems = new List<Problem>();
        if (!RunbookUrlPattern.Contains(AlertNamePlaceholder, StringComparison.Ordinal))
            problems.Add(new Problem($"{path}.runbookUrlPattern", $"\"{RunbookUrlPattern}\" does not contain {AlertNamePlaceholder}"));
        else if (!IsHttpUrl(RunbookUrl("X")))
            problems.Add(new Problem($"{path}.runbookUrlPattern", $"\"{RunbookUrlPattern}\" is not an absolute http(s) URL"));
        if (!IsHttpUrl(GrafanaBaseUrl))
            problems.Add(new Problem($"{path}.grafanaBaseUrl", $"\"{GrafanaBaseUrl}\" is not an absolute http(s) URL"));

        void Ratio(string key, AlertThreshold t)
        {
            if (!(t.Value > 0 && t.Value < 1))
                problems.Add(new Problem($"{path}.{key}.value", string.Create(CultureInfo.InvariantCulture, $"must be a ratio between 0 and 1 exclusive (e.g. 0.05 for 5%), found {t.Value}")));
        }

        void Positive(string key, AlertThreshold t)
        {
            if (!(t.Value > 0) || double.IsInfinity(t.Value))
                problems.Add(new Problem($"{path}.{key}.value", string.Create(CultureInfo.InvariantCulture, $"must be a number greater than 0, found {t.Value}")));
        }

        Ratio("http.highErrorRate", Http.HighErrorRate);
        Positive("http.highErrorCount", Http.HighErrorCount);
        Positive("http.slowResponseTime", Http.SlowResponseTime);
        Positive("agents.slowAgentExecutions", Agents.SlowAgentExecutions);
        Positive("agents.highTokenUsage", Agents.HighTokenUsage);
        Ratio("agents.lowAgentSuccessRate", Agents.LowAgentSuccessRate);
        Ratio("agents.highPromptFailureRate", Agents.HighPromptFailureRate);
        Ratio("postgres.highDatabaseConnections", Postgres.HighDatabaseConnections);
        Positive("postgres.databaseConnectionPoolLow", Postgres.DatabaseConnectionPoolLow);
        Ratio("postgres.lowDatabaseCacheHitRatio", Postgres.LowDatabaseCacheHitRatio);
        Positive("postgres.slowDatabaseQueries", Postgres.SlowDatabaseQueries);
        Ratio("redis.redisHighMemory", Redis.RedisHighMemory);
        Ratio("nodes.highCpuUsage", Nodes.HighCpuUsage);
        Ratio("nodes.highMemoryUsage", Nodes.HighMemoryUsage);
        Ratio("nodes.lowDiskSpace", Nodes.LowDiskSpace);
        Positive("nodes.highLoadAverage", Nodes.HighLoadAverage);
        Positive("kubernetes.podRestarting", Kubernetes.PodRestarting);
        Ratio("kubernetes.containerHighMemory", Kubernetes.ContainerHighMemory);
        Ratio("kubernetes.containerCpuThrottling", Kubernetes.ContainerCpuThrottling);
        Ratio("loki.lokiRequestErrors", Loki.LokiRequestErrors);
        Ratio("loki.lokiDiscardingLogs", Loki.LokiDiscardingLogs);
        Positive("loki.lokiCompactionNotRunning", Loki.LokiCompactionNotRunning);
        Ratio("logAgent.logAgentPushErrors", LogAgent.LogAgentPushErrors);
        Positive("logAgent.logAgentFileLagging", LogAgent.LogAgentFileLagging);
        Ratio("tracing.jaegerSpansRefused", Tracing.JaegerSpansRefused);
        Ratio("tracing.jaegerSpanExportFailing", Tracing.JaegerSpanExportFailing);
        Ratio("tracing.jaegerExporterQueueFull", Tracing.JaegerExporterQueueFull);
        Positive("tracing.spansNotArriving", Tracing.SpansNotArriving);
        Ratio("grafana.grafanaRequestErrors", Grafana.GrafanaRequestErrors);
        Ratio("grafana.grafanaDatasourceErrors", Grafana.GrafanaDatasourceErrors);
        return problems;
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

/// <summary>HTTP API alerts. Ratios are 0..1 (0.05 = 5%).</summary>
public sealed record HttpPackOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>5xx share of requests above 5% for 5m (critical).</summary>
    public AlertThreshold HighErrorRate { get; init; } = new(0.05, Duration.Minutes(5));

    /// <summary>More than 10 5xx responses per second for 5m (critical).</summary>
    public AlertThreshold HighErrorCount { get; init; } = new(10, Duration.Minutes(5));

    /// <summary>p95 latency above 1 s for 5m (warning).</summary>
    public AlertThreshold SlowResponseTime { get; init; } = new(1, Duration.Minutes(5));

    /// <summary>A target's <c>up == 0</c> for 1m (critical).</summary>
    public Duration ServiceDownFor { get; init; } = Duration.Minutes(1);
}

/// <summary>AI agent and LLM alerts.</summary>
public sealed record AgentPackOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>p95 agent execution time above 30 s for 10m (warning).</summary>
    public AlertThreshold SlowAgentExecutions { get; init; } = new(30, Duration.Minutes(10));

    /// <summary>More than 1,000,000 tokens per agent in the token window (1h); fires at once (warning).</summary>
    public AlertThreshold HighTokenUsage { get; init; } = new(1_000_000, Duration.Zero);

    /// <summary>Agent success share below 95% for 10m (warning).</summary>
    public AlertThreshold LowAgentSuccessRate { get; init; } = new(0.95, Duration.Minutes(10));

    /// <summary>Prompt failure share above 10% for 5m (warning).</summary>
    public AlertThreshold HighPromptFailureRate { get; init; } = new(0.10, Duration.Minutes(5));
}

/// <summary>PostgreSQL alerts.</summary>
public sealed record PostgresPackOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary><c>pg_up == 0</c> for 1m (critical).</summary>
    public Duration DatabaseDownFor { get; init; } = Duration.Minutes(1);

    /// <summary>Connections above 90% of max_connections for 5m (warning).</summary>
    public AlertThreshold HighDatabaseConnections { get; init; } = new(0.90, Duration.Minutes(5));

    /// <summary>An application holds more than 80 pooled connections for 5m (warning).</summary>
    public AlertThreshold DatabaseConnectionPoolLow { get; init; } = new(80, Duration.Minutes(5));

    /// <summary>Buffer cache hit ratio below 90% for 10m (warning).</summary>
    public AlertThreshold LowDatabaseCacheHitRatio { get; init; } = new(0.90, Duration.Minutes(10));

    /// <summary>Mean statement time above 0.5 s for 10m, where pg_stat_statements is collected (warning).</summary>
    public AlertThreshold SlowDatabaseQueries { get; init; } = new(0.5, Duration.Minutes(10));
}

/// <summary>Redis alerts.</summary>
public sealed record RedisPackOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary><c>redis_up == 0</c> for 1m (critical).</summary>
    public Duration RedisDownFor { get; init; } = Duration.Minutes(1);

    /// <summary>Memory above 90% of maxmemory for 5m (warning); never when maxmemory is 0 (unlimited).</summary>
    public AlertThreshold RedisHighMemory { get; init; } = new(0.90, Duration.Minutes(5));
}

/// <summary>Node alerts (node-exporter).</summary>
public sealed record NodePackOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// True where kube-prometheus-stack's <c>node-exporter.rules</c> group is deployed beside the pack: it records
    /// <see cref="RecordNames.UpstreamNodeRecords"/> with the same expressions, so the pack does not (no two rules may
    /// record the same series) and its alerts read the chart's series.
    /// </summary>
    public bool UpstreamRecordings { get; init; }

    /// <summary>node-exporter target down for 1m (critical).</summary>
    public Duration NodeDownFor { get; init; } = Duration.Minutes(1);

    /// <summary>CPU busy above 80% for 10m (warning).</summary>
    public AlertThreshold HighCpuUsage { get; init; } = new(0.80, Duration.Minutes(10));

    /// <summary>Memory in use above 85% for 10m (warning).</summary>
    public AlertThreshold HighMemoryUsage { get; init; } = new(0.85, Duration.Minutes(10));

    /// <summary>Less than 15% free on a real filesystem for 5m (critical); tmpfs and overlay are ignored.</summary>
    public AlertThreshold LowDiskSpace { get; init; } = new(0.15, Duration.Minutes(5));

    /// <summary>15-minute load per CPU above 2 for 5m (warning).</summary>
    public AlertThreshold HighLoadAverage { get; init; } = new(2, Duration.Minutes(5));
}

/// <summary>Kubernetes workload alerts (kube-state-metrics, cAdvisor).</summary>
public sealed record KubernetesPackOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>More than 3 restarts of a container in the restart window (1h); fires at once (warning).</summary>
    public AlertThreshold PodRestarting { get; init; } = new(3, Duration.Zero);

    /// <summary>Working set above 85% of the memory limit for 10m (warning).</summary>
    public AlertThreshold ContainerHighMemory { get; init; } = new(0.85, Duration.Minutes(10));

    /// <summary>More than 25% of CFS periods throttled for 15m (info: often a limit to revisit, rarely an outage).</summary>
    public AlertThreshold ContainerCpuThrottling { get; init; } = new(0.25, Duration.Minutes(15));
}
