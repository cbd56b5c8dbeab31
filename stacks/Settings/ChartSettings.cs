using Observability.Rules.Model;
using Observability.Rules.Validation;

namespace Observability.Stacks.Settings;

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
