using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Observability.Stacks.ReferenceData;

/// <summary>
/// Fetches the reference data the tests read from where it comes from, and checks every file against the lock:
/// each pinned chart's package from its Helm repository (index.yaml → .tgz, checked against the index's digest), its
/// values.yaml / values.schema.json and (kube-prometheus-stack) CRD manifests, from which it derives the faithful and
/// strict CRD schemas; the Kubernetes OpenAPI document (checked against the lock's digest), from which it derives the
/// Kubernetes schemas. A file is written only when its sha256 equals the lock's; every mismatch is reported at once.
/// </summary>
public sealed class ReferenceFetcher(HttpClient http, TextWriter log)
{
    /// <summary>
    /// Fetch every URL through this base instead: <c>https://host/path</c> becomes <c>{mirror}/host/path</c>
    /// (an artifact proxy; the tests' loopback server). Null fetches from the origins.
    /// </summary>
    public Uri? Mirror { get; init; }

    private readonly Dictionary<Uri, byte[]> indexes = [];

    public sealed record Result(IReadOnlyList<string> Written, IReadOnlyList<string> Problems)
    {
        public bool Ok => Problems.Count == 0;
    }

    public async Task<Result> FetchAsync(ReferenceLock referenceLock, string outDir, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(referenceLock);
        var problems = new List<string>();
        var verified = new List<(LockedFile File, byte[] Bytes)>();

        foreach (var chart in referenceLock.Charts)
        {
            try
            {
                var entries = await ChartPackage(chart, cancel).ConfigureAwait(false);
                foreach (var file in chart.Files)
                    Check(file, Entry(entries, chart, file.Entry), verified, problems);
                foreach (var crd in chart.Crds ?? [])
                {
                    var schemas = CrdSchemas.Read(Encoding.UTF8.GetString(Entry(entries, chart, crd.Entry)), $"{chart.Name}-{chart.Version}.tgz:{crd.Entry}");
                    if (schemas.Kind != crd.Kind)
                        throw new InvalidDataException($"{chart.Name}-{chart.Version}.tgz:{crd.Entry}: expected the CRD of {crd.Kind}, found {schemas.Kind}");
                    Check(crd.Faithful, SchemaJson.Serialize(schemas.Faithful, 1), verified, problems);
                    Check(crd.Strict, SchemaJson.Serialize(CrdSchemas.Strict(schemas), 1), verified, problems);
                }
            }
            catch (Exception e) when (e is HttpRequestException or InvalidDataException or TaskCanceledException or IOException or YamlDotNet.Core.YamlException or System.Text.Json.JsonException)
            {
                problems.Add($"chart {chart.Name} {chart.Version} ({chart.Repository}): {e.Message}");
            }
        }

        try
        {
            var k8s = referenceLock.Kubernetes;
            var openapi = await Download(new Uri(k8s.Openapi), cancel).ConfigureAwait(false);
            var digest = Sha256(openapi);
            if (digest != k8s.Sha256)
                throw new InvalidDataException($"sha256 {digest}, but the lock says {k8s.Sha256}");
            var schemas = new KubernetesSchemas(SchemaJson.Parse(openapi));
            foreach (var schema in k8s.Schemas)
                Check(schema, SchemaJson.Serialize(schemas.Schema(schema.Definition), 2), verified, problems);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidDataException or TaskCanceledException or IOException or System.Text.Json.JsonException)
        {
            problems.Add($"Kubernetes OpenAPI document {referenceLock.Kubernetes.Openapi}: {e.Message}");
        }

        if (problems.Count > 0)
            return new Result([], problems);

        var written = new List<string>();
        foreach (var (file, bytes) in verified)
        {
            var path = Path.Combine(outDir, file.Path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, bytes, cancel).ConfigureAwait(false);
            written.Add(file.Path);
        }

        return new Result(written, []);
    }

    /// <summary>Checks every file of an existing folder against the lock (what the tests would read).</summary>
    public static IReadOnlyList<string> Verify(ReferenceLock referenceLock, string dir)
    {
        ArgumentNullException.ThrowIfNull(referenceLock);
        var problems = new List<string>();
        foreach (var file in referenceLock.Files)
        {
            var path = Path.Combine(dir, file.Path.Replace('/', Path.DirectorySeparatorChar));
            if (!File.Exists(path))
                problems.Add($"{file.Path}: missing");
            else if (Sha256(File.ReadAllBytes(path)) is var digest && digest != file.Sha256)
                problems.Add($"{file.Path}: sha256 {digest}, but the lock says {file.Sha256}");
        }

        return problems;
    }

