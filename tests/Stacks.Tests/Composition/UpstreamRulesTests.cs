using System.Text.Json;
using Observability.Rules.Model;
using Observability.Rules.Packs;
using Observability.Rules.Upstream;
using Observability.Stacks.Composition;
using Observability.Stacks.Modules;
using Observability.Stacks.Settings;
using Observability.Stacks.Tests.Support;
using Observability.TestSupport;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Observability.Stacks.Tests.Composition;

/// <summary>
/// kube-prometheus-stack's default rules and dashboards beside ours, checked over the chart's real render
/// (<c>reference/rendered/kube-prometheus-stack/88.5.3/</c>): the typed table is the render, the overlap table disables
/// only what exists, the chart's rules and ours load together, and every deployed dashboard's recording rules are recorded.
/// </summary>
public sealed partial class UpstreamRulesTests
{
    private sealed record RenderedRule(string? Alert, string? Record, string Expr, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations)
    {
        public Dictionary<object, object> Raw { get; init; } = [];

        public string Name => Alert ?? Record!;
    }

    private sealed record RenderedGroup(string Name, IReadOnlyList<RenderedRule> Rules, Dictionary<object, object> Raw);

    private static readonly Lazy<IReadOnlyList<RenderedGroup>> Render = new(LoadRender);

    private static string RenderDirectory => Path.Combine(Reference.Directory, "rendered", "kube-prometheus-stack", KubePrometheusStackRules.ChartVersion);

    private static IReadOnlyList<RenderedGroup> LoadRender()
    {
        var path = Reference.PathOf("rendered", "kube-prometheus-stack", KubePrometheusStackRules.ChartVersion, "default-rules.yaml");
        var deserializer = new DeserializerBuilder().Build();
        var groups = new List<RenderedGroup>();
        var parser = new YamlDotNet.Core.Parser(new StringReader(File.ReadAllText(path)));
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
        {
            if (deserializer.Deserialize<Dictionary<object, object>?>(parser) is not { } doc)
                continue;
            var spec = (Dictionary<object, object>)doc["spec"];
            foreach (Dictionary<object, object> group in (List<object>)spec["groups"])
            {
                var rules = ((List<object>)group["rules"]).Cast<Dictionary<object, object>>().Select(r => new RenderedRule(
                    r.GetValueOrDefault("alert") as string,
                    r.GetValueOrDefault("record") as string,
                    (string)r["expr"],
                    Strings(r.GetValueOrDefault("labels")),
                    Strings(r.GetValueOrDefault("annotations"))) { Raw = r }).ToList();
                groups.Add(new RenderedGroup((string)group["name"], rules, group));
            }
        }

        return groups.OrderBy(g => g.Name, StringComparer.Ordinal).ToList();
    }

    private static Dictionary<string, string> Strings(object? map) =>
        map is Dictionary<object, object> d ? d.ToDictionary(p => (string)p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal) : [];

    /// <summary>The chart's rule groups an environment deploys, as the chart renders them from our values.</summary>
    private static List<RenderedGroup> DeployedChartGroups(StackSettings s)
    {
        var enabled = KubePrometheusStackRules.EnabledGroups(s.Rules.ControlPlane).Select(g => g.GroupName).ToHashSet(StringComparer.Ordinal);
        var disabled = UpstreamOverlaps.DisabledChartAlerts.ToHashSet(StringComparer.Ordinal);
        return Render.Value.Where(g => enabled.Contains(g.Name))
            .Select(g => g with { Rules = g.Rules.Where(r => r.Alert is null || !disabled.Contains(r.Alert)).ToList() })
            .ToList();
    }

