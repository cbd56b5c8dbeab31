using Observability.Stacks.Settings;

namespace Observability.Stacks.Composition;

/// <summary>Which component resource of the Pulumi program a release or object belongs to.</summary>
public enum PlanComponent
{
    /// <summary>Namespaces, shared by every component (created first).</summary>
    Foundation,

    /// <summary>kube-prometheus-stack, rules, dashboards, Alertmanager config, scrape configs (<c>MetricsModule</c>).</summary>
    Metrics,

    /// <summary>Loki (<c>LokiModule</c>).</summary>
    Loki,

    /// <summary>The log agent, Alloy or Promtail (<c>LogAgentModule</c>).</summary>
    LogAgent,

    /// <summary>Jaeger (<c>TracingModule</c>).</summary>
    Tracing,

    /// <summary>The PostgreSQL and Redis exporters (<c>ExportersModule</c>).</summary>
    Exporters,

    /// <summary>NetworkPolicies across the stack's namespaces.</summary>
    Network,
}

/// <summary>
/// Everything one environment deploys, composed from its <see cref="StackSettings"/> by a pure function
/// (<c>EnvironmentComposer.Compose</c>): Helm releases with their values, Kubernetes objects, and the
/// artifacts <c>render</c> writes for review. The Pulumi program hands these to resources without further logic.
/// </summary>
public sealed record EnvironmentPlan
{
    /// <summary>The validated settings the plan was composed from.</summary>
    public required StackSettings Settings { get; init; }

    /// <summary>Each enabled module's share of the plan, in deployment order (<c>ModuleCatalog.All</c>).</summary>
    public IReadOnlyList<Modules.ModulePlan> Modules { get; init; } = [];

    /// <summary>Helm releases, in install order (kube-prometheus-stack first: it installs the CRDs the objects use).</summary>
    public required IReadOnlyList<HelmReleasePlan> Releases { get; init; }

    /// <summary>Kubernetes objects, namespaces first (<see cref="PlanComponent.Foundation"/>), then each module's, in a stable order.</summary>
    public required IReadOnlyList<KubernetesObjectPlan> Objects { get; init; }

    /// <summary>Review artifacts (rule files, dashboards, alertmanager.yaml) by path relative to the render folder.</summary>
    public required IReadOnlyList<PlanArtifact> Artifacts { get; init; }

    /// <summary>Counts for the summary and the stack outputs.</summary>
    public required PlanCounts Counts { get; init; }

    /// <summary>In-cluster endpoints, for the stack outputs.</summary>
    public required PlanEndpoints Endpoints { get; init; }

    /// <summary>Non-fatal notes the operator should read (e.g. Promtail is end of life).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The release with this name; throws when there is none.</summary>
    public HelmReleasePlan Release(string name) =>
        Releases.FirstOrDefault(r => r.Name == name) ?? throw new KeyNotFoundException($"No release named \"{name}\" in the plan.");

    /// <summary>Every secret value the plan carries (in release values and object bodies), in a stable order.</summary>
    public IEnumerable<SecretValue> Secrets() =>
        Releases.SelectMany(r => PlanTree.Secrets(r.Values)).Concat(Objects.SelectMany(o => PlanTree.Secrets(o.Body)));
}

/// <summary>
/// One Helm release. <see cref="Values"/> is a plain tree (<see cref="OrderedDictionary{TKey,TValue}"/> with string keys,
/// lists, strings, booleans, numbers); it never holds a secret value: secrets live in Kubernetes Secrets the chart references.
/// </summary>
public sealed record HelmReleasePlan
{
    /// <summary>The Helm release name (also the Pulumi logical name's suffix), e.g. <c>kube-prometheus-stack</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The chart name in its repository, e.g. <c>kube-prometheus-stack</c>.</summary>
    public required string Chart { get; init; }

    /// <summary>The Helm repository URL, e.g. <c>https://prometheus-community.github.io/helm-charts</c>.</summary>
    public required string Repository { get; init; }

    /// <summary>The pinned chart version.</summary>
    public required string Version { get; init; }

    public required string Namespace { get; init; }

    /// <summary>The values tree passed to the chart.</summary>
    public required OrderedDictionary<string, object?> Values { get; init; }

    /// <summary>True when the chart installs CustomResourceDefinitions (objects of those kinds must depend on this release).</summary>
    public required bool InstallsCrds { get; init; }

