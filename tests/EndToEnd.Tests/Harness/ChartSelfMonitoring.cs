using System.Collections.Immutable;
using Observability.Stacks.Composition;
using Observability.TestSupport;
using Xunit.Sdk;
using YamlDotNet.RepresentationModel;

namespace Observability.EndToEnd.Tests.Harness;

/// <summary>
/// How Prometheus scrapes itself and Alertmanager in a cluster, as kube-prometheus-stack sets it up: its ServiceMonitors
/// (<c>&lt;fullname&gt;-prometheus</c>, <c>&lt;fullname&gt;-alertmanager</c>) select the Services of the same name, so
/// prometheus-operator gives each target <c>job</c> and <c>service</c> = the Service's name (no <c>jobLabel</c>),
/// <c>namespace</c>, <c>endpoint</c> = the port name, and the pod and container of the endpoint. The chart's
/// <c>prometheus</c> and <c>alertmanager.rules</c> groups select on exactly these labels.
/// </summary>
public static class ChartSelfMonitoring
{
    /// <summary>The two targets, read from what the chart renders (<c>rendered/&lt;commit&gt;/prod/kube-prometheus-stack.yaml</c>).</summary>
    public static (SelfTarget Prometheus, SelfTarget Alertmanager) Targets(EnvironmentPlan plan)
    {
        var release = plan.Releases.SingleOrDefault(r => r.Chart == "kube-prometheus-stack")
                      ?? throw new XunitException("The plan deploys no kube-prometheus-stack release.");
        var fullname = release.Values.TryGetValue("fullnameOverride", out var f) && f is string s
            ? s
            : throw new XunitException("The kube-prometheus-stack values set no fullnameOverride: the chart's job names would follow the release name.");
        var objects = RenderedObjects();
        return (
            Target(objects, fullname, release.Namespace, "prometheus", "Prometheus"),
            Target(objects, fullname, release.Namespace, "alertmanager", "Alertmanager"));
    }

    /// <summary>The chart's render from our values (a past commit's; what it does with fullnameOverride has not changed).</summary>
    public static string RenderPath => Reference.PathOf("rendered", "cc97025", "prod", "kube-prometheus-stack.yaml");

    private static SelfTarget Target(IReadOnlyList<YamlMappingNode> objects, string fullname, string ns, string component, string crKind)
    {
        var name = $"{fullname}-{component}";
        var monitor = Find(objects, "ServiceMonitor", name);
        var spec = Map(monitor, "spec");
        if (spec.Children.ContainsKey(Key("jobLabel")))
            throw new XunitException($"ServiceMonitor {name} sets jobLabel: the job would come from a Service label; the harness assumes the Service name.");
        var namespaces = Seq(Map(spec, "namespaceSelector"), "matchNames").Children.Select(n => n.ToString()).ToList();
        if (namespaces.SequenceEqual([ns]) is false)
            throw new XunitException($"ServiceMonitor {name} selects namespaces [{string.Join(", ", namespaces)}], the release is in {ns}.");
        var selector = Map(Map(spec, "selector"), "matchLabels").Children.ToDictionary(c => c.Key.ToString(), c => c.Value.ToString(), StringComparer.Ordinal);
        // The first endpoint is the server's own port; the second is the config-reloader sidecar, which does not run here.
        var port = ((YamlMappingNode)Seq(spec, "endpoints").Children[0]).Children[Key("port")].ToString();
        var service = objects
            .Where(o => o.Children[Key("kind")].ToString() == "Service" && Map(o, "metadata").Children[Key("namespace")].ToString() == ns)
            .Where(o => Map(o, "metadata").Children.TryGetValue(Key("labels"), out var l) &&
                        selector.All(kv => ((YamlMappingNode)l).Children.TryGetValue(Key(kv.Key), out var v) && v.ToString() == kv.Value))
            .Where(o => Seq(Map(o, "spec"), "ports").Children.OfType<YamlMappingNode>().Any(p => p.Children[Key("name")].ToString() == port))
            .Select(o => Map(o, "metadata").Children[Key("name")].ToString())
            .ToList();
        if (service.Count != 1)
            throw new XunitException($"ServiceMonitor {name} selects {service.Count} Services with a port {port} in {RenderPath}; expected one.");
        // prometheus-operator runs a custom resource <name> as the StatefulSet <component>-<name>, its container named after the component.
        var resource = Find(objects, crKind, name);
        var pod = $"{component}-{Map(resource, "metadata").Children[Key("name")]}-0";
        return new SelfTarget(service[0], ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
        {
            ["namespace"] = ns,
            ["service"] = service[0],
            ["endpoint"] = port,
            ["pod"] = pod,
            ["container"] = component,
        }));
    }

    private static List<YamlMappingNode> RenderedObjects()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(RenderPath))
            stream.Load(reader);
        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().Where(r => r.Children.ContainsKey(Key("kind")))];
    }

    private static YamlMappingNode Find(IReadOnlyList<YamlMappingNode> objects, string kind, string name) =>
        objects.SingleOrDefault(o => o.Children[Key("kind")].ToString() == kind && Map(o, "metadata").Children[Key("name")].ToString() == name)
        ?? throw new XunitException($"{RenderPath} has no {kind} {name}.");

    private static YamlMappingNode Map(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(Key(key), out var child) && child is YamlMappingNode map
            ? map
            : throw new XunitException($"{RenderPath}: expected a mapping at {key}.");

    private static YamlSequenceNode Seq(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(Key(key), out var child) && child is YamlSequenceNode seq
            ? seq
            : throw new XunitException($"{RenderPath}: expected a sequence at {key}.");

    private static YamlScalarNode Key(string name) => new(name);
}

/// <summary>A scrape target as prometheus-operator labels it: its <c>job</c> and the target labels besides <c>instance</c>.</summary>
public sealed record SelfTarget(string Job, ImmutableSortedDictionary<string, string> Labels)
{
    /// <summary>The scrape job for the server on <paramref name="address"/>.</summary>
    public ScrapeJob ScrapeJob(string address) => new(Job, [address], Labels);
}
