using Observability.Stacks.Composition;
using Observability.Stacks.Modules;
using Observability.Stacks.Tests.Support;
using Observability.TestSupport;
using YamlDotNet.RepresentationModel;

namespace Observability.Stacks.Tests.Composition;

/// <summary>Every values key path we set exists in the pinned chart's values.yaml, or is covered by the allow-list.</summary>
public sealed class ChartValuesTests
{
    public static TheoryData<string, string> Releases()
    {
        var data = new TheoryData<string, string>();
        foreach (var stack in TestStacks.Names)
        {
            foreach (var release in TestStacks.Plan(stack).Releases)
                data.Add(stack, release.Name);
        }

        return data;
    }

    [ReferenceTheory]
    [MemberData(nameof(Releases))]
    public void Every_values_key_path_exists_in_the_pinned_chart(string stack, string releaseName)
    {
        var release = TestStacks.Plan(stack).Release(releaseName);
        var chart = Load(Reference.ChartValues(release.Chart, release.Version));
        YamlMappingNode? grafana = release.Chart == "kube-prometheus-stack"
            ? Load(Reference.ChartValues(MetricsModule.GrafanaSubchart.Chart, MetricsModule.GrafanaSubchart.Version))
            : null;

        var missing = new List<string>();
        Walk(release.Chart, release.Values, chart, grafana, "", missing);

        Assert.True(missing.Count == 0,
            $"{stack}/{releaseName}: values paths missing from {release.Chart} {release.Version} values.yaml and not allow-listed:\n  " + string.Join("\n  ", missing));
    }

    [Theory]
    [MemberData(nameof(Releases))]
    public void No_values_key_is_one_the_chart_ignores(string stack, string releaseName)
    {
        var release = TestStacks.Plan(stack).Release(releaseName);
        var paths = new List<string>();
        Paths(release.Values, "", paths);
        var ignored = paths
            .SelectMany(p => ChartValuesAllowList.Ignored
                .Where(e => e.Chart == release.Chart && (p == e.Path || p.StartsWith(e.Path + ".", StringComparison.Ordinal)))
                .Select(e => $"{p}: {e.Reason}"))
            .ToList();
        Assert.True(ignored.Count == 0, $"{stack}/{releaseName} sets keys {release.Chart} {release.Version} ignores:\n  " + string.Join("\n  ", ignored));
    }

    [ReferenceFact]
    public void Every_ignored_path_exists_in_the_pinned_chart()
    {
        // An ignored key must be a real key of the chart (else it is a typo, which the path test already catches).
        foreach (var (chart, path, reason) in ChartValuesAllowList.Ignored)
        {
            Assert.False(string.IsNullOrWhiteSpace(reason), $"{chart} {path} has no reason");
            var version = PinnedVersion(chart);
            Assert.True(Find(Load(Reference.ChartValues(chart, version)), path) is not null, $"{chart} {path} is listed as ignored but is no key of {chart} {version}");
            Assert.True(ChartValuesAllowList.Covering(chart, path) is null, $"{chart} {path} is both ignored and allow-listed as free-form");
        }
    }

    /// <summary>The chart's pinned version, read from its module (the one place a pin lives).</summary>
    private static string PinnedVersion(string chart) => ModuleCatalog.Chart(chart).Version;

    private static void Paths(OrderedDictionary<string, object?> values, string prefix, List<string> paths)
    {
        foreach (var (key, value) in values)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            paths.Add(path);
            if (value is OrderedDictionary<string, object?> map)
                Paths(map, path, paths);
        }
    }

    [ReferenceFact]
    public void Every_allow_list_entry_is_used_or_names_a_path_the_chart_lacks()
    {
        foreach (var (chart, path, reason) in ChartValuesAllowList.Entries)
        {
            Assert.False(string.IsNullOrWhiteSpace(reason), $"{chart} {path} has no reason");
            var version = PinnedVersion(chart);
            var node = Find(Load(Reference.ChartValues(chart, version)), path);
            // Allow-listed paths are either absent, or present but free-form (an empty map, null or a scalar block).
            Assert.True(node is null || node is YamlScalarNode || node is YamlMappingNode { Children.Count: 0 } || path.EndsWith("limits_config", StringComparison.Ordinal) || path.EndsWith("grafana.ini", StringComparison.Ordinal),
                $"{chart} {path} is allow-listed but the chart spells out its keys: check them instead");
        }
    }

    private static void Walk(string chart, OrderedDictionary<string, object?> ours, YamlMappingNode? theirs, YamlMappingNode? grafana, string prefix, List<string> missing)
    {
        foreach (var (key, value) in ours)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (ChartValuesAllowList.Covering(chart, path) is not null)
                continue;

            var node = Child(theirs, key);
            if (node is null && grafana is not null && path.StartsWith("grafana.", StringComparison.Ordinal))
                node = Find(grafana, path["grafana.".Length..]);
            if (node is null)
            {
                missing.Add(path);
                continue;
            }

            if (value is OrderedDictionary<string, object?> map && map.Count > 0)
            {
                var childMap = node as YamlMappingNode;
                if (childMap is null || childMap.Children.Count == 0)
                {
                    missing.Add($"{path} (the chart leaves it free-form: allow-list it with a reason)");
                    continue;
                }

                Walk(chart, map, childMap, grafana, path, missing);
            }
        }
    }

    private static YamlNode? Child(YamlMappingNode? map, string key) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static YamlNode? Find(YamlMappingNode root, string dotted)
    {
        YamlNode? node = root;
        foreach (var part in SplitPath(dotted))
        {
            node = Child(node as YamlMappingNode, part);
            if (node is null)
                return null;
        }

        return node;
    }

    /// <summary>Splits a dotted path, keeping keys that contain dots (grafana.ini, auth.anonymous) whole where the chart has them.</summary>
    private static IEnumerable<string> SplitPath(string dotted) =>
        dotted.Replace("grafana.ini", "grafana\u0001ini", StringComparison.Ordinal).Split('.').Select(p => p.Replace('\u0001', '.'));

    private static readonly Dictionary<string, YamlMappingNode> Cache = [];

    private static YamlMappingNode Load(string path)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(path, out var root))
            {
                var stream = new YamlStream();
                using var reader = new StreamReader(path);
                stream.Load(reader);
                root = (YamlMappingNode)stream.Documents[0].RootNode;
                Cache[path] = root;
            }

            return root;
        }
    }
}
