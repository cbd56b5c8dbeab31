using Observability.Rules.Conventions;
using Observability.Rules.Packs;
using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
using static Observability.Stacks.Composition.StackConventions;
using static Observability.Stacks.Composition.Tree;

namespace Observability.Stacks.Modules;

/// <summary>
/// Exporters for the databases the applications use: postgres-exporter (with <c>--collector.stat_statements</c>) and
/// redis_exporter, each a Deployment, Service, ServiceMonitor and the Secret of its credentials, in the monitoring namespace.
/// Images, job names and metric names come from the exporter catalogue (<c>rules/Conventions/ExporterMetrics.cs</c>).
/// </summary>
public sealed class ExportersModule : IModule
{
    /// <summary>postgres-exporter's metrics port.</summary>
    public const int PostgresPort = 9187;

    /// <summary>redis_exporter's metrics port.</summary>
    public const int RedisPort = 9121;

    public static ExportersModule Instance { get; } = new();

    public string Name => "exporters";

    public PlanComponent Component => PlanComponent.Exporters;

    public IReadOnlyList<ChartReference> Charts { get; } = [];

    public IReadOnlyList<ValuesPath> FreeFormValues { get; } = [];

    public IReadOnlyList<ValuesPath> IgnoredValues { get; } = [];

    public IReadOnlyList<string> RuleGroups { get; } = [PostgresRules.GroupName, RedisRules.GroupName];

    public IReadOnlyList<string> Dashboards { get; } = ["database-performance", "redis"];

    public bool IsEnabled(StackSettings s) => s.Exporters.Postgres is not null || s.Exporters.Redis is not null;

    public ChartInventory Inventory(StackSettings s) => ChartConventions.None;

    public ModulePlan Compose(ModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = context.Settings;
        var monitoring = s.Namespaces.Monitoring;
        var objects = new List<KubernetesObjectPlan>();
        if (s.Exporters.Postgres is { } postgres)
        {
            var pg = PostgresExporterMetrics.Exporter;
            objects.Add(Manifests.Secret(pg.Job, monitoring, Component, null, [("dsn", postgres.Dsn)]));
            // The stat_statements collector is off by default in postgres-exporter: without it, the mean statement time
            // (SlowDatabaseQueries, the Database Performance dashboard) would have no series at all.
            objects.AddRange(Exporter(s, pg.Job, pg.Image!, PostgresPort,
                [("DATA_SOURCE_NAME", "dsn")], [], [PostgresExporterMetrics.StatStatementsFlag]));
        }

        if (s.Exporters.Redis is { } redis)
        {
            var redisExporter = RedisExporterMetrics.Exporter;
            if (redis.Password is not null)
                objects.Add(Manifests.Secret(redisExporter.Job, monitoring, Component, null, [("password", redis.Password)]));
            objects.AddRange(Exporter(s, redisExporter.Job, redisExporter.Image!, RedisPort,
                redis.Password is null ? [] : [("REDIS_PASSWORD", "password")], [("REDIS_ADDR", redis.Address)]));
        }

        return new ModulePlan { Name = Name, Component = Component, Objects = objects };
    }

    /// <summary>An exporter: Deployment, Service and ServiceMonitor; its credentials come from a Secret as environment variables.</summary>
    internal static IEnumerable<KubernetesObjectPlan> Exporter(StackSettings s, string name, string image, int port, IEnumerable<(string Env, string SecretKey)> secretEnv, IEnumerable<(string Env, string Value)> plainEnv, IReadOnlyList<string>? args = null)
    {
        var ns = s.Namespaces.Monitoring;
        var labels = new[] { new KeyValuePair<string, string>("app.kubernetes.io/name", name) };
        var env = plainEnv.Select(e => (object?)Map(("name", e.Env), ("value", e.Value)))
            .Concat(secretEnv.Select(e => (object?)Map(("name", e.Env), ("valueFrom", Map(("secretKeyRef", Map(("name", name), ("key", e.SecretKey))))))))
            .ToList();
        var component = PlanComponent.Exporters;
        yield return Manifests.WithSpec("apps/v1", "Deployment", name, ns, component, Map(
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
                        ("securityContext", Map(("allowPrivilegeEscalation", false), ("readOnlyRootFilesystem", true))))))))))),
            labels: CommonLabels(("app.kubernetes.io/name", name)));
        yield return Manifests.WithSpec("v1", "Service", name, ns, component, Map(
            ("selector", FromPairs(labels)),
            ("ports", List(Map(("name", "metrics"), ("port", port), ("targetPort", "metrics"))))),
            labels: CommonLabels(("app.kubernetes.io/name", name)));
        yield return Manifests.ServiceMonitor(name, ns, component, null, labels, "metrics");
    }
}
