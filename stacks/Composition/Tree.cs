namespace Observability.Stacks.Composition;

/// <summary>Small constructors for values and object trees: maps keep insertion order and drop null entries.</summary>
internal static class Tree
{
    /// <summary>An ordered map of the non-null entries.</summary>
    public static OrderedDictionary<string, object?> Map(params (string Key, object? Value)[] entries)
    {
        var map = new OrderedDictionary<string, object?>(entries.Length);
        foreach (var (key, value) in entries)
        {
            if (value is not null)
                map[key] = value;
        }

        return map;
    }

    /// <summary>An ordered map from pairs (sorted ordinally when <paramref name="sort"/>), values kept even when null.</summary>
    public static OrderedDictionary<string, object?> FromPairs(IEnumerable<KeyValuePair<string, string>> pairs, bool sort = true)
    {
        var map = new OrderedDictionary<string, object?>();
        foreach (var (key, value) in sort ? pairs.OrderBy(p => p.Key, StringComparer.Ordinal) : pairs)
            map[key] = value;
        return map;
    }

    public static List<object?> List(params object?[] items) => [.. items];

    public static List<object?> ListOf<T>(IEnumerable<T> items) => items.Cast<object?>().ToList();

    /// <summary>Kubernetes object metadata.</summary>
    public static OrderedDictionary<string, object?> Metadata(string name, string? @namespace, IEnumerable<KeyValuePair<string, string>>? labels = null, IEnumerable<KeyValuePair<string, string>>? annotations = null)
    {
        var labelMap = labels is null ? null : FromPairs(labels);
        var annotationMap = annotations is null ? null : FromPairs(annotations);
        return Map(
            ("name", name),
            ("namespace", @namespace),
            ("labels", labelMap is { Count: > 0 } ? labelMap : null),
            ("annotations", annotationMap is { Count: > 0 } ? annotationMap : null));
    }
}
