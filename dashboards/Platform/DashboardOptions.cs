using System.Collections.Immutable;
using Observability.Rules.Packs;

namespace Observability.Dashboards.Platform;

/// <summary>An LLM's price, in US dollars per million tokens (input and output billed alike in the platform's metric).</summary>
public sealed record ModelPrice(string Model, decimal UsdPerMillionTokens);

/// <summary>The settings the platform's dashboards depend on; every value has a production-worthy default.</summary>
public sealed record DashboardOptions
{
    /// <summary>
    /// The rule packs' options: the panels that explain alerts draw these thresholds and link these runbooks, so
    /// dashboards and alerts always agree. Pass the same value the environment's rules are built with.
    /// </summary>
    public RulePackOptions Rules { get; init; } = RulePackOptions.Default;

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

    /// <summary>The runbook of an alert (the rule packs' runbook pattern).</summary>
    public string RunbookUrl(string alertName) => Rules.RunbookUrl(alertName);

    /// <summary>An alert threshold as an exact decimal for thresholds on panels.</summary>
    public static decimal Threshold(AlertThreshold threshold)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        return (decimal)threshold.Value;
    }
}
