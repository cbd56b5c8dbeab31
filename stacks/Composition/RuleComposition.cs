using System.Collections.Immutable;
using Observability.Rules.Conventions;
using Observability.Rules.Model;
using Observability.Rules.Packs;
using Observability.Rules.PromQl;
using Observability.Rules.Validation;
using Observability.Stacks.Settings;

namespace Observability.Stacks.Composition;

/// <summary>
/// Maps <see cref="RuleSettings"/> onto the rule packs' <see cref="RulePackOptions"/>: each alert name to the option that
/// holds its threshold and <c>for</c>, so that stack files override alerts by the names operators see.
/// </summary>
public static class RuleComposition
{
    private sealed record ThresholdOption(string Alert, string OptionPath, Func<RulePackOptions, AlertThreshold> Get, Func<RulePackOptions, AlertThreshold, RulePackOptions> Set);

    private sealed record ForOption(string Alert, Func<RulePackOptions, Duration> Get, Func<RulePackOptions, Duration, RulePackOptions> Set);

    private static readonly ThresholdOption[] Thresholds =
    [
        new(AlertNames.HighErrorRate, "http.highErrorRate", o => o.Http.HighErrorRate, (o, t) => o with { Http = o.Http with { HighErrorRate = t } }),
        new(AlertNames.HighErrorCount, "http.highErrorCount", o => o.Http.HighErrorCount, (o, t) => o with { Http = o.Http with { HighErrorCount = t } }),
        new(AlertNames.SlowResponseTime, "http.slowResponseTime", o => o.Http.SlowResponseTime, (o, t) => o with { Http = o.Http with { SlowResponseTime = t } }),
        new(AlertNames.SlowAgentExecutions, "agents.slowAgentExecutions", o => o.Agents.SlowAgentExecutions, (o, t) => o with { Agents = o.Agents with { SlowAgentExecutions = t } }),
        new(AlertNames.HighTokenUsage, "agents.highTokenUsage", o => o.Agents.HighTokenUsage, (o, t) => o with { Agents = o.Agents with { HighTokenUsage = t } }),
        new(AlertNames.LowAgentSuccessRate, "agents.lowAgentSuccessRate", o => o.Agents.LowAgentSuccessRate, (o, t) => o with { Agents = o.Agents with { LowAgentSuccessRate = t } }),
        new(AlertNames.HighPromptFailureRate, "agents.highPromptFailureRate", o => o.Agents.HighPromptFailureRate, (o, t) => o with { Agents = o.Agents with { HighPromptFailureRate = t } }),
        new(AlertNames.HighDatabaseConnections, "postgres.highDatabaseConnections", o => o.Postgres.HighDatabaseConnections, (o, t) => o with { Postgres = o.Postgres with { HighDatabaseConnections = t } }),
        new(AlertNames.DatabaseConnectionPoolLow, "postgres.databaseConnectionPoolLow", o => o.Postgres.DatabaseConnectionPoolLow, (o, t) => o with { Postgres = o.Postgres with { DatabaseConnectionPoolLow = t } }),
        new(AlertNames.LowDatabaseCacheHitRatio, "postgres.lowDatabaseCacheHitRatio", o => o.Postgres.LowDatabaseCacheHitRatio, (o, t) => o with { Postgres = o.Postgres with { LowDatabaseCacheHitRatio = t } }),
        new(AlertNames.SlowDatabaseQueries, "postgres.slowDatabaseQueries", o => o.Postgres.SlowDatabaseQueries, (o, t) => o with { Postgres = o.Postgres with { SlowDatabaseQueries = t } }),
        new(AlertNames.RedisHighMemory, "redis.redisHighMemory", o => o.Redis.RedisHighMemory, (o, t) => o with { Redis = o.Redis with { RedisHighMemory = t } }),
        new(AlertNames.HighCpuUsage, "nodes.highCpuUsage", o => o.Nodes.HighCpuUsage, (o, t) => o with { Nodes = o.Nodes with { HighCpuUsage = t } }),
        new(AlertNames.HighMemoryUsage, "nodes.highMemoryUsage", o => o.Nodes.HighMemoryUsage, (o, t) => o with { Nodes = o.Nodes with { HighMemoryUsage = t } }),
        new(AlertNames.LowDiskSpace, "nodes.lowDiskSpace", o => o.Nodes.LowDiskSpace, (o, t) => o with { Nodes = o.Nodes with { LowDiskSpace = t } }),
        new(AlertNames.HighLoadAverage, "nodes.highLoadAverage", o => o.Nodes.HighLoadAverage, (o, t) => o with { Nodes = o.Nodes with { HighLoadAverage = t } }),
        new(AlertNames.PodRestarting, "kubernetes.podRestarting", o => o.Kubernetes.PodRestarting, (o, t) => o with { Kubernetes = o.Kubernetes with { PodRestarting = t } }),
        new(AlertNames.ContainerHighMemory, "kubernetes.containerHighMemory", o => o.Kubernetes.ContainerHighMemory, (o, t) => o with { Kubernetes = o.Kubernetes with { ContainerHighMemory = t } }),
        new(AlertNames.ContainerCpuThrottling, "kubernetes.containerCpuThrottling", o => o.Kubernetes.ContainerCpuThrottling, (o, t) => o with { Kubernetes = o.Kubernetes with { ContainerCpuThrottling = t } }),
        new(AlertNames.LokiRequestErrors, "loki.lokiRequestErrors", o => o.Loki.LokiRequestErrors, (o, t) => o with { Loki = o.Loki with { LokiRequestErrors = t } }),
        new(AlertNames.LokiDiscardingLogs, "loki.lokiDiscardingLogs", o => o.Loki.LokiDiscardingLogs, (o, t) => o with { Loki = o.Loki with { LokiDiscardingLogs = t } }),
        new(AlertNames.LokiCompactionNotRunning, "loki.lokiCompactionNotRunning", o => o.Loki.LokiCompactionNotRunning, (o, t) => o with { Loki = o.Loki with { LokiCompactionNotRunning = t } }),
        new(AlertNames.LogAgentPushErrors, "logAgent.logAgentPushErrors", o => o.LogAgent.LogAgentPushErrors, (o, t) => o with { LogAgent = o.LogAgent with { LogAgentPushErrors = t } }),
        new(AlertNames.LogAgentFileLagging, "logAgent.logAgentFileLagging", o => o.LogAgent.LogAgentFileLagging, (o, t) => o with { LogAgent = o.LogAgent with { LogAgentFileLagging = t } }),
        new(AlertNames.JaegerSpansRefused, "tracing.jaegerSpansRefused", o => o.Tracing.JaegerSpansRefused, (o, t) => o with { Tracing = o.Tracing with { JaegerSpansRefused = t } }),
        new(AlertNames.JaegerSpanExportFailing, "tracing.jaegerSpanExportFailing", o => o.Tracing.JaegerSpanExportFailing, (o, t) => o with { Tracing = o.Tracing with { JaegerSpanExportFailing = t } }),
        new(AlertNames.JaegerExporterQueueFull, "tracing.jaegerExporterQueueFull", o => o.Tracing.JaegerExporterQueueFull, (o, t) => o with { Tracing = o.Tracing with { JaegerExporterQueueFull = t } }),
        new(AlertNames.SpansNotArriving, "tracing.spansNotArriving", o => o.Tracing.SpansNotArriving, (o, t) => o with { Tracing = o.Tracing with { SpansNotArriving = t } }),
        new(AlertNames.GrafanaRequestErrors, "grafana.grafanaRequestErrors", o => o.Grafana.GrafanaRequestErrors, (o, t) => o with { Grafana = o.Grafana with { GrafanaRequestErrors = t } }),
        new(AlertNames.GrafanaDatasourceErrors, "grafana.grafanaDatasourceErrors", o => o.Grafana.GrafanaDatasourceErrors, (o, t) => o with { Grafana = o.Grafana with { GrafanaDatasourceErrors = t } }),
    ];

