using System.Text.Json;
using System.Text.RegularExpressions;
using Observability.Dashboards;
using Observability.Dashboards.Platform;
using Observability.Rules.Validation;
using Observability.Stacks.Composition;
using Observability.Stacks.Modules;
using Observability.Stacks.Settings;
using Observability.Stacks.Tests.Support;
using Observability.TestSupport;
using YamlDotNet.RepresentationModel;

namespace Observability.Stacks.Tests.Composition;

/// <summary>
/// What Loki and the log agents receive: volumes the chart reads, caches sized by settings, credentials only where
/// the bucket is opened, read positions that survive restarts, and one log label schema written by both agents.
/// </summary>
public sealed partial class LoggingTests
{
    private static object? At(object? tree, string dotted)
    {
        var node = tree;
        foreach (var part in dotted.Split('.'))
        {
            if (node is OrderedDictionary<string, object?> map && map.TryGetValue(part, out var child))
                node = child;
            else if (node is List<object?> list && int.TryParse(part, out var index) && index < list.Count)
                node = list[index];
            else
                return null;
        }

        return node;
    }

    private static OrderedDictionary<string, object?> Loki(string stack) => TestStacks.Plan(stack).Release(StackConventions.LokiRelease).Values;

    // ---- (4) Loki volumes: persistence.claims[], as the chart's _workload.tpl reads them ----

    [Theory]
    [InlineData("compactor")]
    [InlineData("ingester")]
    public void Prod_loki_volumes_are_data_claims_with_the_stacks_size_class_and_access_mode(string component)
    {
        var values = Loki("prod");
        Assert.Equal(true, At(values, $"{component}.persistence.enabled"));
        var claims = Assert.IsType<List<object?>>(At(values, $"{component}.persistence.claims"));
        var claim = Assert.IsType<OrderedDictionary<string, object?>>(Assert.Single(claims));
        Assert.Equal("data", claim["name"]);
        Assert.Equal("20Gi", claim["size"]);
        Assert.Equal("gp3", claim["storageClass"]);
        Assert.Equal(["ReadWriteOnce"], Assert.IsType<List<object?>>(claim["accessModes"]));
        Assert.Null(At(values, $"{component}.persistence.size"));
        Assert.Null(At(values, $"{component}.persistence.storageClass"));
    }

    [ReferenceFact]
    public void The_pinned_loki_chart_defaults_to_a_data_claim_so_persistence_size_is_ignored()
    {
        // The reason the Ignored entries exist: while claims[] holds a claim named data, persistence.size is not read.
        var stream = new YamlStream();
        using (var reader = new StreamReader(Reference.ChartValues("loki", "18.11.0")))
            stream.Load(reader);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        foreach (var component in new[] { "compactor", "ingester" })
        {
            var persistence = (YamlMappingNode)((YamlMappingNode)root[component])["persistence"];
            var claims = (YamlSequenceNode)persistence["claims"];
            Assert.Contains(claims.Children, c => ((YamlScalarNode)((YamlMappingNode)c)["name"]).Value == "data");
        }
    }

    // ---- (10) caches sized from settings, credentials only where the bucket is opened ----

    [Fact]
    public void Loki_caches_are_sized_by_settings_with_defaults_far_below_the_charts_8_gib()
    {
        var prod = Loki("prod");
        Assert.Equal(1024, At(prod, "chunksCache.allocatedMemory"));
        Assert.Equal(256, At(prod, "resultsCache.allocatedMemory"));
        Assert.Equal(1, At(prod, "chunksCache.replicas"));
        Assert.Equal(1229, LokiValues.CacheRequestMb(new LokiCacheSettings { MemoryMb = 1024 })); // the chart's round(1024 × 1.2)
        Assert.Equal(9830, LokiValues.CacheRequestMb(new LokiCacheSettings { MemoryMb = 8192 }));  // what the chart default requested

        var settings = TestStacks.Settings("prod");
        var sized = EnvironmentComposer.Compose(settings with
        {
            Loki = settings.Loki with { ChunksCache = new() { MemoryMb = 4096, Replicas = 2 }, ResultsCache = new() { MemoryMb = 512 } },
        }).Release(StackConventions.LokiRelease).Values;
        Assert.Equal(4096, At(sized, "chunksCache.allocatedMemory"));
        Assert.Equal(2, At(sized, "chunksCache.replicas"));
        Assert.Equal(512, At(sized, "resultsCache.allocatedMemory"));

        Assert.Equal(false, At(Loki("dev"), "chunksCache.enabled"));
        Assert.Null(At(Loki("dev"), "chunksCache.allocatedMemory"));
    }

