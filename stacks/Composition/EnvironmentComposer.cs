using Observability.Rules.Conventions;
using Observability.Rules.Alertmanager;
using Observability.Rules.Model;
using Observability.Rules.Output;
using Observability.Rules.Validation;
using Observability.Stacks.Modules;
using Observability.Stacks.Settings;
using static Observability.Stacks.Composition.StackConventions;

namespace Observability.Stacks.Composition;

/// <summary>
/// The pure function from validated <see cref="StackSettings"/> to everything the environment deploys. No I/O, clock or
/// randomness: the same settings give the same plan, byte for byte once written.
/// </summary>
public static class EnvironmentComposer
{
    /// <summary>
    /// The warning for an SLO whose period Prometheus does not keep: names the SLO's period key, the retention key and both fixes.
    /// </summary>
    internal static string RetentionWarning(string slo, Duration period, Duration retention) =>
        $"observability:slos.objectives.{slo}.period: {period} is longer than observability:prometheus.retention ({retention}), " +
        $"so the error budget would be measured over {retention} only; set observability:prometheus.retention to at least {period}, " +
        $"or observability:slos.objectives.{slo}.period to at most {retention}.";

    /// <summary>Composes the environment; throws <see cref="ValidationException"/> when the settings produce invalid artifacts.</summary>
    public static EnvironmentPlan Compose(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var s = settings;
        var warnings = new List<string>();

        // Alerting and recording rules, SLOs, dashboards.
        var groups = new List<RuleGroup>();
        var problems = new List<Problem>();
        var grafanaPublic = GrafanaPublicUrl(s);
        var ruleFiles = new List<(string Name, IReadOnlyList<RuleGroup> Groups)>();
        var platform = Collect(problems, "observability:rules", () => RuleComposition.Build(s, grafanaPublic));
        if (platform is { } platformGroups)
            ruleFiles.Add(("platform", platformGroups));
        var sloDefinitions = Collect(problems, "observability:slos", () => SloComposition.Definitions(s));
        var sloGroups = Collect(problems, "observability:slos", () => SloComposition.Build(s, grafanaPublic));
        if (sloGroups is { } slo)
            ruleFiles.Add(("slos", slo));
        var dashboards = sloDefinitions is { } definitions
            ? Collect(problems, "observability:dashboards", () => DashboardComposition.Build(s, grafanaPublic, definitions))
            : null;
        ValidationException.ThrowIfAny(problems);

        // An SLO period longer than the retention still works, but its budget covers only the retention: say so.
        foreach (var definition in sloDefinitions ?? [])
        {
            if (definition.Period > s.Prometheus.Retention)
                warnings.Add(RetentionWarning(definition.Name, definition.Period, s.Prometheus.Retention));
        }
        foreach (var (_, fileGroups) in ruleFiles)
            groups.AddRange(fileGroups);
        // The severities Alertmanager must route: ours and those of the chart's default alerts deployed beside them.
        var severities = groups.SelectMany(g => g.Alerts).Select(a => a.Severity).OfType<Severity>()
            .Concat(Rules.Upstream.KubePrometheusStackRules.EnabledAlerts(s.Rules.ControlPlane).Select(a => a.Severity))
            .Distinct().Order().ToList();

        var alertmanager = AlertmanagerComposition.Build(s, severities);
        ValidationException.ThrowIfAny(problems);

        var composedDashboards = dashboards!.Value.Select(ComposedDashboard.Of).ToList();

        // The environment is the fold of its enabled modules, each contributing its releases and objects.
        var context = new ModuleContext
        {
            Settings = s,
            GrafanaPublicUrl = grafanaPublic,
            RuleFiles = ruleFiles,
            Dashboards = composedDashboards,
            Alertmanager = alertmanager,
        };
        var modules = ModuleCatalog.All.Where(m => m.IsEnabled(s)).Select(m => m.Compose(context)).ToList();
        var releases = modules.SelectMany(m => m.Releases).ToList();
        var objects = StackNamespaces(s).Select(Manifests.Namespace).Concat(modules.SelectMany(m => m.Objects)).ToList();

        // Review artifacts.
        var artifacts = new List<PlanArtifact>();
        foreach (var (name, fileGroups) in ruleFiles)
            artifacts.Add(new PlanArtifact($"rules/{name}.yaml", RuleYaml.ToRuleFile(fileGroups)));
        foreach (var dashboard in composedDashboards)
            artifacts.Add(new PlanArtifact($"dashboards/{Observability.Dashboards.DashboardConfigMaps.FileName(dashboard.Dashboard)}", dashboard.Json));
        artifacts.Add(new PlanArtifact("alertmanager/alertmanager.yaml", AlertmanagerYaml.Serialize(alertmanager.Config)));
        foreach (var (file, content) in alertmanager.Config.TemplateFiles.OrderBy(t => t.Key, StringComparer.Ordinal))
            artifacts.Add(new PlanArtifact($"alertmanager/{file}", content));

        var alerts = groups.Sum(g => g.Alerts.Count());
        var records = groups.Sum(g => g.Records.Count());
        return new EnvironmentPlan
        {
            Settings = s,
            Modules = modules,
            Releases = releases,
            Objects = objects,
            Artifacts = artifacts,
            Counts = new PlanCounts(alerts, records, Slos: sloDefinitions?.Length ?? 0, Dashboards: dashboards.Value.Length, Objects: objects.Count, Releases: releases.Count)
            {
                ChartAlerts = KubePrometheusStackDefaults.ChartAlertCount(s),
                ChartRecordingRules = KubePrometheusStackDefaults.ChartRecordCount(s),
                ChartDashboards = KubePrometheusStackDefaults.DeployedDashboards(s).Count(),
            },
            Endpoints = new PlanEndpoints
            {
                Prometheus = PrometheusUrl(s),
                Alertmanager = AlertmanagerUrl(s),
                Grafana = GrafanaUrl(s),
                GrafanaPublic = grafanaPublic,
                LokiPush = LokiPushUrl(s),
                JaegerQuery = JaegerQueryUrl(s),
                OtlpGrpc = OtlpGrpcUrl(s),
                OtlpHttp = OtlpHttpUrl(s),
            },
            Warnings = warnings,
        };
    }

    /// <summary>Grafana's URL as people open it: the ingress host when there is one, else the in-cluster Service.</summary>
    public static string GrafanaPublicUrl(StackSettings s) =>
        s.Grafana.Ingress is { Enabled: true, Host: { } host }
            ? $"{(s.Grafana.Ingress.TlsSecretName is null ? "http" : "https")}://{host}"
            : GrafanaUrl(s);

    /// <summary>A rule group name as a Kubernetes object name part (lowercase, [a-z0-9-]).</summary>
    internal static string KubernetesName(string name)
    {
        var chars = name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        return new string(chars).Trim('-');
    }

    private static T? Collect<T>(List<Problem> problems, string path, Func<T> build)
        where T : struct
    {
        try
        {
            return build();
        }
        catch (ValidationException e)
        {
            problems.AddRange(e.Problems.Select(p => new Problem($"{path} ({p.Path})", p.Message)));
            return null;
        }
    }
}
