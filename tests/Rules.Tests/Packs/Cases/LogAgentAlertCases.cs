using Observability.Rules.Packs;
using static Observability.Rules.Tests.Packs.CaseDsl;

namespace Observability.Rules.Tests.Packs.Cases;

/// <summary>The log agent, Alloy (<c>alloy</c>) and Promtail (<c>promtail-metrics</c>), as their charts label them. Firing and silent, with exact labels and annotations.</summary>
internal sealed class LogAgentAlertCases : PackCases
{
    private static readonly (string, string) Alloy = ("job", "alloy");
    private static readonly (string, string) AlloyPod = ("instance", "10.0.0.5:12345");
    private static readonly (string, string) Promtail = ("job", "promtail-metrics");
    private static readonly (string, string) PromtailPod = ("instance", "10.0.0.6:3101");
    private static readonly (string, string) Gateway = ("host", "loki-gateway.logging.svc");
    private const string PodLog = "/var/log/pods/shop_api-7d9f_0b1c/api/0.log";

    public override RulePack Pack => LogAgentRules.Pack;

    public override IReadOnlyList<AlertCase> Cases { get; } =
    [
        Case(LogAgentRules.LogAgentDroppingEntries, "Alloy dropping 6 entries a minute fires after 5m",
            [S("loki_write_dropped_entries_total", Counter(6), Alloy, AlloyPod, Gateway, ("reason", "ingester_error"), ("component_id", "loki.write.default"), ("component_path", "/"))],
            SilentAt(M(5)),
            FiresAt(M(20), LogAgentRules.LogAgentDroppingEntries, [("instance", "10.0.0.5:12345"), ("job", "alloy"), ("reason", "ingester_error"), ("severity", "warning")],
                "Log agent 10.0.0.5:12345 drops log entries",
                "The log agent alloy on 10.0.0.5:12345 dropped 60 entries in the last 10m (ingester_error) after all retries: they never reach Loki.")),
        Case(LogAgentRules.LogAgentDroppingEntries, "Promtail dropping rate-limited entries fires",
            [S("promtail_dropped_entries_total", Counter(6), Promtail, PromtailPod, Gateway, ("reason", "rate_limited"))],
            FiresAt(M(20), LogAgentRules.LogAgentDroppingEntries, [("instance", "10.0.0.6:3101"), ("job", "promtail-metrics"), ("reason", "rate_limited"), ("severity", "warning")],
                "Log agent 10.0.0.6:3101 drops log entries",
                "The log agent promtail-metrics on 10.0.0.6:3101 dropped 60 entries in the last 10m (rate_limited) after all retries: they never reach Loki.")),
        Case(LogAgentRules.LogAgentDroppingEntries, "old drops that no longer grow stay silent",
            [
                S("loki_write_dropped_entries_total", Gauge(17), Alloy, AlloyPod, Gateway, ("reason", "ingester_error")),
                S("promtail_dropped_entries_total", Gauge(4), Promtail, PromtailPod, Gateway, ("reason", "line_too_long")),
            ],
            SilentAt(M(30))),

        Case(LogAgentRules.LogAgentPushErrors, "20% of Alloy's pushes without an answer (-1) fire after 15m",
            [
                S("loki_write_request_duration_seconds_count", Counter(80), Alloy, AlloyPod, Gateway, ("status_code", "204")),
                S("loki_write_request_duration_seconds_count", Counter(20), Alloy, AlloyPod, Gateway, ("status_code", "-1")),
            ],
            SilentAt(M(15)),
            FiresAt(M(16), LogAgentRules.LogAgentPushErrors, [("instance", "10.0.0.5:12345"), ("job", "alloy"), ("severity", "warning")],
                "Log agent 10.0.0.5:12345 cannot push to Loki",
                "20% of the pushes of alloy on 10.0.0.5:12345 to Loki fail (threshold 10%, for 15m); entries are retried, then dropped.")),
        Case(LogAgentRules.LogAgentPushErrors, "30% of Promtail's pushes answered 429 or 500 fire",
            [
                S("promtail_request_duration_seconds_count", Counter(70), Promtail, PromtailPod, Gateway, ("status_code", "204")),
                S("promtail_request_duration_seconds_count", Counter(20), Promtail, PromtailPod, Gateway, ("status_code", "429")),
                S("promtail_request_duration_seconds_count", Counter(10), Promtail, PromtailPod, Gateway, ("status_code", "500")),
            ],
            FiresAt(M(16), LogAgentRules.LogAgentPushErrors, [("instance", "10.0.0.6:3101"), ("job", "promtail-metrics"), ("severity", "warning")],
                "Log agent 10.0.0.6:3101 cannot push to Loki",
                "30% of the pushes of promtail-metrics on 10.0.0.6:3101 to Loki fail (threshold 10%, for 15m); entries are retried, then dropped.")),
        Case(LogAgentRules.LogAgentPushErrors, "5% failed pushes stay silent",
            [
                S("loki_write_request_duration_seconds_count", Counter(95), Alloy, AlloyPod, Gateway, ("status_code", "204")),
                S("loki_write_request_duration_seconds_count", Counter(5), Alloy, AlloyPod, Gateway, ("status_code", "503")),
            ],
            SilentAt(M(30))),

        Case(LogAgentRules.LogAgentFileLagging, "Alloy 3 MB behind on a pod's log fires after 15m",
            [
                S("loki_source_file_file_bytes_total", Gauge(5_000_000), Alloy, AlloyPod, ("path", PodLog), ("component_id", "loki.source.file.pods"), ("component_path", "/")),
                S("loki_source_file_read_bytes_total", Gauge(2_000_000), Alloy, AlloyPod, ("path", PodLog), ("component_id", "loki.source.file.pods"), ("component_path", "/")),
            ],
            SilentAt(M(14)),
            FiresAt(M(15), LogAgentRules.LogAgentFileLagging, [("instance", "10.0.0.5:12345"), ("job", "alloy"), ("path", PodLog), ("severity", "warning")],
                $"Log agent 10.0.0.5:12345 falls behind on {PodLog}",
                $"alloy on 10.0.0.5:12345 has not read 2.861MiB of {PodLog} (threshold 1,000,000 bytes, for 15m); its logs arrive late, or are lost when the file rotates.")),
        Case(LogAgentRules.LogAgentFileLagging, "Promtail 500 kB behind stays silent",
            [
                S("promtail_file_bytes_total", Gauge(5_000_000), Promtail, PromtailPod, ("path", PodLog)),
                S("promtail_read_bytes_total", Gauge(4_500_000), Promtail, PromtailPod, ("path", PodLog)),
            ],
            SilentAt(M(30))),

        Case(LogAgentRules.AlloyComponentUnhealthy, "2 unhealthy components fire after 15m",
            [
                S("alloy_component_controller_running_components", Gauge(2), Alloy, AlloyPod, ("health_type", "unhealthy")),
                S("alloy_component_controller_running_components", Gauge(10), Alloy, AlloyPod, ("health_type", "healthy")),
            ],
            SilentAt(M(14)),
            FiresAt(M(15), LogAgentRules.AlloyComponentUnhealthy, [("health_type", "unhealthy"), ("instance", "10.0.0.5:12345"), ("job", "alloy"), ("severity", "warning")],
                "Alloy 10.0.0.5:12345 has unhealthy components",
                "2 components of alloy on 10.0.0.5:12345 are unhealthy (for 15m): part of its pipeline does not run.")),
        Case(LogAgentRules.AlloyComponentUnhealthy, "every component healthy stays silent",
            [
                S("alloy_component_controller_running_components", Gauge(0), Alloy, AlloyPod, ("health_type", "unhealthy")),
                S("alloy_component_controller_running_components", Gauge(12), Alloy, AlloyPod, ("health_type", "healthy")),
            ],
            SilentAt(M(30))),
    ];
}
