using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Observability.Dashboards;
using Observability.Stacks.Rendering;
using Observability.TestSupport;
using YamlDotNet.RepresentationModel;

namespace Observability.Stacks.Tests.Rendering;

/// <summary>
/// What the render golden of each rendered file holds. Every file is goldened as rendered, except the dashboards, whose
/// JSON is goldened once, in their own golden (tests/Dashboards.Tests/Platform/golden/&lt;uid&gt;.json):
/// <list type="bullet">
/// <item><c>dashboards/&lt;uid&gt;.json</c> is goldened as <c>dashboards/&lt;uid&gt;.changes.json</c>: the dashboard golden it
/// starts from and the values this environment replaces in it (JSON Pointer → value, e.g. its runbook URLs or SLO
/// periods). The rendered bytes must equal the dashboard golden with those replacements, written as the dashboards are.</item>
/// <item>a dashboard ConfigMap's payload must be byte-identical to the rendered <c>dashboards/&lt;file&gt;</c>; its golden
/// holds the rest of the object and, in place of the payload, a reference to that file with its sha256.</item>
/// </list>
/// </summary>
public static class RenderGoldens
{
    public const string ChangesSuffix = ".changes.json";

    /// <summary>Where the dashboards' own goldens live (repository-relative, as the changes files name it).</summary>
    public const string DashboardGoldenFolder = "tests/Dashboards.Tests/Platform/golden";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The golden path (relative to the stack's golden folder) and text of every rendered file.</summary>
    public static IReadOnlyList<(string Path, string Text)> Expected(IReadOnlyList<RenderedFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var byPath = files.ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);
        return [.. files.Select(f => f switch
        {
            _ when IsDashboard(f.Path) => (f.Path[..^".json".Length] + ChangesSuffix, DashboardChanges(f)),
            _ when f.Path.StartsWith("manifests/", StringComparison.Ordinal) && f.Path.Contains(".configmap.", StringComparison.Ordinal) =>
                (f.Path, ConfigMapWithReferences(f, byPath)),
            _ => (f.Path, f.Content),
        })];
    }

    private static bool IsDashboard(string path) =>
        path.StartsWith("dashboards/", StringComparison.Ordinal) && path.EndsWith(".json", StringComparison.Ordinal);

    /// <summary>The changes file of a rendered dashboard; throws when its golden with them would not give its bytes.</summary>
    public static string DashboardChanges(RenderedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var goldenPath = $"{DashboardGoldenFolder}/{Path.GetFileName(file.Path)}";
        var full = Repo.PathOf([.. goldenPath.Split('/')]);
        if (!File.Exists(full))
            throw new Xunit.Sdk.XunitException($"{file.Path}: the dashboard has no golden of its own ({goldenPath}); every rendered dashboard is goldened there once (tests/Dashboards.Tests).");
        var golden = JsonNode.Parse(File.ReadAllText(full))!;
        var rendered = JsonNode.Parse(file.Content)!;
        var changes = new JsonObject();
        Diff(golden, rendered, "", changes);

        var rebuilt = Write(Apply(golden, changes));
        if (rebuilt != file.Content)
            throw new Xunit.Sdk.XunitException($"{file.Path}: the dashboard golden {goldenPath} with its changes does not give the rendered bytes (the JSON is not written as the dashboards write it).");

        return Write(new JsonObject
        {
            ["golden"] = goldenPath,
            ["changes"] = changes,
        });
    }