    private static void Check(LockedFile file, byte[] bytes, List<(LockedFile, byte[])> verified, List<string> problems)
    {
        var digest = Sha256(bytes);
        if (digest == file.Sha256)
            verified.Add((file, bytes));
        else
            problems.Add($"{file.Path}: sha256 {digest}, but the lock says {file.Sha256} (the upstream file changed, or the lock is stale: review the file, then update stacks/ReferenceData/reference.lock.json)");
    }

    private static byte[] Entry(Dictionary<string, byte[]> entries, LockedChart chart, string entry) =>
        entries.TryGetValue(entry, out var bytes)
            ? bytes
            : throw new InvalidDataException($"{chart.Name}-{chart.Version}.tgz has no {chart.Name}/{entry}");

    /// <summary>The chart's package: index.yaml of its repository → the version's first URL → the files of its .tgz, by path below the chart folder.</summary>
    private async Task<Dictionary<string, byte[]>> ChartPackage(LockedChart chart, CancellationToken cancel)
    {
        var indexUrl = new Uri(chart.Repository.TrimEnd('/') + "/index.yaml");
        if (!indexes.TryGetValue(indexUrl, out var indexBytes))
            indexes[indexUrl] = indexBytes = await Download(indexUrl, cancel).ConfigureAwait(false); // one download per repository
        var index = new YamlStream();
        using (var reader = new StringReader(Encoding.UTF8.GetString(indexBytes)))
            index.Load(reader);
        var root = index.Documents.Count == 1 ? index.Documents[0].RootNode as YamlMappingNode : null;
        if (root?.Children.TryGetValue(new YamlScalarNode("entries"), out var entriesNode) != true || entriesNode is not YamlMappingNode entries)
            throw new InvalidDataException($"{indexUrl}: not a Helm repository index (no entries)");
        if (!entries.Children.TryGetValue(new YamlScalarNode(chart.Name), out var versionsNode) || versionsNode is not YamlSequenceNode versions)
            throw new InvalidDataException($"{indexUrl}: the repository has no chart {chart.Name}");
        var release = versions.Children.OfType<YamlMappingNode>().FirstOrDefault(v => Scalar(v, "version") == chart.Version)
            ?? throw new InvalidDataException($"{indexUrl}: the repository has no version {chart.Version} of {chart.Name}");
        var url = release.Children.TryGetValue(new YamlScalarNode("urls"), out var urls) && urls is YamlSequenceNode { Children.Count: > 0 } list
            ? ((YamlScalarNode)list.Children[0]).Value!
            : throw new InvalidDataException($"{indexUrl}: {chart.Name} {chart.Version} has no urls");
        var packageUrl = new Uri(indexUrl, url);
        var package = await Download(packageUrl, cancel).ConfigureAwait(false);
        if (Scalar(release, "digest") is { Length: > 0 } expected && Sha256(package) != expected)
            throw new InvalidDataException($"{packageUrl}: sha256 {Sha256(package)}, but the repository index says {expected}");
        log.WriteLine($"  {chart.Name} {chart.Version}: {packageUrl} ({package.Length} bytes)");
        return Untar(package, chart.Name + "/");
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    private static Dictionary<string, byte[]> Untar(byte[] tgz, string prefix)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var gzip = new GZipStream(new MemoryStream(tgz), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                continue;
            var name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
            if (!name.StartsWith(prefix, StringComparison.Ordinal))
                continue;
            using var buffer = new MemoryStream();
            entry.DataStream.CopyTo(buffer);
            files[name[prefix.Length..]] = buffer.ToArray();
        }

        return files;
    }

    private async Task<byte[]> Download(Uri url, CancellationToken cancel)
    {
        var target = Through(url);
        using var response = await http.GetAsync(target, cancel).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"GET {target}: {(int)response.StatusCode} {response.ReasonPhrase}");
        return await response.Content.ReadAsByteArrayAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>The URL to request: the origin's, or the mirror's <c>{mirror}/host/path</c>.</summary>
    public Uri Through(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (Mirror is null || url.Host == Mirror.Host && url.Port == Mirror.Port)
            return url;
        return new Uri(Mirror.AbsoluteUri.TrimEnd('/') + "/" + url.Host + url.PathAndQuery);
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
