using Observability.Rules.Model;
using Observability.Rules.Validation;
using Observability.Stacks.Modules;

namespace Observability.Stacks.Settings;

/// <summary>A chart pin: repository and version.</summary>
public sealed record ChartPin
{
    [Url]
    public required string Repository { get; init; }

    [Pattern(@"^[0-9]+\.[0-9]+\.[0-9]+$", "a chart version like 1.2.3")]
    public required string Version { get; init; }
}

/// <summary>
/// The pinned charts. The defaults are the modules' pins (<c>stacks/Modules/&lt;Module&gt;/</c>, one <see cref="ChartReference"/>
/// each): a chart bump is one edit there, reviewed by the chart-values test against the new version's values.yaml.
/// </summary>
public sealed record ChartSettings
{
    public ChartPin KubePrometheusStack { get; init; } = MetricsModule.Chart.Pin;

    public ChartPin Loki { get; init; } = LokiModule.Chart.Pin;

    public ChartPin Promtail { get; init; } = LogAgentModule.Promtail.Pin;

    public ChartPin Alloy { get; init; } = LogAgentModule.Alloy.Pin;

    public ChartPin Jaeger { get; init; } = TracingModule.Chart.Pin;
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
