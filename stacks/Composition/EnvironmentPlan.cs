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

/// <summary>An object's metadata: name, namespace (null for cluster-scoped kinds), labels and annotations in the order written.</summary>
public sealed record ObjectMetadata
{
    public required string Name { get; init; }

    public string? Namespace { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Annotations { get; init; } = [];
}

/// <summary>What an object carries besides its metadata: exactly one shape, so that the Pulumi program maps it without parsing.</summary>
public enum ObjectShape
{
    /// <summary>A Namespace: metadata only.</summary>
    Namespace,

    /// <summary>A ConfigMap: <see cref="KubernetesObjectPlan.Data"/>.</summary>
    ConfigMap,

    /// <summary>A Secret: <see cref="KubernetesObjectPlan.StringData"/> and <see cref="KubernetesObjectPlan.SecretType"/>.</summary>
    Secret,

    /// <summary>Any other kind (PrometheusRule, ServiceMonitor, NetworkPolicy, Deployment, Service, ...): <see cref="KubernetesObjectPlan.Spec"/>.</summary>
    Spec,
}

/// <summary>
/// One Kubernetes object, typed: its identity and <see cref="Metadata"/>, and the content of its <see cref="Shape"/>
/// (ConfigMap data, Secret stringData whose values are text or <see cref="SecretValue"/>s, or a spec tree of plain values).
/// <see cref="Body"/> is the whole object as written (apiVersion, kind, metadata, then the content).
/// Build one with <see cref="Namespaced"/>, <see cref="ClusterNamespace"/>, <see cref="Secret"/>, <see cref="ConfigMap"/> or
/// <see cref="FromTree"/> (a tree another project builds: rules' PrometheusRule, dashboards' ConfigMap).
/// </summary>
public sealed record KubernetesObjectPlan
{
    public required string ApiVersion { get; init; }

    public required string Kind { get; init; }

    public required ObjectMetadata Metadata { get; init; }

    public required ObjectShape Shape { get; init; }

    public string Name => Metadata.Name;

    /// <summary>The namespace; null for cluster-scoped kinds (Namespace).</summary>
    public string? Namespace => Metadata.Namespace;

    /// <summary>A ConfigMap's data (text values).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Data { get; init; } = [];

    /// <summary>A Secret's stringData: each value plain text or a <see cref="SecretValue"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> StringData { get; init; } = [];

    /// <summary>A Secret's type (<c>Opaque</c>).</summary>
    public string? SecretType { get; init; }

    /// <summary>The spec of a <see cref="ObjectShape.Spec"/> object: a plain tree, never a secret.</summary>
    public OrderedDictionary<string, object?>? Spec { get; init; }

    /// <summary>The release this object must wait for (the one installing its CRD or the operator reading it), or null.</summary>
    public string? DependsOnRelease { get; init; }

    public required PlanComponent Component { get; init; }

    /// <summary>A stable identifier, e.g. <c>monitoring/PrometheusRule/platform-rules</c> (also usable as a Pulumi logical name suffix).</summary>
    public string Id => Namespace is null ? $"{Kind}/{Name}" : $"{Namespace}/{Kind}/{Name}";

    /// <summary>The full object tree, as written to the render; may contain <see cref="SecretValue"/> leaves (Secrets only).</summary>
    public OrderedDictionary<string, object?> Body
    {
        get
        {
            var metadata = new OrderedDictionary<string, object?> { ["name"] = Metadata.Name };
            if (Metadata.Namespace is not null)
                metadata["namespace"] = Metadata.Namespace;
            if (Metadata.Labels.Count > 0)
                metadata["labels"] = Tree(Metadata.Labels.Select(l => new KeyValuePair<string, object?>(l.Key, l.Value)));
            if (Metadata.Annotations.Count > 0)
                metadata["annotations"] = Tree(Metadata.Annotations.Select(l => new KeyValuePair<string, object?>(l.Key, l.Value)));
            var body = new OrderedDictionary<string, object?> { ["apiVersion"] = ApiVersion, ["kind"] = Kind, ["metadata"] = metadata };
            switch (Shape)
            {
                case ObjectShape.ConfigMap:
                    body["data"] = Tree(Data.Select(l => new KeyValuePair<string, object?>(l.Key, l.Value)));
                    break;
                case ObjectShape.Secret:
                    if (SecretType is not null)
                        body["type"] = SecretType;
                    body["stringData"] = Tree(StringData.Select(l => new KeyValuePair<string, object?>(l.Key, l.Value)));
                    break;
                case ObjectShape.Spec when Spec is not null:
                    body["spec"] = Spec;
                    break;
            }

            return body;
        }
    }

    /// <summary>True when the object carries secret values.</summary>
    public bool HasSecrets => PlanTree.Secrets(Body).Any();

    /// <summary>The object as YAML, secrets replaced by their placeholders.</summary>
    public string ToYaml() => PlanTree.ToYaml(Body);

    /// <summary>A cluster-scoped Namespace.</summary>
    public static KubernetesObjectPlan ClusterNamespace(ObjectMetadata metadata) => new()
    {
        ApiVersion = "v1", Kind = "Namespace", Metadata = metadata, Shape = ObjectShape.Namespace, Component = PlanComponent.Foundation,
    };