    [Fact]
    public void Only_the_loki_components_that_open_the_bucket_get_the_s3_credentials()
    {
        var prod = Loki("prod");
        Assert.Null(At(prod, "global"));
        var secretRef = LokiModule.S3Secret;
        bool HasCredentials(string component) =>
            At(prod, $"{component}.extraEnvFrom") is List<object?> envFrom &&
            envFrom.Any(e => Equals(At(e, "secretRef.name"), secretRef)) &&
            At(prod, $"{component}.extraArgs") is List<object?> args && args.Contains("-config.expand-env=true");

        foreach (var component in new[] { "ingester", "querier", "indexGateway", "compactor" })
            Assert.True(HasCredentials(component), $"{component} reads and writes the bucket but gets no credentials");
        foreach (var component in new[] { "distributor", "queryFrontend", "queryScheduler", "gateway", "chunksCache", "resultsCache", "singleBinary", "ruler" })
        {
            Assert.Null(At(prod, $"{component}.extraEnvFrom"));
            Assert.Null(At(prod, $"{component}.extraArgs"));
        }

        // Without analytics, no other component opens the bucket (Loki's usage reporter does in every one of them).
        Assert.Equal(false, At(prod, "loki.analytics.reporting_enabled"));

        // Monolithic on S3: the single binary does everything, so it gets them.
        var full = Loki("full");
        Assert.Null(At(full, "global"));
        Assert.Equal(secretRef, At(full, "singleBinary.extraEnvFrom.0.secretRef.name"));
        Assert.Null(At(Loki("dev"), "singleBinary.extraEnvFrom"));
    }

    // ---- (9) read positions on the node ----

    [Fact]
    public void Alloy_keeps_its_storage_path_with_the_read_positions_on_a_host_path()
    {
        var values = TestStacks.Plan("prod").Release(StackConventions.AlloyRelease).Values;
        var storagePath = Assert.IsType<string>(At(values, "alloy.storagePath"));
        Assert.False(storagePath.StartsWith("/tmp", StringComparison.Ordinal), "the chart default /tmp/alloy is the container's own, lost on restart");
        var mounts = Assert.IsType<List<object?>>(At(values, "alloy.mounts.extra"));
        var volumes = Assert.IsType<List<object?>>(At(values, "controller.volumes.extra"));
        AssertOnHostPath(storagePath, mounts, volumes);
    }

    [Fact]
    public void Promtail_keeps_its_positions_file_on_a_host_path()
    {
        var values = TestStacks.Plan("promtail").Release(StackConventions.PromtailRelease).Values;
        var positions = Assert.IsType<string>(At(values, "config.positions.filename"));
        AssertOnHostPath(positions, Assert.IsType<List<object?>>(At(values, "extraVolumeMounts")), Assert.IsType<List<object?>>(At(values, "extraVolumes")));
    }

    private static void AssertOnHostPath(string file, List<object?> mounts, List<object?> volumes)
    {
        var mount = mounts.Cast<OrderedDictionary<string, object?>>()
            .SingleOrDefault(m => file.StartsWith((string)m["mountPath"]! + "/", StringComparison.Ordinal));
        Assert.True(mount is not null, $"{file} lies on no mounted volume");
        var volume = volumes.Cast<OrderedDictionary<string, object?>>().Single(v => Equals(v["name"], mount!["name"]));
        Assert.Equal("DirectoryOrCreate", At(volume, "hostPath.type"));
        Assert.Equal(mount!["mountPath"], At(volume, "hostPath.path"));
    }

