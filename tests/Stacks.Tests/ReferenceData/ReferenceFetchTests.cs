using System.Text;
using System.Text.Json.Nodes;
using Observability.Stacks.Cli;
using Observability.Stacks.Modules;
using Observability.Stacks.ReferenceData;
using Observability.Stacks.Settings;
using Observability.TestSupport;

namespace Observability.Stacks.Tests.ReferenceData;

/// <summary>
/// `reference fetch` against a loopback copy of upstream (Helm repositories and the Kubernetes OpenAPI document rebuilt
/// from the reference data): what it writes, the derived CRD and Kubernetes schemas included, equals the reference data
/// byte for byte; a file that differs from the lock, a package that differs from its index digest, or an OpenAPI
/// document that differs from the lock's digest fails with its name, and nothing is written.
/// </summary>
public sealed class ReferenceFetchTests
{
    private static readonly ReferenceLock Lock = ReferenceLock.Embedded;

    private static async Task<(ReferenceFetcher.Result Result, LoopbackServer Server, TempDir Out)> Fetch(
        ReferenceLock referenceLock, Func<string, byte[], byte[]>? tamper = null, bool realOpenapiDigest = false)
    {
        var (files, openapiSha) = UpstreamFixture.Build(referenceLock, tamper);
        var server = new LoopbackServer(files);
        var lockForServer = realOpenapiDigest ? referenceLock : referenceLock with { Kubernetes = referenceLock.Kubernetes with { Sha256 = openapiSha } };
        var outDir = new TempDir("reference-fetch");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var result = await new ReferenceFetcher(http, TextWriter.Null) { Mirror = server.BaseUrl }.FetchAsync(lockForServer, outDir.Path);
        return (result, server, outDir);
    }

