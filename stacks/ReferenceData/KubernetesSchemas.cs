using System.Text.Json.Nodes;

namespace Observability.Stacks.ReferenceData;

/// <summary>
/// Stand-alone strict JSON schemas of Kubernetes kinds from the API server's OpenAPI v2 document (swagger.json), as
/// <c>openapi2jsonschema --expanded --kubernetes --stand-alone --strict</c> (instrumenta/openapi2jsonschema, used by
/// yannh/kubernetes-json-schema) derives them; ../shared/reference/README.md section 3:
/// <list type="number">
/// <item>IntOrString becomes <c>oneOf [string, integer]</c>, Quantity <c>oneOf [string, number]</c>;</item>
/// <item>a kind's <c>apiVersion</c> and <c>kind</c> get an <c>enum</c> from <c>x-kubernetes-group-version-kind</c>;</item>
/// <item><c>additionalProperties: false</c> on every object with <c>properties</c> (the root included);</item>
/// <item>every <c>$ref</c> is replaced by its definition (the reference's sibling keys, e.g. its description, are dropped);</item>
/// <item>in the root's properties, <c>format: int-or-string</c> becomes the oneOf, and every <c>type</c> of a field its
/// parent does not require becomes <c>[type, "null"]</c> (openapi2jsonschema's <c>allow_null_optional_fields</c>);</item>
/// <item><c>$schema</c> (draft-07) last.</item>
/// </list>
/// </summary>
public sealed class KubernetesSchemas
{
    public const string IntOrString = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    public const string Quantity = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    private const string RefPrefix = "#/definitions/";

    private readonly JsonObject definitions;
    private readonly Dictionary<string, JsonObject> prepared = new(StringComparer.Ordinal);

    public KubernetesSchemas(JsonNode swagger)
    {
        ArgumentNullException.ThrowIfNull(swagger);
        if ((string?)swagger["swagger"] is not { } version || !version.StartsWith('2'))
            throw new InvalidDataException("expected an OpenAPI v2 (swagger) document, found none");
        definitions = swagger["definitions"] as JsonObject ?? throw new InvalidDataException("the OpenAPI document has no definitions");
    }

    /// <summary>The stand-alone strict schema of one definition, e.g. io.k8s.api.core.v1.ConfigMap.</summary>
    public JsonObject Schema(string definition)
    {
        var schema = Prepared(definition).DeepClone().AsObject();
        if (!schema.ContainsKey("type"))
            schema["type"] = "object";
        schema["additionalProperties"] = false;
        Expand(schema, [definition]);
        if (schema["properties"] is JsonObject properties)
        {
            ReplaceIntOrString(properties);
            AllowNullOptionalFields(properties, null, null, null);
        }

        schema["$schema"] = CrdSchemas.Draft07;
        return schema;
    }