    // ---- (11) the traces → logs link ----

    /// <summary>The variables Grafana defines for a span link (createSpanLink.tsx: scopedVarsFromTrace, scopedVarsFromSpan; logsLink.tsx: __tags).</summary>
    private static readonly HashSet<string> GrafanaSpanVariables =
        ["__span.spanId", "__span.traceId", "__span.duration", "__span.name", "__trace.traceId", "__trace.duration", "__trace.name", "__tags"];

    [Fact]
    public void The_trace_to_logs_query_uses_only_variables_grafana_defines_and_what_the_pipeline_indexes()
    {
        var values = TestStacks.Plan("prod").Release(StackConventions.KubePrometheusStackRelease).Values;
        var sources = Assert.IsType<List<object?>>(At(values, "grafana.additionalDataSources"));
        var jaeger = sources.Single(d => Equals(At(d, "uid"), StackConventions.JaegerDatasourceUid));
        var query = Assert.IsType<string>(At(jaeger, "jsonData.tracesToLogsV2.query"));
        Assert.Equal(true, At(jaeger, "jsonData.tracesToLogsV2.customQuery"));

        // Provisioning turns $$ into $; then Grafana interpolates the span variables.
        var logql = query.Replace("$$", "$", StringComparison.Ordinal);
        var variables = GrafanaVariable().Matches(logql).Select(m => m.Groups["name"].Value).ToList();
        Assert.NotEmpty(variables);
        Assert.All(variables, v => Assert.True(GrafanaSpanVariables.Contains(v), $"{v} is no variable Grafana defines for a span (service.name is not among Jaeger's process tags)"));
        Assert.DoesNotContain("__span.tags", logql, StringComparison.Ordinal);

        var interpolated = GrafanaVariable().Replace(logql, "4bf92f3577b34da6a3ce929d0e0e4736");
        Assert.Null(DashboardValidator.LogQlProblem(interpolated));
        Assert.Empty(LogQueryChecks.Problems(interpolated));
        Assert.Equal($"{{{LogSchema.Namespace}=~\".+\"}} | {LogSchema.TraceId}=\"4bf92f3577b34da6a3ce929d0e0e4736\"", interpolated);
    }

    [GeneratedRegex(@"\$\{(?<name>[^}]+)\}")]
    private static partial Regex GrafanaVariable();

    // ---- (12) one label schema, both agents ----

    /// <summary>A pod as Kubernetes discovery describes it, and a CRI log line of the platform's JSON logs.</summary>
    private static readonly Dictionary<string, string> Pod = new()
    {
        ["__meta_kubernetes_namespace"] = "shop",
        ["__meta_kubernetes_pod_name"] = "checkout-7d9f8b6c5-x2k4q",
        ["__meta_kubernetes_pod_container_name"] = "app",
        ["__meta_kubernetes_pod_node_name"] = "node-1",
        ["__meta_kubernetes_pod_uid"] = "0a1b2c3d",
        ["__meta_kubernetes_pod_label_app"] = "checkout",
        ["__meta_kubernetes_pod_controller_name"] = "checkout-7d9f8b6c5",
    };

    private const string JsonLine = "2026-01-01T00:00:00.000000000Z stdout F {\"level\":\"error\",\"service\":\"checkout-api\",\"trace_id\":\"4bf92f35\",\"msg\":\"boom\",\"duration_ms\":12}";

    private const string PlainLine = "2026-01-01T00:00:00.000000000Z stderr F plain text, not JSON";