    /// <summary>Our rule groups (packs, SLOs) as rendered for the environment.</summary>
    private static List<RenderedGroup> OurGroups(EnvironmentPlan plan)
    {
        var deserializer = new DeserializerBuilder().Build();
        var groups = new List<RenderedGroup>();
        foreach (var artifact in plan.Artifacts.Where(a => a.Path.StartsWith("rules/", StringComparison.Ordinal)))
        {
            var file = deserializer.Deserialize<Dictionary<object, object>>(artifact.Content);
            foreach (Dictionary<object, object> group in (List<object>)file["groups"])
            {
                var rules = ((List<object>)group["rules"]).Cast<Dictionary<object, object>>().Select(r => new RenderedRule(
                    r.GetValueOrDefault("alert") as string, r.GetValueOrDefault("record") as string, (string)r["expr"],
                    Strings(r.GetValueOrDefault("labels")), Strings(r.GetValueOrDefault("annotations"))) { Raw = r }).ToList();
                groups.Add(new RenderedGroup((string)group["name"], rules, group));
            }
        }

        return groups;
    }

    private static StackSettings WithControlPlane(StackSettings s) => s with { Rules = s.Rules with { ControlPlane = true } };

    public static TheoryData<string> Stacks() => [.. TestStacks.Names];

    [RenderedFact]
    public void The_typed_table_of_the_charts_default_rules_is_the_reference_render()
    {
        static string Sev(Severity s) => s.ToLabel();
        var expected = Render.Value.Select(g =>
            $"{g.Name}: alerts [{string.Join(", ", g.Rules.Where(r => r.Alert is not null).Select(r => $"{r.Alert}/{r.Labels["severity"]}"))}] " +
            $"records [{string.Join(", ", g.Rules.Where(r => r.Record is not null).Select(r => r.Record))}]");
        var actual = KubePrometheusStackRules.Groups.Select(g =>
            $"{g.GroupName}: alerts [{string.Join(", ", g.Alerts.Select(a => $"{a.Name}/{Sev(a.Severity)}"))}] records [{string.Join(", ", g.Records)}]");

        Assert.Equal(expected, actual);
        Assert.Equal(155, KubePrometheusStackRules.Groups.Sum(g => g.Alerts.Length));
        Assert.Equal(139, KubePrometheusStackRules.Groups.SelectMany(g => g.Alerts).Select(a => a.Name).Distinct().Count());
        Assert.Equal(94, KubePrometheusStackRules.Groups.Sum(g => g.Records.Length));
    }

    [RenderedFact]
    public void Every_default_rules_key_and_overlap_names_what_the_chart_and_our_packs_have()
    {
        var values = File.ReadAllText(Reference.ChartValues("kube-prometheus-stack", KubePrometheusStackRules.ChartVersion));
        var chartKeys = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(values);
        var ruleKeys = ((Dictionary<object, object>)((Dictionary<object, object>)chartKeys["defaultRules"])["rules"]).Keys.Cast<string>().ToHashSet(StringComparer.Ordinal);
        Assert.All(KubePrometheusStackRules.Groups, g => Assert.Contains(g.ValuesKey, ruleKeys));
        Assert.Equal(ruleKeys.Order(StringComparer.Ordinal), KubePrometheusStackRules.Groups.Select(g => g.ValuesKey).Append("windows").Distinct().Order(StringComparer.Ordinal));
        Assert.All(KubePrometheusStackRules.ControlPlane, c => Assert.True(chartKeys.ContainsKey(KubePrometheusStackRules.ValuesKey(c)!), $"{c}"));

        var chartAlerts = KubePrometheusStackRules.Groups.SelectMany(g => g.Alerts).Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var ours = Rules.Packs.PlatformRules.Build(RulePackOptions.Default).SelectMany(g => g.Alerts).Select(a => a.Alert).ToHashSet(StringComparer.Ordinal);
        foreach (var overlap in UpstreamOverlaps.All)
        {
            Assert.All(overlap.ChartAlerts, a => Assert.Contains(a, chartAlerts));
            Assert.All(overlap.OurAlerts, a => Assert.Contains(a, ours));
            Assert.Equal(overlap.Resolution is OverlapResolution.ChartMutedByOurs or OverlapResolution.OursMutedByChart, overlap.Inhibition is not null);
        }

        // No chart alert is decided twice.
        var decided = UpstreamOverlaps.All.SelectMany(o => o.ChartAlerts).ToList();
        Assert.Equal(decided.Distinct().Count(), decided.Count);
    }

