using System.Collections.Immutable;
using Observability.Rules.Conventions;
using Observability.Rules.Model;
using Observability.Rules.Packs;
using Observability.Rules.PromQl;
using Observability.Rules.Validation;
using Observability.Stacks.Settings;

namespace Observability.Stacks.Composition;

/// <summary>
/// Maps <see cref="RuleSettings"/> onto the rule packs' <see cref="RulePackOptions"/>. Stack files override alerts by the
/// names operators see (<c>rules.alerts.&lt;Name&gt;</c>), which are the alerts' declarations' names: the overrides pass
/// through as they are, checked against the declarations when settings load (<see cref="RuleSettings.Check"/>).
/// </summary>
public static class RuleComposition
{
    /// <summary>The rule pack options of an environment. <paramref name="grafanaBaseUrl"/> is where alerts' dashboard links point.</summary>
    public static RulePackOptions Options(StackSettings s, string grafanaBaseUrl)
    {
        var r = s.Rules;
        var enabled = new (RulePack Pack, bool On)[]
        {
            (HttpRules.Pack, r.Packs.Http),
            (AgentRules.Pack, r.Packs.Agents),
            (PostgresRules.Pack, r.Packs.Postgres ?? s.Exporters.Postgres is not null),
            (RedisRules.Pack, r.Packs.Redis ?? s.Exporters.Redis is not null),
            (NodeRules.Pack, r.Packs.Nodes),
            (KubernetesRules.Pack, r.Packs.Kubernetes),
            (LokiRules.Pack, r.Packs.Loki),
            (LogAgentRules.Pack, r.Packs.LogAgent),
            (TracingRules.Pack, r.Packs.Tracing),
            (GrafanaRules.Pack, r.Packs.Grafana),
            (WatchdogRules.Pack, r.Packs.Watchdog),
        };
        var defaults = RulePackOptions.Default.Conventions;
        var options = RulePackOptions.Default with
        {
            RunbookUrlPattern = r.RunbookUrlPattern,
            GrafanaBaseUrl = grafanaBaseUrl,
            AlertLabels = r.AlertLabels,
            Conventions = ScrapeJobs(s, defaults) with
            {
                Http = defaults.Http with { Up = HttpConventions.ServiceDownTargets(r.ServiceDown.Jobs, r.ServiceDown.ExcludeJobs) },
            },
            // kube-prometheus-stack's node-exporter.rules (always deployed) record the shared node series.
            UpstreamNodeRecordings = true,
            Alerts = r.Alerts.Select(a => (Over: a.Value, Alert: PlatformAlerts.FindOverridable(a.Key)))
                .Where(a => a.Alert is not null)
                .ToImmutableSortedDictionary(
                    a => a.Alert!.Name,
                    a => new AlertTuning(a.Alert!.Threshold is null ? null : (double?)a.Over.Threshold, a.Over.For),
                    StringComparer.Ordinal),
        };
        options = options.Without(enabled.Where(p => !p.On).Select(p => p.Pack));
        return r.MaxFor is { } max ? options.WithForAtMost(max) : options;
    }

    /// <summary>
    /// The <c>job</c> labels the environment's scrapes give our own components: Loki's chart ServiceMonitor relabels the job
    /// to <c>&lt;namespace&gt;/&lt;service&gt;</c> (chart 18.11.0 <c>monitoring.serviceMonitor.jobPrefix</c>), Jaeger's is our
    /// ServiceMonitor over the <c>jaeger</c> Service, Grafana's is kube-prometheus-stack's over <c>&lt;release&gt;-grafana</c>
    /// (its <c>jobLabel</c> names a label the Service does not carry, so the Service name is the job).
    /// </summary>
    public static PlatformConventions ScrapeJobs(StackSettings s, PlatformConventions conventions)
    {
        var logging = s.Namespaces.Logging;
        return conventions with
        {
            Loki = conventions.Loki with
            {
                Job = Matcher.Re("job", $"{logging}/{StackConventions.LokiRelease}(-.+)?"),
                IngestJob = Matcher.Re("job", $"{logging}/{StackConventions.LokiRelease}(-distributor|-write)?"),
            },
            Tracing = conventions.Tracing with { Job = Matcher.Eq("job", StackConventions.JaegerRelease) },
            Grafana = conventions.Grafana with { Job = Matcher.Eq("job", $"{StackConventions.KubePrometheusStackRelease}-grafana") },
        };
    }

    /// <summary>The rule groups of an environment (validated by the packs; throws <see cref="ValidationException"/>).</summary>
    public static ImmutableArray<RuleGroup> Build(StackSettings s, string grafanaBaseUrl) =>
        PlatformRules.Build(Options(s, grafanaBaseUrl));
}
