using Observability.Rules.Model;
using Observability.Rules.Output;
using Observability.Stacks.Settings;
using static Observability.Stacks.Composition.StackConventions;
using static Observability.Stacks.Composition.Tree;

namespace Observability.Stacks.Composition;

/// <summary>The Kubernetes objects of an environment (besides what the charts create).</summary>
internal static class Manifests
{
    public static KubernetesObjectPlan Namespace(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        Name = name,
        Component = PlanComponent.Foundation,
        Body = Map(
            ("apiVersion", "v1"),
            ("kind", "Namespace"),
            ("metadata", Metadata(name, null, CommonLabels(("pod-security.kubernetes.io/enforce", "privileged"))))),
    };

    /// <summary>A Secret; entries are plain strings or <see cref="SecretValue"/>s, written under <c>stringData</c>.</summary>
    public static KubernetesObjectPlan Secret(string name, string @namespace, PlanComponent component, string? dependsOn, IEnumerable<(string Key, object Value)> entries) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Name = name,
        Namespace = @namespace,
        Component = component,
        DependsOnRelease = dependsOn,
        Body = Map(
            ("apiVersion", "v1"),
            ("kind", "Secret"),
            ("metadata", Metadata(name, @namespace, CommonLabels())),
            ("type", "Opaque"),
            ("stringData", Map(entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, (object?)e.Value)).ToArray()))),
    };

    public static KubernetesObjectPlan PrometheusRule(string name, string @namespace, IReadOnlyList<RuleGroup> groups) => new()
    {
        ApiVersion = "monitoring.coreos.com/v1",
        Kind = "PrometheusRule",
        Name = name,
        Namespace = @namespace,
        Component = PlanComponent.Metrics,
        DependsOnRelease = KubePrometheusStackRelease,
        Body = RuleYaml.PrometheusRuleTree(name, @namespace, CommonLabels(), groups),
    };

    /// <summary>A dashboard ConfigMap: the Grafana sidecar loads it into <paramref name="folder"/>.</summary>
    public static KubernetesObjectPlan DashboardConfigMap(string name, string @namespace, string folder, string fileName, string json) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Name = name,
        Namespace = @namespace,
        Component = PlanComponent.Metrics,
        Body = Map(
            ("apiVersion", "v1"),
            ("kind", "ConfigMap"),
            ("metadata", Metadata(name, @namespace, CommonLabels((DashboardLabel, "1")), [new(DashboardFolderAnnotation, folder)])),
            ("data", Map((fileName, json)))),
    };

    public static KubernetesObjectPlan ServiceMonitor(StackSettings s, ServiceMonitorTarget target) =>
        ServiceMonitor(target.Name, s.Namespaces.Monitoring, PlanComponent.Metrics, target.Namespace, target.MatchLabels, target.Port, target.Path, target.Interval?.ToString());

    /// <summary>
    /// A ServiceMonitor in <paramref name="namespace"/> for the Services labelled <paramref name="matchLabels"/> in
    /// <paramref name="serviceNamespace"/> (null: its own namespace), scraping the Service port named <paramref name="port"/>.
    /// It carries only <see cref="CommonLabels"/>: Prometheus selects every ServiceMonitor (<c>serviceMonitorSelector: {}</c>).
    /// </summary>
    public static KubernetesObjectPlan ServiceMonitor(
        string name, string @namespace, PlanComponent component, string? serviceNamespace,
        IEnumerable<KeyValuePair<string, string>> matchLabels, string port, string? path = null, string? interval = null) => new()
    {
        ApiVersion = "monitoring.coreos.com/v1",
        Kind = "ServiceMonitor",
        Name = name,
        Namespace = @namespace,
        Component = component,
        DependsOnRelease = KubePrometheusStackRelease,
        Body = Map(
            ("apiVersion", "monitoring.coreos.com/v1"),
            ("kind", "ServiceMonitor"),
            ("metadata", Metadata(name, @namespace, CommonLabels())),
            ("spec", Map(
                ("jobLabel", null),
                ("namespaceSelector", serviceNamespace is null ? null : Map(("matchNames", List(serviceNamespace)))),
                ("selector", Map(("matchLabels", FromPairs(matchLabels)))),
                ("endpoints", List(Map(
                    ("port", port),
                    ("path", path),
                    ("interval", interval))))))),
    };

    /// <summary>
    /// A PodDisruptionBudget for a workload whose chart has none: at most one of the pods labelled <paramref name="matchLabels"/>
    /// is evicted at a time; pods that are not ready may always be evicted (a crash-looping pod never blocks a node drain).
    /// </summary>
    public static KubernetesObjectPlan PodDisruptionBudget(string name, string @namespace, PlanComponent component, IEnumerable<KeyValuePair<string, string>> matchLabels) =>
        WithSpec("policy/v1", "PodDisruptionBudget", name, @namespace, component, Map(
            ("maxUnavailable", 1),
            ("unhealthyPodEvictionPolicy", "AlwaysAllow"),
            ("selector", Map(("matchLabels", FromPairs(matchLabels))))));

    /// <summary>The additional scrape configs (static targets) as Prometheus <c>scrape_configs</c> entries.</summary>
    public static string AdditionalScrapeConfigs(StackSettings s) =>
        YamlText.Serialize(s.Scrape.StaticTargets.Select(t => Map(
            ("job_name", t.Job),
            ("scrape_interval", t.Interval?.ToString()),
            ("metrics_path", t.MetricsPath),
            ("scheme", t.Scheme),
            ("static_configs", List(Map(("targets", ListOf(t.Targets)))))))
            .ToList());

    public static KubernetesObjectPlan PersistentVolumeClaim(string name, string @namespace, PlanComponent component, string? storageClass, string size) =>
        WithSpec("v1", "PersistentVolumeClaim", name, @namespace, component, Map(
            ("storageClassName", storageClass),
            ("accessModes", List("ReadWriteOnce")),
            ("resources", Map(("requests", Map(("storage", size)))))));

    /// <summary>A namespaced object with the stack's common labels and a <c>spec</c>: its identity is written once, for the plan and the body.</summary>
    private static KubernetesObjectPlan WithSpec(
        string apiVersion, string kind, string name, string @namespace, PlanComponent component, OrderedDictionary<string, object?> spec) => new()
    {
        ApiVersion = apiVersion,
        Kind = kind,
        Name = name,
        Namespace = @namespace,
        Component = component,
        Body = Map(
            ("apiVersion", apiVersion),
            ("kind", kind),
            ("metadata", Metadata(name, @namespace, CommonLabels())),
            ("spec", spec)),
    };

    /// <summary>An exporter: Deployment, Service and ServiceMonitor; its credentials come from a Secret as environment variables.</summary>
    public static IEnumerable<KubernetesObjectPlan> Exporter(StackSettings s, string name, string image, int port, IEnumerable<(string Env, string SecretKey)> secretEnv, IEnumerable<(string Env, string Value)> plainEnv, IReadOnlyList<string>? args = null)
    {
        var ns = s.Namespaces.Monitoring;
        var labels = new[] { new KeyValuePair<string, string>("app.kubernetes.io/name", name) };
        var env = plainEnv.Select(e => (object?)Map(("name", e.Env), ("value", e.Value)))
            .Concat(secretEnv.Select(e => (object?)Map(("name", e.Env), ("valueFrom", Map(("secretKeyRef", Map(("name", name), ("key", e.SecretKey))))))))
            .ToList();
        yield return new KubernetesObjectPlan
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Name = name,
            Namespace = ns,
            Component = PlanComponent.Metrics,
            Body = Map(
                ("apiVersion", "apps/v1"),
                ("kind", "Deployment"),
                ("metadata", Metadata(name, ns, CommonLabels(("app.kubernetes.io/name", name)))),
                ("spec", Map(
                    ("replicas", 1),
                    ("selector", Map(("matchLabels", FromPairs(labels)))),
                    ("template", Map(
                        ("metadata", Map(("labels", FromPairs(CommonLabels(("app.kubernetes.io/name", name)))))),
                        ("spec", Map(
                            ("securityContext", Map(("runAsNonRoot", true), ("runAsUser", 65534))),
                            ("containers", List(Map(
                                ("name", name),
                                ("image", image),
                                ("args", args is { Count: > 0 } ? args.Select(a => (object?)a).ToList() : null),
                                ("ports", List(Map(("name", "metrics"), ("containerPort", port)))),
                                ("env", env.Count > 0 ? env : null),
                                ("resources", Map(("requests", Map(("cpu", "20m"), ("memory", "32Mi"))), ("limits", Map(("memory", "128Mi"))))),
                                ("securityContext", Map(("allowPrivilegeEscalation", false), ("readOnlyRootFilesystem", true))))))))))))),
        };
        yield return new KubernetesObjectPlan
        {
            ApiVersion = "v1",
            Kind = "Service",
            Name = name,
            Namespace = ns,
            Component = PlanComponent.Metrics,
            Body = Map(
                ("apiVersion", "v1"),
                ("kind", "Service"),
                ("metadata", Metadata(name, ns, CommonLabels(("app.kubernetes.io/name", name)))),
                ("spec", Map(
                    ("selector", FromPairs(labels)),
                    ("ports", List(Map(("name", "metrics"), ("port", port), ("targetPort", "metrics"))))))),
        };
        yield return new KubernetesObjectPlan
        {
            ApiVersion = "monitoring.coreos.com/v1",
            Kind = "ServiceMonitor",
            Name = name,
            Namespace = ns,
            Component = PlanComponent.Metrics,
            DependsOnRelease = KubePrometheusStackRelease,
            Body = Map(
                ("apiVersion", "monitoring.coreos.com/v1"),
                ("kind", "ServiceMonitor"),
                ("metadata", Metadata(name, ns, CommonLabels())),
                ("spec", Map(
                    ("selector", Map(("matchLabels", FromPairs(labels)))),
                    ("endpoints", List(Map(("port", "metrics"))))))),
        };
    }

    /// <summary>
    /// Ingress policies for one of the stack's namespaces: pods accept traffic from the stack's namespaces and the allowed ones
    /// (plus the operator's admission webhook port from anywhere: the API server calls it). Egress is not restricted (Prometheus scrapes the cluster).
    /// </summary>
    public static IEnumerable<KubernetesObjectPlan> NetworkPolicies(StackSettings s, string @namespace)
    {
        var sources = new[] { s.Namespaces.Monitoring, s.Namespaces.Logging, s.Namespaces.Tracing }
            .Concat(s.NetworkPolicies.AllowedNamespaces)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        yield return Policy(@namespace, "allow-from-observability-and-allowed", Map(
            ("podSelector", Map()),
            ("policyTypes", List("Ingress")),
            ("ingress", List(Map(("from", ListOf(sources.Select(ns => Map(("namespaceSelector", Map(("matchLabels", Map(("kubernetes.io/metadata.name", ns))))))))))))));
        if (@namespace == s.Namespaces.Monitoring)
        {
            yield return Policy(@namespace, "allow-operator-webhook", Map(
                // The operator pods carry the chart name (app: kube-prometheus-stack-operator), not the fullnameOverride.
                ("podSelector", Map(("matchLabels", FromPairs(ChartConventions.OperatorPodLabels)))),
                ("policyTypes", List("Ingress")),
                ("ingress", List(Map(("ports", List(Map(("protocol", "TCP"), ("port", ChartConventions.OperatorWebhookPort)))))))));
        }
    }

    private static KubernetesObjectPlan Policy(string @namespace, string name, OrderedDictionary<string, object?> spec) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "NetworkPolicy",
        Name = name,
        Namespace = @namespace,
        Component = PlanComponent.Network,
        Body = Map(
            ("apiVersion", "networking.k8s.io/v1"),
            ("kind", "NetworkPolicy"),
            ("metadata", Metadata(name, @namespace, CommonLabels())),
            ("spec", spec)),
    };
}
