using System.Collections.Immutable;
using System.Globalization;
using Observability.Rules.Validation;
using Observability.Rules.Packs;
using Observability.Rules.PromQl;

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

    /// <summary>The runbook of an alert (the rule packs' runbook pattern).</summary>
    public string RunbookUrl(string alertName) => Rules.RunbookUrl(alertName);

    /// <summary>Every problem of these settings, paths under <paramref name="path"/> (e.g. <c>dashboards.modelPrices[1].model</c>).</summary>
    public IReadOnlyList<Problem> Validate(string path = "dashboards")
    {
        var problems = new List<Problem>();
        for (var i = 0; i < ModelPrices.Length; i++)
        {
            var price = ModelPrices[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"{path}.modelPrices[{i}]");
            if (string.IsNullOrWhiteSpace(price.Model))
                problems.Add(new Problem($"{at}.model", "is empty; expected the model label value, e.g. \"gpt-4o\""));
            else if (ModelPrices.Take(i).Any(p => p.Model == price.Model))
                problems.Add(new Problem($"{at}.model", $"\"{price.Model}\" is priced more than once"));
            if (price.UsdPerMillionTokens < 0)
                problems.Add(new Problem($"{at}.usdPerMillionTokens", string.Create(CultureInfo.InvariantCulture, $"must be 0 or more, found {price.UsdPerMillionTokens}")));
        }

        if (DefaultUsdPerMillionTokens < 0)
            problems.Add(new Problem($"{path}.defaultUsdPerMillionTokens", string.Create(CultureInfo.InvariantCulture, $"must be 0 or more, found {DefaultUsdPerMillionTokens}")));
        if (MonthlyBudgetUsd <= 0)
            problems.Add(new Problem($"{path}.monthlyBudgetUsd", string.Create(CultureInfo.InvariantCulture, $"must be greater than 0, found {MonthlyBudgetUsd}")));
        if (TracedServices.IsEmpty || TracedServices.Any(string.IsNullOrWhiteSpace))
            problems.Add(new Problem($"{path}.tracedServices", "expected at least one Jaeger service name, none empty"));
        return problems;
    }

    /// <summary>An alert threshold as an exact decimal for thresholds on panels.</summary>
    public static decimal Threshold(AlertThreshold threshold)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        return (decimal)threshold.Value;
    }
}
