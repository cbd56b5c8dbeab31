using Observability.Stacks.Composition;
using Observability.Stacks.Tests.Support;
using Observability.TestSupport;
using YamlDotNet.RepresentationModel;

namespace Observability.Stacks.Tests.Composition;

/// <summary>
/// <see cref="ChartConventions"/> against what the pinned charts really rendered from dev's and prod's values
/// (../shared/reference/rendered/cc97025/&lt;stack&gt;/&lt;release&gt;.yaml, Helm 4.1.4): the names, selectors, labels and ports
/// the cross-reference tests rely on are the charts' own.
/// </summary>
public sealed class ChartConventionsTests
{
    private sealed record Rendered(string Kind, string Namespace, string Name, YamlMappingNode Node);

    public static TheoryData<string> Stacks() => new("dev", "prod");

    [RenderedTheory]
    [MemberData(nameof(Stacks))]
    public void Every_service_the_conventions_name_is_rendered_with_that_selector_labels_and_ports(string stack)
    {
        var inventory = ChartConventions.Inventory(TestStacks.Settings(stack));
        var rendered = Load(stack);
        var problems = new List<string>();
        foreach (var svc in inventory.Services)
        {
            var found = rendered.FirstOrDefault(r => r.Kind == "Service" && r.Namespace == svc.Namespace && r.Name == svc.Name);
            if (found is null)
            {
                problems.Add($"Service {svc.Namespace}/{svc.Name} ({svc.Release}) is not rendered");
                continue;
            }

            var selector = Map(found.Node, "spec", "selector");
            if (!SameLabels(selector, svc.Selector))
                problems.Add($"Service {svc.Name}: rendered selector {Show(selector)}, conventions {Show(svc.Selector)}");
            var labels = Map(found.Node, "metadata", "labels");
            foreach (var (key, value) in svc.Labels.Where(l => labels.GetValueOrDefault(l.Key) != l.Value))
                problems.Add($"Service {svc.Name}: label {key}={value} is not rendered ({Show(labels)})");
            var ports = Seq(found.Node, "spec", "ports").Select(p => (Name: Scalar(p, "name"), Port: int.Parse(Scalar(p, "port")!, System.Globalization.CultureInfo.InvariantCulture))).ToList();
            foreach (var port in svc.Ports.Where(p => !ports.Contains(p)))
                problems.Add($"Service {svc.Name}: port {port.Name}/{port.Port} is not rendered ({string.Join(", ", ports)})");
        }

        Assert.True(problems.Count == 0, $"{stack}:\n  " + string.Join("\n  ", problems));
    }

    [RenderedTheory]
    [MemberData(nameof(Stacks))]
    public void Every_rendered_service_and_workload_in_our_namespaces_is_in_the_conventions(string stack)
    {
        var settings = TestStacks.Settings(stack);
        var ours = new[] { settings.Namespaces.Monitoring, settings.Namespaces.Logging, settings.Namespaces.Tracing };
        var inventory = ChartConventions.Inventory(settings);
        var missing = Load(stack)
            .Where(r => ours.Contains(r.Namespace) && r.Kind is "Service" or "Deployment" or "StatefulSet" or "DaemonSet")
            .Where(r => r.Kind == "Service"
                ? !inventory.Services.Any(s => s.Namespace == r.Namespace && s.Name == r.Name)
                : !inventory.Pods.Any(p => p.Namespace == r.Namespace && p.Name == r.Name && p.Kind == r.Kind))
            .Select(r => $"{r.Namespace}/{r.Kind}/{r.Name}")
            .ToList();

        Assert.True(missing.Count == 0, $"{stack}: rendered but not in ChartConventions.Inventory:\n  " + string.Join("\n  ", missing));
    }

