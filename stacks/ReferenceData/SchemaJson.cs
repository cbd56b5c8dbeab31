using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Observability.Stacks.ReferenceData;

/// <summary>
/// The byte layout of the reference schemas, written with System.Text.Json: objects in their key order, the given
/// indent (2 for the Kubernetes schemas, 1 for the CRD schemas), UTF-8 text unescaped but for quotes, backslashes and
/// control characters, one trailing newline.
/// </summary>
public static class SchemaJson
{
    public static byte[] Serialize(JsonNode node, int indent)
    {
        ArgumentNullException.ThrowIfNull(node);
        var options = new JsonWriterOptions
        {
            Indented = true,
            IndentSize = indent,
            IndentCharacter = ' ',
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, options))
            node.WriteTo(writer);
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Parses JSON keeping key order and the exact number text.</summary>
    public static JsonNode Parse(byte[] json) =>
        JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 512 }) ?? throw new InvalidDataException("empty JSON document");

    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