    /// <summary>A definition with steps 1–3 applied (as openapi2jsonschema prepares its shared definitions).</summary>
    private JsonObject Prepared(string name)
    {
        if (prepared.TryGetValue(name, out var done))
            return done;
        JsonObject def = name switch
        {
            IntOrString => new JsonObject { ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "integer" }) },
            Quantity => new JsonObject { ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "number" }) },
            _ => (definitions[name] as JsonObject)?.DeepClone().AsObject() ?? throw new InvalidDataException($"the OpenAPI document has no definition {name}"),
        };

        if (def["x-kubernetes-group-version-kind"] is JsonArray kinds && def["properties"] is JsonObject properties)
        {
            foreach (var gvk in kinds.OfType<JsonObject>())
            {
                var group = (string?)gvk["group"] ?? "";
                var version = (string)gvk["version"]!;
                if (properties["apiVersion"] is JsonObject apiVersion)
                    AppendEnum(apiVersion, group.Length > 0 ? $"{group}/{version}" : version);
                if (properties["kind"] is JsonObject kind)
                    AppendEnum(kind, (string)gvk["kind"]!);
            }
        }

        // openapi2jsonschema's additional_properties over the definitions: the definition itself, then every nested mapping.
        if (def.ContainsKey("properties") && !def.ContainsKey("additionalProperties"))
            def["additionalProperties"] = false;
        Close(def);
        prepared[name] = def;
        return def;
    }

    private static void AppendEnum(JsonObject property, string value)
    {
        if (property["enum"] is not JsonArray values)
            property["enum"] = values = [];
        if (!values.Any(v => (string?)v == value))
            values.Add((JsonNode)JsonValue.Create(value));
    }

    /// <summary>additional_properties: every mapping reached through mappings (not lists) with properties gets additionalProperties: false.</summary>
    private static void Close(JsonObject node)
    {
        foreach (var (_, value) in node.ToList())
        {
            if (value is JsonObject child)
            {
                if (child.ContainsKey("properties") && !child.ContainsKey("additionalProperties"))
                    child["additionalProperties"] = false;
                Close(child);
            }
        }
    }

    /// <summary>Replaces every mapping holding a <c>$ref</c> by the referenced definition, recursively.</summary>
    private void Expand(JsonNode node, List<string> trail)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj.ToList())
            {
                if (value is JsonObject child && (string?)(child["$ref"] as JsonValue) is { } reference)
                    obj[key] = Resolve(reference, trail);
                else if (value is not null)
                    Expand(value, trail);
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is JsonObject child && (string?)(child["$ref"] as JsonValue) is { } reference)
                    array[i] = Resolve(reference, trail);
                else if (array[i] is { } item)
                    Expand(item, trail);
            }
        }
    }

    private JsonObject Resolve(string reference, List<string> trail)
    {
        if (!reference.StartsWith(RefPrefix, StringComparison.Ordinal))
            throw new InvalidDataException($"unsupported $ref {reference} (expected {RefPrefix}<name>)");
        var name = reference[RefPrefix.Length..];
        if (trail.Contains(name))
            throw new InvalidDataException($"{string.Join(" → ", trail)} → {name}: the definitions are recursive, which a stand-alone schema cannot expand");
        var copy = Prepared(name).DeepClone().AsObject();
        trail.Add(name);
        Expand(copy, trail);
        trail.RemoveAt(trail.Count - 1);
        return copy;
    }

    /// <summary>openapi2jsonschema's replace_int_or_string.</summary>
    private static void ReplaceIntOrString(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj.ToList())
            {
                if (value is JsonObject child)
                {
                    if ((string?)(child["format"] as JsonValue) == "int-or-string")
                        obj[key] = new JsonObject { ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "integer" }) };
                    else
                        ReplaceIntOrString(child);
                }
                else if (value is JsonArray list)
                {
                    foreach (var item in list)
                        ReplaceIntOrString(item);
                }
            }
        }
    }

    /// <summary>
    /// openapi2jsonschema's allow_null_optional_fields, with its exact notion of "parent" and "grand parent": a
    /// <c>type</c> string becomes <c>[type, "null"]</c> unless the grand parent's <c>required</c> names the key the
    /// type's mapping sits under.
    /// </summary>
    private static void AllowNullOptionalFields(JsonNode? data, JsonNode? parent, JsonNode? grandParent, string? key)
    {
        if (data is not JsonObject obj)
            return;
        foreach (var (k, v) in obj.ToList())
        {
            switch (v)
            {
                case JsonObject child:
                    AllowNullOptionalFields(child, obj, parent, k);
                    break;
                case JsonArray list:
                    foreach (var item in list)
                        AllowNullOptionalFields(item, list, parent, k);
                    break;
                case JsonValue value when value.TryGetValue<string>(out var text):
                    if (k == "type" && text != "null" && !IsRequired(grandParent, key))
                        obj[k] = new JsonArray(JsonValue.Create(text), JsonValue.Create("null"));
                    break;
            }
        }
    }

    private static bool IsRequired(JsonNode? grandParent, string? key) => grandParent switch
    {
        JsonObject o when o.Count > 0 && o["required"] is JsonArray required => required.Any(r => r is JsonValue rv && rv.TryGetValue<string>(out var s) && s == key),
        JsonObject o when o.Count > 0 && o["required"] is JsonObject requiredMap => key is not null && requiredMap.ContainsKey(key),
        _ => false,
    };
}