    public static TheoryData<string> Stacks() => ["dev", "prod"];

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Promtail_and_alloy_write_exactly_the_log_schemas_labels_and_metadata(string stack)
    {
        var settings = TestStacks.Settings(stack);
        var promtail = PromtailPipeline.From(EnvironmentComposer.Compose(settings with { LogAgent = LogAgentKind.Promtail }).Release(StackConventions.PromtailRelease).Values);
        var alloy = AlloyPipeline.From(EnvironmentComposer.Compose(settings with { LogAgent = LogAgentKind.Alloy }).Release(StackConventions.AlloyRelease).Values);

        var fromPromtail = promtail.Run(Pod, JsonLine);
        var fromAlloy = alloy.Run(Pod, JsonLine);
        Assert.Equal(Sorted(fromPromtail.Labels), Sorted(fromAlloy.Labels));
        Assert.Equal(Sorted(fromPromtail.Metadata), Sorted(fromAlloy.Metadata));
        Assert.Equal(LogSchema.LabelNames.Order(StringComparer.Ordinal), fromAlloy.Labels.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(LogSchema.MetadataNames, fromAlloy.Metadata.Keys);
        Assert.Equal(new Dictionary<string, string>
        {
            [LogSchema.Cluster] = settings.ClusterName,
            [LogSchema.Environment] = settings.Environment,
            [LogSchema.Namespace] = "shop",
            [LogSchema.Pod] = "checkout-7d9f8b6c5-x2k4q",
            [LogSchema.Container] = "app",
            [LogSchema.Node] = "node-1",
            [LogSchema.Service] = "checkout-api", // the line's service field wins over the pod's app label
            [LogSchema.Level] = "error",
        }, fromAlloy.Labels);
        Assert.Equal("4bf92f35", fromAlloy.Metadata[LogSchema.TraceId]);

        // A pod with only its container name and a line that is not JSON: the fallbacks, alike in both.
        var bare = Pod.Where(p => p.Key != "__meta_kubernetes_pod_label_app").ToDictionary();
        var plainPromtail = promtail.Run(bare, PlainLine);
        var plainAlloy = alloy.Run(bare, PlainLine);
        Assert.Equal(Sorted(plainPromtail.Labels), Sorted(plainAlloy.Labels));
        Assert.Equal("app", plainAlloy.Labels[LogSchema.Service]);
        Assert.False(plainAlloy.Labels.ContainsKey(LogSchema.Level));
        Assert.Empty(plainAlloy.Metadata);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Both_agents_read_the_pods_log_files_under_var_log_pods(string stack)
    {
        var settings = TestStacks.Settings(stack);
        var promtail = PromtailPipeline.From(EnvironmentComposer.Compose(settings with { LogAgent = LogAgentKind.Promtail }).Release(StackConventions.PromtailRelease).Values);
        var alloy = AlloyPipeline.From(EnvironmentComposer.Compose(settings with { LogAgent = LogAgentKind.Alloy }).Release(StackConventions.AlloyRelease).Values);
        Assert.Equal("/var/log/pods/*0a1b2c3d/app/*.log", Relabel(promtail.Rules, Pod)["__path__"]);
        Assert.Equal("/var/log/pods/*0a1b2c3d/app/*.log", Relabel(alloy.Rules, Pod)["__path__"]);
    }

    private static SortedDictionary<string, string> Sorted(Dictionary<string, string> map) => new(map, StringComparer.Ordinal);

    /// <summary>A relabelling rule as Prometheus applies it (action replace).</summary>
    private sealed record Rule(IReadOnlyList<string> Sources, string Target, string Separator, string Regex, string Replacement);

    /// <summary>The pipeline stages both agents offer, as read from their rendered configuration.</summary>
    private sealed record Stages(Dictionary<string, string> Json, Dictionary<string, string> Labels, Dictionary<string, string> Metadata, List<string> Drop);

    private sealed record Result(Dictionary<string, string> Labels, Dictionary<string, string> Metadata);

    private static Dictionary<string, string> Relabel(IEnumerable<Rule> rules, IReadOnlyDictionary<string, string> meta)
    {
        var labels = new Dictionary<string, string>(meta);
        foreach (var rule in rules)
        {
            var value = string.Join(rule.Separator, rule.Sources.Select(s => labels.GetValueOrDefault(s, "")));
            var match = new Regex($"^(?:{rule.Regex})$").Match(value);
            if (!match.Success)
                continue;
            var replaced = Regex.Replace(rule.Replacement, @"\$\{?(\d+)\}?", m => match.Groups[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)].Value);
            if (replaced.Length == 0)
                labels.Remove(rule.Target);
            else
                labels[rule.Target] = replaced;
        }

        return labels;
    }

    /// <summary>Discovery, then what a file target adds (filename), then cri → json → labels → structured_metadata → drop, then external labels.</summary>
    private static Result Run(IEnumerable<Rule> rules, Stages stages, Dictionary<string, string> external, IReadOnlyDictionary<string, string> pod, string line)
    {
        var target = Relabel(rules, pod);
        var labels = target.Where(l => !l.Key.StartsWith("__", StringComparison.Ordinal)).ToDictionary();
        labels["filename"] = target["__path__"].Replace("*", "", StringComparison.Ordinal);
        var content = line.Split(' ', 4)[3];
        var extracted = new Dictionary<string, string>();
        try
        {
            using var json = JsonDocument.Parse(content);
            foreach (var (name, field) in stages.Json)
            {
                if (json.RootElement.TryGetProperty(field, out var value))
                    extracted[name] = value.ToString();
            }
        }
        catch (JsonException)
        {
            // Not JSON: both agents' json stages extract nothing.
        }

        foreach (var (label, source) in stages.Labels)
        {
            if (extracted.TryGetValue(source.Length == 0 ? label : source, out var value))
                labels[label] = value;
        }

        var metadata = new Dictionary<string, string>();
        foreach (var (name, source) in stages.Metadata)
        {
            if (extracted.TryGetValue(source.Length == 0 ? name : source, out var value))
                metadata[name] = value;
        }

        foreach (var drop in stages.Drop)
            labels.Remove(drop);
        foreach (var (name, value) in external)
            labels[name] = value;
        return new Result(labels, metadata);
    }

    /// <summary>Promtail's rendered configuration: our scrape config (YAML text) and the client's external labels.</summary>
    private sealed record PromtailPipeline(List<Rule> Rules, Stages Stages, Dictionary<string, string> External)
    {
        public static PromtailPipeline From(OrderedDictionary<string, object?> values)
        {
            var text = Assert.IsType<string>(At(values, "config.snippets.scrapeConfigs"));
            Assert.DoesNotContain("{{", text, StringComparison.Ordinal); // the chart runs it through tpl
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            var job = (YamlMappingNode)Assert.Single(((YamlSequenceNode)stream.Documents[0].RootNode).Children);
            string? Scalar(YamlMappingNode map, string key) =>
                map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? ((YamlScalarNode)node).Value : null;
            var rules = ((YamlSequenceNode)job["relabel_configs"]).Children.Cast<YamlMappingNode>().Select(r => new Rule(
                [.. ((YamlSequenceNode)r["source_labels"]).Children.Cast<YamlScalarNode>().Select(s => s.Value!)],
                Scalar(r, "target_label")!, Scalar(r, "separator") ?? ";", Scalar(r, "regex") ?? "(.*)", Scalar(r, "replacement") ?? "$1")).ToList();
            Assert.All(((YamlSequenceNode)job["relabel_configs"]).Children.Cast<YamlMappingNode>(), r => Assert.Null(Scalar(r, "action")));

            Dictionary<string, string> MapOf(YamlNode node) => ((YamlMappingNode)node).Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value ?? "");
            var stages = new Stages([], [], [], []);
            var names = new List<string>();
            foreach (var stage in ((YamlSequenceNode)job["pipeline_stages"]).Children.Cast<YamlMappingNode>())
            {
                var (key, body) = Assert.Single(stage.Children);
                var name = ((YamlScalarNode)key).Value!;
                names.Add(name);
                switch (name)
                {
                    case "json": stages = stages with { Json = MapOf(((YamlMappingNode)body)["expressions"]) }; break;
                    case "labels": stages = stages with { Labels = MapOf(body) }; break;
                    case "structured_metadata": stages = stages with { Metadata = MapOf(body) }; break;
                    case "labeldrop": stages = stages with { Drop = [.. ((YamlSequenceNode)body).Children.Cast<YamlScalarNode>().Select(s => s.Value!)] }; break;
                }
            }

            Assert.Equal(["cri", "json", "labels", "structured_metadata", "labeldrop"], names);
            var external = ((OrderedDictionary<string, object?>)At(values, "config.clients.0.external_labels")!).ToDictionary(e => e.Key, e => (string)e.Value!);
            return new PromtailPipeline(rules, stages, external);
        }

        public Result Run(IReadOnlyDictionary<string, string> pod, string line) => LoggingTests.Run(Rules, Stages, External, pod, line);
    }

