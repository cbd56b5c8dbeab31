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
}
