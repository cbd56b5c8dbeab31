using Observability.TestSupport;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Observability.Stacks.Tests.Support;

/// <summary>
/// What the pinned charts rendered from our values at commit cc97025 (<c>../shared/reference/rendered/cc97025/&lt;stack&gt;/&lt;release&gt;.yaml</c>):
/// the labels, ports and selectors the charts really produce. It shows one past commit's values: read conventions from it, not our output.
/// </summary>
internal static partial class Rendered
{
    public const string Commit = "cc97025";

    private static readonly Dictionary<string, List<YamlMappingNode>> Cache = [];

    /// <summary>Every object of one release's render (empty documents skipped).</summary>
    public static IReadOnlyList<YamlMappingNode> Objects(string stack, string release)
    {
        // A release the stack did not deploy at cc97025 (dev moved from Promtail to Alloy since) is read from the stack that did.
        var path = new[] { stack, "dev", "prod" }
            .Select(s => Path.Combine(Reference.Directory, "rendered", Commit, s, release + ".yaml"))
            .FirstOrDefault(File.Exists) ?? Reference.PathOf("rendered", Commit, stack, release + ".yaml");
        lock (Cache)
        {
            if (!Cache.TryGetValue(path, out var objects))
            {
                objects = [];
                foreach (var document in DocumentSeparator().Split(File.ReadAllText(path)))
                {
                    var stream = new YamlStream();
                    try
                    {
                        stream.Load(new StringReader(document));
                    }
                    catch (YamlException) when (OpaqueKind().Match(document) is { Success: true })
                    {
                        // A ConfigMap whose embedded file YamlDotNet's scanner refuses (Helm wrote it; the API server reads it):
                        // its data is not what these tests read.
                        continue;
                    }

                    objects.AddRange(stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().Where(n => n.Children.Count > 0));
                }

                Cache[path] = objects;
            }

            return objects;
        }
    }

    /// <summary>The releases rendered for <paramref name="stack"/>.</summary>
    public static IEnumerable<string> Releases(string stack) =>
        Directory.EnumerateFiles(Path.GetDirectoryName(Reference.PathOf("rendered", Commit, stack, "jaeger.yaml"))!, "*.yaml")
            .Select(f => Path.GetFileNameWithoutExtension(f)!)
            .Order(StringComparer.Ordinal);

    public static YamlMappingNode Single(string stack, string release, string kind, string name) =>
        Objects(stack, release).Single(o => Text(o, "kind") == kind && Text(o, "metadata.name") == name);

    public static YamlNode? Node(YamlNode? node, string? dotted)
    {
        if (dotted is null)
            return node;
        foreach (var part in dotted.Split('.'))
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(part), out node))
                return null;
        }

        return node;
    }

    public static string? Text(YamlNode? node, string? dotted) => (Node(node, dotted) as YamlScalarNode)?.Value;

    public static IReadOnlyList<YamlNode> Seq(YamlNode? node, string dotted) =>
        Node(node, dotted) is YamlSequenceNode seq ? seq.Children.ToList() : [];

    public static Dictionary<string, string?> Labels(YamlNode? node, string dotted) =>
        Node(node, dotted) is YamlMappingNode map
            ? map.Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => (e.Value as YamlScalarNode)?.Value, StringComparer.Ordinal)
            : new Dictionary<string, string?>(StringComparer.Ordinal);

    [GeneratedRegex("^---[ \\t]*$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();

    [GeneratedRegex("^kind: ConfigMap[ \\t]*$", RegexOptions.Multiline)]
    private static partial Regex OpaqueKind();
}
