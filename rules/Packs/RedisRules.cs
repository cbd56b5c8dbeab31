using Observability.Rules.Conventions;
using Observability.Rules.Model;
using static Observability.Rules.Packs.PackAlert;

namespace Observability.Rules.Packs;

/// <summary>Redis (redis_exporter).</summary>
public static class RedisRules
{
    public const string GroupName = "redis";

    public static RuleGroup Build(RulePackOptions o)
    {
        var c = o.Conventions.Redis;
        var t = o.Redis;
        return RuleGroup.Create(GroupName)
            .Add(Recording.Create(RecordNames.RedisMemoryUtilisation).Expr(c.MemoryUtilisation()))
            .Add(Create(o, AlertNames.RedisDown,
                c.Up.ToExpr().EqualTo(0),
                t.RedisDownFor, Severity.Critical, PlatformPanels.RedisUp,
                "Redis {{ $labels.instance }} is down",
                $"redis_exporter cannot reach Redis at {{{{ $labels.instance }}}} ({For(t.RedisDownFor)})."))
            .Add(Create(o, AlertNames.RedisHighMemory,
                Recorded(RecordNames.RedisMemoryUtilisation) > t.RedisHighMemory.Value,
                t.RedisHighMemory.For, Severity.Warning, PlatformPanels.RedisMemory,
                "Redis {{ $labels.instance }} is close to maxmemory",
                $"Redis {{{{ $labels.instance }}}} uses {{{{ $value | humanizePercentage }}}} of maxmemory (threshold {Percent(t.RedisHighMemory.Value)}, {For(t.RedisHighMemory.For)})."));
    }
}
