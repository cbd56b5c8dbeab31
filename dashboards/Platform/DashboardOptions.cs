using System.Collections.Immutable;

namespace Observability.Dashboards.Platform;

/// <summary>An LLM's price, in US dollars per million tokens (input and output billed alike in the platform's metric).</summary>
public sealed record ModelPrice(string Model, decimal UsdPerMillionTokens);

/// <summary>The settings the platform's dashboards depend on; every value has a production-worthy default.</summary>
public sealed record DashboardOptions
{
    /// <summary>Base of the runbook links: the runbook of alert X is <c>{RunbookBaseUrl}X.md</c>.</summary>
    public string RunbookBaseUrl { get; init; } = "https://github.com/observability-platform/observability/blob/main/docs/runbooks/";

    /// <summary>Prices per model for the Cost Analytics dashboard (cost = tokens × price).</summary>
    public ImmutableArray<ModelPrice> ModelPrices { get; init; } =
    [
        new("gpt-4o", 5.00m),
        new("gpt-4o-mini", 0.30m),
        new("claude-sonnet-4", 6.00m),
        new("claude-haiku-4", 1.60m),
    ];

    /// <summary>Price for models not in <see cref="ModelPrices"/>, so that no token goes uncounted.</summary>
    public decimal DefaultUsdPerMillionTokens { get; init; } = 5.00m;

    /// <summary>The monthly LLM budget in US dollars: the Cost Analytics thresholds and budget line.</summary>
    public decimal MonthlyBudgetUsd { get; init; } = 10_000m;

    /// <summary>Services whose traces the Traces dashboard searches (Jaeger service names).</summary>
    public ImmutableArray<string> TracedServices { get; init; } = ["api", "agent-runtime", "worker"];

    /// <summary>The Loki stream label that names a service (Promtail/Alloy set it from the pod's app label).</summary>
    public string LogServiceLabel { get; init; } = "app";

    /// <summary>Alert thresholds drawn as lines on the panels that explain the alerts (the rule packs' defaults).</summary>
    public AlertThresholds Thresholds { get; init; } = new();

    public string RunbookUrl(string alertName) => RunbookBaseUrl + alertName + ".md";
}

/// <summary>The alert thresholds the dashboards draw (keep equal to the rule packs' thresholds).</summary>
public sealed record AlertThresholds
{
    public decimal HttpErrorRatio { get; init; } = 0.05m;

    public decimal HttpErrorsPerSecond { get; init; } = 10m;

    public decimal HttpLatencyP95Seconds { get; init; } = 1m;

    public decimal AgentDurationP95Seconds { get; init; } = 30m;

    public decimal AgentSuccessRatio { get; init; } = 0.95m;

    public decimal TokensPerHour { get; init; } = 1_000_000m;

    public decimal PromptFailureRatio { get; init; } = 0.10m;

    public decimal DatabaseConnectionUtilisation { get; init; } = 0.90m;

    public decimal DatabasePoolConnections { get; init; } = 80m;

    public decimal DatabaseCacheHitRatio { get; init; } = 0.90m;

    public decimal DatabaseMeanQuerySeconds { get; init; } = 0.5m;

    public decimal RedisMemoryUtilisation { get; init; } = 0.90m;

    public decimal NodeCpuUtilisation { get; init; } = 0.80m;

    public decimal NodeMemoryUtilisation { get; init; } = 0.85m;

    public decimal NodeFilesystemFree { get; init; } = 0.15m;

    public decimal NodeLoad15PerCpu { get; init; } = 2m;

    public decimal PodRestartsPerHour { get; init; } = 3m;

    public decimal ContainerMemoryOfLimit { get; init; } = 0.85m;

    public decimal ContainerThrottledShare { get; init; } = 0.25m;
}
