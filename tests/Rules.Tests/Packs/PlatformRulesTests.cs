using Observability.Rules.Conventions;
using Observability.Rules.Model;
using Observability.Rules.Output;
using Observability.Rules.Packs;
using Observability.Rules.PromQl;
using Observability.Rules.Tests.Support;
using Observability.Rules.Validation;
using Observability.TestSupport;

namespace Observability.Rules.Tests.Packs;

public sealed class PlatformRulesTests
{
    private static readonly KeyValuePair<string, string>[] ReleaseLabels = [new("release", "kube-prometheus-stack")];

    [Fact]
    public void Default_rule_file_matches_its_golden_file() =>
        Golden.Matches(PlatformRules.ToRuleFile(RulePackOptions.Default), "golden/platform-rules.yaml");

    [Fact]
    public void Default_rule_file_passes_promtool_check()
    {
        var output = PromtoolRunner.CheckRules(PlatformRules.ToRuleFile(RulePackOptions.Default));

        var rules = PlatformRules.Build(RulePackOptions.Default).Sum(g => g.Rules.Length);
        Assert.Contains($"SUCCESS: {rules} rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Shortened_and_overridden_rule_file_passes_promtool_check()
    {
        var options = (RulePackOptions.Default.WithForAtMost(Duration.Seconds(30)) with
        {
            AlertLabels = LabelSet.Of(("team", "platform")),
        }).Without(RedisRules.Pack);

        PromtoolRunner.CheckRules(PlatformRules.ToRuleFile(options));
        Assert.All(PlatformRules.Build(options).SelectMany(g => g.Alerts), a => Assert.True(a.For is null || a.For <= Duration.Seconds(30), a.Alert));
    }

    [ReferenceFact]
    public void PrometheusRule_is_valid_against_the_strict_crd_schema_and_small()
    {
        var objects = RuleYaml.ToPrometheusRules("platform-rules", "monitoring", ReleaseLabels, PlatformRules.Build(RulePackOptions.Default));

        var single = Assert.Single(objects);
        Assert.Equal("platform-rules", single.Name);
        SchemaCheck.AssertYamlValid(Reference.StrictCrdSchema("PrometheusRule"), single.Yaml, "platform PrometheusRule");
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(single.Yaml), 1, RuleYaml.DefaultMaxObjectBytes);
        Golden.Matches(single.Yaml, "golden/platform-prometheusrule.yaml");
    }

    [Fact]
    public void PrometheusRules_are_split_by_whole_groups_when_over_the_size_limit()
    {
        var groups = PlatformRules.Build(RulePackOptions.Default);

        var objects = RuleYaml.ToPrometheusRules("platform-rules", "monitoring", ReleaseLabels, groups, maxBytes: 8_000);

        Assert.True(objects.Count > 1);
        Assert.Equal(objects.Select((_, i) => $"platform-rules-{i + 1}"), objects.Select(o => o.Name));
        Assert.All(objects, o => Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(o.Yaml), 1, 8_000));
        var names = objects.SelectMany(o => System.Text.RegularExpressions.Regex.Matches(o.Yaml, @"^    - name: (\S+)$", System.Text.RegularExpressions.RegexOptions.Multiline)).Select(m => m.Groups[1].Value);
        Assert.Equal(groups.Select(g => g.Name), names);
    }

