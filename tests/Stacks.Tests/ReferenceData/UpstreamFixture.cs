using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Observability.Rules.Output;
using Observability.Stacks.ReferenceData;
using Observability.TestSupport;

namespace Observability.Stacks.Tests.ReferenceData;

/// <summary>
/// Upstream as the fetch sees it, rebuilt from the reference data folder (../shared/reference, or what a previous
/// fetch wrote): a Helm repository per chart repository (index.yaml with each package's digest, and .tgz packages holding
/// the chart's values.yaml, values.schema.json and, for kube-prometheus-stack, the CRD manifests rebuilt from the
/// faithful CRD schemas), and a Kubernetes OpenAPI document whose definitions are the reference Kubernetes schemas with
/// the derivation undone. Paths are as the fetch's <c>--mirror</c> maps them: <c>/host/path</c>.
/// </summary>
internal static class UpstreamFixture
{
    public const string OpenapiPath = "/raw.githubusercontent.com/kubernetes-client/python/v36.0.3/kubernetes/swagger.json.unprocessed";

    /// <summary>The served files, and the digest of the rebuilt OpenAPI document.</summary>
    public static (Dictionary<string, byte[]> Files, string OpenapiSha256) Build(ReferenceLock referenceLock, Func<string, byte[], byte[]>? tamper = null)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var repository in referenceLock.Charts.GroupBy(c => c.Repository))
        {
            var repoUri = new Uri(repository.Key);
            var entries = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
            foreach (var chart in repository)
            {
                var tgz = Package(chart, tamper);
                var fileName = $"{chart.Name}-{chart.Version}.tgz";
                // Real repositories name packages either absolutely (GitHub release assets) or relative to index.yaml.
                string url;
                if (chart.Name == "jaeger")
                {
                    url = fileName;
                    files[$"/{repoUri.Host}{repoUri.AbsolutePath.TrimEnd('/')}/{fileName}"] = tgz;
                }
                else
                {
                    url = $"https://github.com/{repoUri.Host.Split('.')[0]}/helm-charts/releases/download/{chart.Name}-{chart.Version}/{fileName}";
                    var asset = new Uri(url);
                    files[$"/{asset.Host}{asset.AbsolutePath}"] = tgz;
                }

                entries[chart.Name] = new List<object?>
                {
                    // A newer version first, as real indexes list them: the fetch must pick the pinned one.
                    Version(chart.Name, "999.0.0", "https://example.invalid/never-fetched.tgz", new string('0', 64)),
                    Version(chart.Name, chart.Version, url, ReferenceFetcher.Sha256(tgz)),
                };
            }

            var index = new OrderedDictionary<string, object?> { ["apiVersion"] = "v1", ["entries"] = entries, ["generated"] = "2026-08-21T00:00:00Z" };
            files[$"/{repoUri.Host}{repoUri.AbsolutePath.TrimEnd('/')}/index.yaml"] = Encoding.UTF8.GetBytes(YamlText.Serialize(index));
        }

        var openapi = Openapi(referenceLock);
        files[OpenapiPath] = openapi;
        return (files, ReferenceFetcher.Sha256(openapi));
    }

    private static OrderedDictionary<string, object?> Version(string name, string version, string url, string digest) => new(StringComparer.Ordinal)
    {
        ["apiVersion"] = "v2",
        ["name"] = name,
        ["version"] = version,
        ["digest"] = digest,
        ["urls"] = new List<object?> { url },
    };

    private static byte[] Package(LockedChart chart, Func<string, byte[], byte[]>? tamper)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            void Add(string entry, byte[] bytes)
            {
                bytes = tamper?.Invoke($"{chart.Name}/{entry}", bytes) ?? bytes;
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"{chart.Name}/{entry}") { DataStream = new MemoryStream(bytes) });
            }

            Add("Chart.yaml", Encoding.UTF8.GetBytes($"apiVersion: v2\nname: {chart.Name}\nversion: {chart.Version}\n"));
            foreach (var file in chart.Files)
                Add(file.Entry, File.ReadAllBytes(Reference.PathOf(file.Path.Split('/'))));
            foreach (var crd in chart.Crds ?? [])
                Add(crd.Entry, Encoding.UTF8.GetBytes(CrdManifest(crd)));
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The CRD manifest of a faithful schema (its openAPIV3Schema, served and stored), written the way upstream files
    /// start (a comment, then <c>---</c>); the body is JSON, which is YAML.
    /// </summary>
    private static string CrdManifest(LockedCrd crd)
    {
        var faithful = JsonNode.Parse(File.ReadAllBytes(Reference.PathOf(crd.Faithful.Path.Split('/'))))!.AsObject();
        var gvk = faithful["x-kubernetes-group-version-kind"]![0]!;
        var schema = new JsonObject();
        foreach (var (key, value) in faithful)
        {
            if (key is not ("$schema" or "x-kubernetes-group-version-kind"))
                schema[key] = value?.DeepClone();
        }

        var plural = crd.Entry.Split('/')[^1]["crd-".Length..^".yaml".Length];
        var manifest = new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject { ["name"] = $"{plural}.{(string)gvk["group"]!}" },
            ["spec"] = new JsonObject
            {
                ["group"] = (string)gvk["group"]!,
                ["names"] = new JsonObject { ["kind"] = crd.Kind, ["plural"] = plural },
                ["scope"] = "Namespaced",
                ["versions"] = new JsonArray(new JsonObject
                {
                    ["name"] = (string)gvk["version"]!,
                    ["served"] = true,
                    ["storage"] = true,
                    ["schema"] = new JsonObject { ["openAPIV3Schema"] = schema },
                }),
            },
        };
        return $"# rebuilt by the test from crds/{crd.Kind}.json\n---\n" + manifest.ToJsonString() + "\n";
    }

    /// <summary>An OpenAPI v2 document whose definitions derive to the reference Kubernetes schemas.</summary>
    private static byte[] Openapi(ReferenceLock referenceLock)
    {
        var definitions = new JsonObject();
        foreach (var schema in referenceLock.Kubernetes.Schemas)
        {
            var derived = JsonNode.Parse(File.ReadAllBytes(Reference.PathOf(schema.Path.Split('/'))))!.AsObject();
            derived.Remove("$schema");
            if (derived["x-kubernetes-group-version-kind"] is not null && derived["properties"] is JsonObject properties)
            {
                (properties["apiVersion"] as JsonObject)?.Remove("enum");
                (properties["kind"] as JsonObject)?.Remove("enum");
            }

            Underive(derived);
            definitions[schema.Definition] = derived;
        }

        var document = new JsonObject { ["swagger"] = "2.0", ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "unversioned" }, ["definitions"] = definitions };
        return Encoding.UTF8.GetBytes(document.ToJsonString());
    }

    /// <summary>Undoes <c>additionalProperties: false</c> and <c>[type, "null"]</c> everywhere.</summary>
    private static void Underive(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            if (obj["additionalProperties"] is JsonValue closed && closed.TryGetValue<bool>(out var allowed) && !allowed)
                obj.Remove("additionalProperties");
            if (obj["type"] is JsonArray { Count: 2 } types && (string?)types[1] == "null")
                obj["type"] = (string?)types[0];
            foreach (var (_, value) in obj.ToList())
                Underive(value);
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
                Underive(item);
        }
    }
}
