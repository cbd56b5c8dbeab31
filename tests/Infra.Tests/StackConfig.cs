using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Observability.TestSupport;
using YamlDotNet.RepresentationModel;

namespace Observability.Infra.Tests;

/// <summary>
/// A stack's config as the Pulumi CLI hands it to the program: <c>PULUMI_CONFIG</c> (a JSON map of full keys to text, structured
/// values as JSON) and <c>PULUMI_CONFIG_SECRET_KEYS</c>. Built from a stack file; every <c>secure:</c> value is replaced by a
/// known test value (<see cref="SecretText"/>), as if Pulumi had decrypted it, so tests can look for it anywhere.
/// </summary>
internal sealed partial record StackConfig(string Stack, IReadOnlyDictionary<string, string> Values, IReadOnlySet<string> SecretKeys)
{
    /// <summary>The project name in Pulumi.yaml, the namespace of every key.</summary>
    public const string Project = "observability";

    /// <summary>Every secret value put into this config, in plain text.</summary>
    public IReadOnlyList<string> SecretValues { get; init; } = [];

    /// <summary>The known test value standing for the secret at <paramref name="path"/>.</summary>
    public static string SecretText(string path) => "test-secret-" + NotWord().Replace(path, "-");

    /// <summary>The repository's <c>Pulumi.&lt;stack&gt;.yaml</c>.</summary>
    public static StackConfig FromRepository(string stack) => FromYaml(stack, File.ReadAllText(Repo.PathOf($"Pulumi.{stack}.yaml")));

    /// <summary>Stack-file text.</summary>
    public static StackConfig FromYaml(string stack, string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var secretKeys = new SortedSet<string>(StringComparer.Ordinal);
        var secrets = new List<string>();
        if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root &&
            root.Children.TryGetValue(new YamlScalarNode("config"), out var configNode) && configNode is YamlMappingNode config)
        {
            foreach (var (keyNode, valueNode) in config.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value!;
                var isSecret = false;
                values[key] = valueNode switch
                {
                    YamlScalarNode scalar => scalar.Value ?? "",
                    _ when SecureLeaf(valueNode) => Secret(key, ref isSecret, secrets),
                    _ => Json(valueNode, key, ref isSecret, secrets),
                };
                if (isSecret)
                    secretKeys.Add(key);
            }
        }

        return new StackConfig(stack, values, secretKeys) { SecretValues = secrets };
    }

    /// <summary>
    /// A copy with a secret at <paramref name="key"/> (top level) or at the dotted <paramref name="path"/> inside its JSON object,
    /// as <c>pulumi config set --secret [--path]</c> sets it.
    /// </summary>
    public StackConfig WithSecret(string key, string? path = null)
    {
        var text = SecretText(path is null ? key : $"{key}.{path}");
        var values = new SortedDictionary<string, string>(Values.ToDictionary(), StringComparer.Ordinal);
        if (path is null)
        {
            values[key] = text;
        }
        else
        {
            var node = values.TryGetValue(key, out var json) ? System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject() : [];
            var parts = path.Split('.');
            var target = node;
            foreach (var part in parts[..^1])
                target = (target[part] ??= new System.Text.Json.Nodes.JsonObject()).AsObject();
            target[parts[^1]] = text;
            values[key] = node.ToJsonString();
        }

        return this with
        {
            Values = values,
            SecretKeys = new SortedSet<string>(SecretKeys.Append(key), StringComparer.Ordinal),
            SecretValues = [.. SecretValues, text],
        };
    }

    /// <summary>A copy with <paramref name="key"/> set to the plain text <paramref name="value"/>.</summary>
    public StackConfig With(string key, string value) =>
        this with { Values = new SortedDictionary<string, string>(Values.ToDictionary(), StringComparer.Ordinal) { [key] = value } };

    /// <summary>Sets <c>PULUMI_CONFIG</c> and <c>PULUMI_CONFIG_SECRET_KEYS</c> for the next Deployment (read when one is constructed).</summary>
    public void Apply()
    {
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", JsonSerializer.Serialize(Values));
        Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", JsonSerializer.Serialize(SecretKeys));
    }

    private static bool SecureLeaf(YamlNode node) =>
        node is YamlMappingNode { Children.Count: 1 } map && map.Children.ContainsKey(new YamlScalarNode("secure"));

    private static string Secret(string path, ref bool isSecret, List<string> secrets)
    {
        isSecret = true;
        var text = SecretText(path);
        secrets.Add(text);
        return text;
    }

    /// <summary>YAML → the JSON text Pulumi passes for structured config (plain scalars typed as YAML reads them).</summary>
    private static string Json(YamlNode node, string path, ref bool isSecret, List<string> secrets)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, node, path, ref isSecret, secrets);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node, string path, ref bool isSecret, List<string> secrets)
    {
        switch (node)
        {
            case YamlMappingNode when SecureLeaf(node):
                writer.WriteStringValue(Secret(path, ref isSecret, secrets));
                break;
            case YamlMappingNode map:
                writer.WriteStartObject();
                foreach (var (k, v) in map.Children)
                {
                    var name = ((YamlScalarNode)k).Value!;
                    writer.WritePropertyName(name);
                    Write(writer, v, $"{path}.{name}", ref isSecret, secrets);
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode list:
                writer.WriteStartArray();
                var i = 0;
                foreach (var item in list.Children)
                    Write(writer, item, $"{path}[{i++}]", ref isSecret, secrets);
                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                var text = scalar.Value ?? "";
                if (scalar.Style is not YamlDotNet.Core.ScalarStyle.Plain)
                    writer.WriteStringValue(text);
                else if (text is "" or "~" or "null")
                    writer.WriteNullValue();
                else if (text is "true" or "false")
                    writer.WriteBooleanValue(text == "true");
                else if (Integer().IsMatch(text))
                    writer.WriteNumberValue(long.Parse(text, CultureInfo.InvariantCulture));
                else if (Float().IsMatch(text))
                    writer.WriteNumberValue(double.Parse(text, CultureInfo.InvariantCulture));
                else
                    writer.WriteStringValue(text);
                break;
        }
    }

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex NotWord();

    [GeneratedRegex("^-?(0|[1-9][0-9]*)$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
