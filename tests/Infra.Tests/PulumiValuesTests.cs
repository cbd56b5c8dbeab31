using Observability.Infra.Deploy;
using Observability.Stacks.Settings;

namespace Observability.Infra.Tests;

/// <summary>The narrowing of plan trees to what Pulumi's serializer accepts (it throws on long/decimal and drops nulls).</summary>
public sealed class PulumiValuesTests
{
    [Fact]
    public void Numbers_become_int_or_double_and_trees_keep_their_shape()
    {
        var tree = new OrderedDictionary<string, object?>
        {
            ["replicas"] = 2L,
            ["ratio"] = 0.25m,
            ["big"] = 5_000_000_000L,
            ["enabled"] = true,
            ["list"] = new List<object?> { "a", 1 },
            ["nested"] = new OrderedDictionary<string, object?> { ["x"] = 1.5 },
        };

        var map = PulumiValues.Map(tree, "values");

        Assert.IsType<int>(map["replicas"]);
        Assert.Equal(0.25, Assert.IsType<double>(map["ratio"]));
        Assert.Equal(5_000_000_000d, Assert.IsType<double>(map["big"]));
        Assert.Equal(true, map["enabled"]);
        Assert.Equal(new List<object> { "a", 1 }, Assert.IsType<List<object>>(map["list"]));
        Assert.Equal(1.5, Assert.IsType<Dictionary<string, object>>(map["nested"])["x"]);
    }

    [Fact]
    public void A_null_or_a_secret_is_refused_with_its_path()
    {
        var withNull = new OrderedDictionary<string, object?> { ["a"] = new OrderedDictionary<string, object?> { ["b"] = null } };
        var error = Assert.Throws<InvalidOperationException>(() => PulumiValues.Map(withNull, "values"));
        Assert.StartsWith("values.a.b: expected a value, found null", error.Message, StringComparison.Ordinal);

        var withSecret = new OrderedDictionary<string, object?> { ["password"] = SecretValue.Known("observability:x", "hunter2") };
        error = Assert.Throws<InvalidOperationException>(() => PulumiValues.Map(withSecret, "values"));
        Assert.Contains("values.password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }
}
