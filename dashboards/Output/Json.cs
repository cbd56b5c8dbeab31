using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Observability.Dashboards;

/// <summary>How the dashboards write JSON values, in one place (the writer and the panel types' option nodes use it).</summary>
internal static class Json
{
    /// <summary>Exact: integers without a fraction, others without trailing zeros (0.05, not 0.0500).</summary>
    public static decimal Exact(decimal value) =>
        decimal.Parse(value.ToString("0.############################", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static JsonNode Number(decimal value) =>
        value == decimal.Truncate(value) && Math.Abs(value) < long.MaxValue ? JsonValue.Create((long)value) : JsonValue.Create(Exact(value));

    public static void NumberValue(Utf8JsonWriter w, decimal value)
    {
        if (value == decimal.Truncate(value) && Math.Abs(value) < long.MaxValue)
            w.WriteNumberValue((long)value);
        else
            w.WriteNumberValue(Exact(value));
    }

    public static JsonArray Strings(IEnumerable<string> values)
    {
        var array = new JsonArray();
        foreach (var value in values)
            array.Add((JsonNode?)JsonValue.Create(value));
        return array;
    }
}
