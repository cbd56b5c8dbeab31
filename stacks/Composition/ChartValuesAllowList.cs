namespace Observability.Stacks.Composition;

/// <summary>
/// Values paths we set that a chart's default values.yaml does not spell out, each with the reason it is safe.
/// Every other key path of our values must exist in the pinned chart's values.yaml (a test enforces it).
/// A path covers itself and everything below it. Paths are dotted; <c>grafana.*</c> of kube-prometheus-stack is checked
/// against both kube-prometheus-stack's <c>grafana:</c> block and the grafana subchart's values.
/// </summary>
public static class ChartValuesAllowList
{
    public static IReadOnlyList<(string Chart, string Path, string Reason)> Entries { get; } =
    [
        ("kube-prometheus-stack", "alertmanager.alertmanagerSpec.configSecret",
            "documented in values.yaml as a commented-out key; the chart passes it to Alertmanager.spec.configSecret"),
        ("kube-prometheus-stack", "prometheus.prometheusSpec.additionalScrapeConfigsSecret",
            "left as {} with its keys (enabled, name, key) documented as comments"),
        ("kube-prometheus-stack", "grafana.ingress.ingressClassName", "documented in the grafana chart's values.yaml as a commented-out key"),
        ("kube-prometheus-stack", "grafana.persistence.storageClassName", "documented in the grafana chart's values.yaml as a commented-out key"),
        ("kube-prometheus-stack", "alertmanager.alertmanagerSpec.storage",
            "a prometheus-operator StorageSpec (volumeClaimTemplate), left as {} with a commented example"),
        ("kube-prometheus-stack", "prometheus.prometheusSpec.storageSpec",
            "a prometheus-operator StorageSpec (volumeClaimTemplate), left as {} with a commented example"),
        ("kube-prometheus-stack", "alertmanager.alertmanagerSpec.resources", "Kubernetes ResourceRequirements, left as {}"),
        ("kube-prometheus-stack", "prometheus.prometheusSpec.resources", "Kubernetes ResourceRequirements, left as {}"),
        ("kube-prometheus-stack", "prometheus.prometheusSpec.externalLabels", "a free-form label map"),
        ("kube-prometheus-stack", "prometheus.prometheusSpec.exemplars",
            "left as {} with maxSize documented as a comment; the chart copies it to Prometheus.spec.exemplars"),
        ("kube-prometheus-stack", "grafana.resources", "Kubernetes ResourceRequirements, left as {}"),
        ("kube-prometheus-stack", "grafana.affinity", "a Kubernetes Affinity, left as {}"),
        ("kube-prometheus-stack", "grafana.podDisruptionBudget", "a PodDisruptionBudget spec, left as {} with commented keys"),
        ("kube-prometheus-stack", "grafana.envValueFrom", "environment variable name to a Kubernetes valueFrom source, left as {}"),
        ("kube-prometheus-stack", "grafana.grafana.ini", "Grafana's ini file as sections of keys; any Grafana setting is valid"),
        ("kube-prometheus-stack", "grafana.sidecar.datasources.exemplarTraceIdDestinations",
            "documented in values.yaml as commented keys (datasourceUid, traceIdLabelName)"),
        ("kube-prometheus-stack", "defaultRules.disabled",
            "alert name to true, left as {} with a commented example (KubeAPIDown: true); each rule template checks defaultRules.disabled.<alert>"),
        ("kube-prometheus-stack", "defaultRules.additionalRuleLabels", "a free-form label map added to every default alert, left as {}"),
        ("loki", "loki.schemaConfig", "Loki's schema_config, passed verbatim into the Loki configuration"),
        ("loki", "loki.limits_config", "Loki's limits_config, passed verbatim into the Loki configuration"),
        ("loki", "loki.compactor", "Loki's compactor block, passed verbatim into the Loki configuration"),
        ("loki", "loki.storage.bucketNames", "documented in values.yaml as commented-out keys (chunks, ruler)"),
        ("loki", "loki.analytics", "Loki's analytics block, passed verbatim into the Loki configuration (left as {})"),
        ("loki", "singleBinary.resources", "Kubernetes ResourceRequirements, left as {}"),
        ("loki", "ingester.resources", "Kubernetes ResourceRequirements, left as {}"),
        ("loki", "distributor.resources", "Kubernetes ResourceRequirements, left as {}"),
        ("loki", "querier.resources", "Kubernetes ResourceRequirements, left as {}"),
        ("loki", "queryFrontend.resources", "Kubernetes ResourceRequirements, left as {}"),
        ("loki", "queryScheduler.resources", "Kubernetes ResourceRequirements, left as {}"),
        ("loki", "indexGateway.resources", "Kubernetes ResourceRequirements, left as {}"),
        ("loki", "compactor.resources", "Kubernetes ResourceRequirements, left as {}"),
        ("promtail", "resources", "Kubernetes ResourceRequirements, left as {}"),
        ("alloy", "alloy.resources", "Kubernetes ResourceRequirements, left as {}"),
        ("loki", "gateway.deploymentStrategy.rollingUpdate",
            "a Kubernetes RollingUpdateDeployment; templates/gateway/deployment.yaml renders gateway.deploymentStrategy verbatim as the Deployment's strategy"),
        ("jaeger", "jaeger.strategy",
            "a Kubernetes DeploymentStrategy; templates/jaeger/jaeger-deploy.yaml renders jaeger.strategy verbatim (Recreate when unset)"),
        ("jaeger", "userconfig", "the whole Jaeger v2 (OpenTelemetry Collector) configuration, free-form by design"),
        ("jaeger", "jaeger.affinity", "a Kubernetes Affinity, left as {}"),
        ("jaeger", "jaeger.resources",
            "Kubernetes ResourceRequirements, a commented-out example in values.yaml; jaeger-deploy.yaml renders `with .Values.jaeger.resources`"),
    ];

    /// <summary>
    /// Values paths the pinned chart has but does not read in the way we use it: writing one would look like a setting
    /// and change nothing (a test keeps them out of our values). Each names the template behaviour.
    /// </summary>
    public static IReadOnlyList<(string Chart, string Path, string Reason)> Ignored { get; } =
    [
        ("loki", "compactor.persistence.size",
            "templates/_workload.tpl builds volumeClaimTemplates from persistence.claims[]; persistence.size applies only when no claim is named data, and the default claims hold one"),
        ("loki", "compactor.persistence.storageClass", "as compactor.persistence.size: the claims[] entry's storageClass is read"),
        ("loki", "compactor.persistence.accessModes", "as compactor.persistence.size: the claims[] entry's accessModes is read"),
        ("promtail", "config.snippets.pipelineStages", "read only by the chart's default config.snippets.scrapeConfigs, which ours replaces"),
        ("promtail", "config.snippets.common", "read only by the chart's default config.snippets.scrapeConfigs, which ours replaces"),
        ("promtail", "config.snippets.extraRelabelConfigs", "read only by the chart's default config.snippets.scrapeConfigs, which ours replaces"),
        ("promtail", "config.snippets.addScrapeJobLabel", "read only by the chart's default config.snippets.scrapeConfigs, which ours replaces"),
    ];

    /// <summary>The allow-list entry covering <paramref name="path"/> of <paramref name="chart"/>, if any.</summary>
    public static (string Chart, string Path, string Reason)? Covering(string chart, string path) =>
        Entries.Where(e => e.Chart == chart && (path == e.Path || path.StartsWith(e.Path + ".", StringComparison.Ordinal)))
            .Select(e => ((string, string, string)?)e)
            .FirstOrDefault();
}
