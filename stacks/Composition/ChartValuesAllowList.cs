using Observability.Stacks.Modules;

namespace Observability.Stacks.Composition;

/// <summary>
/// Values paths we set that a chart's default values.yaml does not spell out, each with the reason it is safe, and paths a
/// chart has but ignores; each module declares its own (<see cref="IModule.FreeFormValues"/>, <see cref="IModule.IgnoredValues"/>),
/// this reads them all. Every other key path of our values must exist in the pinned chart's values.yaml (a test enforces it).
/// A path covers itself and everything below it. Paths are dotted; <c>grafana.*</c> of kube-prometheus-stack is checked
/// against both kube-prometheus-stack's <c>grafana:</c> block and the grafana subchart's values.
/// </summary>
public static class ChartValuesAllowList
{
    public static IReadOnlyList<(string Chart, string Path, string Reason)> Entries { get; } =
        [.. ModuleCatalog.All.SelectMany(m => m.FreeFormValues).Select(v => (v.Chart, v.Path, v.Reason))];

    /// <summary>
    /// Values paths the pinned chart has but does not read in the way we use it: writing one would look like a setting
    /// and change nothing (a test keeps them out of our values). Each names the template behaviour.
    /// </summary>
    public static IReadOnlyList<(string Chart, string Path, string Reason)> Ignored { get; } =
        [.. ModuleCatalog.All.SelectMany(m => m.IgnoredValues).Select(v => (v.Chart, v.Path, v.Reason))];

    /// <summary>The allow-list entry covering <paramref name="path"/> of <paramref name="chart"/>, if any.</summary>
    public static (string Chart, string Path, string Reason)? Covering(string chart, string path) =>
        Entries.Where(e => e.Chart == chart && (path == e.Path || path.StartsWith(e.Path + ".", StringComparison.Ordinal)))
            .Select(e => ((string, string, string)?)e)
            .FirstOrDefault();
}
