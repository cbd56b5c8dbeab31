using Observability.Rules.Model;
using Observability.Stacks.Composition;
using Observability.Stacks.Settings;

namespace Observability.Stacks.Modules;

/// <summary>
/// A Helm chart as its module pins it, written once: the chart, its repository, its version, and the release it is installed as.
/// The version here is the default of <c>observability:charts</c> (<see cref="ChartSettings"/>) and what every test reads: a
/// chart bump is one edit of the module's <c>Chart</c>.
/// </summary>
/// <param name="Chart">The chart's name in its repository, e.g. <c>loki</c>.</param>
/// <param name="Repository">The Helm repository URL.</param>
/// <param name="Version">The pinned chart version.</param>
/// <param name="Release">The Helm release name (also its Pulumi logical name): in-cluster names and job labels follow from it.</param>
public sealed record ChartReference(string Chart, string Repository, string Version, string Release)
{
    /// <summary>The pin as the stack setting's default (a stack file may override repository and version).</summary>
    public ChartPin Pin => new() { Repository = Repository, Version = Version };
}

/// <summary>
/// A values path of a chart that its default values.yaml does not spell out (a free-form map, a commented-out key), or one the
/// chart has but ignores in the way we would use it; each with the reason, from the chart's template at the pinned version.
/// </summary>
public sealed record ValuesPath(string Chart, string Path, string Reason);

/// <summary>
/// One integration: everything it adds to an environment, in one folder (<c>stacks/Modules/&lt;Name&gt;/</c>): its chart pin,
/// its values, its Secrets, PVCs, ServiceMonitors and PDBs, its endpoints, its free-form-values allow-list, and references to
/// the rule groups (<c>rules/Packs</c>) and dashboards (<c>dashboards/Platform</c>) that watch it. An environment is the fold of
/// <see cref="ModuleCatalog.All"/> over its settings (<see cref="EnvironmentComposer"/>).
/// </summary>
public interface IModule
{
    /// <summary>The module's name, e.g. <c>loki</c>.</summary>
    string Name { get; }

    /// <summary>The Pulumi component resource (in infra/) that deploys what the module composes.</summary>
    PlanComponent Component { get; }

    /// <summary>Every chart the module may install (none for a module of plain objects).</summary>
    IReadOnlyList<ChartReference> Charts { get; }

    /// <summary>Values paths the charts' values.yaml does not spell out, each safe for its reason (a test enforces the rest exist).</summary>
    IReadOnlyList<ValuesPath> FreeFormValues { get; }

    /// <summary>Values paths the charts have but ignore as we would use them (a test keeps them out of our values).</summary>
    IReadOnlyList<ValuesPath> IgnoredValues { get; }

    /// <summary>The rule groups of <c>rules/Packs</c> that watch this integration (their <c>GroupName</c>s).</summary>
    IReadOnlyList<string> RuleGroups { get; }

    /// <summary>The uids of the platform dashboards (<c>dashboards/Platform</c>) that show this integration.</summary>
    IReadOnlyList<string> Dashboards { get; }

    /// <summary>
    /// The pods and Services its charts create, as the pinned charts name and label them (from their templates; checked against
    /// what they render, and every selector and in-cluster URL of the environment is checked against it).
    /// </summary>
    ChartInventory Inventory(StackSettings s);

    /// <summary>Whether the environment deploys the module at all.</summary>
    bool IsEnabled(StackSettings s);

    /// <summary>The module's releases and objects for the environment (pure: the same context gives the same plan).</summary>
    ModulePlan Compose(ModuleContext context);
}

/// <summary>
/// What a module composes from: the settings, and the environment-wide artifacts composed before the modules (rule files,
/// dashboards, Alertmanager configuration), which the metrics module ships.
/// </summary>
public sealed record ModuleContext
{
    public required StackSettings Settings { get; init; }

    /// <summary>Grafana's URL as people open it (alert and dashboard links point there).</summary>
    public required string GrafanaPublicUrl { get; init; }

    /// <summary>The rule files (name, groups): <c>platform</c> and <c>slos</c>.</summary>
    public required IReadOnlyList<(string Name, IReadOnlyList<RuleGroup> Groups)> RuleFiles { get; init; }

    /// <summary>The platform dashboards, each with its JSON.</summary>
    public required IReadOnlyList<ComposedDashboard> Dashboards { get; init; }

    /// <summary>The Alertmanager configuration and the secret values its files read.</summary>
    internal AlertmanagerComposition Alertmanager { get; init; } = null!;
}

/// <summary>A module's share of the plan: its Helm releases (install order) and its Kubernetes objects.</summary>
public sealed record ModulePlan
{
    /// <summary>The module's <see cref="IModule.Name"/>.</summary>
    public required string Name { get; init; }

    public required PlanComponent Component { get; init; }

    public IReadOnlyList<HelmReleasePlan> Releases { get; init; } = [];

    public IReadOnlyList<KubernetesObjectPlan> Objects { get; init; } = [];
}

/// <summary>Helpers every module uses to state its releases.</summary>
internal static class ModuleReleases
{
    /// <summary>
    /// The release of <paramref name="chart"/> as the stack pins it (<paramref name="pin"/>, from <c>observability:charts</c>, whose
    /// default is the module's <see cref="ChartReference"/>) and installs it (<paramref name="policy"/>, <c>observability:releases</c>).
    /// </summary>
    public static HelmReleasePlan Release(
        this ChartReference chart, ChartPin pin, ReleasePolicy policy, string @namespace, OrderedDictionary<string, object?> values,
        PlanComponent component, bool installsCrds = false) => new()
    {
        Policy = HelmReleasePolicy.From(policy),
        Name = chart.Release,
        Chart = chart.Chart,
        Repository = pin.Repository,
        Version = pin.Version,
        Namespace = @namespace,
        Values = values,
        InstallsCrds = installsCrds,
        Component = component,
    };
}
