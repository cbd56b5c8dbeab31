using Observability.Rules.Conventions;
using Observability.Rules.Model;
using Observability.Rules.PromQl;
using static Observability.Rules.Packs.PackAlert;

namespace Observability.Rules.Packs;

/// <summary>Jaeger v2: spans refused on the way in, lost on the way to storage, a full queue, and spans that stop arriving.</summary>
public static class TracingRules
{
    public const string GroupName = "tracing";

    public static RulePack Pack { get; } = new(GroupName, Build);

    /// <summary>More than 1% of a receiver's spans refused for 5m (jaeger-mixin OtelReceiverRefusedSpans).</summary>
    public static AlertDeclaration JaegerSpansRefused { get; } =
        Pack.Alert("JaegerSpansRefused", Severity.Warning, Duration.Minutes(5), PlatformPanels.JaegerSpansRefused, ThresholdSpec.Ratio(0.01));

    /// <summary>More than 1% of spans failing to reach storage for 5m.</summary>
    public static AlertDeclaration JaegerSpanExportFailing { get; } =
        Pack.Alert("JaegerSpanExportFailing", Severity.Warning, Duration.Minutes(5), PlatformPanels.JaegerExportFailures, ThresholdSpec.Ratio(0.01));

    /// <summary>The exporter's sending queue above 80% full for 5m (jaeger-mixin OtelExporterQueueFull).</summary>
    public static AlertDeclaration JaegerExporterQueueFull { get; } =
        Pack.Alert("JaegerExporterQueueFull", Severity.Warning, Duration.Minutes(5), PlatformPanels.JaegerQueue, ThresholdSpec.Ratio(0.80));

    /// <summary>The platform serves more than 1 request per second and Jaeger accepts no span, for 15m.</summary>
    public static AlertDeclaration SpansNotArriving { get; } =
        Pack.Alert("SpansNotArriving", Severity.Warning, Duration.Minutes(15), PlatformPanels.JaegerSpansAccepted, ThresholdSpec.Positive(1, "requests/s"));

    public static RuleGroup Build(RulePackOptions o)
    {
        var c = o.Conventions.Tracing;
        return RuleGroup.Create(GroupName)
            .Add(Create(o, JaegerSpansRefused,
                t => c.RefusedRatio() > t.Value,
                "Jaeger refuses spans on {{ $labels.receiver }}/{{ $labels.transport }}",
                t => $"{{{{ $labels.job }}}} refuses {{{{ $value | humanizePercentage }}}} of the spans sent to {{{{ $labels.receiver }}}} over {{{{ $labels.transport }}}} (threshold {Percent(t.Value)}, {For(t.For)}); senders drop them."))
            .Add(Create(o, JaegerSpanExportFailing,
                t => c.SendFailedRatio() > t.Value,
                "Jaeger cannot write spans to storage",
                t => $"{{{{ $value | humanizePercentage }}}} of the spans {{{{ $labels.job }}}} writes through {{{{ $labels.exporter }}}} fail (threshold {Percent(t.Value)}, {For(t.For)}); those traces are lost."))
            .Add(Create(o, JaegerExporterQueueFull,
                t => c.QueueUtilisation() > t.Value,
                "Jaeger's {{ $labels.exporter }} queue is nearly full",
                t => $"The sending queue of {{{{ $labels.exporter }}}} on {{{{ $labels.job }}}} is {{{{ $value | humanizePercentage }}}} full (threshold {Percent(t.Value)}, {For(t.For)}); once full, new spans are refused."))
            .Add(Create(o, SpansNotArriving,
                t => NotArriving(o, c, t.Value),
                "No spans arrive in Jaeger while the platform serves traffic",
                t => $"The platform serves {{{{ $value | humanize }}}} requests per second (threshold {Number(t.Value)}/s) but Jaeger accepted no span ({For(t.For)}): tracing is broken between the services and Jaeger."));
    }

    /// <summary>
    /// HTTP traffic above the threshold, unless Jaeger accepts spans, unless every Jaeger target is down (ServiceDown's case).
    /// No Jaeger target at all still fires: nothing else would.
    /// </summary>
    private static PromExpr NotArriving(RulePackOptions o, TracingConventions c, double traffic) =>
        (Prom.Sum(Prom.Rate(o.Conventions.Http.Requests, o.Conventions.Http.Window)) > traffic)
            .Unless(c.AcceptedRate() > 0.0)
            .Unless(Prom.Max(c.Up).EqualTo(0));
}
