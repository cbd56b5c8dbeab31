using Observability.Rules.Model;
using Observability.Rules.Slo;

namespace Observability.Rules.Tests.Slo;

/// <summary>Options and definitions shared by the SLO tests.</summary>
internal static class SloSamples
{
    public static SloOptions Options { get; } = new()
    {
        RunbookUrlPattern = "https://github.com/acme/observability/blob/main/docs/runbooks/{alertname}.md",
        GrafanaBaseUrl = "https://grafana.example.com",
    };

    public static SloDefinition Availability(string name = "checkout-availability", decimal objective = 99.9m, Duration? period = null) => new()
    {
        Name = name,
        Service = "checkout",
        Description = "Checkout requests are answered without a server error.",
        ObjectivePercent = objective,
        Period = period ?? Duration.Days(30),
        Sli = Sli.BadEvents(
            bad: SliSelector.Of("http_requests_total").Where("job", "checkout").WhereMatches("status", "5.."),
            total: SliSelector.Of("http_requests_total").Where("job", "checkout")),
    };

    public static SloDefinition Latency(decimal threshold = 0.5m) => new()
    {
        Name = "checkout-latency",
        Service = "checkout",
        Description = "Checkout requests are answered within 0.5 s.",
        ObjectivePercent = 95m,
        Sli = Sli.Latency(
            SliSelector.Of("http_request_duration_seconds").Where("job", "checkout"),
            threshold: threshold,
            bucketBoundaries: [0.1m, 0.25m, 0.5m, 1m, 2.5m]),
    };
}
