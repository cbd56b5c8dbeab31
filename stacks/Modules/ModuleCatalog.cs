namespace Observability.Stacks.Modules;

/// <summary>
/// Every integration, in deployment order: metrics first (kube-prometheus-stack installs the CRDs the others' ServiceMonitors
/// use), then logs, the log agent, traces, the exporters, the network policies. Adding an integration is one folder under
/// <c>stacks/Modules/</c> and one entry here (README, "Adding an integration").
/// </summary>
public static class ModuleCatalog
{
    public static IReadOnlyList<IModule> All { get; } =
    [
        MetricsModule.Instance,
        LokiModule.Instance,
        LogAgentModule.Instance,
        TracingModule.Instance,
        ExportersModule.Instance,
        NetworkModule.Instance,
    ];

    /// <summary>Every chart any module may install.</summary>
    public static IEnumerable<ChartReference> Charts => All.SelectMany(m => m.Charts);

    /// <summary>Every chart whose values our values are checked against: the modules' and the grafana subchart kube-prometheus-stack pins.</summary>
    public static IEnumerable<ChartReference> PinnedCharts => Charts.Append(MetricsModule.GrafanaSubchart);

    /// <summary>The pin of <paramref name="chart"/> (a module's, or the grafana subchart kube-prometheus-stack pins).</summary>
    public static ChartReference Chart(string chart) =>
        PinnedCharts.FirstOrDefault(c => c.Chart == chart)
        ?? throw new KeyNotFoundException($"No module pins a chart named \"{chart}\".");
}
