using System.Collections.Immutable;
using Observability.Rules.Model;
using Observability.Rules.Upstream;
using Observability.Stacks.Settings;
using Observability.TestSupport;
using Xunit.Sdk;
using YamlDotNet.RepresentationModel;

namespace Observability.EndToEnd.Tests.Harness;

/// <summary>
/// kube-prometheus-stack's default rule groups as the chart renders them from our values
/// (<c>rendered/kube-prometheus-stack/&lt;version&gt;/default-rules.yaml</c> of the reference data), copied for the
/// local Prometheus: in a cluster the chart deploys them beside our rule files.
/// </summary>
public static class ChartRules
{
    /// <summary>The chart's node-exporter recording rules (one recording per series, which the stack leaves to the chart).</summary>
    public const string NodeRecordingRulesFile = "zz-chart-node-exporter-rules.yaml";

    /// <summary>The chart's rules for Prometheus and Alertmanager themselves (the <c>prometheus</c> and <c>alertmanager.rules</c> groups).</summary>
    public const string SelfMonitoringRulesFile = "zz-chart-self-monitoring-rules.yaml";

    public const string NodeRecordingGroup = "node-exporter.rules";

    public const string PrometheusGroup = "prometheus";

    public const string AlertmanagerGroup = "alertmanager.rules";

    /// <summary>
    /// The test copy's only change to the chart's rules: these alerts' <c>for</c>, from the chart's value (checked, so a
    /// chart bump that changes one fails here) to seconds, as <c>Pulumi.e2e.yaml</c> shortens our own alerts' <c>for</c>.
    /// They are the alerts the self-monitoring scenarios raise, and the chart's alerts that fire on the same fault.
    /// Every other rule, every expression and every range window stays as the chart renders it: the windows need no
    /// change, because each expression is true as soon as its window holds the fault's first samples
    /// (a ratio of two rates over the same window, an increase above 0, or a <c>max_over_time</c> of a gauge that was
    /// never 1). The healthy scenarios show the other alerts of these groups never even pending.
    /// </summary>
    public static ImmutableDictionary<string, (Duration Chart, Duration Test)> ShortenedFor { get; } =
        new Dictionary<string, (Duration, Duration)>(StringComparer.Ordinal)
        {
            // AlertmanagerFailedToSendAlerts: rate(failed[15m]) / rate(total[15m]) > 1%, for 5m.
            ["AlertmanagerFailedToSendAlerts"] = (Duration.Minutes(5), Duration.Seconds(2)),
            // Its cluster-wide variant (min over the replicas; here the one replica), critical and warning rules, for 5m.
            ["AlertmanagerClusterFailedToSendAlerts"] = (Duration.Minutes(5), Duration.Seconds(2)),
            // max_over_time(prometheus_notifications_alertmanagers_discovered[5m]) < 1, for 10m.
            ["PrometheusNotConnectedToAlertmanagers"] = (Duration.Minutes(10), Duration.Seconds(2)),
            // min over Alertmanagers of rate(errors[5m]) / rate(sent[5m]) above 3%, for 15m.
            ["PrometheusErrorSendingAlertsToAnyAlertmanager"] = (Duration.Minutes(15), Duration.Seconds(2)),
            // The same ratio per Alertmanager above 1%, for 15m: with one Alertmanager it fires on the same fault.
            ["PrometheusErrorSendingAlertsToSomeAlertmanagers"] = (Duration.Minutes(15), Duration.Seconds(2)),
            // increase(prometheus_rule_evaluation_failures_total[5m]) > 0, for 15m.
            ["PrometheusRuleFailures"] = (Duration.Minutes(15), Duration.Seconds(2)),
        }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>The chart's rendered default rules file.</summary>
    public static string SourcePath => Reference.PathOf("rendered", "kube-prometheus-stack", KubePrometheusStackRules.ChartVersion, "default-rules.yaml");