    [RenderedTheory]
    [MemberData(nameof(Stacks))]
    public void The_values_switch_exactly_the_groups_and_alerts_the_table_says(string stack)
    {
        foreach (var settings in new[] { TestStacks.Settings(stack), WithControlPlane(TestStacks.Settings(stack)) })
        {
            var plan = EnvironmentComposer.Compose(settings);
            var values = plan.Release(StackConventions.KubePrometheusStackRelease).Values;
            var defaultRules = (OrderedDictionary<string, object?>)values["defaultRules"]!;
            var rules = (OrderedDictionary<string, object?>)defaultRules["rules"]!;
            var disabled = (OrderedDictionary<string, object?>)defaultRules["disabled"]!;
            var cp = settings.Rules.ControlPlane;

            Assert.Equal(true, defaultRules["create"]);
            foreach (var group in KubePrometheusStackRules.Groups)
                Assert.Equal(cp || !group.IsControlPlane, rules[group.ValuesKey]);
            foreach (var component in KubePrometheusStackRules.ControlPlane)
                Assert.Equal(cp, ((OrderedDictionary<string, object?>)values[KubePrometheusStackRules.ValuesKey(component)!]!)["enabled"]);
            Assert.Equal(UpstreamOverlaps.DisabledChartAlerts, disabled.Keys.ToList());

            // The counts render prints are those of the chart's real render, filtered as the chart filters it.
            var deployed = DeployedChartGroups(settings);
            Assert.Equal(deployed.Sum(g => g.Rules.Count(r => r.Alert is not null)), plan.Counts.ChartAlerts);
            Assert.Equal(deployed.Sum(g => g.Rules.Count(r => r.Record is not null)), plan.Counts.ChartRecordingRules);
            Assert.Equal(KubePrometheusStackDefaults.DeployedDashboards(settings).Count(), plan.Counts.ChartDashboards);
        }

        Assert.Equal(125, TestStacks.Plan(stack).Counts.ChartAlerts);
        Assert.Equal(146, EnvironmentComposer.Compose(WithControlPlane(TestStacks.Settings(stack))).Counts.ChartAlerts);
    }

