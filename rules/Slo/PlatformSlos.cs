using System.Collections.Immutable;
using Observability.Rules.Model;
using Observability.Rules.PromQl;

namespace Observability.Rules.Slo;

/// <summary>
/// What the platform SLOs select and count, and per-SLO overrides of their objectives and periods (e.g. a looser
/// objective in dev); every value is validated when the SLOs compile.
/// </summary>
public sealed record PlatformSloOptions
{
    /// <summary>Matchers selecting the API's series of <c>http_requests_total</c> and <c>http_request_duration_seconds</c>.</summary>
    public ImmutableArray<Matcher> ApiMatchers { get; init; } = [Matcher.Eq("job", "api")];

    /// <summary>The label carrying the HTTP status code on <c>http_requests_total</c>.</summary>
    public string StatusLabel { get; init; } = "status";

    /// <summary>The latency the API latency SLO counts a request fast under; must be one of <see cref="ApiLatencyBuckets"/>.</summary>
    public decimal ApiLatencyThresholdSeconds { get; init; } = 0.5m;

    /// <summary>The bucket boundaries of <c>http_request_duration_seconds</c> (the client libraries' defaults).</summary>
    public ImmutableArray<decimal> ApiLatencyBuckets { get; init; } =
        [0.005m, 0.01m, 0.025m, 0.05m, 0.075m, 0.1m, 0.25m, 0.5m, 0.75m, 1m, 2.5m, 5m, 7.5m, 10m];

    /// <summary>Matchers selecting the agents' series of <c>agent_executions_total</c> (all jobs by default).</summary>
    public ImmutableArray<Matcher> AgentMatchers { get; init; } = [];

    /// <summary>The <c>status</c> value of a successful agent execution.</summary>
    public string AgentSuccessStatus { get; init; } = "success";

    /// <summary>Labels added to every platform SLO alert (e.g. <c>team</c>).</summary>
    public ImmutableSortedDictionary<string, string> AlertLabels { get; init; } = LabelSet.Empty;

    /// <summary>
    /// Changes to single SLOs by name (<see cref="PlatformSlos.Names"/>): objective, period, the alerts' <c>for</c>.
    /// What an override leaves unset keeps the SLO's own default (<see cref="PlatformSlos.Build"/>).
    /// </summary>
    public ImmutableSortedDictionary<string, PlatformSloOverride> Overrides { get; init; } =
        ImmutableSortedDictionary.Create<string, PlatformSloOverride>(StringComparer.Ordinal);
}

/// <summary>What an environment may change of one platform SLO; each unset value keeps the SLO's default.</summary>
public sealed record PlatformSloOverride
{
    public decimal? ObjectivePercent { get; init; }

    public Duration? Period { get; init; }

    /// <summary>The <c>for</c> of the page (fast-burn) alert.</summary>
    public Duration? PageFor { get; init; }

    /// <summary>The <c>for</c> of the ticket (slow-burn) alert.</summary>
    public Duration? TicketFor { get; init; }
}

/// <summary>
/// The platform's SLOs: API availability, API latency, API error rate and agent success rate. Each one's definition
/// here is the one place it lives, defaults included; to add one, add its name constant and its definition to
/// <see cref="Defaults"/> (the name is then in <see cref="Names"/> and a stack may override it).
/// </summary>
public static class PlatformSlos
{
    public const string ApiAvailability = "api-availability";
    public const string ApiLatency = "api-latency";
    public const string ApiErrorRate = "api-error-rate";
    public const string AgentSuccess = "agent-success";

    /// <summary>The platform SLOs' names, in ordinal order (what <see cref="PlatformSloOptions.Overrides"/> and a stack's <c>slos.objectives.&lt;name&gt;</c> may name).</summary>
    public static ImmutableArray<string> Names { get; } = [.. Defaults(new PlatformSloOptions()).Select(slo => slo.Name).Order(StringComparer.Ordinal)];

    /// <summary>The SLOs, each with its override applied (an override naming no platform SLO is an <see cref="ArgumentException"/>).</summary>
    public static ImmutableArray<SloDefinition> Build(PlatformSloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var slos = Defaults(options);
        var unknown = options.Overrides.Keys.Where(name => !slos.Any(slo => slo.Name == name)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"overrides name no platform SLO: {string.Join(", ", unknown)} (expected one of {string.Join(", ", slos.Select(slo => slo.Name))})", nameof(options));

        return [.. slos.Select(slo => options.Overrides.TryGetValue(slo.Name, out var o)
            ? slo with
            {
                ObjectivePercent = o.ObjectivePercent ?? slo.ObjectivePercent,
                Period = o.Period ?? slo.Period,
                PageFor = o.PageFor ?? slo.PageFor,
                TicketFor = o.TicketFor ?? slo.TicketFor,
            }
            : slo)];
    }

    private static ImmutableArray<SloDefinition> Defaults(PlatformSloOptions options)
    {
        var requests = SliSelector.Of("http_requests_total", [.. options.ApiMatchers]);
        var agents = SliSelector.Of("agent_executions_total", [.. options.AgentMatchers]);

        return
        [
            new SloDefinition
            {
                Name = ApiAvailability,
                Service = "api",
                Description = "API requests are answered without a server error (5xx).",
                ObjectivePercent = 99.9m,
                Period = Duration.Days(30),
                Sli = Sli.BadEvents(bad: requests.WhereMatches(options.StatusLabel, "5.."), total: requests),
                AlertLabels = options.AlertLabels,
            },
            new SloDefinition
            {
                // "p95 < 500 ms" as 95 % of requests under the threshold.
                Name = ApiLatency,
                Service = "api",
                Description = $"API requests are answered within {PromExpr.Number(options.ApiLatencyThresholdSeconds)} s.",
                ObjectivePercent = 95m,
                Period = Duration.Days(30),
                Sli = Sli.Latency(
                    SliSelector.Of("http_request_duration_seconds", [.. options.ApiMatchers]),
                    threshold: options.ApiLatencyThresholdSeconds,
                    bucketBoundaries: options.ApiLatencyBuckets),
                AlertLabels = options.AlertLabels,
            },
            new SloDefinition
            {
                // "Error rate < 0.1 %": server errors and throttling (429), over a week, so that a bad week shows even
                // when the month is still within budget.
                Name = ApiErrorRate,
                Service = "api",
                Description = "API requests fail (server error or throttled with 429) at most as often as the error-rate target allows.",
                ObjectivePercent = 99.9m,
                Period = Duration.Days(7),
                Sli = Sli.BadEvents(bad: requests.WhereMatches(options.StatusLabel, "5..|429"), total: requests),
                AlertLabels = options.AlertLabels,
            },
            new SloDefinition
            {
                Name = AgentSuccess,
                Service = "agents",
                Description = "Agent executions complete successfully.",
                ObjectivePercent = 95m,
                Period = Duration.Days(30),
                Sli = Sli.GoodEvents(good: agents.Where("status", options.AgentSuccessStatus), total: agents),
                AlertLabels = options.AlertLabels,
            },
        ];
    }
}
