using Observability.Rules.Alertmanager;

namespace Observability.Rules.Tests.Alertmanager;

public sealed class PlatformInhibitionTests
{
    private static readonly AlertmanagerConfig Config = PlatformRouting.Build(PlatformRoutingTests.DefaultOptions);

    private static Dictionary<string, string> Alert(params string[] pairs) =>
        pairs.ToDictionary(p => p[..p.IndexOf('=', StringComparison.Ordinal)], p => p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal);

    public static TheoryData<bool, string[], string[]> Cases => new()
    {
        // critical mutes warning and info of the same alertname and namespace, nothing else
        { true, ["alertname=HighErrorRate", "severity=critical", "namespace=shop"], ["alertname=HighErrorRate", "severity=warning", "namespace=shop"] },
        { true, ["alertname=HighErrorRate", "severity=critical", "namespace=shop"], ["alertname=HighErrorRate", "severity=info", "namespace=shop"] },
        { false, ["alertname=HighErrorRate", "severity=critical", "namespace=shop"], ["alertname=HighErrorRate", "severity=warning", "namespace=billing"] },
        { false, ["alertname=HighErrorRate", "severity=critical", "namespace=shop"], ["alertname=HighLatency", "severity=warning", "namespace=shop"] },
        { false, ["alertname=HighErrorRate", "severity=critical", "namespace=shop"], ["alertname=HighErrorRate", "severity=critical", "namespace=shop", "pod=b"] },
        { false, ["alertname=HighErrorRate", "severity=warning", "namespace=shop"], ["alertname=HighErrorRate", "severity=info", "namespace=shop"] },
        // NodeDown mutes the other alerts of its node, by instance or by node name
        { true, ["alertname=NodeDown", "severity=critical", "instance=10.0.0.7:9100"], ["alertname=NodeFilesystemAlmostFull", "severity=warning", "instance=10.0.0.7:9100"] },
        { true, ["alertname=NodeDown", "severity=critical", "node=worker-1"], ["alertname=KubeletDown", "severity=critical", "node=worker-1"] },
        { false, ["alertname=NodeDown", "severity=critical", "instance=10.0.0.7:9100"], ["alertname=NodeFilesystemAlmostFull", "severity=warning", "instance=10.0.0.8:9100"] },
        { false, ["alertname=NodeDown", "severity=critical", "instance=10.0.0.7:9100"], ["alertname=NodeDown", "severity=critical", "instance=10.0.0.7:9100", "job=other"] },
        // ... and never alerts that lack the label (a missing label must not count as "the same node")
        { false, ["alertname=NodeDown", "severity=critical", "instance=10.0.0.7:9100"], ["alertname=Watchdog", "severity=none"] },
        { false, ["alertname=NodeDown", "severity=critical"], ["alertname=HighLatency", "severity=warning", "namespace=shop"] },
        // ServiceDown mutes the HTTP alerts of its job
        { true, ["alertname=ServiceDown", "severity=critical", "job=api"], ["alertname=HighErrorCount", "severity=critical", "job=api"] },
        { true, ["alertname=ServiceDown", "severity=critical", "job=api"], ["alertname=HighErrorRate", "severity=critical", "job=api", "namespace=shop"] },
        { true, ["alertname=ServiceDown", "severity=critical", "job=api"], ["alertname=SlowResponseTime", "severity=warning", "job=api"] },
        { false, ["alertname=ServiceDown", "severity=critical", "job=api"], ["alertname=HighErrorCountPerRoute", "severity=warning", "job=api"] },
        { false, ["alertname=ServiceDown", "severity=critical", "job=api"], ["alertname=HighErrorCount", "severity=critical", "job=web"] },
        { false, ["alertname=ServiceDown", "severity=critical", "job=api"], ["alertname=PodCrashLooping", "severity=warning", "job=api"] },
        { false, ["alertname=ServiceDown", "severity=critical"], ["alertname=HighErrorCount", "severity=critical"] },
        // an SLO's fast burn (the page) mutes its slow burn (the ticket), never another SLO's
        { true, ["alertname=ErrorBudgetBurnFast", "severity=critical", "slo=api-availability"], ["alertname=ErrorBudgetBurnSlow", "severity=warning", "slo=api-availability"] },
        { false, ["alertname=ErrorBudgetBurnFast", "severity=critical", "slo=api-availability"], ["alertname=ErrorBudgetBurnSlow", "severity=warning", "slo=api-latency"] },
        { false, ["alertname=ErrorBudgetBurnFast", "severity=critical", "slo=api-availability"], ["alertname=SloNoData", "severity=warning", "slo=api-availability"] },
        { false, ["alertname=ErrorBudgetBurnSlow", "severity=warning", "slo=api-availability"], ["alertname=ErrorBudgetBurnFast", "severity=critical", "slo=api-availability"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Platform_inhibitions_mute_exactly_the_intended_alerts(bool inhibited, string[] source, string[] target) =>
        Assert.Equal(inhibited, Config.IsInhibited(Alert(target), [Alert(source)]));
}
