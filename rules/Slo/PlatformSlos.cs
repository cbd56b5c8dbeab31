using System.Collections.Immutable;
using Observability.Rules.Model;
using Observability.Rules.PromQl;

namespace Observability.Rules.Slo;

/// <summary>
/// The platform's objectives and thresholds, with the defaults of its SLO document. Stacks override them per
/// environment (e.g. a looser objective in dev); every value is validated when the SLOs compile.
/// </summary>
public sealed record PlatformSloOptions
{
    /// <summary>Matchers selecting the API's series of <c>http_requests_total</c> and <c>http_request_duration_seconds</c>.</summary>
    public ImmutableArray<Matcher> ApiMatchers { get; init; } = [Matcher.Eq("job", "api")];

    /// <summary>The label carrying the HTTP status code on <c>http_requests_total</c>.</summary>
    public string StatusLabel { get; init; } = "status";

    /// <summary>Share of API requests answered without a server error (5xx).</summary>
    public decimal ApiAvailabilityObjectivePercent { get; init; } = 99.9m;

    public Duration ApiAvailabilityPeriod { get; init; } = Duration.Days(30);

    /// <summary>Share of API requests faster than <see cref="ApiLatencyThresholdSeconds"/> ("p95 &lt; 500 ms" as 95 % of requests under 0.5 s).</summary>
    public decimal ApiLatencyObjectivePercent { get; init; } = 95m;

    /// <summary>Must be one of <see cref="ApiLatencyBuckets"/>.</summary>
    public decimal ApiLatencyThresholdSeconds { get; init; } = 0.5m;

    /// <summary>The bucket boundaries of <c>http_request_duration_seconds</c> (the client libraries' defaults).</summary>
    public ImmutableArray<decimal> ApiLatencyBuckets { get; init; } =
        [0.005m, 0.01m, 0.025m, 0.05m, 0.075m, 0.1m, 0.25m, 0.5m, 0.75m, 1m, 2.5m, 5m, 7.5m, 10m];

    public Duration ApiLatencyPeriod { get; init; } = Duration.Days(30);

    /// <summary>
    /// The tolerated share of failed API requests in percent ("error rate &lt; 0.1 %"): server errors and throttling
    /// (429), over a week, so that a bad week shows even when the month is still within budget.
    /// </summary>
    public decimal ApiErrorRateMaxPercent { get; init; } = 0.1m;

    public Duration ApiErrorRatePeriod { get; init; } = Duration.Days(7);

    /// <summary>Matchers selecting the agents' series of <c>agent_executions_total</c> (all jobs by default).</summary>
    public ImmutableArray<Matcher> AgentMatchers { get; init; } = [];

    /// <summary>The <c>status</c> value of a successful agent execution.</summary>
    public string AgentSuccessStatus { get; init; } = "success";

    public decimal AgentSuccessObjectivePercent { get; init; } = 95m;

    public Duration AgentSuccessPeriod { get; init; } = Duration.Days(30);

    /// <summary>Labels added to every platform SLO alert (e.g. <c>team</c>).</summary>
    public ImmutableSortedDictionary<string, string> AlertLabels { get; init; } = LabelSet.Empty;
}

/// <summary>The platform's SLOs: API availability, API latency, API error rate and agent success rate.</summary>
public static class PlatformSlos
{
    public const string ApiAvailability = "api-availability";
    public const string ApiLatency = "api-latency";
    public const string ApiErrorRate = "api-error-rate";
    public const string AgentSuccess = "agent-success";

    /// <summary>The platform SLOs' names, in ordinal order (what a stack's <c>slos.objectives.&lt;name&gt;</c> may name).</summary>
    public static ImmutableArray<string> Names { get; } = [AgentSuccess, ApiAvailability, ApiErrorRate, ApiLatency];

    public static ImmutableArray<SloDefinition> Build(PlatformSloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var requests = SliSelector.Of("http_requests_total", [.. options.ApiMatchers]);
        var agents = SliSelector.Of("agent_executions_total", [.. options.AgentMatchers]);

        return
        [
            new SloDefinition
            {
                Name = ApiAvailability,
                Service = "api",
                Description = "API requests are answered without a server error (5xx).",
                ObjectivePercent = options.ApiAvailabilityObjectivePercent,
                Period = options.ApiAvailabilityPeriod,
                Sli = Sli.BadEvents(bad: requests.WhereMatches(options.StatusLabel, "5.."), total: requests),
                AlertLabels = options.AlertLabels,
            },
            new SloDefinition
            {
                Name = ApiLatency,
                Service = "api",
                Description = $"API requests are answered within {PromExpr.Number(options.ApiLatencyThresholdSeconds)} s.",
                ObjectivePercent = options.ApiLatencyObjectivePercent,
                Period = options.ApiLatencyPeriod,
                Sli = Sli.Latency(
                    SliSelector.Of("http_request_duration_seconds", [.. options.ApiMatchers]),
                    threshold: options.ApiLatencyThresholdSeconds,
                    bucketBoundaries: options.ApiLatencyBuckets),
                AlertLabels = options.AlertLabels,
            },
            new SloDefinition
            {
                Name = ApiErrorRate,
                Service = "api",
                Description = "API requests fail (server error or throttled with 429) at most as often as the error-rate target allows.",
                ObjectivePercent = 100m - options.ApiErrorRateMaxPercent,
                Period = options.ApiErrorRatePeriod,
                Sli = Sli.BadEvents(bad: requests.WhereMatches(options.StatusLabel, "5..|429"), total: requests),
                AlertLabels = options.AlertLabels,
            },
            new SloDefinition
            {
                Name = AgentSuccess,
                Service = "agents",
                Description = "Agent executions complete successfully.",
                ObjectivePercent = options.AgentSuccessObjectivePercent,
                Period = options.AgentSuccessPeriod,
                Sli = Sli.GoodEvents(good: agents.Where("status", options.AgentSuccessStatus), total: agents),
                AlertLabels = options.AlertLabels,
            },
        ];
    }
}