    /// <summary>Alloy's rendered configuration, read back from its text (one attribute per line, as AlloyWriter writes it).</summary>
    private sealed partial record AlloyPipeline(List<Rule> Rules, Stages Stages, Dictionary<string, string> External)
    {
        public static AlloyPipeline From(OrderedDictionary<string, object?> values)
        {
            var text = Assert.IsType<string>(At(values, "alloy.configMap.content"));
            var rules = new List<Rule>();
            var stages = new Stages([], [], [], []);
            var external = new Dictionary<string, string>();
            var blocks = new Stack<string>();
            Dictionary<string, string>? rule = null;
            var stageNames = new List<string>();
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim();
                if (line.EndsWith('{'))
                {
                    var name = line[..line.IndexOf(' ', StringComparison.Ordinal)];
                    blocks.Push(name);
                    if (name == "rule")
                        rule = [];
                    if (name.StartsWith("stage.", StringComparison.Ordinal))
                        stageNames.Add(name);
                    continue;
                }

                if (line == "}")
                {
                    if (blocks.Pop() == "rule" && rule is not null)
                    {
                        rules.Add(new Rule(
                            JsonSerializer.Deserialize<List<string>>(rule["source_labels"])!, JsonSerializer.Deserialize<string>(rule["target_label"])!,
                            rule.TryGetValue("separator", out var s) ? JsonSerializer.Deserialize<string>(s)! : ";",
                            rule.TryGetValue("regex", out var r) ? JsonSerializer.Deserialize<string>(r)! : "(.*)",
                            rule.TryGetValue("replacement", out var p) ? JsonSerializer.Deserialize<string>(p)! : "$1"));
                        Assert.False(rule.ContainsKey("action"));
                        rule = null;
                    }

                    continue;
                }

                var attribute = Attribute().Match(line);
                if (!attribute.Success || blocks.Count == 0)
                    continue;
                var (key, value) = (attribute.Groups["key"].Value, attribute.Groups["value"].Value);
                switch (blocks.Peek())
                {
                    case "rule": rule![key] = value; break;
                    case "stage.json" when key == "expressions": stages = stages with { Json = Object(value) }; break;
                    case "stage.labels" when key == "values": stages = stages with { Labels = Object(value) }; break;
                    case "stage.structured_metadata" when key == "values": stages = stages with { Metadata = Object(value) }; break;
                    case "stage.label_drop" when key == "values": stages = stages with { Drop = JsonSerializer.Deserialize<List<string>>(value)! }; break;
                    case "loki.write" when key == "external_labels": external = Object(value); break;
                }
            }

            Assert.Equal(["stage.cri", "stage.json", "stage.labels", "stage.structured_metadata", "stage.label_drop"], stageNames);
            return new AlloyPipeline(rules, stages, external);
        }

        private static Dictionary<string, string> Object(string value) =>
            Entry().Matches(value).ToDictionary(m => m.Groups["key"].Value, m => JsonSerializer.Deserialize<string>(m.Groups["value"].Value)!);

        public Result Run(IReadOnlyDictionary<string, string> pod, string line) => LoggingTests.Run(Rules, Stages, External, pod, line);

        [GeneratedRegex(@"^(?<key>[a-z_]+) = (?<value>.+)$")]
        private static partial Regex Attribute();

        [GeneratedRegex("(?<key>[A-Za-z_][A-Za-z0-9_]*) = (?<value>\"(?:[^\"\\\\]|\\\\.)*\")")]
        private static partial Regex Entry();
    }
}