    public required PlanComponent Component { get; init; }

    /// <summary>How Pulumi installs and upgrades the release (from <c>observability:releases</c>).</summary>
    public required HelmReleasePolicy Policy { get; init; }

    /// <summary>The release's values as YAML (what <c>render</c> writes to <c>values/&lt;name&gt;.yaml</c>).</summary>
    public string ValuesYaml() => PlanTree.ToYaml(Values);
}

/// <summary>
/// A release's install and upgrade policy as the Helm v3 Release resource takes it: <c>timeout</c> in seconds, <c>atomic</c>,
/// <c>cleanupOnFail</c>.
/// </summary>
public sealed record HelmReleasePolicy(int TimeoutSeconds, bool Atomic, bool CleanupOnFail)
{
    /// <summary>The policy of validated settings (the timeout is whole seconds).</summary>
    public static HelmReleasePolicy From(ReleasePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new((int)(policy.Timeout.Milliseconds / 1000), policy.Atomic, policy.CleanupOnFail);
    }
}

/// <summary>
/// One Kubernetes object. <see cref="Body"/> is the whole object (apiVersion, kind, metadata, spec/data...). Secret objects
/// carry their entries under <c>stringData</c> as <see cref="SecretValue"/> leaves; everything else is plain.
/// </summary>
public sealed record KubernetesObjectPlan
{
    public required string ApiVersion { get; init; }

    public required string Kind { get; init; }

    public required string Name { get; init; }

    /// <summary>The namespace; null for cluster-scoped kinds (Namespace).</summary>
    public string? Namespace { get; init; }

    /// <summary>The full object tree; may contain <see cref="SecretValue"/> leaves (Secrets only).</summary>
    public required OrderedDictionary<string, object?> Body { get; init; }

    /// <summary>The release this object must wait for (the one installing its CRD or the operator reading it), or null.</summary>
    public string? DependsOnRelease { get; init; }

    public required PlanComponent Component { get; init; }

    /// <summary>A stable identifier, e.g. <c>monitoring/PrometheusRule/platform-rules</c> (also usable as a Pulumi logical name suffix).</summary>
    public string Id => Namespace is null ? $"{Kind}/{Name}" : $"{Namespace}/{Kind}/{Name}";

    /// <summary>True when <see cref="Body"/> contains secret values.</summary>
    public bool HasSecrets => PlanTree.Secrets(Body).Any();

    /// <summary>The object as YAML, secrets replaced by their placeholders.</summary>
    public string ToYaml() => PlanTree.ToYaml(Body);
}

/// <summary>A file <c>render</c> writes besides values and manifests (rule files, dashboards, alertmanager.yaml).</summary>
/// <param name="Path">Relative to the render folder, with forward slashes, e.g. <c>rules/platform.yaml</c>.</param>
/// <param name="Content">The exact bytes as text (LF line ends).</param>
public sealed record PlanArtifact(string Path, string Content);

/// <summary>
/// What the environment deploys, counted. <see cref="Alerts"/>, <see cref="RecordingRules"/> and <see cref="Dashboards"/>
/// are ours; the <c>Chart*</c> counts are kube-prometheus-stack's default rules and dashboards deployed beside them
/// (computed from the typed table of its defaults, <see cref="Rules.Upstream.KubePrometheusStackRules"/>).
/// </summary>
public sealed record PlanCounts(int Alerts, int RecordingRules, int Slos, int Dashboards, int Objects, int Releases)
{
    /// <summary>The chart's default alerting rules deployed (enabled groups, minus those the overlap table disables).</summary>
    public int ChartAlerts { get; init; }

    /// <summary>The chart's default recording rules deployed.</summary>
    public int ChartRecordingRules { get; init; }

    /// <summary>The chart's default dashboards deployed.</summary>
    public int ChartDashboards { get; init; }
}

/// <summary>In-cluster URLs of the stack's services (for stack outputs and for applications).</summary>
public sealed record PlanEndpoints
{
    public required string Prometheus { get; init; }

    public required string Alertmanager { get; init; }

    public required string Grafana { get; init; }

    /// <summary>The public Grafana URL when an ingress is configured, otherwise the in-cluster one.</summary>
    public required string GrafanaPublic { get; init; }

    public required string LokiPush { get; init; }

    public required string JaegerQuery { get; init; }

    public required string OtlpGrpc { get; init; }

    public required string OtlpHttp { get; init; }
}
