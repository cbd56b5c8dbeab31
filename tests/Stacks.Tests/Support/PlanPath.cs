namespace Observability.Stacks.Tests.Support;

/// <summary>Dotted paths into plan trees (values, object bodies).</summary>
internal static class PlanPath
{
    /// <summary>The node at <paramref name="dotted"/> (keys separated by dots), or null when a key is missing.</summary>
    public static object? At(object? tree, string dotted)
    {
        var node = tree;
        foreach (var part in dotted.Split('.'))
        {
            if (node is not OrderedDictionary<string, object?> map || !map.TryGetValue(part, out node))
                return null;
        }

        return node;
    }
}