    private static readonly ForOption[] ForOnly =
    [
        new(AlertNames.ServiceDown, o => o.Http.ServiceDownFor, (o, d) => o with { Http = o.Http with { ServiceDownFor = d } }),
        new(AlertNames.DatabaseDown, o => o.Postgres.DatabaseDownFor, (o, d) => o with { Postgres = o.Postgres with { DatabaseDownFor = d } }),
        new(AlertNames.RedisDown, o => o.Redis.RedisDownFor, (o, d) => o with { Redis = o.Redis with { RedisDownFor = d } }),
        new(AlertNames.NodeDown, o => o.Nodes.NodeDownFor, (o, d) => o with { Nodes = o.Nodes with { NodeDownFor = d } }),
        new(AlertNames.LokiRequestPanics, o => o.Loki.LokiRequestPanicsFor, (o, d) => o with { Loki = o.Loki with { LokiRequestPanicsFor = d } }),
        new(AlertNames.LogsNotArriving, o => o.Loki.LogsNotArrivingFor, (o, d) => o with { Loki = o.Loki with { LogsNotArrivingFor = d } }),
        new(AlertNames.LogAgentDroppingEntries, o => o.LogAgent.LogAgentDroppingEntriesFor, (o, d) => o with { LogAgent = o.LogAgent with { LogAgentDroppingEntriesFor = d } }),
        new(AlertNames.AlloyComponentUnhealthy, o => o.LogAgent.AlloyComponentUnhealthyFor, (o, d) => o with { LogAgent = o.LogAgent with { AlloyComponentUnhealthyFor = d } }),
        new(AlertNames.GrafanaMissing, o => o.Grafana.GrafanaMissingFor, (o, d) => o with { Grafana = o.Grafana with { GrafanaMissingFor = d } }),
    ];

