using Observability.Rules.Packs;
using static Observability.Rules.Tests.Packs.CaseDsl;

namespace Observability.Rules.Tests.Packs.Cases;

/// <summary>Redis: down, memory near maxmemory (never without maxmemory). Firing and silent, with exact labels and annotations.</summary>
internal sealed class RedisAlertCases : PackCases
{
    public override RulePack Pack => RedisRules.Pack;

    public override IReadOnlyList<AlertCase> Cases { get; } =
    [
        Case(RedisRules.RedisDown, "redis_up 0 fires after 1m",
            [S("redis_up", Gauge(0), ("job", "redis-exporter"), ("instance", "redis-0:9121"))],
            SilentAt(M(0)),
            FiresAt(M(1), RedisRules.RedisDown, [("instance", "redis-0:9121"), ("job", "redis-exporter"), ("severity", "critical")],
                "Redis redis-0:9121 is down",
                "redis_exporter cannot reach Redis at redis-0:9121 (for 1m).")),
        Case(RedisRules.RedisDown, "redis_up 1 stays silent",
            [S("redis_up", Gauge(1), ("job", "redis-exporter"), ("instance", "redis-0:9121"))],
            SilentAt(M(30))),

        Case(RedisRules.RedisHighMemory, "95% of maxmemory fires after 5m",
            [
                S("redis_memory_used_bytes", Gauge(950_000_000), ("instance", "redis-0:9121")),
                S("redis_memory_max_bytes", Gauge(1_000_000_000), ("instance", "redis-0:9121")),
            ],
            SilentAt(M(4)),
            FiresAt(M(5), RedisRules.RedisHighMemory, [("instance", "redis-0:9121"), ("severity", "warning")],
                "Redis redis-0:9121 is close to maxmemory",
                "Redis redis-0:9121 uses 95% of maxmemory (threshold 90%, for 5m).")),
        Case(RedisRules.RedisHighMemory, "no false alarm when maxmemory is 0 (unlimited), none at exactly 90%",
            [
                S("redis_memory_used_bytes", Gauge(950_000_000), ("instance", "redis-unlimited:9121")),
                S("redis_memory_max_bytes", Gauge(0), ("instance", "redis-unlimited:9121")),
                S("redis_memory_used_bytes", Gauge(900_000_000), ("instance", "redis-0:9121")),
                S("redis_memory_max_bytes", Gauge(1_000_000_000), ("instance", "redis-0:9121")),
            ],
            SilentAt(M(30))),
    ];
}