    /// <summary>Writes the chart's <c>node-exporter.rules</c> group as rendered.</summary>
    public static void WriteNodeRecordingRules(string path) => Write(path, [Group(NodeRecordingGroup)]);

    /// <summary>
    /// Writes the chart's <c>prometheus</c> and <c>alertmanager.rules</c> groups as the stack deploys them: as rendered
    /// (the chart's job and namespace selectors), without the alerts the stack disables (<c>defaultRules.disabled</c>),
    /// with the stack's alert labels added to each alert (<c>defaultRules.additionalRuleLabels</c>), and with the
    /// <c>for</c> of <see cref="ShortenedFor"/>.
    /// </summary>
    public static void WriteSelfMonitoringRules(string path, StackSettings settings)
    {
        var groups = new[] { Group(PrometheusGroup), Group(AlertmanagerGroup) };
        var problems = new List<string>();
        var shortened = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var rules = (YamlSequenceNode)group.Children[Key("rules")];
            foreach (var rule in rules.Children.OfType<YamlMappingNode>().ToList())
            {
                if (!rule.Children.TryGetValue(Key("alert"), out var nameNode))
                    continue;
                var name = nameNode.ToString();
                if (UpstreamOverlaps.DisabledChartAlerts.Contains(name))
                {
                    rules.Children.Remove(rule);
                    continue;
                }

                if (settings.Rules.AlertLabels.Count > 0)
                {
                    var labels = rule.Children.TryGetValue(Key("labels"), out var l) ? (YamlMappingNode)l : new YamlMappingNode();
                    foreach (var (key, value) in settings.Rules.AlertLabels)
                        labels.Children[Key(key)] = new YamlScalarNode(value);
                    rule.Children[Key("labels")] = labels;
                }

                if (ShortenedFor.TryGetValue(name, out var change))
                {
                    var chartFor = rule.Children.TryGetValue(Key("for"), out var f) ? f.ToString() : "(none)";
                    if (!Duration.TryParse(chartFor, out var parsed) || parsed != change.Chart)
                        problems.Add($"{name}: the chart renders for: {chartFor}, the test copy expects {change.Chart} (update {nameof(ShortenedFor)})");
                    rule.Children[Key("for")] = new YamlScalarNode(change.Test.ToString());
                    shortened.Add(name);
                }
            }
        }

        problems.AddRange(ShortenedFor.Keys.Where(n => !shortened.Contains(n)).Select(n => $"{n}: no such alert in the chart's {PrometheusGroup} and {AlertmanagerGroup} groups"));
        if (problems.Count > 0)
            throw new XunitException($"{SourcePath}: the chart's self-monitoring rules are not what the test copy expects:\n  " + string.Join("\n  ", problems));
        Write(path, groups);
    }

    /// <summary>One of the chart's rendered default groups, by name (a fresh copy each call).</summary>
    public static YamlMappingNode Group(string name)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(SourcePath))
            stream.Load(reader);
        return stream.Documents
                   .Select(d => d.RootNode).OfType<YamlMappingNode>()
                   .Select(r => r.Children.TryGetValue(Key("spec"), out var spec) ? spec as YamlMappingNode : null)
                   .Where(s => s is not null && s.Children.ContainsKey(Key("groups")))
                   .SelectMany(s => ((YamlSequenceNode)s!.Children[Key("groups")]).Children.OfType<YamlMappingNode>())
                   .SingleOrDefault(g => g.Children.TryGetValue(Key("name"), out var n) && n.ToString() == name)
               ?? throw new XunitException($"{SourcePath} has no {name} group.");
    }

    private static void Write(string path, IEnumerable<YamlMappingNode> groups)
    {
        var file = new YamlStream(new YamlDocument(new YamlMappingNode(Key("groups"), new YamlSequenceNode(groups))));
        using var writer = new StreamWriter(path) { NewLine = "\n" };
        file.Save(writer, assignAnchors: false);
    }

    private static YamlScalarNode Key(string name) => new(name);
}
