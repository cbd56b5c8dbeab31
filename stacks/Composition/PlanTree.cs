using System.Collections;
using Observability.Rules.Output;
using Observability.Stacks.Settings;

namespace Observability.Stacks.Composition;

/// <summary>Helpers over plan trees (values and object bodies): find secrets, replace them, write YAML.</summary>
public static class PlanTree
{
    /// <summary>Every <see cref="SecretValue"/> leaf of <paramref name="tree"/>, depth first in tree order.</summary>
    public static IEnumerable<SecretValue> Secrets(object? tree)
    {
        switch (tree)
        {
            case SecretValue secret:
                yield return secret;
                break;
            case IDictionary map:
                foreach (DictionaryEntry entry in map)
                {
                    foreach (var inner in Secrets(entry.Value))
                        yield return inner;
                }

                break;
            case IEnumerable list when tree is not string:
                foreach (var item in list)
                {
                    foreach (var inner in Secrets(item))
                        yield return inner;
                }

                break;
        }
    }

    /// <summary>
    /// A copy of <paramref name="tree"/> with every <see cref="SecretValue"/> leaf replaced by <paramref name="replace"/>'s result
    /// (the Pulumi program maps them to secret Outputs; <c>render</c> to their placeholders). Key order is kept.
    /// </summary>
    public static object? MapSecrets(object? tree, Func<SecretValue, object?> replace)
    {
        ArgumentNullException.ThrowIfNull(replace);
        switch (tree)
        {
            case SecretValue secret:
                return replace(secret);
            case OrderedDictionary<string, object?> map:
            {
                var copy = new OrderedDictionary<string, object?>(map.Count);
                foreach (var (key, value) in map)
                    copy[key] = MapSecrets(value, replace);
                return copy;
            }

            case IDictionary map:
            {
                var copy = new OrderedDictionary<string, object?>(map.Count);
                foreach (var entry in map.Cast<DictionaryEntry>().OrderBy(e => (string)e.Key, StringComparer.Ordinal))
                    copy[(string)entry.Key] = MapSecrets(entry.Value, replace);
                return copy;
            }

            case string:
                return tree;
            case IEnumerable list:
                return list.Cast<object?>().Select(item => MapSecrets(item, replace)).ToList();
            default:
                return tree;
        }
    }

    /// <summary>YAML of <paramref name="tree"/> with secrets written as their placeholders.</summary>
    public static string ToYaml(object? tree) => YamlText.Serialize(MapSecrets(tree, s => s.Placeholder));
}