    [Fact]
    public void A_group_too_large_for_one_object_is_reported()
    {
        var error = Assert.Throws<ValidationException>(() =>
            RuleYaml.ToPrometheusRules("platform-rules", "monitoring", ReleaseLabels, PlatformRules.Build(RulePackOptions.Default), maxBytes: 1_000));

        Assert.StartsWith("group \"http\": is ", error.Problems[0].ToString(), StringComparison.Ordinal);
        Assert.EndsWith("bytes as a PrometheusRule object, over the limit of 1000 bytes; split it into smaller groups", error.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_alert_links_its_runbook_and_its_panel()
    {
        var options = RulePackOptions.Default with
        {
            RunbookUrlPattern = "https://wiki.internal/runbooks/{alertname}",
            GrafanaBaseUrl = "https://grafana.internal/",
        };

        var alerts = PlatformRules.Build(options).SelectMany(g => g.Alerts).ToList();

        Assert.All(alerts, a => Assert.Equal($"https://wiki.internal/runbooks/{a.Alert}", a.RunbookUrl));
        Assert.All(alerts, a => Assert.Matches(@"^https://grafana\.internal/d/[a-z-]+\?viewPanel=[0-9]+$", a.DashboardUrl!));
        Assert.Equal("https://grafana.internal/d/api-overview?viewPanel=2", alerts.Single(a => a.Alert == HttpRules.HighErrorRate.Name).DashboardUrl);
    }

    [Fact]
    public void Every_pack_builds_exactly_its_declared_alerts_in_order()
    {
        foreach (var pack in PlatformRules.Packs)
        {
            var group = pack.Build(RulePackOptions.Default);
            Assert.Equal(pack.GroupName, group.Name);
            Assert.Equal(pack.Alerts.Select(a => a.Name), group.Alerts.Select(a => a.Alert));
        }

        Assert.Equal(PlatformAlerts.All.Length, PlatformAlerts.All.Select(a => a.Name).Distinct().Count());
    }

    [Fact]
    public void Every_alert_takes_severity_for_and_panel_from_its_declaration()
    {
        var rules = PlatformRules.Build(RulePackOptions.Default).SelectMany(g => g.Alerts).ToDictionary(a => a.Alert);

        Assert.All(PlatformAlerts.All, d =>
        {
            var rule = rules[d.Name];
            Assert.Equal(d.Severity, rule.Severity);
            Assert.Equal(d.For.Milliseconds > 0 ? d.For : null, rule.For);
            Assert.Equal(RulePackOptions.Default.DashboardUrl(d.Panel), rule.DashboardUrl);
            if (d.Threshold is { } t)
                Assert.Null(t.Problem(t.Default));
        });
    }

    public static TheoryData<string> OverridableAlerts() => new(PlatformAlerts.OverridableNames);

    [Theory]
    [MemberData(nameof(OverridableAlerts))]
    public void Every_overridable_alert_reads_its_threshold_and_for_from_the_options(string name)
    {
        var alert = PlatformAlerts.Find(name)!;
        var threshold = alert.Threshold is { } t ? t.Kind == ThresholdKind.Ratio ? Math.Round(t.Default / 2, 4) : t.Default * 3 : (double?)null;
        var tuned = RulePackOptions.Default.Tune(alert, threshold, Duration.Minutes(42));

        var before = PlatformRules.Build(RulePackOptions.Default).SelectMany(g => g.Alerts).Single(a => a.Alert == name);
        var after = PlatformRules.Build(tuned).SelectMany(g => g.Alerts).Single(a => a.Alert == name);

        Assert.Equal(Duration.Minutes(42), after.For);
        if (threshold is { } value)
        {
            Assert.NotEqual(before.Expr, after.Expr);
            Assert.Contains(PromExpr.Number((decimal)value), after.Expr, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(before.Expr, after.Expr);
        }
    }

    [Fact]
    public void An_override_changes_the_threshold_and_for_it_names_and_nothing_else()
    {
        var tuned = RulePackOptions.Default.Tune(HttpRules.HighErrorRate, threshold: 0.02, @for: Duration.Minutes(10));
        var before = PlatformRules.Build(RulePackOptions.Default).SelectMany(g => g.Alerts).ToDictionary(a => a.Alert);
        var after = PlatformRules.Build(tuned).SelectMany(g => g.Alerts).ToDictionary(a => a.Alert);

        Assert.Equal(RecordNames.HttpErrorRatio + " > 0.02", after[HttpRules.HighErrorRate.Name].Expr);
        Assert.Equal(Duration.Minutes(10), after[HttpRules.HighErrorRate.Name].For);
        Assert.All(before.Keys.Where(k => k != HttpRules.HighErrorRate.Name), k => Assert.Equal(before[k], after[k]));
    }

    [Fact]
    public void Every_record_name_constant_is_recorded_once()
    {
        var recorded = PlatformRules.Build(RulePackOptions.Default).SelectMany(g => g.Records).Select(r => r.Record).ToList();

        Assert.Equal(RecordNames.All.Order(StringComparer.Ordinal), recorded.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Panel_ids_are_unique_per_dashboard() =>
        Assert.Equal(PlatformPanels.All.Count, PlatformPanels.All.Values.Distinct().Count());

    [Fact]
    public void Disabled_packs_leave_no_group()
    {
        var options = RulePackOptions.Default.Without(HttpRules.Pack, KubernetesRules.Pack);

        Assert.Equal(["agents", "postgresql", "redis", "nodes", "loki", "log-agent", "tracing", "grafana", "watchdog"], PlatformRules.Build(options).Select(g => g.Name));
    }

    [Fact]
    public void Nothing_enabled_is_an_empty_rule_file_error()
    {
        var options = RulePackOptions.Default.Without(PlatformRules.Packs);

        var error = Assert.Throws<ValidationException>(() => PlatformRules.Build(options));
        Assert.Equal("rule file: no groups: an empty rule file is an error", error.Message);
    }

    [Fact]
    public void Bad_options_are_reported_together_with_their_paths()
    {
        var options = (RulePackOptions.Default with
        {
            RunbookUrlPattern = "https://runbooks.internal/",
            GrafanaBaseUrl = "grafana:3000",
        })
            .Tune(HttpRules.HighErrorRate, threshold: 5)
            .Tune(NodeRules.HighLoadAverage, threshold: 0)
            .Tune(NodeRules.NodeDown, threshold: 1);
        options = options with { Alerts = options.Alerts.Add("HighErorRate", new AlertTuning(For: Duration.Minutes(1))) };

        var error = Assert.Throws<ValidationException>(() => PlatformRules.Build(options));

        Assert.Equal(
            [
                "rules.runbookUrlPattern: \"https://runbooks.internal/\" does not contain {alertname}",
                "rules.grafanaBaseUrl: \"grafana:3000\" is not an absolute http(s) URL",
                "rules.alerts.HighErorRate: unknown alert (expected one of " + string.Join(", ", PlatformAlerts.OverridableNames) + ")",
                "rules.alerts.HighErrorRate.threshold: must be a ratio between 0 and 1 exclusive (e.g. 0.05 for 5%), found 5",
                "rules.alerts.HighLoadAverage.threshold: must be a number greater than 0, found 0",
                "rules.alerts.NodeDown.threshold: expected no threshold (NodeDown has no threshold; only its for can change), found 1",
            ],
            error.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_zero_for_drops_the_for_and_says_so_in_the_description()
    {
        var groups = PlatformRules.Build(RulePackOptions.Default.WithForAtMost(Duration.Zero));

        Assert.All(groups.SelectMany(g => g.Alerts), a => Assert.Null(a.For));
        Assert.Equal(
            "{{ $value | humanizePercentage }} of requests to {{ $labels.job }} fail with 5xx (threshold 5%, immediately).",
            groups.SelectMany(g => g.Alerts).Single(a => a.Alert == HttpRules.HighErrorRate.Name).Description);
        PromtoolRunner.CheckRules(RuleYaml.ToRuleFile(groups));
    }

    [Fact]
    public void Every_PrometheusRule_objects_spec_passes_promtool_check()
    {
        var groups = PlatformRules.Build(RulePackOptions.Default);
        var objects = RuleYaml.ToPrometheusRules("platform-rules", "monitoring", ReleaseLabels, groups, maxBytes: 8_000)
            .Append(Assert.Single(RuleYaml.ToPrometheusRules("platform-rules", "monitoring", ReleaseLabels, groups)));
        var deserializer = new YamlDotNet.Serialization.DeserializerBuilder().Build();
        var serializer = new YamlDotNet.Serialization.SerializerBuilder().Build();

        var total = 0;
        foreach (var o in objects)
        {
            var document = deserializer.Deserialize<Dictionary<string, object>>(o.Yaml);
            var output = PromtoolRunner.CheckRules(serializer.Serialize(document["spec"]));
            total += int.Parse(System.Text.RegularExpressions.Regex.Match(output, "SUCCESS: ([0-9]+) rules found").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Equal(2 * groups.Sum(g => g.Rules.Length), total);
    }
}