    /// <summary>Every alert name an override may name.</summary>
    public static IReadOnlyList<string> OverridableAlerts { get; } =
        Thresholds.Select(t => t.Alert).Concat(ForOnly.Select(f => f.Alert)).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The rule pack options of an environment. <paramref name="grafanaBaseUrl"/> is where alerts' dashboard links point.
    /// Overrides of unknown alerts are ignored here: <see cref="Check"/> reports them when settings load.
    /// </summary>
    public static RulePackOptions Options(StackSettings s, string grafanaBaseUrl)
    {
        var r = s.Rules;
        var options = RulePackOptions.Default with
        {
            RunbookUrlPattern = r.RunbookUrlPattern,
            GrafanaBaseUrl = grafanaBaseUrl,
            AlertLabels = r.AlertLabels,
            Conventions = ScrapeJobs(s, RulePackOptions.Default.Conventions),
        };
        options = options with
        {
            Http = options.Http with { Enabled = r.Packs.Http },
            Agents = options.Agents with { Enabled = r.Packs.Agents },
            Postgres = options.Postgres with { Enabled = r.Packs.Postgres ?? s.Exporters.Postgres is not null },
            Redis = options.Redis with { Enabled = r.Packs.Redis ?? s.Exporters.Redis is not null },
            // kube-prometheus-stack's node-exporter.rules (always deployed) record the shared node series.
            Nodes = options.Nodes with { Enabled = r.Packs.Nodes, UpstreamRecordings = true },
            Kubernetes = options.Kubernetes with { Enabled = r.Packs.Kubernetes },
            Loki = options.Loki with { Enabled = r.Packs.Loki },
            LogAgent = options.LogAgent with { Enabled = r.Packs.LogAgent },
            Tracing = options.Tracing with { Enabled = r.Packs.Tracing },
            Grafana = options.Grafana with { Enabled = r.Packs.Grafana },
            Watchdog = r.Packs.Watchdog,
        };
        options = options with
        {
            Conventions = options.Conventions with
            {
                Http = options.Conventions.Http with { Up = HttpConventions.ServiceDownTargets(r.ServiceDown.Jobs, r.ServiceDown.ExcludeJobs) },
            },
        };

        foreach (var (alert, over) in r.Alerts)
        {
            if (Thresholds.FirstOrDefault(t => t.Alert == alert) is { } threshold)
            {
                var current = threshold.Get(options);
                options = threshold.Set(options, new AlertThreshold(
                    over.Threshold is { } value ? (double)value : current.Value,
                    over.For ?? current.For));
            }
            else if (ForOnly.FirstOrDefault(f => f.Alert == alert) is { } pending && over.For is { } duration)
            {
                options = pending.Set(options, duration);
            }
        }

        return r.MaxFor is { } max ? options.WithForAtMost(max) : options;
    }

