using Observability.Rules.Conventions;
using Observability.Rules.Model;
using Observability.Rules.PromQl;
using static Observability.Rules.Packs.PackAlert;

namespace Observability.Rules.Packs;

/// <summary>Jaeger v2: spans refused on the way in, lost on the way to storage, a full queue, and spans that stop arriving.</summary>
public static class TracingRules
{
    public const string GroupName = "tracing";

    public static RuleGroup Build(RulePackOptions o)
    {
        var c = o.Conventions.Tracing;
        var t = o.Tracing;
        return RuleGroup.Create(GroupName)
            .Add(Create(o, AlertNames.JaegerSpansRefused,
                c.RefusedRatio() > t.JaegerSpansRefused.Value,
                t.JaegerSpansRefused.For, Severity.Warning, PlatformPanels.JaegerSpansRefused,
                "Jaeger refuses spans on {{ $labels.receiver }}/{{ $labels.transport }}",
                $"{{{{ $labels.job }}}} refuses {{{{ $value | humanizePercentage }}}} of the spans sent to {{{{ $labels.receiver }}}} over {{{{ $labels.transport }}}} (threshold {Percent(t.JaegerSpansRefused.Value)}, {For(t.JaegerSpansRefused.For)}); senders drop them."))
            .Add(Create(o, AlertNames.JaegerSpanExportFailing,
                c.SendFailedRatio() > t.JaegerSpanExportFailing.Value,
                t.JaegerSpanExportFailing.For, Severity.Warning, PlatformPanels.JaegerExportFailures,
                "Jaeger cannot write spans to storage",
                $"{{{{ $value | humanizePercentage }}}} of the spans {{{{ $labels.job }}}} writes through {{{{ $labels.exporter }}}} fail (threshold {Percent(t.JaegerSpanExportFailing.Value)}, {For(t.JaegerSpanExportFailing.For)}); those traces are lost."))
            .Add(Create(o, AlertNames.JaegerExporterQueueFull,
                c.QueueUtilisation() > t.JaegerExporterQueueFull.Value,
                t.JaegerExporterQueueFull.For, Severity.Warning, PlatformPanels.JaegerQueue,
                "Jaeger's {{ $labels.exporter }} queue is nearly full",
                $"The sending queue of {{{{ $labels.exporter }}}} on {{{{ $labels.job }}}} is {{{{ $value | humanizePercentage }}}} full (threshold {Percent(t.JaegerExporterQueueFull.Value)}, {For(t.JaegerExporterQueueFull.For)}); once full, new spans are refused."))
            .Add(Create(o, AlertNames.SpansNotArriving,
                SpansNotArriving(o, c, t.SpansNotArriving.Value),
                t.SpansNotArriving.For, Severity.Warning, PlatformPanels.JaegerSpansAccepted,
                "No spans arrive in Jaeger while the platform serves traffic",
                $"The platform serves {{{{ $value | humanize }}}} requests per second (threshold {Number(t.SpansNotArriving.Value)}/s) but Jaeger accepted no span ({For(t.SpansNotArriving.For)}): tracing is broken between the services and Jaeger."));
    }

    /// <summary>
    /// HTTP traffic above the threshold, unless Jaeger accepts spans, unless every Jaeger target is down (ServiceDown's case).
    /// No Jaeger target at all still fires: nothing else would.
    /// </summary>
    private static PromExpr SpansNotArriving(RulePackOptions o, TracingConventions c, double traffic) =>
        (Prom.Sum(Prom.Rate(o.Conventions.Http.Requests, o.Conventions.Http.Window)) > traffic)
            .Unless(c.AcceptedRate() > 0.0)
            .Unless(Prom.Max(c.Up).EqualTo(0));
}
