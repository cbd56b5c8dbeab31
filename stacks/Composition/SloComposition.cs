using System.Collections.Immutable;
using Observability.Rules.Model;
using Observability.Rules.Slo;
using Observability.Rules.Validation;
using Observability.Stacks.Settings;

namespace Observability.Stacks.Composition;

/// <summary>Maps <see cref="SloSettings"/> onto the platform SLOs (rules/Slo) and compiles them.</summary>
public static class SloComposition
{
    /// <summary>The environment's SLO definitions, with objective, period and <c>for</c> overrides applied.</summary>
    public static ImmutableArray<SloDefinition> Definitions(StackSettings s) =>
        PlatformSlos.Build(new PlatformSloOptions
        {
            AlertLabels = s.Rules.AlertLabels,
            Overrides = s.Slos.Objectives.ToImmutableSortedDictionary(
                o => o.Key,
                o => new PlatformSloOverride { ObjectivePercent = o.Value.Objective, Period = o.Value.Period, PageFor = o.Value.PageFor, TicketFor = o.Value.TicketFor },
                StringComparer.Ordinal),
        });

    public static SloOptions Options(StackSettings s, string grafanaBaseUrl) => new()
    {
        RunbookUrlPattern = s.Rules.RunbookUrlPattern,
        GrafanaBaseUrl = grafanaBaseUrl,
        PageFor = Cap(s.Slos.PageFor, s.Rules.MaxFor),
        TicketFor = Cap(s.Slos.TicketFor, s.Rules.MaxFor),
        NoDataFor = Cap(s.Slos.NoDataFor, s.Rules.MaxFor),
        LongWindowInterval = LongWindowInterval(s.Prometheus.EvaluationInterval),
    };

    /// <summary>
    /// The long SLO windows are evaluated 4× less often than the rest, at most every minute (so the ticket moves by at
    /// most a minute) and never less often than the server evaluates: 15s → 1m, 1s (end-to-end tests) → 4s, 2m → 2m.
    /// </summary>
    internal static Duration LongWindowInterval(Duration evaluationInterval)
    {
        var fourTimes = evaluationInterval * 4;
        var atMost = fourTimes < Duration.Minutes(1) ? fourTimes : Duration.Minutes(1);
        return atMost > evaluationInterval ? atMost : evaluationInterval;
    }

    private static Duration Cap(Duration value, Duration? max) => max is { } m && value > m ? m : value;

    /// <summary>The SLO rule groups (validated; throws <see cref="ValidationException"/>).</summary>
    public static ImmutableArray<RuleGroup> Build(StackSettings s, string grafanaBaseUrl) =>
        SloCompiler.Compile(Definitions(s), Options(s, grafanaBaseUrl));
}
