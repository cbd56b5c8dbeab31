using System.Collections.Immutable;
using Observability.Rules.Model;
using Observability.Rules.Validation;

namespace Observability.Stacks.Settings;

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
    public required string Job { get; init; }

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
    public required string Name { get; init; }

    [RequiredSetting("the namespace of the services")]
    [Pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", "a namespace name")]
    public required string Namespace { get; init; }

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
    public required SecretValue Dsn { get; init; }
}

/// <summary>oliver006 redis_exporter; the password (optional) is a secret.</summary>
public sealed record RedisExporter
{
    [RequiredSetting("the Redis address, e.g. redis://redis.cache:6379")]
    [Pattern(@"^rediss?://[a-zA-Z0-9]([-a-zA-Z0-9.]*[a-zA-Z0-9])?(:[0-9]{1,5})?$", "redis://host:port")]
    public required string Address { get; init; }

    public SecretValue? Password { get; init; }
}
