using Observability.Rules.Output;
using YamlDotNet.RepresentationModel;

namespace Observability.Rules.Tests.Core;

public sealed class YamlTextTests
{
    [Theory]
    [InlineData("line one\nline two\n")]
    [InlineData("{\n  \"a\": 1\n}")]
    [InlineData("first\n\n\nafter two empty lines")]
    [InlineData("\nstarts with a line end")]
    public void Multi_line_strings_without_trailing_space_are_literal_blocks(string value)
    {
        var yaml = YamlText.Serialize(new OrderedDictionary<string, object?> { ["k"] = value });

        Assert.StartsWith("k: |", yaml, StringComparison.Ordinal);
        Assert.Equal(value, ReadBack(yaml));
    }

    [Theory]
    [InlineData("trailing space \nnext")]
    [InlineData("tab at the end\t\nnext")]
    [InlineData("last line ends in a space\nnext ")]
    public void Multi_line_strings_with_trailing_space_on_a_line_are_not_literal_blocks(string value)
    {
        var yaml = YamlText.Serialize(new OrderedDictionary<string, object?> { ["k"] = value });

        Assert.DoesNotContain("k: |", yaml, StringComparison.Ordinal);
        Assert.Equal(value, ReadBack(yaml));
    }

    [Theory]
    [InlineData("padded ")]
    [InlineData("\tpadded")]
    [InlineData("off")]
    [InlineData("0x1F")]
    [InlineData("1:30")]
    [InlineData("carriage\r\nreturn")] // other line breaks: a reader turns them into line feeds unless escaped
    [InlineData("lone\rcarriage return\nand a line feed")]
    [InlineData("next line\u0085character")]
    public void Strings_with_outer_space_another_type_or_other_line_breaks_are_double_quoted(string value)
    {
        var yaml = YamlText.Serialize(new OrderedDictionary<string, object?> { ["k"] = value });

        Assert.StartsWith("k: \"", yaml, StringComparison.Ordinal);
        Assert.Equal(value, ReadBack(yaml));
    }

    [Fact]
    public void Other_dictionaries_are_written_in_ordinal_key_order_and_ordered_ones_as_given()
    {
        var yaml = YamlText.Serialize(new OrderedDictionary<string, object?>
        {
            ["z"] = new Dictionary<string, object?> { ["b"] = 1, ["B"] = 2, ["a"] = 3 },
            ["a"] = true,
        });

        Assert.Equal("z:\n  B: 2\n  a: 3\n  b: 1\na: true\n", yaml);
    }

    [Fact]
    public void A_value_yaml_cannot_hold_is_named_with_its_path()
    {
        var tree = new OrderedDictionary<string, object?>
        {
            ["spec"] = new OrderedDictionary<string, object?> { ["items"] = new List<object?> { "fine", new Uri("http://x") } },
        };

        var error = Assert.Throws<ArgumentException>(() => YamlText.Serialize(tree));

        Assert.StartsWith("$.spec.items[1]: a value of type Uri cannot be written as YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapping_key_that_is_not_a_string_is_named_with_the_mapping_path()
    {
        var tree = new OrderedDictionary<string, object?> { ["labels"] = new Dictionary<int, string> { [1] = "one" } };

        var error = Assert.Throws<ArgumentException>(() => YamlText.Serialize(tree));

        Assert.StartsWith("$.labels: mapping keys must be strings, found Int32", error.Message, StringComparison.Ordinal);
    }

    private static string ReadBack(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        return ((YamlScalarNode)root.Children[new YamlScalarNode("k")]).Value!;
    }
}