    [ReferenceFact]
    public async Task Fetch_writes_exactly_the_reference_data_byte_for_byte_derived_schemas_included()
    {
        var (result, server, outDir) = await Fetch(Lock);
        using (server)
        using (outDir)
        {
            Assert.True(result.Ok, string.Join("\n", result.Problems));
            var expected = Lock.Files.Select(f => f.Path).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, result.Written.Order(StringComparer.Ordinal));
            Assert.Contains("crds/strict/PrometheusRule.json", expected);
            Assert.Contains("kubernetes/ConfigMap.json", expected);
            foreach (var path in expected)
            {
                var fetched = File.ReadAllBytes(Path.Combine(outDir.Path, path));
                var reference = File.ReadAllBytes(Observability.TestSupport.Reference.PathOf(path.Split('/')));
                Assert.True(fetched.AsSpan().SequenceEqual(reference), $"{path}: the fetched file differs from the reference data ({fetched.Length} vs {reference.Length} bytes)");
            }

            Assert.Empty(ReferenceFetcher.Verify(Lock, outDir.Path));

            // Only what is needed: each repository's index, each pinned package, the OpenAPI document; nothing else.
            var requested = server.Requests.Order(StringComparer.Ordinal).ToList();
            Assert.Equal(requested.Distinct().Count(), requested.Count);
            Assert.Equal(Lock.Charts.Select(c => c.Repository).Distinct().Count() + Lock.Charts.Count + 1, requested.Count);
            Assert.All(requested, r => Assert.True(r.EndsWith("/index.yaml", StringComparison.Ordinal) || r.EndsWith(".tgz", StringComparison.Ordinal) || r == UpstreamFixture.OpenapiPath, r));
            Assert.DoesNotContain(requested, r => r.Contains("999.0.0", StringComparison.Ordinal));
        }
    }

    [ReferenceFact]
    public async Task A_file_that_differs_from_the_lock_fails_with_its_path_and_nothing_is_written()
    {
        var (result, server, outDir) = await Fetch(Lock, tamper: (entry, bytes) =>
            entry == "loki/values.yaml" ? [.. bytes, .. "\n# changed upstream\n"u8.ToArray()] : bytes);
        using (server)
        using (outDir)
        {
            var problem = Assert.Single(result.Problems);
            Assert.StartsWith("charts/loki/18.11.0/values.yaml: sha256 ", problem, StringComparison.Ordinal);
            Assert.Contains("but the lock says 10b9d980c8b807bbfe51cfc459e7518c3c0256646734c70f1e4ff3e559fc5849", problem, StringComparison.Ordinal);
            Assert.Empty(result.Written);
            Assert.Empty(Directory.EnumerateFileSystemEntries(outDir.Path));
        }
    }

    [ReferenceFact]
    public async Task A_changed_CRD_changes_its_derived_schemas_and_fails_them_both()
    {
        var (result, server, outDir) = await Fetch(Lock, tamper: (entry, bytes) =>
            entry.EndsWith("crd-servicemonitors.yaml", StringComparison.Ordinal)
                ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("\"description\":\"", "\"description\":\"Changed. ", StringComparison.Ordinal))
                : bytes);
        using (server)
        using (outDir)
        {
            Assert.Equal(["crds/ServiceMonitor.json", "crds/strict/ServiceMonitor.json"], result.Problems.Select(p => p[..p.IndexOf(':', StringComparison.Ordinal)]));
        }
    }

    [ReferenceFact]
    public async Task An_openapi_document_that_differs_from_the_locked_digest_is_refused()
    {
        var (result, server, outDir) = await Fetch(Lock, realOpenapiDigest: true);
        using (server)
        using (outDir)
        {
            var problem = Assert.Single(result.Problems);
            Assert.StartsWith($"Kubernetes OpenAPI document {Lock.Kubernetes.Openapi}: sha256 ", problem, StringComparison.Ordinal);
            Assert.EndsWith($"but the lock says {Lock.Kubernetes.Sha256}", problem, StringComparison.Ordinal);
        }
    }

    [ReferenceFact]
    public async Task A_package_that_differs_from_its_index_digest_is_refused()
    {
        var (files, openapiSha) = UpstreamFixture.Build(Lock);
        var package = files.Keys.Single(k => k.EndsWith("/jaeger-4.11.1.tgz", StringComparison.Ordinal));
        files[package] = [.. files[package], 0];
        using var server = new LoopbackServer(files);
        using var outDir = new TempDir("reference-fetch");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        var result = await new ReferenceFetcher(http, TextWriter.Null) { Mirror = server.BaseUrl }
            .FetchAsync(Lock with { Kubernetes = Lock.Kubernetes with { Sha256 = openapiSha } }, outDir.Path);

        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("chart jaeger 4.11.1 (https://jaegertracing.github.io/helm-charts): ", problem, StringComparison.Ordinal);
        Assert.Contains("but the repository index says", problem, StringComparison.Ordinal);
    }

    [ReferenceFact]
    public void The_command_fetches_through_the_mirror_and_reports_every_problem_with_exit_code_1()
    {
        // The command carries the real lock, whose OpenAPI digest the rebuilt document cannot have: everything else passes.
        var (files, _) = UpstreamFixture.Build(Lock);
        using var server = new LoopbackServer(files);
        using var outDir = new TempDir("reference-fetch");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = StacksCli.Run(["reference", "fetch", "--mirror", server.BaseUrl.AbsoluteUri, "--out", outDir.Path, "--timeout", "30"], stdout, stderr, Repo.Root);

        Assert.Equal(1, exit);
        Assert.Contains($"through {server.BaseUrl}", stdout.ToString(), StringComparison.Ordinal);
        var kps = MetricsModule.Chart.Version;
        Assert.Contains($"kube-prometheus-stack {kps}: https://github.com/prometheus-community/helm-charts/releases/download/kube-prometheus-stack-{kps}/kube-prometheus-stack-{kps}.tgz", stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal(
            ["error: the reference data has 1 problem (nothing was written):", $"  Kubernetes OpenAPI document {Lock.Kubernetes.Openapi}: sha256 "],
            stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select((l, i) => i == 1 ? l[..l.IndexOf("sha256 ", StringComparison.Ordinal)] + "sha256 " : l));
        Assert.Empty(Directory.EnumerateFileSystemEntries(outDir.Path));
    }

    [ReferenceFact]
    public void Verify_checks_a_folder_against_the_lock()
    {
        var stdout = new StringWriter();
        var exit = StacksCli.Run(["reference", "verify", "--dir", Observability.TestSupport.Reference.Directory], stdout, TextWriter.Null, Repo.Root);

        Assert.Equal(0, exit);
        Assert.Contains($"{Lock.Files.Count()} files match the lock", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_lock_pins_the_charts_the_stacks_deploy_and_the_tests_read_one_file_each()
    {
        // Every chart a module pins (read from the modules, the one place a pin lives), and nothing else.
        var byName = Lock.Charts.ToDictionary(c => c.Name);
        Assert.Equal(ModuleCatalog.PinnedCharts.Select(c => c.Chart).Order(StringComparer.Ordinal), byName.Keys.Order(StringComparer.Ordinal));
        foreach (var pin in ModuleCatalog.PinnedCharts)
        {
            Assert.Equal(pin.Version, byName[pin.Chart].Version);
            Assert.Equal(pin.Repository, byName[pin.Chart].Repository);
        }

        Assert.Equal(Lock.Files.Count(), Lock.Files.Select(f => f.Path).Distinct().Count());
        Assert.All(Lock.Files, f => Assert.Matches("^[0-9a-f]{64}$", f.Sha256));
        Assert.Equal(Observability.TestSupport.Reference.CacheFolder, ReferenceCommands.CacheFolder);
        Assert.Equal(Observability.TestSupport.Reference.EnvironmentVariable, ReferenceCommands.EnvironmentVariable);
    }

    [Fact]
    public void Mirror_urls_keep_host_and_path()
    {
        var fetcher = new ReferenceFetcher(new HttpClient(), TextWriter.Null) { Mirror = new Uri("http://127.0.0.1:8080/cache/") };

        Assert.Equal("http://127.0.0.1:8080/cache/grafana.github.io/helm-charts/index.yaml",
            fetcher.Through(new Uri("https://grafana.github.io/helm-charts/index.yaml")).AbsoluteUri);
    }

    [Fact]
    public void Kubernetes_schemas_expand_refs_drop_their_siblings_and_null_only_optional_fields()
    {
        var swagger = JsonNode.Parse("""
            {"swagger": "2.0", "definitions": {
              "io.k8s.api.core.v1.Thing": {"description": "A thing.", "required": ["spec"], "type": "object",
                "properties": {
                  "apiVersion": {"type": "string"}, "kind": {"type": "string"},
                  "metadata": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "description": "dropped"},
                  "spec": {"$ref": "#/definitions/io.k8s.api.core.v1.ThingSpec"}},
                "x-kubernetes-group-version-kind": [{"group": "", "kind": "Thing", "version": "v1"}]},
              "io.k8s.api.core.v1.ThingSpec": {"type": "object", "required": ["port"],
                "properties": {"port": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString"}, "size": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity"}, "note": {"type": "string"}}},
              "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": {"description": "Meta.", "type": "object", "properties": {"name": {"type": "string"}}},
              "io.k8s.apimachinery.pkg.util.intstr.IntOrString": {"type": "string", "format": "int-or-string"},
              "io.k8s.apimachinery.pkg.api.resource.Quantity": {"type": "string"}}}
            """)!;

        var schema = new KubernetesSchemas(swagger).Schema("io.k8s.api.core.v1.Thing");

        Assert.Equal(
            """{"description":"A thing.","required":["spec"],"type":"object","properties":{"apiVersion":{"type":["string","null"],"enum":["v1"]},"kind":{"type":["string","null"],"enum":["Thing"]},"metadata":{"description":"Meta.","type":["object","null"],"properties":{"name":{"type":["string","null"]}},"additionalProperties":false},"spec":{"type":["object","null"],"required":["port"],"properties":{"port":{"oneOf":[{"type":["string","null"]},{"type":["integer","null"]}]},"size":{"oneOf":[{"type":["string","null"]},{"type":["number","null"]}]},"note":{"type":["string","null"]}},"additionalProperties":false}},"x-kubernetes-group-version-kind":[{"group":"","kind":"Thing","version":"v1"}],"additionalProperties":false,"$schema":"http://json-schema.org/draft-07/schema#"}""",
            schema.ToJsonString());
    }
}