    [RenderedTheory]
    [MemberData(nameof(Stacks))]
    public void Every_workload_the_conventions_name_carries_those_pod_labels_and_ports(string stack)
    {
        var inventory = ChartConventions.Inventory(TestStacks.Settings(stack));
        var rendered = Load(stack);
        var problems = new List<string>();
        foreach (var pods in inventory.Pods)
        {
            var found = rendered.FirstOrDefault(r => r.Kind == pods.Kind && r.Namespace == pods.Namespace && r.Name == pods.Name);
            if (found is null)
            {
                // Prometheus and Alertmanager pods are made by the operator, not rendered: the chart's Service and PDB must select them.
                var selectedBy = rendered.Where(r => r.Kind is "Service" or "PodDisruptionBudget" && r.Namespace == pods.Namespace)
                    .Where(r => r.Kind == "Service" ? Map(r.Node, "spec", "selector") is { Count: > 0 } sel && sel.All(kv => pods.Labels.GetValueOrDefault(kv.Key) == kv.Value)
                        : Map(r.Node, "spec", "selector", "matchLabels") is { Count: > 0 } ml && ml.All(kv => pods.Labels.GetValueOrDefault(kv.Key) == kv.Value))
                    .ToList();
                if (pods.Release != StackConventions.KubePrometheusStackRelease || !selectedBy.Any(r => r.Kind == "Service"))
                    problems.Add($"{pods.Kind} {pods.Namespace}/{pods.Name} is neither rendered nor selected by a rendered Service");
                continue;
            }

            var labels = Map(found.Node, "spec", "template", "metadata", "labels");
            foreach (var (key, value) in pods.Labels.Where(l => labels.GetValueOrDefault(l.Key) != l.Value))
                problems.Add($"{pods.Kind} {pods.Name}: pod label {key}={value} is not rendered ({Show(labels)})");
            var ports = Seq(found.Node, "spec", "template", "spec", "containers")
                .SelectMany(c => c.Children.TryGetValue(new YamlScalarNode("ports"), out var p) && p is YamlSequenceNode s ? s.Children.OfType<YamlMappingNode>() : [])
                .Select(p => int.Parse(Scalar(p, "containerPort")!, System.Globalization.CultureInfo.InvariantCulture))
                .ToHashSet();
            foreach (var port in pods.ContainerPorts.Where(p => !ports.Contains(p)))
                problems.Add($"{pods.Kind} {pods.Name}: container port {port} is not rendered ({string.Join(", ", ports)})");
        }

        Assert.True(problems.Count == 0, $"{stack}:\n  " + string.Join("\n  ", problems));
    }

    [RenderedFact]
    public void The_control_plane_jobs_are_the_job_labels_of_the_charts_control_plane_services()
    {
        var jobLabels = Load("prod").Where(r => r.Kind == "Service" && r.Namespace == "kube-system")
            .Select(r => Map(r.Node, "metadata", "labels").GetValueOrDefault("jobLabel"))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(ChartConventions.ControlPlaneJobs, job => Assert.Contains(job, jobLabels));
    }

    private static readonly Dictionary<string, List<Rendered>> Cache = [];

    private static List<Rendered> Load(string stack)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(stack, out var cached))
                return cached;
            var plan = TestStacks.Plan(stack);
            var all = new List<Rendered>();
            foreach (var release in plan.Releases)
            {
                // A release this stack did not deploy at cc97025 (dev moved from Promtail to Alloy since) is read from the
                // stack that did: the conventions are the chart's, not the stack's.
                var rendered = new[] { stack, "dev", "prod" }
                    .Select(s => Path.Combine(Reference.Directory, "rendered", "cc97025", s, release.Name + ".yaml"))
                    .FirstOrDefault(File.Exists) ?? Reference.PathOf("rendered", "cc97025", stack, release.Name + ".yaml");
                var text = File.ReadAllText(rendered);
                // Only the kinds these tests read are parsed (YamlDotNet rejects some block scalars of the dashboards' ConfigMaps).
                foreach (var part in System.Text.RegularExpressions.Regex.Split(text, "^---[^\n]*\n", System.Text.RegularExpressions.RegexOptions.Multiline))
                {
                    if (!System.Text.RegularExpressions.Regex.IsMatch(part, "^kind: (Service|Deployment|StatefulSet|DaemonSet|PodDisruptionBudget)\r?$", System.Text.RegularExpressions.RegexOptions.Multiline))
                        continue;
                    var stream = new YamlStream();
                    stream.Load(new StringReader(part));
                    if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
                        continue;
                    var ns = Map(root, "metadata").GetValueOrDefault("namespace") ?? release.Namespace; // jaeger's templates leave it to the release
                    all.Add(new Rendered(Scalar(root, "kind")!, ns, Map(root, "metadata")["name"], root));
                }
            }

            Cache[stack] = all;
            return all;
        }
    }

    private static YamlNode? Node(YamlMappingNode root, params string[] path)
    {
        YamlNode? node = root;
        foreach (var part in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(part), out node))
                return null;
        }

        return node;
    }

    private static Dictionary<string, string> Map(YamlMappingNode root, params string[] path) =>
        Node(root, path) is YamlMappingNode map
            ? map.Children.Where(kv => kv.Value is YamlScalarNode).ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value ?? "", StringComparer.Ordinal)
            : [];

    private static IEnumerable<YamlMappingNode> Seq(YamlMappingNode root, params string[] path) =>
        Node(root, path) is YamlSequenceNode seq ? seq.Children.OfType<YamlMappingNode>() : [];

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode s ? s.Value : null;

    private static bool SameLabels(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private static string Show(IReadOnlyDictionary<string, string> labels) =>
        string.Join(", ", labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
}
