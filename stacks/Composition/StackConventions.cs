using Observability.Stacks.Settings;

namespace Observability.Stacks.Composition;

/// <summary>
/// The conventions every module reads, in one place: release names, the labels and <c>managed-by</c> value of every object,
/// the in-cluster endpoints, datasource uids. Names are contracts: the Pulumi program, the dashboards and the runbooks use
/// them. What only one integration names (its Secrets, its volumes) lives in its module (<c>stacks/Modules/</c>).
/// </summary>
public static class StackConventions
{
    public const string KubePrometheusStackRelease = "kube-prometheus-stack";

    /// <summary>kube-prometheus-stack's <c>fullnameOverride</c>: the prefix of its objects (kps-prometheus, kps-alertmanager, kps-operator).</summary>
    public const string KpsFullname = "kps";

    public const string LokiRelease = "loki";
    public const string PromtailRelease = "promtail";
    public const string AlloyRelease = "alloy";
    public const string JaegerRelease = "jaeger";

    /// <summary>The exporters' Deployment, Service, ServiceMonitor and Secret name (also their <c>job</c> label), from the exporter catalogue.</summary>
    public static readonly string PostgresExporterName = Observability.Rules.Conventions.PostgresExporterMetrics.Exporter.Job;

    public static readonly string RedisExporterName = Observability.Rules.Conventions.RedisExporterMetrics.Exporter.Job;

    /// <summary>The label every object the stack creates carries.</summary>
    public const string PartOfLabel = "app.kubernetes.io/part-of";

    public const string PartOfValue = "observability";

    public const string ManagedByLabel = "app.kubernetes.io/managed-by";

    public const string ManagedByValue = "observability-stacks";

    /// <summary>Dashboard ConfigMaps carry this label (the Grafana sidecar's selector) ...</summary>
    public const string DashboardLabel = Observability.Dashboards.DashboardConfigMaps.DashboardLabel;

    /// <summary>... and this annotation naming their Grafana folder.</summary>
    public const string DashboardFolderAnnotation = Observability.Dashboards.DashboardConfigMaps.FolderAnnotation;

    /// <summary>Grafana datasource uids (fixed: dashboards and links name them).</summary>
    public const string PrometheusDatasourceUid = Observability.Dashboards.Datasources.PrometheusUid;

    public const string LokiDatasourceUid = Observability.Dashboards.Datasources.LokiUid;
    public const string JaegerDatasourceUid = Observability.Dashboards.Datasources.JaegerUid;
    public const string AlertmanagerDatasourceUid = "alertmanager";

    public const int OtlpGrpcPort = 4317;
    public const int OtlpHttpPort = 4318;
    public const int JaegerQueryPort = 16686;

    /// <summary>The stack's namespaces, each once (they may be one namespace): the Namespaces the environment creates.</summary>
    public static IReadOnlyList<string> StackNamespaces(StackSettings s) =>
        new[] { s.Namespaces.Monitoring, s.Namespaces.Logging, s.Namespaces.Tracing }.Distinct(StringComparer.Ordinal).ToList();

    public static string PrometheusUrl(StackSettings s) => $"http://{KpsFullname}-prometheus.{s.Namespaces.Monitoring}.svc:9090";

    public static string AlertmanagerUrl(StackSettings s) => $"http://{KpsFullname}-alertmanager.{s.Namespaces.Monitoring}.svc:9093";

    /// <summary>The grafana subchart's Service: <c>&lt;release&gt;-grafana</c>.</summary>
    public static string GrafanaUrl(StackSettings s) => $"http://{KubePrometheusStackRelease}-grafana.{s.Namespaces.Monitoring}.svc";

    /// <summary>Loki's gateway (both modes): where the log agent pushes and Grafana queries.</summary>
    public static string LokiUrl(StackSettings s) => $"http://loki-gateway.{s.Namespaces.Logging}.svc";

    public static string LokiPushUrl(StackSettings s) => $"{LokiUrl(s)}/loki/api/v1/push";

    public static string JaegerQueryUrl(StackSettings s) => $"http://jaeger.{s.Namespaces.Tracing}.svc:{JaegerQueryPort}";

    public static string OtlpGrpcUrl(StackSettings s) => $"http://jaeger.{s.Namespaces.Tracing}.svc:{OtlpGrpcPort}";

    public static string OtlpHttpUrl(StackSettings s) => $"http://jaeger.{s.Namespaces.Tracing}.svc:{OtlpHttpPort}";

    /// <summary>Labels of every object the stack creates.</summary>
    public static IEnumerable<KeyValuePair<string, string>> CommonLabels(params (string Key, string Value)[] extra) =>
        new[] { new KeyValuePair<string, string>(PartOfLabel, PartOfValue), new(ManagedByLabel, ManagedByValue) }
            .Concat(extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)));
}