    /// <summary>A Secret of <paramref name="entries"/> (text or <see cref="SecretValue"/>s, kept in the order given).</summary>
    public static KubernetesObjectPlan Secret(ObjectMetadata metadata, PlanComponent component, IEnumerable<KeyValuePair<string, object>> entries, string? type = "Opaque") => new()
    {
        ApiVersion = "v1", Kind = "Secret", Metadata = metadata, Shape = ObjectShape.Secret, Component = component,
        StringData = [.. entries], SecretType = type,
    };

    /// <summary>A ConfigMap of text <paramref name="data"/>.</summary>
    public static KubernetesObjectPlan ConfigMap(ObjectMetadata metadata, PlanComponent component, IEnumerable<KeyValuePair<string, string>> data) => new()
    {
        ApiVersion = "v1", Kind = "ConfigMap", Metadata = metadata, Shape = ObjectShape.ConfigMap, Component = component, Data = [.. data],
    };

    /// <summary>An object of any other kind with a <paramref name="spec"/>.</summary>
    public static KubernetesObjectPlan Namespaced(
        string apiVersion, string kind, ObjectMetadata metadata, PlanComponent component, OrderedDictionary<string, object?> spec, string? dependsOnRelease = null) => new()
    {
        ApiVersion = apiVersion, Kind = kind, Metadata = metadata, Shape = ObjectShape.Spec, Component = component, Spec = spec,
        DependsOnRelease = dependsOnRelease,
    };

    /// <summary>
    /// The typed object of a tree another project builds (rules' PrometheusRule, dashboards' ConfigMap): apiVersion, kind,
    /// metadata (name, namespace, labels, annotations, text values) and the content of its kind; any other field, or a value of
    /// another type, is an <see cref="InvalidOperationException"/> naming the object and the field (nothing is dropped).
    /// </summary>
    public static KubernetesObjectPlan FromTree(OrderedDictionary<string, object?> tree, PlanComponent component, string? dependsOnRelease = null)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var apiVersion = Text(tree, "apiVersion", "object");
        var kind = Text(tree, "kind", "object");
        var meta = tree.GetValueOrDefault("metadata") as OrderedDictionary<string, object?>
            ?? throw new InvalidOperationException($"{kind}: expected metadata, found none");
        var name = Text(meta, "name", kind);
        var ns = meta.GetValueOrDefault("namespace") is null ? null : Text(meta, "namespace", kind);
        var id = ns is null ? $"{kind}/{name}" : $"{ns}/{kind}/{name}";
        Only(meta, ["name", "namespace", "labels", "annotations"], $"{id}.metadata");
        var metadata = new ObjectMetadata
        {
            Name = name,
            Namespace = ns,
            Labels = Texts(meta.GetValueOrDefault("labels"), $"{id}.metadata.labels"),
            Annotations = Texts(meta.GetValueOrDefault("annotations"), $"{id}.metadata.annotations"),
        };
        switch (apiVersion, kind)
        {
            case ("v1", "ConfigMap"):
                Only(tree, ["apiVersion", "kind", "metadata", "data"], id);
                return ConfigMap(metadata, component, Texts(tree.GetValueOrDefault("data"), $"{id}.data")) with { DependsOnRelease = dependsOnRelease };
            case ("v1", "Namespace" or "Secret"):
                throw new InvalidOperationException($"{id}: expected a kind with a spec or a ConfigMap, found {kind} (build it typed)");
            default:
                Only(tree, ["apiVersion", "kind", "metadata", "spec"], id);
                var spec = tree.GetValueOrDefault("spec") switch
                {
                    null => null,
                    OrderedDictionary<string, object?> map => map,
                    var other => throw new InvalidOperationException($"{id}.spec: expected a map, found {other.GetType().Name}"),
                };
                return new KubernetesObjectPlan
                {
                    ApiVersion = apiVersion, Kind = kind, Metadata = metadata, Shape = ObjectShape.Spec, Component = component, Spec = spec,
                    DependsOnRelease = dependsOnRelease,
                };
        }
    }

    private static OrderedDictionary<string, object?> Tree(IEnumerable<KeyValuePair<string, object?>> entries)
    {
        var map = new OrderedDictionary<string, object?>();
        foreach (var (key, value) in entries)
            map[key] = value;
        return map;
    }

    private static string Text(OrderedDictionary<string, object?> map, string field, string path) =>
        map.GetValueOrDefault(field) as string ?? throw new InvalidOperationException($"{path}.{field}: expected text, found {map.GetValueOrDefault(field)?.GetType().Name ?? "none"}");

    private static void Only(OrderedDictionary<string, object?> map, string[] fields, string path)
    {
        var extra = map.Keys.Where(k => !fields.Contains(k)).ToList();
        if (extra.Count > 0)
            throw new InvalidOperationException($"{path}: expected only the fields {string.Join(", ", fields)}, found {string.Join(", ", extra)}");
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Texts(object? value, string path) => value switch
    {
        null => [],
        OrderedDictionary<string, object?> map => [.. map.Select(e => new KeyValuePair<string, string>(
            e.Key, e.Value as string ?? throw new InvalidOperationException($"{path}.{e.Key}: expected text, found {e.Value?.GetType().Name ?? "null"}")))],
        _ => throw new InvalidOperationException($"{path}: expected a map, found {value.GetType().Name}"),
    };
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
