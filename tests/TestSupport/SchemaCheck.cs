using System.Text.Json;
using NJsonSchema;
using Xunit.Sdk;
using YamlDotNet.Serialization;

namespace Observability.TestSupport;

/// <summary>Validates documents (YAML or JSON) against the JSON schemas of the reference data.</summary>
public static class SchemaCheck
{
    private static readonly Dictionary<string, JsonSchema> Cache = [];
    private static readonly Lock CacheLock = new();

    public static JsonSchema Load(string schemaPath)
    {
        lock (CacheLock)
        {
            if (!Cache.TryGetValue(schemaPath, out var schema))
            {
                schema = JsonSchema.FromJsonAsync(File.ReadAllText(schemaPath)).GetAwaiter().GetResult();
                Cache[schemaPath] = schema;
            }

            return schema;
        }
    }

    /// <summary>Converts one YAML document to JSON text (YAML scalars keep their YAML 1.2 core types).</summary>
    public static string YamlToJson(string yaml)
    {
        var deserializer = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build();
        var value = deserializer.Deserialize<object?>(yaml);
        return JsonSerializer.Serialize(Normalise(value));
    }

    /// <summary>Every error of <paramref name="json"/> against the schema, as "path: kind" lines (empty when valid).</summary>
    public static IReadOnlyList<string> Errors(string schemaPath, string json) =>
        Load(schemaPath).Validate(json).Select(e => $"{e.Path}: {e.Kind} {e.Property}").OrderBy(s => s, StringComparer.Ordinal).ToList();

    public static void AssertValid(string schemaPath, string json, string what)
    {
        var errors = Errors(schemaPath, json);
        if (errors.Count > 0)
            throw new XunitException($"{what} is not valid against {Path.GetFileName(schemaPath)}:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors));
    }

    public static void AssertYamlValid(string schemaPath, string yaml, string what) =>
        AssertValid(schemaPath, YamlToJson(yaml), what);

    private static object? Normalise(object? value) => value switch
    {
        IDictionary<object, object?> map => map.ToDictionary(kv => Convert.ToString(kv.Key, System.Globalization.CultureInfo.InvariantCulture)!, kv => Normalise(kv.Value)),
        IList<object?> list => list.Select(Normalise).ToList(),
        _ => value,
    };
}
