using System.Collections;
using Observability.Stacks.Composition;
using Observability.Stacks.Settings;

namespace Observability.Infra.Deploy;

/// <summary>How one plan object maps to a Pulumi resource type (Pulumi.Kubernetes' typed class, or its generic CustomResource).</summary>
internal enum ObjectShape
{
    Namespace,
    ConfigMap,
    Secret,

    /// <summary>Any other kind (PrometheusRule, ServiceMonitor, NetworkPolicy, Deployment, Service, ...): apiVersion, kind, metadata, spec.</summary>
    Generic,
}

/// <summary>A plan object taken apart into exactly what its Pulumi resource sends: nothing added, nothing dropped.</summary>
internal sealed record ObjectParts
{
    public required ObjectShape Shape { get; init; }

    public required string Name { get; init; }

    public string? Namespace { get; init; }

    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>ConfigMap data.</summary>
    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();

    /// <summary>Secret stringData: each entry a <see cref="SecretValue"/> or plain text (the program makes both secret).</summary>
    public IReadOnlyList<KeyValuePair<string, object>> StringData { get; init; } = [];

    /// <summary>Secret type, when the plan sets one.</summary>
    public string? SecretType { get; init; }

    /// <summary>The spec of a <see cref="ObjectShape.Generic"/> object, in the shapes Pulumi serializes.</summary>
    public Dictionary<string, object>? Spec { get; init; }
}

/// <summary>
/// The Pulumi-free half of turning plan objects into resources: checks each body has only the fields its resource type sends,
/// and takes it apart (<see cref="ObjectParts"/>). Any surprise is an error naming the object and the field.
/// </summary>
internal static class PlanShapes
{
    private static readonly string[] Always = ["apiVersion", "kind", "metadata"];
    private static readonly string[] MetadataFields = ["name", "namespace", "labels", "annotations"];

    /// <summary>The top-level fields each shape sends besides apiVersion, kind and metadata.</summary>
    public static IReadOnlyList<string> Fields(ObjectShape shape) => shape switch
    {
        ObjectShape.Namespace => [],
        ObjectShape.ConfigMap => ["data"],
        ObjectShape.Secret => ["stringData", "type"],
        _ => ["spec"],
    };

    public static ObjectShape ShapeOf(KubernetesObjectPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return (plan.ApiVersion, plan.Kind) switch
        {
            ("v1", "Namespace") => ObjectShape.Namespace,
            ("v1", "ConfigMap") => ObjectShape.ConfigMap,
            ("v1", "Secret") => ObjectShape.Secret,
            _ => ObjectShape.Generic,
        };
    }