    /// <summary>
    /// The <c>job</c> labels the environment's scrapes give our own components: Loki's chart ServiceMonitor relabels the job
    /// to <c>&lt;namespace&gt;/&lt;service&gt;</c> (chart 18.11.0 <c>monitoring.serviceMonitor.jobPrefix</c>), Jaeger's is our
    /// ServiceMonitor over the <c>jaeger</c> Service, Grafana's is kube-prometheus-stack's over <c>&lt;release&gt;-grafana</c>
    /// (its <c>jobLabel</c> names a label the Service does not carry, so the Service name is the job).
    /// </summary>
    public static PlatformConventions ScrapeJobs(StackSettings s, PlatformConventions conventions)
    {
        var logging = s.Namespaces.Logging;
        return conventions with
        {
            Loki = conventions.Loki with
            {
                Job = Matcher.Re("job", $"{logging}/{StackConventions.LokiRelease}(-.+)?"),
                IngestJob = Matcher.Re("job", $"{logging}/{StackConventions.LokiRelease}(-distributor|-write)?"),
            },
            Tracing = conventions.Tracing with { Job = Matcher.Eq("job", StackConventions.JaegerRelease) },
            Grafana = conventions.Grafana with { Job = Matcher.Eq("job", $"{StackConventions.KubePrometheusStackRelease}-grafana") },
        };
    }

    /// <summary>The rule groups of an environment (validated by the packs; throws <see cref="ValidationException"/>).</summary>
    public static ImmutableArray<RuleGroup> Build(StackSettings s, string grafanaBaseUrl) =>
        PlatformRules.Build(Options(s, grafanaBaseUrl));

    /// <summary>Load-time checks of the rule settings: alert names, what each alert can override, the packs' own validation.</summary>
    public static void Check(RuleSettings r, string path, ICollection<Problem> problems)
    {
        foreach (var (alert, over) in r.Alerts)
        {
            var alertPath = $"{path}.alerts.{alert}";
            if (ForOnly.Any(f => f.Alert == alert))
            {
                if (over.Threshold is not null)
                    problems.Add(new Problem($"{alertPath}.threshold", $"expected no threshold ({alert} has no threshold; only its for can change), found {over.Threshold}"));
            }
            else if (!Thresholds.Any(t => t.Alert == alert))
            {
                var suggestion = Settings.SettingsBinder.Suggest(alert, OverridableAlerts);
                problems.Add(new Problem(alertPath, $"unknown alert{suggestion} (expected one of {string.Join(", ", OverridableAlerts)})"));
            }
        }

        // The packs' own checks (ratios in 0..1, positive thresholds, runbook pattern), reported against our keys.
        var probe = Options(Settings.SettingsBinder.UnboundSettings() with { Rules = r }, "http://grafana.invalid");
        foreach (var problem in probe.Validate("rules"))
        {
            var optionPath = problem.Path["rules.".Length..];
            var key = Thresholds.FirstOrDefault(t => optionPath == t.OptionPath + ".value") is { } t
                ? $"{path}.alerts.{t.Alert}.threshold"
                : optionPath == "runbookUrlPattern" ? $"{path}.runbookUrlPattern" : $"{path} ({problem.Path})";
            problems.Add(new Problem(key, problem.Message));
        }
    }
}
