using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Observability.Stacks.ReferenceData;

/// <summary>
/// JSON schemas of a CustomResourceDefinition (../shared/reference/README.md section 2): the faithful schema is the
/// served and stored version's <c>openAPIV3Schema</c> with <c>$schema</c> (draft-07) first and the root's
/// <c>x-kubernetes-group-version-kind</c> last; the strict schema adds <c>additionalProperties: false</c> to every object
/// schema with <c>properties</c> that neither sets <c>additionalProperties</c> nor preserves unknown fields, walking
/// properties, items, additionalProperties, anyOf/oneOf/allOf and not, and an <c>enum</c> of the one valid value to the
/// root's <c>apiVersion</c> and <c>kind</c>.
/// </summary>
public static class CrdSchemas
{
    public const string Draft07 = "http://json-schema.org/draft-07/schema#";

    /// <summary>The CRD's kind, group and version, and its faithful schema.</summary>
    public sealed record Crd(string Kind, string Group, string Version, JsonObject Faithful);

    /// <summary>Reads a CRD manifest (YAML; one document, comments and <c>---</c> allowed).</summary>
    public static Crd Read(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
            stream.Load(reader);
        if (stream.Documents.Count != 1)
            throw new InvalidDataException($"{source}: expected one CustomResourceDefinition document, found {stream.Documents.Count}");
        var crd = YamlJson.ToJson(stream.Documents[0].RootNode) as JsonObject
            ?? throw new InvalidDataException($"{source}: expected a mapping");
        if ((string?)crd["kind"] != "CustomResourceDefinition")
            throw new InvalidDataException($"{source}: expected kind CustomResourceDefinition, found {crd["kind"]?.ToJsonString() ?? "none"}");
        var spec = crd["spec"]!.AsObject();
        var group = (string)spec["group"]!;
        var kind = (string)spec["names"]!["kind"]!;
        var versions = spec["versions"]!.AsArray().Select(v => v!.AsObject()).Where(v => (bool?)v["served"] == true && (bool?)v["storage"] == true).ToList();
        if (versions.Count != 1)
            throw new InvalidDataException($"{source}: expected exactly one served and stored version, found {versions.Count}");
        var version = (string)versions[0]["name"]!;
        var schema = versions[0]["schema"]?["openAPIV3Schema"]?.AsObject()
            ?? throw new InvalidDataException($"{source}: spec.versions[{version}].schema.openAPIV3Schema is missing");

        var faithful = new JsonObject { ["$schema"] = Draft07 };
        foreach (var (key, value) in schema)
            faithful[key] = value?.DeepClone();
        faithful["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject { ["group"] = group, ["kind"] = kind, ["version"] = version });
        return new Crd(kind, group, version, faithful);
    }

    /// <summary>The strict schema of a faithful one.</summary>
    public static JsonObject Strict(Crd crd)
    {
        ArgumentNullException.ThrowIfNull(crd);
        var strict = crd.Faithful.DeepClone().AsObject();
        Close(strict);
        var properties = strict["properties"]!.AsObject();
        properties["apiVersion"]!.AsObject()["enum"] = new JsonArray(JsonValue.Create($"{crd.Group}/{crd.Version}"));
        properties["kind"]!.AsObject()["enum"] = new JsonArray(JsonValue.Create(crd.Kind));
        return strict;
    }

    private static void Close(JsonObject schema)
    {
        if (schema["properties"] is JsonObject properties)
        {
            if (!schema.ContainsKey("additionalProperties") && (bool?)(schema["x-kubernetes-preserve-unknown-fields"] as JsonValue) != true)
                schema["additionalProperties"] = false;
            foreach (var (_, property) in properties)
            {
                if (property is JsonObject p)
                    Close(p);
            }
        }

        if (schema["items"] is JsonObject items)
            Close(items);
        else if (schema["items"] is JsonArray itemList)
            CloseAll(itemList);
        if (schema["additionalProperties"] is JsonObject additional)
            Close(additional);
        foreach (var key in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (schema[key] is JsonArray list)
                CloseAll(list);
        }

        if (schema["not"] is JsonObject not)
            Close(not);
    }

    private static void CloseAll(JsonArray list)
    {
        foreach (var item in list)
        {
            if (item is JsonObject o)
                Close(o);
        }
    }
}
