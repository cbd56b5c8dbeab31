using Observability.Rules.Conventions;
using Observability.Rules.Model;
using static Observability.Rules.Packs.PackAlert;

namespace Observability.Rules.Packs;

/// <summary>Redis (redis_exporter).</summary>
public static class RedisRules
{
    public const string GroupName = "redis";

    public static RulePack Pack { get; } = new(GroupName, Build);

    /// <summary><c>redis_up == 0</c> for 1m.</summary>
    public static AlertDeclaration RedisDown { get; } =
        Pack.Alert("RedisDown", Severity.Critical, Duration.Minutes(1), PlatformPanels.RedisUp);

    /// <summary>Memory above 90% of maxmemory for 5m; never when maxmemory is 0 (unlimited).</summary>
    public static AlertDeclaration RedisHighMemory { get; } =
        Pack.Alert("RedisHighMemory", Severity.Warning, Duration.Minutes(5), PlatformPanels.RedisMemory, ThresholdSpec.Ratio(0.90));

    public static RuleGroup Build(RulePackOptions o)
    {
        var c = o.Conventions.Redis;
        return RuleGroup.Create(GroupName)
            .Add(Recording.Create(RecordNames.RedisMemoryUtilisation).Expr(c.MemoryUtilisation()))
            .Add(Create(o, RedisDown,
                c.Up.ToExpr().EqualTo(0),
                "Redis {{ $labels.instance }} is down",
                $"redis_exporter cannot reach Redis at {{{{ $labels.instance }}}} ({For(o.For(RedisDown))})."))
            .Add(Create(o, RedisHighMemory,
                t => Recorded(RecordNames.RedisMemoryUtilisation) > t.Value,
                "Redis {{ $labels.instance }} is close to maxmemory",
                t => $"Redis {{{{ $labels.instance }}}} uses {{{{ $value | humanizePercentage }}}} of maxmemory (threshold {Percent(t.Value)}, {For(t.For)})."));
    }
}
