using Observability.Dashboards.Platform;
using Observability.Rules.Validation;

namespace Observability.Dashboards.Tests.Platform;

public sealed class DashboardOptionsTests
{
    [Fact]
    public void The_defaults_are_valid() => Assert.Empty(new DashboardOptions().Validate());

    [Fact]
    public void Every_bad_setting_is_reported_with_its_path()
    {
        var options = new DashboardOptions
        {
            ModelPrices = [new ModelPrice("gpt-4o", 5m), new ModelPrice("gpt-4o", 4m), new ModelPrice(" ", -1m)],
            DefaultUsdPerMillionTokens = -2m,
            MonthlyBudgetUsd = 0m,
            TracedServices = [],
        };

        Assert.Equal(
            [
                "dashboards.modelPrices[1].model: \"gpt-4o\" is priced more than once",
                "dashboards.modelPrices[2].model: is empty; expected the model label value, e.g. \"gpt-4o\"",
                "dashboards.modelPrices[2].usdPerMillionTokens: must be 0 or more, found -1",
                "dashboards.defaultUsdPerMillionTokens: must be 0 or more, found -2",
                "dashboards.monthlyBudgetUsd: must be greater than 0, found 0",
                "dashboards.tracedServices: expected at least one Jaeger service name, none empty",
            ],
            options.Validate().Select(p => p.ToString()));
        var error = Assert.Throws<ValidationException>(() => PlatformDashboards.Build(options, []));
        Assert.Equal(6, error.Problems.Count);
    }
}
