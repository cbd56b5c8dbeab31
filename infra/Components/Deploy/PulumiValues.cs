using System.Collections;
using System.Globalization;
using Observability.Stacks.Settings;

namespace Observability.Infra.Deploy;

/// <summary>
/// A plan tree (ordered maps, lists, scalars) in the shapes Pulumi's serializer accepts: <c>Dictionary&lt;string, object&gt;</c>,
/// <c>List&lt;object&gt;</c>, string, bool, int, double. Pulumi rejects long, float and decimal and silently drops null map
/// entries (pulumi-dotnet Serializer.cs), so numbers are narrowed here and a null is an error, never a silent difference
/// from what <c>render</c> shows. A secret leaf is an error too: secrets never go into Helm values or object specs.
/// </summary>
internal static class PulumiValues
{
    public static Dictionary<string, object> Map(IEnumerable<KeyValuePair<string, object?>> tree, string path)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var map = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in tree)
            map[key] = Value(value, $"{path}.{key}");
        return map;
    }

    public static object Value(object? value, string path) => value switch
    {
        null => throw new InvalidOperationException(
            $"{path}: expected a value, found null (Pulumi drops null map entries, so the deployment would differ from the rendered plan)"),
        SecretValue secret => throw new InvalidOperationException(
            $"{path}: expected a plain value, found the secret {secret.Key} (secrets belong in Kubernetes Secrets, never in values or specs)"),
        string or bool or int or double => value,
        long l => l is >= int.MinValue and <= int.MaxValue ? (object)(int)l : (double)l,
        short or byte or sbyte or ushort => Convert.ToInt32(value, CultureInfo.InvariantCulture),
        uint u => u <= int.MaxValue ? (object)(int)u : (double)u,
        float f => (double)f,
        decimal d => decimal.IsInteger(d) && d is >= int.MinValue and <= int.MaxValue ? (object)(int)d : (double)d,
        IEnumerable<KeyValuePair<string, object?>> map => Map(map, path),
        IDictionary map => MapUntyped(map, path),
        IEnumerable list => List(list, path),
        _ => throw new InvalidOperationException(
            $"{path}: expected a string, boolean, number, map or list, found a {value.GetType().Name}"),
    };

    private static Dictionary<string, object> MapUntyped(IDictionary tree, string path)
    {
        var map = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in tree)
        {
            if (entry.Key is not string key)
                throw new InvalidOperationException($"{path}: expected string keys, found a {entry.Key.GetType().Name} key");
            map[key] = Value(entry.Value, $"{path}.{key}");
        }

        return map;
    }

    private static List<object> List(IEnumerable items, string path)
    {
        var list = new List<object>();
        var index = 0;
        foreach (var item in items)
            list.Add(Value(item, $"{path}[{index++}]"));
        return list;
    }
}
