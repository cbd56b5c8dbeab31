using System.Text.RegularExpressions;
using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
using Observability.Stacks.Tests.Support;

namespace Observability.Stacks.Tests.Composition;

/// <summary>
/// What one environment deploys refers to itself consistently: every NetworkPolicy, PDB and ServiceMonitor selector (and
/// every label selector in the chart values) matches pods or Services that will exist with the labels the charts give
/// them (<see cref="ChartConventions"/>), every in-cluster URL names a Service and port that will exist, and no two
/// objects share kind/namespace/name.
/// </summary>
public sealed partial class CrossReferenceTests
{
    public static TheoryData<string> Stacks() => new(TestStacks.Names);

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Every_policy_pdb_and_affinity_selector_matches_pods_that_will_run(string stack)
    {
        var env = Environment.Of(stack);
        var problems = new List<string>();
        foreach (var obj in env.Plan.Objects)
        {
            var spec = obj.Body.GetValueOrDefault("spec") as OrderedDictionary<string, object?>;
            switch (obj.Kind)
            {
                case "NetworkPolicy":
                {
                    var selector = (OrderedDictionary<string, object?>)spec!["podSelector"]!;
                    var pods = env.PodsIn(obj.Namespace!).Where(p => Matches(selector, p.Labels)).ToList();
                    if (pods.Count == 0)
                    {
                        problems.Add($"{obj.Id}: podSelector {Describe(selector)} selects no pod in {obj.Namespace}");
                        break;
                    }

                    if (selector.Count == 0)
                        break;
                    foreach (var port in IngressPorts(spec))
                    {
                        if (!pods.Any(p => p.ContainerPorts.Contains(port)))
                            problems.Add($"{obj.Id}: allows port {port}, which none of the selected pods ({string.Join(", ", pods.Select(p => p.Name))}) listens on");
                    }

                    break;
                }

                case "PodDisruptionBudget":
                {
                    var selector = (OrderedDictionary<string, object?>)spec!["selector"]!;
                    if (!env.PodsIn(obj.Namespace!).Any(p => Matches(selector, p.Labels)))
                        problems.Add($"{obj.Id}: selector {Describe(selector)} selects no pod in {obj.Namespace}");
                    break;
                }
            }
        }

        // Label selectors inside the chart values (affinity terms, PDB selectors): they select pods of the release's namespace.
        foreach (var release in env.Plan.Releases)
        {
            foreach (var (path, selector) in LabelSelectors(release.Values, ""))
            {
                if (!env.PodsIn(release.Namespace).Any(p => Matches(selector, p.Labels)))
                    problems.Add($"{release.Name} values {path}: {Describe(selector)} selects no pod in {release.Namespace}");
            }
        }

        Assert.True(problems.Count == 0, $"{stack}:\n  " + string.Join("\n  ", problems));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Every_service_monitor_selects_services_with_the_ports_it_scrapes(string stack)
    {
        var env = Environment.Of(stack);
        // ServiceMonitors of the stack file's scrape.serviceMonitors select the users' own Services, which we do not deploy.
        var userTargets = env.Plan.Settings.Scrape.ServiceMonitors.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        var checkedMonitors = 0;
        foreach (var obj in env.Plan.Objects.Where(o => o.Kind is "ServiceMonitor" or "PodMonitor"))
        {
            Assert.True(obj.Kind == "ServiceMonitor", $"{obj.Id}: PodMonitors are not cross-checked yet; extend this test");
            if (userTargets.Contains(obj.Name))
                continue;
            checkedMonitors++;
            problems.AddRange(ServiceMonitorProblems(env, obj.Id, obj.Namespace!, (OrderedDictionary<string, object?>)obj.Body["spec"]!));
        }

        Assert.True(problems.Count == 0, $"{stack}:\n  " + string.Join("\n  ", problems));
        if (stack == "prod")
            Assert.True(checkedMonitors > 0, "prod has exporters, so some ServiceMonitor must have been checked");
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Every_in_cluster_url_names_a_service_and_port_that_will_exist(string stack)
    {
        var env = Environment.Of(stack);
        var ours = new[] { env.Settings.Namespaces.Monitoring, env.Settings.Namespaces.Logging, env.Settings.Namespaces.Tracing }.ToHashSet(StringComparer.Ordinal);
        var sources = new List<(string Where, string Text)>();
        foreach (var release in env.Plan.Releases)
            sources.AddRange(Strings(release.Values, $"{release.Name} values"));
        foreach (var obj in env.Plan.Objects)
            sources.AddRange(Strings(obj.Body, obj.Id));
        var e = env.Plan.Endpoints;
        sources.AddRange(new[] { e.Prometheus, e.Alertmanager, e.Grafana, e.GrafanaPublic, e.LokiPush, e.JaegerQuery, e.OtlpGrpc, e.OtlpHttp }.Select(u => ("endpoints", u)));

        var problems = new List<string>();
        var checkedUrls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (where, text) in sources)
        {
            foreach (Match m in InClusterHost().Matches(text).Concat(ShortInClusterUrl().Matches(text)))
            {
                var (service, ns) = (m.Groups["service"].Value, m.Groups["ns"].Value);
                if (!ours.Contains(ns))
                    continue; // the user's own services (databases, SMTP relays): not ours to deploy.
                var port = m.Groups["port"].Success ? int.Parse(m.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture)
                    : m.Groups["scheme"].Value == "https" ? 443 : 80;
                checkedUrls.Add(m.Value);
                var svc = env.Services.FirstOrDefault(x => x.Namespace == ns && x.Name == service);
                if (svc is null)
                    problems.Add($"{where}: {m.Value} names Service {ns}/{service}, which nothing creates");
                else if (svc.Ports.All(p => p.Port != port))
                    problems.Add($"{where}: {m.Value} uses port {port}; Service {ns}/{service} has {string.Join(", ", svc.Ports.Select(p => p.Port))}");
            }
        }

        Assert.True(problems.Count == 0, $"{stack}:\n  " + string.Join("\n  ", problems.Distinct()));
        // The check saw the URLs it is about (Grafana's datasources, the agents' push URL, the stack outputs).
        Assert.Contains(checkedUrls, u => u.Contains("loki-gateway", StringComparison.Ordinal));
        Assert.Contains(checkedUrls, u => u.Contains("jaeger", StringComparison.Ordinal));
        Assert.Contains(checkedUrls, u => u.Contains("-prometheus", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void No_two_objects_share_kind_namespace_and_name(string stack)
    {
        var env = Environment.Of(stack);
        var ids = env.Plan.Objects.Select(o => (Kind: o.Kind, Namespace: o.Namespace, Name: o.Name, From: "ours"))
            .Concat(env.Inventory.Pods.Select(p => (Kind: p.Kind, Namespace: (string?)p.Namespace, Name: p.Name, From: $"release {p.Release}")))
            .Concat(env.Inventory.Services.Select(svc => (Kind: "Service", Namespace: (string?)svc.Namespace, Name: svc.Name, From: $"release {svc.Release}")))
            .ToList();

        var duplicates = ids.GroupBy(i => (i.Kind, i.Namespace, i.Name))
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Namespace}/{g.Key.Kind}/{g.Key.Name} from {string.Join(" and ", g.Select(i => i.From))}")
            .ToList();

        Assert.True(duplicates.Count == 0, $"{stack}:\n  " + string.Join("\n  ", duplicates));
    }

    [Theory]
    [InlineData("internal-metrics", null, true)]
    [InlineData(null, 8888, true)]
    [InlineData("metrics", null, false)]
    [InlineData(null, 9999, false)]
    public void A_jaeger_service_monitor_is_checked_by_port_name_or_target_port(string? port, int? targetPort, bool valid)
    {
        var env = Environment.Of("prod");
        var endpoint = new OrderedDictionary<string, object?>();
        if (port is not null)
            endpoint["port"] = port;
        if (targetPort is not null)
            endpoint["targetPort"] = targetPort;
        var spec = new OrderedDictionary<string, object?>
        {
            ["selector"] = new OrderedDictionary<string, object?> { ["matchLabels"] = new OrderedDictionary<string, object?>(ChartConventions.JaegerPodLabels.Select(kv => new KeyValuePair<string, object?>(kv.Key, kv.Value))) },
            ["endpoints"] = new List<object?> { endpoint },
        };

        var problems = ServiceMonitorProblems(env, "tracing/ServiceMonitor/jaeger", env.Settings.Namespaces.Tracing, spec).ToList();

        Assert.Equal(valid, problems.Count == 0);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Pdb_selectors_from_the_conventions_select_the_jaeger_and_loki_gateway_pods(string stack)
    {
        var env = Environment.Of(stack);
        static OrderedDictionary<string, object?> Selector(IReadOnlyDictionary<string, string> labels) =>
            new() { ["matchLabels"] = new OrderedDictionary<string, object?>(labels.Select(kv => new KeyValuePair<string, object?>(kv.Key, kv.Value))) };

        Assert.Equal(["jaeger"], env.PodsIn(env.Settings.Namespaces.Tracing).Where(p => Matches(Selector(ChartConventions.JaegerPodLabels), p.Labels)).Select(p => p.Name));
        Assert.Equal(["loki-gateway"], env.PodsIn(env.Settings.Namespaces.Logging).Where(p => Matches(Selector(ChartConventions.LokiGatewayPodLabels), p.Labels)).Select(p => p.Name));
    }

    /// <summary>What is wrong with a ServiceMonitor spec: selects no Service, or scrapes a port the Services (or their pods) lack.</summary>
    private static IEnumerable<string> ServiceMonitorProblems(Environment env, string id, string ns, OrderedDictionary<string, object?> spec)
    {
        var namespaces = MonitorNamespaces(spec, ns);
        var selector = (OrderedDictionary<string, object?>)spec["selector"]!;
        var services = env.Services.Where(svc => (namespaces is null || namespaces.Contains(svc.Namespace)) && Matches(selector, svc.Labels)).ToList();
        if (services.Count == 0)
        {
            yield return $"{id}: selector {Describe(selector)} selects no Service in {(namespaces is null ? "any namespace" : string.Join(", ", namespaces))}";
            yield break;
        }

        foreach (var endpoint in ((List<object?>)spec["endpoints"]!).Cast<OrderedDictionary<string, object?>>())
        {
            if (endpoint.GetValueOrDefault("port") is string port)
            {
                foreach (var svc in services.Where(svc => svc.Ports.All(p => p.Name != port)))
                    yield return $"{id}: endpoint port \"{port}\" is not a port of Service {svc.Namespace}/{svc.Name} ({string.Join(", ", svc.Ports.Select(p => p.Name))})";
            }
            else if (endpoint.GetValueOrDefault("targetPort") is int targetPort)
            {
                foreach (var svc in services)
                {
                    var pods = env.PodsIn(svc.Namespace).Where(p => svc.Selector.All(kv => p.Labels.GetValueOrDefault(kv.Key) == kv.Value)).ToList();
                    if (!pods.Any(p => p.ContainerPorts.Contains(targetPort)))
                        yield return $"{id}: endpoint targetPort {targetPort} is not a container port of the pods behind Service {svc.Namespace}/{svc.Name}";
                }
            }
            else
            {
                yield return $"{id}: an endpoint with neither a port name nor a numeric targetPort";
            }
        }
    }

    [Fact]
    public void The_operator_webhook_policy_selects_the_operator_pods_by_their_chart_labels()
    {
        var policy = TestStacks.Plan("prod").Objects.Single(o => o.Kind == "NetworkPolicy" && o.Name == "allow-operator-webhook");
        var selector = (OrderedDictionary<string, object?>)((OrderedDictionary<string, object?>)policy.Body["spec"]!)["podSelector"]!;

        var labels = (OrderedDictionary<string, object?>)selector["matchLabels"]!;
        Assert.Equal("kube-prometheus-stack-operator", labels["app"]);
        Assert.DoesNotContain(labels.Values, v => v as string == "kps-operator");
    }

    [Fact]
    public void The_selector_check_rejects_a_selector_no_pod_carries()
    {
        var env = Environment.Of("prod");
        var wrong = new OrderedDictionary<string, object?> { ["matchLabels"] = new OrderedDictionary<string, object?> { ["app"] = "kps-operator" } };

        Assert.DoesNotContain(env.PodsIn("monitoring"), p => Matches(wrong, p.Labels));
        Assert.Contains(env.PodsIn("monitoring"), p => Matches(new OrderedDictionary<string, object?> { ["matchLabels"] = new OrderedDictionary<string, object?> { ["app"] = "kube-prometheus-stack-operator" } }, p.Labels));
    }

    /// <summary>Pods and Services of one environment: the charts' (by their conventions) and our own objects'.</summary>
    internal sealed record Environment(EnvironmentPlan Plan, ChartInventory Inventory, IReadOnlyList<ChartPods> Pods, IReadOnlyList<ChartService> Services)
    {
        public StackSettings Settings => Plan.Settings;

        public IEnumerable<ChartPods> PodsIn(string ns) => Pods.Where(p => p.Namespace == ns);

        public static Environment Of(string stack)
        {
            var plan = TestStacks.Plan(stack);
            var inventory = ChartConventions.Inventory(plan.Settings);
            var pods = inventory.Pods.ToList();
            var services = inventory.Services.ToList();
            foreach (var obj in plan.Objects)
            {
                var spec = obj.Body.GetValueOrDefault("spec") as OrderedDictionary<string, object?>;
                if (obj.Kind is "Deployment" or "StatefulSet" or "DaemonSet")
                {
                    var template = (OrderedDictionary<string, object?>)spec!["template"]!;
                    var labels = Strings((OrderedDictionary<string, object?>)((OrderedDictionary<string, object?>)template["metadata"]!)["labels"]!);
                    var ports = ((List<object?>)((OrderedDictionary<string, object?>)template["spec"]!)["containers"]!)
                        .Cast<OrderedDictionary<string, object?>>()
                        .SelectMany(c => c.GetValueOrDefault("ports") as List<object?> ?? [])
                        .Cast<OrderedDictionary<string, object?>>()
                        .Select(p => Convert.ToInt32(p["containerPort"], System.Globalization.CultureInfo.InvariantCulture))
                        .ToList();
                    pods.Add(new ChartPods("ours", obj.Namespace!, obj.Kind, obj.Name, labels, ports));
                }
                else if (obj.Kind == "Service")
                {
                    var metadata = (OrderedDictionary<string, object?>)obj.Body["metadata"]!;
                    services.Add(new ChartService("ours", obj.Namespace!, obj.Name,
                        Strings((OrderedDictionary<string, object?>)spec!["selector"]!),
                        Strings((OrderedDictionary<string, object?>)metadata["labels"]!),
                        ((List<object?>)spec["ports"]!).Cast<OrderedDictionary<string, object?>>()
                            .Select(p => ((string)p["name"]!, Convert.ToInt32(p["port"], System.Globalization.CultureInfo.InvariantCulture))).ToList()));
                }
            }

            return new Environment(plan, inventory, pods, services);
        }

        private static Dictionary<string, string> Strings(OrderedDictionary<string, object?> map) =>
            map.ToDictionary(kv => kv.Key, kv => (string)kv.Value!, StringComparer.Ordinal);
    }

    /// <summary>A Kubernetes LabelSelector (matchLabels and matchExpressions) against a label set.</summary>
    internal static bool Matches(OrderedDictionary<string, object?> selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector.GetValueOrDefault("matchLabels") is OrderedDictionary<string, object?> matchLabels)
        {
            if (matchLabels.Any(kv => !labels.TryGetValue(kv.Key, out var v) || v != kv.Value as string))
                return false;
        }

        foreach (var expression in (selector.GetValueOrDefault("matchExpressions") as List<object?> ?? []).Cast<OrderedDictionary<string, object?>>())
        {
            var key = (string)expression["key"]!;
            var values = (expression.GetValueOrDefault("values") as List<object?> ?? []).Cast<string>().ToList();
            var has = labels.TryGetValue(key, out var value);
            var ok = (string)expression["operator"]! switch
            {
                "In" => has && values.Contains(value!),
                "NotIn" => !has || !values.Contains(value!),
                "Exists" => has,
                "DoesNotExist" => !has,
                var op => throw new Xunit.Sdk.XunitException($"unknown selector operator {op}"),
            };
            if (!ok)
                return false;
        }

        return true;
    }

    private static string Describe(OrderedDictionary<string, object?> selector) =>
        Observability.Rules.Output.YamlText.Serialize(selector).Trim().ReplaceLineEndings(" ");

    private static IEnumerable<int> IngressPorts(OrderedDictionary<string, object?> spec) =>
        (spec.GetValueOrDefault("ingress") as List<object?> ?? []).Cast<OrderedDictionary<string, object?>>()
            .SelectMany(rule => rule.GetValueOrDefault("ports") as List<object?> ?? [])
            .Cast<OrderedDictionary<string, object?>>()
            .Select(p => p.GetValueOrDefault("port"))
            .OfType<int>();

    /// <summary>The namespaces a ServiceMonitor looks in (null: all).</summary>
    private static HashSet<string>? MonitorNamespaces(OrderedDictionary<string, object?> spec, string own) =>
        spec.GetValueOrDefault("namespaceSelector") switch
        {
            OrderedDictionary<string, object?> ns when ns.GetValueOrDefault("any") is true => null,
            OrderedDictionary<string, object?> ns when ns.GetValueOrDefault("matchNames") is List<object?> names => names.Cast<string>().ToHashSet(StringComparer.Ordinal),
            _ => [own],
        };

    /// <summary>Every map under a <c>labelSelector</c> or <c>selector</c> key of a values tree, with its path.</summary>
    private static IEnumerable<(string Path, OrderedDictionary<string, object?> Selector)> LabelSelectors(object? node, string path)
    {
        switch (node)
        {
            case OrderedDictionary<string, object?> map:
                foreach (var (key, value) in map)
                {
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    if (key is "labelSelector" or "selector" && value is OrderedDictionary<string, object?> selector && (selector.ContainsKey("matchLabels") || selector.ContainsKey("matchExpressions")))
                        yield return (childPath, selector);
                    else
                        foreach (var found in LabelSelectors(value, childPath))
                            yield return found;
                }

                break;
            case List<object?> list:
                for (var i = 0; i < list.Count; i++)
                {
                    foreach (var found in LabelSelectors(list[i], $"{path}[{i}]"))
                        yield return found;
                }

                break;
        }
    }

    /// <summary>Every string leaf of a tree (secret values are skipped: they are not URLs we compose).</summary>
    private static IEnumerable<(string Where, string Text)> Strings(object? node, string where) => node switch
    {
        string text => [(where, text)],
        OrderedDictionary<string, object?> map => map.SelectMany(kv => Strings(kv.Value, where)),
        List<object?> list => list.SelectMany(item => Strings(item, where)),
        _ => [],
    };

    /// <summary><c>[scheme://]service.namespace.svc[.cluster.local][:port]</c>.</summary>
    [GeneratedRegex(@"(?:(?<scheme>https?)://)?\b(?<service>[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\.(?<ns>[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\.svc(?:\.cluster\.local)?\b(?::(?<port>[0-9]+))?")]
    private static partial Regex InClusterHost();

    /// <summary><c>scheme://service.namespace[:port]</c> ending there (the short form resolved through the search path).</summary>
    [GeneratedRegex(@"(?<scheme>https?)://(?<service>[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\.(?<ns>[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)(?::(?<port>[0-9]+))?(?=[/""'\s]|$)")]
    private static partial Regex ShortInClusterUrl();
}
