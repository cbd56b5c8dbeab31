namespace Observability.Dashboards.Metrics;

/// <summary>
/// The metric names the platform itself exports (its HTTP services, agent runtime and CI/quality exporters).
/// HTTP, agent, prompt, pipeline and pool metrics are those the rule packs read; the quality metrics are defined
/// here: the platform's quality exporter publishes them with these names and labels.
/// </summary>
public static class PlatformMetrics
{
    /// <summary>Counter <c>{job, method, endpoint, status}</c>.</summary>
    public const string HttpRequests = "http_requests_total";

    /// <summary>Histogram (seconds) <c>{job, method, endpoint}</c>.</summary>
    public const string HttpRequestDuration = "http_request_duration_seconds";

    /// <summary>Gauge <c>{job}</c>: requests being served now.</summary>
    public const string HttpRequestsInProgress = "http_requests_in_progress";

    /// <summary>Counter <c>{agent_id, status}</c> (status: success, failure, timeout, ...).</summary>
    public const string AgentExecutions = "agent_executions_total";

    /// <summary>Histogram (seconds) <c>{agent_id}</c>.</summary>
    public const string AgentExecutionDuration = "agent_execution_duration_seconds";

    /// <summary>Counter <c>{agent_id, model}</c>: LLM tokens used.</summary>
    public const string AgentTokensUsed = "agent_tokens_used_total";

    /// <summary>Counter <c>{job, status}</c>.</summary>
    public const string PromptExecutions = "prompt_executions_total";

    /// <summary>Counter <c>{job, status}</c>.</summary>
    public const string PipelineExecutions = "pipeline_executions_total";

    /// <summary>Gauge <c>{job}</c>: database connections the application pool holds in use.</summary>
    public const string DbConnectionsActive = "db_connections_active";

    /// <summary>Histogram (seconds) <c>{job, operation}</c>: database query time seen by the application.</summary>
    public const string DbQueryDuration = "db_query_duration_seconds";

    /// <summary>Gauge <c>{repository}</c>: line coverage of the latest main-branch test run (0..1).</summary>
    public const string TestCoverage = "quality_test_coverage_ratio";

    /// <summary>Gauge <c>{repository, severity}</c>: open static-analysis issues (severity: blocker, critical, major, minor).</summary>
    public const string CodeIssues = "quality_code_issues";

    /// <summary>Histogram (seconds) <c>{repository}</c>: time from a pull request's opening to its first review.</summary>
    public const string PullRequestReviewDuration = "quality_pull_request_review_duration_seconds";

    /// <summary>Counter <c>{repository, action}</c> (action: opened, merged, closed).</summary>
    public const string PullRequests = "quality_pull_requests_total";

    /// <summary>Counter <c>{service, environment, status}</c> (status: success, failure, rolled_back).</summary>
    public const string Deployments = "quality_deployments_total";

    public static IReadOnlyList<string> Counters { get; } =
        [HttpRequests, AgentExecutions, AgentTokensUsed, PromptExecutions, PipelineExecutions, PullRequests, Deployments];

    public static IReadOnlyList<string> Gauges { get; } =
        [HttpRequestsInProgress, DbConnectionsActive, TestCoverage, CodeIssues];

    public static IReadOnlyList<string> Histograms { get; } =
        [HttpRequestDuration, AgentExecutionDuration, DbQueryDuration, PullRequestReviewDuration];
}
