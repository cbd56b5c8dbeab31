using Observability.Stacks.Composition;
using Observability.Stacks.Settings;

namespace Observability.Infra.Deploy;

/// <summary>
/// The Pulumi-free checks of a plan before anything is created: plan objects are typed (<see cref="KubernetesObjectPlan"/>:
/// metadata and the content of one <see cref="ObjectShape"/>), so nothing is taken apart here; what remains is what Pulumi
/// itself would refuse or silently change. Any surprise is an error naming the object and the field.
/// </summary>
internal static class PlanChecks
{
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

    /// <summary>
    /// Checks the whole plan: every release's values and every spec convert to what Pulumi serializes (<see cref="PulumiValues"/>),
    /// every Secret entry is text or a secret setting, every type token is valid, and the order works (<see cref="CheckOrder"/>).
    /// Returns the plan.
    /// </summary>
    public static EnvironmentPlan Check(EnvironmentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        foreach (var release in plan.Releases)
            PulumiValues.Map(release.Values, $"release {release.Name} values");
        foreach (var obj in plan.Objects)
        {
            TypeToken(obj);
            if (obj.Spec is not null)
                PulumiValues.Map(obj.Spec, $"{obj.Id}.spec");
            foreach (var (key, value) in obj.StringData)
            {
                if (value is not (string or SecretValue))
                    throw new InvalidOperationException($"{obj.Id}.stringData.{key}: expected text or a secret setting, found {value.GetType().Name}");
            }
        }

        return CheckOrder(plan);
    }

    /// <summary>
    /// Checks the plan can be created in the program's order (namespaces, then each module's component in plan order; in each,
    /// releases then objects): every release an object waits for exists and comes earlier. Returns the plan.
    /// </summary>
    public static EnvironmentPlan CheckOrder(EnvironmentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var foreign = plan.Objects.Where(o => o.Component == PlanComponent.Foundation && o.Shape != ObjectShape.Namespace).ToList();
        if (foreign.Count > 0)
            throw new InvalidOperationException($"expected only Namespaces outside the modules, found {string.Join(", ", foreign.Select(o => o.Id))}");

        var created = new HashSet<string>(StringComparer.Ordinal);
        foreach (var module in plan.Modules)
        {
            foreach (var release in module.Releases)
                created.Add(release.Name);
            foreach (var obj in module.Objects)
            {
                if (obj.DependsOnRelease is { } release && !created.Contains(release))
                {
                    throw new InvalidOperationException(
                        $"{obj.Id}: expected to depend on the Helm release \"{release}\", found no such release created before it " +
                        $"(releases so far: {(created.Count == 0 ? "none" : string.Join(", ", created))})");
                }
            }
        }

        return plan;
    }
}