    /// <summary>
    /// The values to replace in <paramref name="golden"/> to get <paramref name="rendered"/>: the smallest differing
    /// subtrees, except that objects whose keys differ (in name or order) and arrays whose lengths differ are replaced whole.
    /// </summary>
    public static void Diff(JsonNode? golden, JsonNode? rendered, string pointer, JsonObject changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (JsonNode.DeepEquals(golden, rendered))
            return;
        if (golden is JsonObject g && rendered is JsonObject r && g.Select(p => p.Key).SequenceEqual(r.Select(p => p.Key), StringComparer.Ordinal))
        {
            foreach (var (key, value) in g)
                Diff(value, r[key], pointer + "/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal), changes);
            return;
        }

        if (golden is JsonArray ga && rendered is JsonArray ra && ga.Count == ra.Count)
        {
            for (var i = 0; i < ga.Count; i++)
                Diff(ga[i], ra[i], $"{pointer}/{i}", changes);
            return;
        }

        changes[pointer] = rendered?.DeepClone();
    }

    /// <summary>The golden with every change applied (a copy; pointers as <see cref="Diff"/> writes them).</summary>
    public static JsonNode? Apply(JsonNode golden, JsonObject changes)
    {
        ArgumentNullException.ThrowIfNull(golden);
        ArgumentNullException.ThrowIfNull(changes);
        var root = golden.DeepClone();
        foreach (var (pointer, value) in changes)
        {
            if (pointer.Length == 0)
            {
                root = value?.DeepClone();
                continue;
            }

            var segments = pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
            var parent = root;
            foreach (var segment in segments[..^1])
                parent = parent is JsonArray a ? a[int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture)] : parent![segment];
            var last = segments[^1];
            if (parent is JsonArray array)
                array[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = value?.DeepClone();
            else if (parent is JsonObject obj && obj.ContainsKey(last))
                obj[last] = value?.DeepClone();
            else
                throw new Xunit.Sdk.XunitException($"change {pointer}: no such value in the dashboard golden");
        }

        return root;
    }

    /// <summary>The rendered ConfigMap with each dashboard payload replaced by a reference to the rendered dashboard file.</summary>
    public static string ConfigMapWithReferences(RenderedFile file, IReadOnlyDictionary<string, string> rendered)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(rendered);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(file.Content));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var metadata = root.Children.TryGetValue("metadata", out var m) ? m as YamlMappingNode : null;
        var labels = metadata is not null && metadata.Children.TryGetValue("labels", out var l) ? l as YamlMappingNode : null;
        if (labels is null || !labels.Children.ContainsKey(DashboardConfigMaps.DashboardLabel)
            || !root.Children.TryGetValue("data", out var d) || d is not YamlMappingNode data)
            return file.Content;

        var text = file.Content;
        foreach (var (keyNode, valueNode) in data.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value!;
            var payload = ((YamlScalarNode)valueNode).Value!;
            var dashboardPath = $"dashboards/{key}";
            if (!rendered.TryGetValue(dashboardPath, out var dashboard))
                throw new Xunit.Sdk.XunitException($"{file.Path}: data {key} has no rendered {dashboardPath} to be compared with");
            if (payload != dashboard)
                throw new Xunit.Sdk.XunitException($"{file.Path}: data {key} differs from the rendered {dashboardPath} (the ConfigMap must ship exactly the reviewed dashboard)");

            // The payload is a literal block scalar: its header line, then its lines indented below the key.
            var header = $"  {key}: |\n";
            var start = text.IndexOf(header, StringComparison.Ordinal);
            if (start < 0)
                throw new Xunit.Sdk.XunitException($"{file.Path}: data {key} is not written as a literal block");
            var end = start + header.Length;
            var block = new StringBuilder();
            while (end < text.Length && text.AsSpan(end).StartsWith("    ", StringComparison.Ordinal))
            {
                var newline = text.IndexOf('\n', end);
                var lineEnd = newline < 0 ? text.Length : newline + 1;
                block.Append(text, end + 4, lineEnd - end - 4);
                end = lineEnd;
            }

            if (block.ToString() != payload)
                throw new Xunit.Sdk.XunitException($"{file.Path}: the literal block of data {key} could not be delimited");
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payload)));
            text = string.Concat(text.AsSpan(0, start), $"  {key}: <the rendered {dashboardPath}, sha256 {hash}>\n", text.AsSpan(end));
        }

        return text;
    }

    private static string Write(JsonNode? node)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            if (node is null)
                writer.WriteNullValue();
            else
                node.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }
}
