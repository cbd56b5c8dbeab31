using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Observability.Infra.Tests;

/// <summary>
/// One JSON text per tree, whatever its .NET shapes: maps with sorted keys, lists, strings, booleans, and every number as a
/// double (what Pulumi's wire format carries). Lets a plan tree be compared with what the mocked engine received.
/// </summary>
internal static class Canonical
{
    public static string Json(object? tree)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, tree);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case JsonElement e:
                Write(writer, Tree(e));
                break;
            case IDictionary map:
                writer.WriteStartObject();
                foreach (var key in map.Keys.Cast<string>().Order(StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, map[key]);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                Write(writer, pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                    Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                writer.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static object? Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static object? Tree(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => Tree(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => e.EnumerateArray().Select(Tree).ToList(),
        _ => Scalar(e),
    };
}
