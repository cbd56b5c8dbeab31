using Observability.Dashboards.Metrics;

namespace Observability.EndToEnd.Tests.Harness;

/// <summary>
/// The series a healthy platform service exposes, with the metric and label names the platform's rules read
/// (<c>http_requests_total{method,endpoint,status}</c>, the <c>http_request_duration_seconds</c> histogram with the
/// client libraries' default buckets, <c>agent_executions_total{agent_id,status}</c>), and knobs to break it.
/// </summary>
public static class Workload
{
    public const string Requests = "http_requests_total";
    public const string RequestDuration = "http_request_duration_seconds";
    public const string AgentExecutions = "agent_executions_total";
    public const string AgentDuration = "agent_execution_duration_seconds";

    /// <summary>The Prometheus client libraries' default histogram buckets.</summary>
    public static readonly IReadOnlyList<double> LatencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    private static readonly IReadOnlyDictionary<string, string> Endpoint = Labels.Of(("method", "GET"), ("endpoint", "/api/items"));

    public static void Declare(FixtureExporter exporter)
    {
        exporter
            .Declare(Requests, "counter", "HTTP requests by method, endpoint and status.")
            .Declare(RequestDuration, "histogram", "HTTP request latency.")
            .Declare(AgentExecutions, "counter", "Agent executions by agent and status.")
            .Declare(AgentDuration, "histogram", "Agent execution time.");
    }

    /// <summary>
    /// Serves <paramref name="requestsPerSecond"/> requests, of which <paramref name="errorRatio"/> fail with 500,
    /// each taking <paramref name="latencySeconds"/>. Counters continue from their current values.
    /// </summary>
    public static FixtureExporter Traffic(this FixtureExporter exporter, double requestsPerSecond, double errorRatio, double latencySeconds = 0.05)
    {
        exporter
            .SetRate(Requests, With(Endpoint, ("status", "200")), requestsPerSecond * (1 - errorRatio))
            .SetRate(Requests, With(Endpoint, ("status", "500")), requestsPerSecond * errorRatio)
            .SetHistogramRate(RequestDuration, Endpoint, LatencyBuckets, requestsPerSecond, latencySeconds);
        return exporter;
    }

    /// <summary>Successful agent executions (so the agent SLO and rules see a healthy agent).</summary>
    public static FixtureExporter Agents(this FixtureExporter exporter, double executionsPerSecond, double latencySeconds = 2)
    {
        var agent = Labels.Of(("agent_id", "planner"));
        exporter
            .SetRate(AgentExecutions, With(agent, ("status", "success")), executionsPerSecond)
            .SetHistogramRate(AgentDuration, agent, LatencyBuckets, executionsPerSecond, latencySeconds);
        return exporter;
    }

    /// <summary>
    /// The application side of the database (<c>db_connections_active</c>, the <c>db_query_duration_seconds</c>
    /// histogram, <see cref="Observability.Dashboards.Metrics.PlatformMetrics"/>): what the platform's services export
    /// about their own connection pool and queries, next to postgres-exporter's view of the server.
    /// </summary>
    public static FixtureExporter DatabaseClient(this FixtureExporter exporter, double connectionsInUse = 5, double queriesPerSecond = 20)
    {
        exporter
            .Declare(PlatformMetrics.DbConnectionsActive, "gauge", "Database connections taken from the pool.")
            .Declare(PlatformMetrics.DbQueryDuration, "histogram", "Database query time seen by the application.")
            .Set(PlatformMetrics.DbConnectionsActive, Labels.Of(), connectionsInUse)
            .SetHistogramRate(PlatformMetrics.DbQueryDuration, Labels.Of(("operation", "select")), LatencyBuckets, queriesPerSecond, 0.004);
        return exporter;
    }

    /// <summary>A healthy service: steady traffic, no errors, fast answers, successful agents.</summary>
    public static FixtureExporter Healthy(this FixtureExporter exporter) =>
        exporter.Traffic(requestsPerSecond: 100, errorRatio: 0).Agents(executionsPerSecond: 1);

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> labels, (string Name, string Value) extra) =>
        new(labels, StringComparer.Ordinal) { [extra.Name] = extra.Value };
}