    /// <summary>
    /// The provider type token of a plan object: <c>kubernetes:core/v1:&lt;Kind&gt;</c> for the core group (apiVersion <c>v1</c>),
    /// <c>kubernetes:&lt;group&gt;/&lt;version&gt;:&lt;Kind&gt;</c> otherwise, as Pulumi.Kubernetes' generated classes name them.
    /// </summary>
    public static string TypeToken(KubernetesObjectPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.ApiVersion.Count(c => c == '/') > 1 || plan.ApiVersion.Length == 0 || plan.ApiVersion.Contains(':', StringComparison.Ordinal))
            throw new InvalidOperationException($"{plan.Id}: expected an apiVersion like v1 or group/version, found \"{plan.ApiVersion}\"");
        return plan.ApiVersion.Contains('/', StringComparison.Ordinal)
            ? $"kubernetes:{plan.ApiVersion}:{plan.Kind}"
            : $"kubernetes:core/{plan.ApiVersion}:{plan.Kind}";
    }

    public static ObjectParts Parts(KubernetesObjectPlan plan)
    {
        var shape = ShapeOf(plan);
        TypeToken(plan);
        var fields = Fields(shape);
        var unknown = plan.Body.Keys.Where(k => !Always.Contains(k) && !fields.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"{plan.Id}: expected only the fields {string.Join(", ", Always.Concat(fields))}, found {string.Join(", ", unknown)}");
        }

        if (plan.Body.GetValueOrDefault("apiVersion") is string apiVersion && apiVersion != plan.ApiVersion)
            throw new InvalidOperationException($"{plan.Id}.apiVersion: expected {plan.ApiVersion}, found {apiVersion}");
        if (plan.Body.GetValueOrDefault("kind") is string kind && kind != plan.Kind)
            throw new InvalidOperationException($"{plan.Id}.kind: expected {plan.Kind}, found {kind}");

        var metadata = MapOf(plan.Body.GetValueOrDefault("metadata"), $"{plan.Id}.metadata");
        var extra = metadata.Select(e => e.Key).Where(k => !MetadataFields.Contains(k)).ToList();
        if (extra.Count > 0)
            throw new InvalidOperationException($"{plan.Id}.metadata: expected only {string.Join(", ", MetadataFields)}, found {string.Join(", ", extra)}");
        Same(metadata, "name", plan.Name, plan);
        Same(metadata, "namespace", plan.Namespace, plan);

        return new ObjectParts
        {
            Shape = shape,
            Name = plan.Name,
            Namespace = plan.Namespace,
            Labels = Strings(metadata, "labels", $"{plan.Id}.metadata"),
            Annotations = Strings(metadata, "annotations", $"{plan.Id}.metadata"),
            Data = Strings(MapOf(plan.Body, plan.Id), "data", plan.Id) ?? new Dictionary<string, string>(),
            StringData = MapOf(plan.Body.GetValueOrDefault("stringData"), $"{plan.Id}.stringData")
                .Select(e => new KeyValuePair<string, object>(e.Key, e.Value switch
                {
                    SecretValue or string => e.Value,
                    _ => throw new InvalidOperationException(
                        $"{plan.Id}.stringData.{e.Key}: expected text or a secret setting, found {e.Value?.GetType().Name ?? "null"}"),
                }))
                .ToList(),
            SecretType = plan.Body.GetValueOrDefault("type") switch
            {
                null => null,
                string type => type,
                var other => throw new InvalidOperationException($"{plan.Id}.type: expected text, found {other.GetType().Name}"),
            },
            Spec = plan.Body.GetValueOrDefault("spec") is { } spec ? PulumiValues.Map(MapOf(spec, $"{plan.Id}.spec"), $"{plan.Id}.spec") : null,
        };
    }

    /// <summary>
    /// Checks the whole plan before anything is created: every object takes apart (<see cref="Parts"/>), every release's values
    /// convert (<see cref="PulumiValues"/>), and the order works (<see cref="CheckOrder"/>). Returns the plan.
    /// </summary>
    public static EnvironmentPlan Check(EnvironmentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        foreach (var release in plan.Releases)
            PulumiValues.Map(release.Values, $"release {release.Name} values");
        foreach (var obj in plan.Objects)
            Parts(obj);
        return CheckOrder(plan);
    }

    /// <summary>
    /// Checks the plan can be created in the program's order (namespaces, then Metrics, Logging, Tracing, Network; in each,
    /// releases then objects): every release an object waits for exists and comes earlier. Returns the plan.
    /// </summary>
    public static EnvironmentPlan CheckOrder(EnvironmentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        PlanComponent[] order = [PlanComponent.Foundation, PlanComponent.Metrics, PlanComponent.Logging, PlanComponent.Tracing, PlanComponent.Network];
        var created = new HashSet<string>(StringComparer.Ordinal);
        foreach (var component in order)
        {
            foreach (var release in plan.Releases.Where(r => r.Component == component))
                created.Add(release.Name);
            foreach (var obj in plan.Objects.Where(o => o.Component == component))
            {
                if (obj.DependsOnRelease is { } release && !created.Contains(release))
                {
                    throw new InvalidOperationException(
                        $"{obj.Id}: expected to depend on the Helm release \"{release}\", found no such release created before it " +
                        $"(releases so far: {(created.Count == 0 ? "none" : string.Join(", ", created))})");
                }
            }
        }

        var unplaced = plan.Releases.Where(r => !order.Contains(r.Component) || r.Component is PlanComponent.Foundation or PlanComponent.Network).ToList();
        if (unplaced.Count > 0)
            throw new InvalidOperationException($"expected releases only in Metrics, Logging and Tracing, found {string.Join(", ", unplaced.Select(r => $"{r.Name} in {r.Component}"))}");
        return plan;
    }

    private static void Same(IReadOnlyList<KeyValuePair<string, object?>> metadata, string field, string? expected, KubernetesObjectPlan plan)
    {
        var found = metadata.FirstOrDefault(e => e.Key == field).Value;
        if (found is not null && !Equals(found, expected))
            throw new InvalidOperationException($"{plan.Id}.metadata.{field}: expected {expected ?? "none"}, found {found}");
    }

    private static Dictionary<string, string>? Strings(IReadOnlyList<KeyValuePair<string, object?>> map, string field, string path)
    {
        var value = map.FirstOrDefault(e => e.Key == field).Value;
        if (value is null)
            return null;
        return MapOf(value, $"{path}.{field}").ToDictionary(
            e => e.Key,
            e => e.Value as string ?? throw new InvalidOperationException(
                $"{path}.{field}.{e.Key}: expected text, found {e.Value?.GetType().Name ?? "null"}"),
            StringComparer.Ordinal);
    }

    private static IReadOnlyList<KeyValuePair<string, object?>> MapOf(object? value, string path) => value switch
    {
        null => [],
        IEnumerable<KeyValuePair<string, object?>> map => map.ToList(),
        IDictionary map => map.Cast<DictionaryEntry>()
            .Select(e => new KeyValuePair<string, object?>(
                e.Key as string ?? throw new InvalidOperationException($"{path}: expected string keys, found a {e.Key.GetType().Name}"), e.Value))
            .ToList(),
        _ => throw new InvalidOperationException($"{path}: expected a map, found {value.GetType().Name}"),
    };
}
