using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Observability.Stacks.Review;

/// <summary>A rule of a rendered rule file, keyed by file, group and name (with a counter when a group repeats a name).</summary>
public sealed record RuleSnapshot(string Key, string Name, string Group, bool IsAlert, string Expr, string? For,
    IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations);

/// <summary>A release as <c>releases.yaml</c> lists it.</summary>
public sealed record ReleaseSnapshot(string Name, string Chart, string Version, string Namespace);

/// <summary>
/// What a render folder holds, read back for comparison: releases and their values (flattened to key paths), rules,
/// the Alertmanager route tree, dashboards (panels by title) and Kubernetes objects (flattened).
/// </summary>
public sealed class RenderSnapshot
{
    public required string Directory { get; init; }

    public required IReadOnlyDictionary<string, ReleaseSnapshot> Releases { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Values { get; init; }

    public required IReadOnlyList<RuleSnapshot> Rules { get; init; }

    public required AlertRouter Router { get; init; }

    public required IReadOnlyDictionary<string, JsonObject> Dashboards { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Objects { get; init; }

    /// <summary>Reads a folder that <c>render</c> wrote; a folder that is not a render is an <see cref="InvalidDataException"/>.</summary>
    public static RenderSnapshot Read(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
            throw new InvalidDataException($"{directory}: no such folder (expected the output of `render`)");
        if (!File.Exists(Path.Combine(directory, Rendering.Renderer.MarkerFile)))
            throw new InvalidDataException($"{directory}: not a render (no {Rendering.Renderer.MarkerFile}; expected the output of `render`)");

        var releases = new SortedDictionary<string, ReleaseSnapshot>(StringComparer.Ordinal);
        var releasesFile = Path.Combine(directory, Rendering.Renderer.ReleasesFile);
        if (File.Exists(releasesFile) && Load(releasesFile) is YamlMappingNode releasesRoot && Child(releasesRoot, "releases") is YamlSequenceNode list)
        {
            foreach (var item in list.Children.OfType<YamlMappingNode>())
            {
                var release = new ReleaseSnapshot(Text(item, "name"), Text(item, "chart"), Text(item, "version"), Text(item, "namespace"));
                releases[release.Name] = release;
            }
        }

        var values = new SortedDictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var file in Files(directory, "values", "*.yaml"))
            values[Path.GetFileNameWithoutExtension(file)] = Flatten(Load(file));

        var rules = new List<RuleSnapshot>();
        foreach (var file in Files(directory, "rules", "*.yaml"))
            rules.AddRange(ReadRules(file));

        var alertmanager = Path.Combine(directory, "alertmanager", "alertmanager.yaml");
        var router = new AlertRouter(File.Exists(alertmanager) ? Load(alertmanager) : null);

        var dashboards = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var file in Files(directory, "dashboards", "*.json"))
            dashboards[Path.GetFileNameWithoutExtension(file)] = JsonNode.Parse(File.ReadAllText(file))!.AsObject();

        var objects = new SortedDictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var file in Files(directory, "manifests", "*.yaml"))
        {
            var root = Load(file);
            var meta = root is YamlMappingNode m ? Child(m, "metadata") as YamlMappingNode : null;
            var kind = root is YamlMappingNode k ? Text(k, "kind") : "?";
            var ns = meta is null ? "" : Text(meta, "namespace");
            var name = meta is null ? Path.GetFileNameWithoutExtension(file) : Text(meta, "name");
            objects[ns.Length > 0 ? $"{kind} {ns}/{name}" : $"{kind} {name}"] = Flatten(root);
        }

        return new RenderSnapshot
        {
            Directory = directory, Releases = releases, Values = values, Rules = rules, Router = router, Dashboards = dashboards, Objects = objects,
        };
    }

    private static IEnumerable<string> Files(string directory, string folder, string pattern)
    {
        var path = Path.Combine(directory, folder);
        return System.IO.Directory.Exists(path)
            ? System.IO.Directory.EnumerateFiles(path, pattern).Order(StringComparer.Ordinal)
            : [];
    }

    private static IEnumerable<RuleSnapshot> ReadRules(string file)
    {
        var fileName = Path.GetFileNameWithoutExtension(file);
        if (Load(file) is not YamlMappingNode root || Child(root, "groups") is not YamlSequenceNode groups)
            yield break;
        foreach (var group in groups.Children.OfType<YamlMappingNode>())
        {
            var groupName = Text(group, "name");
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            if (Child(group, "rules") is not YamlSequenceNode rules)
                continue;
            foreach (var rule in rules.Children.OfType<YamlMappingNode>())
            {
                var alert = Text(rule, "alert");
                var name = alert.Length > 0 ? alert : Text(rule, "record");
                var n = seen[name] = seen.GetValueOrDefault(name) + 1;
                var key = n == 1 ? $"{fileName}/{groupName}/{name}" : $"{fileName}/{groupName}/{name}#{n}";
                yield return new RuleSnapshot(key, name, groupName, alert.Length > 0, Text(rule, "expr"),
                    Child(rule, "for") is YamlScalarNode f ? f.Value : null, Map(rule, "labels"), Map(rule, "annotations"));
            }
        }
    }

    private static IReadOnlyDictionary<string, string> Map(YamlMappingNode node, string key)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (Child(node, key) is YamlMappingNode map)
        {
            foreach (var (k, v) in map.Children)
                result[((YamlScalarNode)k).Value!] = (v as YamlScalarNode)?.Value ?? "";
        }

        return result;
    }

    /// <summary>Every leaf of a YAML tree by its key path (<c>a.b[0].c</c>); a list of scalars is one leaf.</summary>
    public static IReadOnlyDictionary<string, string> Flatten(YamlNode? root)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Walk(YamlNode node, string path)
        {
            switch (node)
            {
                case YamlMappingNode map when map.Children.Count > 0:
                    foreach (var (k, v) in map.Children)
                    {
                        var name = ((YamlScalarNode)k).Value ?? "";
                        var segment = name.Contains('.', StringComparison.Ordinal) || name.Contains(' ', StringComparison.Ordinal) ? $"[\"{name}\"]" : name;
                        Walk(v, path.Length == 0 ? segment : segment.StartsWith('[') ? path + segment : $"{path}.{segment}");
                    }

                    break;
                case YamlMappingNode:
                    result[path] = "{}";
                    break;
                case YamlSequenceNode seq when seq.Children.All(c => c is YamlScalarNode):
                    result[path] = "[" + string.Join(", ", seq.Children.Select(c => ((YamlScalarNode)c).Value)) + "]";
                    break;
                case YamlSequenceNode seq:
                    for (var i = 0; i < seq.Children.Count; i++)
                        Walk(seq.Children[i], $"{path}[{i}]");
                    break;
                case YamlScalarNode scalar:
                    result[path] = scalar.Value ?? "";
                    break;
            }
        }

        if (root is not null)
            Walk(root, "");
        return result;
    }

    internal static YamlNode? Load(string file)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(file))
            stream.Load(reader);
        return stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null;
    }

    internal static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    internal static string Text(YamlMappingNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value ?? "";
}