    [RenderedTheory]
    [MemberData(nameof(Stacks))]
    public void The_charts_enabled_rules_and_ours_load_together_in_promtool(string stack)
    {
        foreach (var settings in new[] { TestStacks.Settings(stack), WithControlPlane(TestStacks.Settings(stack)) })
        {
            var chart = DeployedChartGroups(settings);
            var ours = OurGroups(EnvironmentComposer.Compose(settings));
            var all = chart.Concat(ours).ToList();

            var groupNames = all.Select(g => g.Name).ToList();
            Assert.Equal(groupNames.Distinct().Count(), groupNames.Count);

            // One rule per alert name across the chart's and ours, except the chart's own warning/critical pairs.
            var ourAlerts = ours.SelectMany(g => g.Rules).Select(r => r.Alert).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var chartAlerts = chart.SelectMany(g => g.Rules).Select(r => r.Alert).OfType<string>().ToHashSet(StringComparer.Ordinal);
            Assert.Empty(ourAlerts.Intersect(chartAlerts));

            // No two rules record the same series: none of our record names is one of the chart's, and ours are written
            // once per name and static labels. (The chart records a few names twice itself, from disjoint selectors:
            // code_verb:apiserver_request_total:increase1h for read and for write verbs.)
            var chartRecords = chart.SelectMany(g => g.Rules).Select(r => r.Record).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var ourRecords = ours.SelectMany(g => g.Rules).Select(r => r.Record).OfType<string>().ToHashSet(StringComparer.Ordinal);
            Assert.Empty(ourRecords.Intersect(chartRecords));
            var series = ours.SelectMany(g => g.Rules).Where(r => r.Record is not null)
                .Select(r => r.Record + "{" + string.Join(",", r.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}")
                .ToList();
            Assert.True(series.Count == series.Distinct().Count(), "recorded twice: " + string.Join(", ", series.GroupBy(x => x).Where(x => x.Count() > 1).Select(x => x.Key)));

            // The deployed rules only (the chart's disabled alerts left out), as one rule file.
            var groups = all.Select(g => new Dictionary<object, object>(g.Raw) { ["rules"] = g.Rules.Select(r => r.Raw).ToList() }).ToList();
            var yaml = new SerializerBuilder().Build().Serialize(new Dictionary<string, object> { ["groups"] = groups });
            using var dir = new TempDir("upstream-rules");
            var file = dir.Write("all.yaml", yaml);
            var strict = ExternalTool.Run(ExternalTool.Promtool, ["check", "rules", file]);
            // promtool's duplicate-rule lint finds exactly the chart's own duplicate (read and write verbs, disjoint).
            var duplicates = DuplicateMetric().Matches(strict.Output).Select(m => m.Groups[1].Value).ToList();
            Assert.True(duplicates.SequenceEqual(["code_verb:apiserver_request_total:increase1h"]), strict.Output);
            var result = ExternalTool.RunOk(ExternalTool.Promtool, "check", "rules", "--lint=none", file);
            Assert.True(result.Output.Contains($"SUCCESS: {all.Sum(g => g.Rules.Count)} rules found", StringComparison.Ordinal), result.Output);
        }
    }

    [RenderedTheory]
    [MemberData(nameof(Stacks))]
    public void Every_recording_rule_a_deployed_dashboard_queries_is_recorded_with_the_labels_it_selects(string stack)
    {
        foreach (var settings in new[] { TestStacks.Settings(stack), WithControlPlane(TestStacks.Settings(stack)) })
        {
            var plan = EnvironmentComposer.Compose(settings);
            var records = DeployedChartGroups(settings).Concat(OurGroups(plan)).SelectMany(g => g.Rules).Where(r => r.Record is not null)
                .ToLookup(r => r.Record!, StringComparer.Ordinal);

            var dashboards = KubePrometheusStackDefaults.DeployedDashboards(settings)
                .Select(d => (Name: d.File, Json: File.ReadAllText(Path.Combine(RenderDirectory, "dashboards", d.File))))
                .Concat(plan.Artifacts.Where(a => a.Path.StartsWith("dashboards/", StringComparison.Ordinal)).Select(a => (Name: a.Path, Json: a.Content)))
                .ToList();
            Assert.Equal(plan.Counts.ChartDashboards + plan.Counts.Dashboards, dashboards.Count);

            var problems = new List<string>();
            var used = 0;
            foreach (var (name, json) in dashboards)
            {
                foreach (var query in Queries(JsonDocument.Parse(json).RootElement))
                {
                    foreach (var (record, labels) in PromQlLabels.RecordUses(query))
                    {
                        used++;
                        if (!records.Contains(record))
                        {
                            problems.Add($"{name}: {record} is recorded by no deployed rule");
                            continue;
                        }

                        foreach (var label in labels)
                        {
                            if (!records[record].Any(r => r.Labels.ContainsKey(label) || PromQlLabels.Kept(r.Expr).Keeps(label)))
                                problems.Add($"{name}: {record}{{{label}=...}}: no rule recording {record} keeps {label} ({string.Join("; ", records[record].Select(r => PromQlLabels.Kept(r.Expr)))})");
                        }
                    }
                }
            }

            Assert.True(used > 100, $"only {used} recording-rule uses found: the scan is broken");
            Assert.True(problems.Count == 0, $"{stack} (controlPlane {settings.Rules.ControlPlane}):\n  " + string.Join("\n  ", problems.Distinct()));
        }
    }

    [RenderedTheory]
    [MemberData(nameof(Stacks))]
    public void Every_deployed_alert_has_a_runbook_ours_by_file_the_charts_by_its_upstream_url(string stack)
    {
        var settings = WithControlPlane(TestStacks.Settings(stack));
        var plan = EnvironmentComposer.Compose(settings);
        var problems = new List<string>();

        foreach (var rule in OurGroups(plan).SelectMany(g => g.Rules).Where(r => r.Alert is not null))
        {
            var url = rule.Annotations.GetValueOrDefault("runbook_url") ?? "";
            var expected = settings.Rules.RunbookUrlPattern.Replace("{alertname}", rule.Alert, StringComparison.Ordinal);
            if (url != expected)
                problems.Add($"{rule.Alert}: runbook_url \"{url}\", expected \"{expected}\"");
            if (!File.Exists(Repo.PathOf("docs", "runbooks", rule.Alert + ".md")))
                problems.Add($"{rule.Alert}: docs/runbooks/{rule.Alert}.md is missing");
        }

        foreach (var rule in DeployedChartGroups(settings).SelectMany(g => g.Rules).Where(r => r.Alert is not null))
        {
            var url = rule.Annotations.GetValueOrDefault("runbook_url");
            if (!KubePrometheusStackRules.IsChartRunbookUrl(rule.Alert!, url))
                problems.Add($"{rule.Alert}: runbook_url \"{url}\" is not under {KubePrometheusStackRules.RunbookBaseUrl}");
            if (File.Exists(Repo.PathOf("docs", "runbooks", rule.Alert + ".md")))
                problems.Add($"{rule.Alert}: the chart's alert has a runbook of ours too; one runbook per alert");
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void The_control_plane_setting_is_off_by_default_and_turns_its_dashboards_and_components_on()
    {
        var off = TestStacks.Settings("prod");
        Assert.False(off.Rules.ControlPlane);
        var offUids = KubePrometheusStackDefaults.DeployedDashboards(off).Select(d => d.File).ToList();
        var onUids = KubePrometheusStackDefaults.DeployedDashboards(WithControlPlane(off)).Select(d => d.File).ToList();

        Assert.Equal(23, offUids.Count);
        Assert.Equal(["controller-manager.json", "etcd.json", "proxy.json", "scheduler.json"], onUids.Except(offUids));
        Assert.DoesNotContain("nodes-darwin.json", onUids);
        Assert.DoesNotContain("nodes-aix.json", onUids);
    }

    [Fact]
    public void Our_node_pack_leaves_the_shared_node_records_to_the_chart_and_keeps_job()
    {
        var ours = OurGroups(TestStacks.Plan("prod")).Single(g => g.Name == NodeRules.GroupName);
        var nodeExporterRecords = KubePrometheusStackRules.Groups.Single(g => g.ValuesKey == "nodeExporterRecording").Records;

        Assert.All(Rules.Conventions.RecordNames.UpstreamNodeRecords, r => Assert.Contains(r, nodeExporterRecords));
        Assert.DoesNotContain(ours.Rules, r => r.Record is { } record && Rules.Conventions.RecordNames.UpstreamNodeRecords.Contains(record));
        Assert.All(ours.Rules.Where(r => r.Record is not null), r => Assert.True(PromQlLabels.Kept(r.Expr).Keeps("job"), $"{r.Record} drops job: {r.Expr}"));

        // Without the chart (the rules library on its own) the pack records them itself, keeping job like the chart does.
        var standalone = NodeRules.Build(RulePackOptions.Default);
        Assert.All(Rules.Conventions.RecordNames.UpstreamNodeRecords, r => Assert.Contains(standalone.Records, x => x.Record == r));
        Assert.All(standalone.Records, r => Assert.True(PromQlLabels.Kept(r.Expr).Keeps("job"), $"{r.Record} drops job: {r.Expr}"));
    }

    /// <summary>Every PromQL text of a dashboard: targets' <c>expr</c> and Prometheus template variable queries.</summary>
    private static IEnumerable<string> Queries(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Name == "expr" && p.Value.ValueKind == JsonValueKind.String)
                        yield return p.Value.GetString()!;
                    else if (p.Name == "query" && p.Value.ValueKind == JsonValueKind.String && p.Value.GetString()!.Contains("label_values", StringComparison.Ordinal))
                        yield return p.Value.GetString()!;
                    else
                    {
                        foreach (var q in Queries(p.Value))
                            yield return q;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    foreach (var q in Queries(item))
                        yield return q;
                }

                break;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?m)^Metric: (\S+)$")]
    private static partial System.Text.RegularExpressions.Regex DuplicateMetric();
}
