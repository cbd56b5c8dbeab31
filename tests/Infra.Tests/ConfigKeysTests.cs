using Observability.Infra.Configuration;

namespace Observability.Infra.Tests;

/// <summary>Reading the key names from the variables the dotnet language host sets (pulumi-language-dotnet constructEnv).</summary>
public sealed class ConfigKeysTests
{
    [Fact]
    public void Keys_are_normalised_sorted_and_secret_keys_recognised()
    {
        var (keys, secrets) = ConfigKeys.Parse(
            """{"observability:prometheus":"{}","observability:config:logAgent":"alloy","kubernetes:context":"dev","nonamespace":"x"}""",
            """["observability:config:prometheus"]""");

        Assert.Equal(["kubernetes:context", "observability:logAgent", "observability:prometheus"], keys);
        Assert.Equal(["observability:prometheus"], secrets.ToArray());
    }

    [Fact]
    public void No_variables_mean_no_keys()
    {
        var (keys, secrets) = ConfigKeys.Parse(null, "");
        Assert.Empty(keys);
        Assert.Empty(secrets);
    }

    [Fact]
    public void Keys_Pulumi_holds_but_the_variable_does_not_list_are_named_in_order()
    {
        var held = new HashSet<string>(["observability:logAgent", "observability:prometheus", "observability:grafana"], StringComparer.Ordinal);
        var unlisted = ConfigKeys.Unlisted(
            ["observability:logAgent"], ["observability:prometheus", "observability:logAgent", "observability:grafana", "observability:loki"], held.Contains);

        Assert.Equal(["observability:grafana", "observability:prometheus"], unlisted);
        Assert.Empty(ConfigKeys.Unlisted(["observability:logAgent"], ["observability:logAgent"], _ => true));
    }
}
