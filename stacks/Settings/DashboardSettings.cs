using System.Collections.Immutable;

namespace Observability.Stacks.Settings;

/// <summary>The platform dashboards (dashboards/): Grafana folder, cost figures, traced services.</summary>
public sealed record DashboardSettings
{
    /// <summary>The Grafana folder the platform dashboards go to.</summary>
    [Pattern("^[A-Za-z0-9][A-Za-z0-9 _-]{0,62}$", "a folder name like Platform")]
    public string Folder { get; init; } = "Platform";

    /// <summary>The monthly LLM budget in USD (cost dashboard).</summary>
    [Range(0.01, 1e9)]
    public decimal? MonthlyBudgetUsd { get; init; }

    /// <summary>Price in USD per million tokens, by model label value (cost dashboard).</summary>
    public ImmutableSortedDictionary<string, decimal> ModelPrices { get; init; } = ImmutableSortedDictionary<string, decimal>.Empty;

    /// <summary>Jaeger service names the traces dashboard offers.</summary>
    [Pattern("^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$", "a service name like api")]
    public ImmutableArray<string> TracedServices { get; init; } = [];
}
