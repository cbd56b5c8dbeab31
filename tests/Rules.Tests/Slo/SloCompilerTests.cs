using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Observability.Rules.Model;
using Observability.Rules.Output;
using Observability.Rules.PromQl;
using Observability.Rules.Slo;
using Observability.TestSupport;

namespace Observability.Rules.Tests.Slo;

public sealed partial class SloCompilerTests
{
    private static readonly SloOptions Options = SloSamples.Options;

    private static IReadOnlyList<SloDefinition> Platform() => PlatformSlos.Build(new PlatformSloOptions());

    [Fact]
    public void Platform_slos_compile_to_the_golden_rule_file() =>
        Golden.Matches(SloCompiler.ToRuleFile(Platform(), Options), "golden/platform-slos.yaml");

    [Fact]
    public void A_28d_latency_slo_compiles_to_the_golden_rule_file()
    {
        var slo = SloSamples.Latency(threshold: 1m) with { Period = Duration.Days(28) };

        Golden.Matches(SloCompiler.ToRuleFile([slo], Options with { EvaluationInterval = Duration.Seconds(30) }), "golden/latency-28d.yaml");
    }

    [Fact]
    public void Promtool_accepts_every_generated_rule_file()
    {
        using var dir = new TempDir();
        var slos = new List<SloDefinition>(Platform())
        {
            SloSamples.Availability("checkout-7d", 99.95m, Duration.Days(7)),
            SloSamples.Availability("checkout-28d", 99.5m, Duration.Days(28)),
            SloSamples.Latency(threshold: 1m).WithAlertLabel("team", "payments"),
        };
        var file = dir.Write("slos.yaml", SloCompiler.ToRuleFile(slos, Options));

        var result = ExternalTool.RunOk(ExternalTool.Promtool, "check", "rules", file);

        var rules = SloCompiler.Compile(slos, Options).Sum(g => g.Rules.Length);
        Assert.Contains($"SUCCESS: {rules} rules found", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compiled_rules_pass_the_rule_validator()
    {
        var slos = new List<SloDefinition>(Platform()) { SloSamples.Latency(threshold: 1m).WithAlertLabel("team", "payments") };

        Assert.Empty(Observability.Rules.Validation.RuleValidator.Validate(SloCompiler.Compile(slos, Options)));
    }

    [Fact]
    public void An_slo_may_override_the_for_durations_of_its_alerts()
    {
        var slo = SloSamples.Availability() with { PageFor = Duration.Minutes(5), TicketFor = Duration.Hours(1), NoDataFor = Duration.Minutes(30) };

        var alerts = OneSlo(SloCompiler.Compile([slo], Options)).Alerts.ToList();

        Assert.Equal([Duration.Minutes(5), Duration.Minutes(30), Duration.Hours(1)], alerts.Select(a => a.For));
    }

    [ReferenceFact]
    public void Platform_slos_as_a_PrometheusRule_are_valid_against_the_strict_crd_schema()
    {
        var yaml = RuleYaml.ToPrometheusRule("slos", "monitoring", [new("release", "kps")], SloCompiler.Compile(Platform(), Options));

        SchemaCheck.AssertYamlValid(Reference.StrictCrdSchema("PrometheusRule"), yaml, "PrometheusRule");
    }

    [Theory]
    [InlineData("30d", "14.4", "6", "3", "1")]
    [InlineData("28d", "13.44", "5.6", "2.8", "0.9333")]
    [InlineData("7d", "3.36", "1.4", "0.7", "0.2333")]
    public void Burn_rate_factors_follow_from_the_period(string period, string page1h, string page6h, string ticket1d, string ticket3d)
    {
        var slo = SloSamples.Availability(period: Duration.Parse(period));

        var factors = SloCompiler.Conditions(slo, Options).Select(c => Rules.PromQl.PromExpr.Number(c.Factor));

        Assert.Equal([page1h, page6h, ticket1d, ticket3d], factors);
    }

    [Theory]
    [InlineData("99.9", "0.0144", "0.006", "0.003", "0.001")]
    [InlineData("99.99", "0.00144", "0.0006", "0.0003", "0.0001")]
    [InlineData("95", "0.72", "0.3", "0.15", "0.05")]
    [InlineData("99.95", "0.0072", "0.003", "0.0015", "0.0005")]
    public void Error_ratio_thresholds_are_exact(string objective, params string[] thresholds)
    {
        var slo = SloSamples.Availability(objective: decimal.Parse(objective, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(thresholds, SloCompiler.Conditions(slo, Options).Select(c => Rules.PromQl.PromExpr.Number(c.Threshold)));
    }

    [Fact]
    public void Output_contains_no_floating_point_noise()
    {
        var slos = new[]
        {
            SloSamples.Availability("a", 99.9m), SloSamples.Availability("b", 99.95m, Duration.Days(28)),
            SloSamples.Availability("c", 99.99m, Duration.Days(7)), SloSamples.Availability("d", 97.3m),
        };

        var yaml = SloCompiler.ToRuleFile(slos, Options);

        Assert.DoesNotMatch(LongFraction(), yaml);
        Assert.Contains("> 0.0144\n", yaml, StringComparison.Ordinal);
        Assert.Contains("vector(0.001)", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_slo_records_the_error_ratio_for_every_window_and_its_period()
    {
        foreach (var slo in new[] { SloSamples.Availability(period: Duration.Days(7)), SloSamples.Availability(period: Duration.Days(28)) })
        {
            var group = OneSlo(SloCompiler.Compile([slo], Options));
            var records = group.Records.Select(r => r.Record).ToList();

            Assert.Equal(
                ["5m", "30m", "1h", "2h", "6h", "1d", "3d", slo.Period.ToString()],
                records.Where(r => r.StartsWith("slo:sli_error:ratio_rate", StringComparison.Ordinal)).Select(r => r["slo:sli_error:ratio_rate".Length..]));
            Assert.All(group.Records, r => Assert.Equal(LabelSet.Of(("service", "checkout"), ("slo", slo.Name)), r.Labels));
        }
    }

    [Fact]
    public void Windows_of_a_day_and_more_and_the_ticket_are_evaluated_in_their_own_group_every_minute()
    {
        var groups = SloCompiler.Compile([SloSamples.Availability()], Options with { EvaluationInterval = Duration.Seconds(15) });

        Assert.Equal(["slo-checkout-availability", "slo-checkout-availability-long"], groups.Select(g => g.Name));
        Assert.Equal([Duration.Seconds(15), Duration.Minutes(1)], groups.Select(g => g.Interval!.Value));
        Assert.Equal(
            ["slo:sli_error:ratio_rate1d", "slo:sli_error:ratio_rate3d", "slo:sli_error:ratio_rate30d", SloConventions.PeriodBurnRate, SloConventions.ErrorBudgetRemaining],
            groups[1].Records.Select(r => r.Record));
        Assert.Equal([SloConventions.BurnSlowAlert], groups[1].Alerts.Select(a => a.Alert));
        Assert.Equal([SloConventions.BurnFastAlert, SloConventions.NoDataAlert], groups[0].Alerts.Select(a => a.Alert));
        // The short group never reads what the long group records: the page does not wait for the long interval.
        Assert.All(groups[0].Rules, r => Assert.DoesNotMatch("ratio_rate(1d|3d|30d)|period_", r.Expr));
    }

    [Fact]
    public void The_long_window_interval_is_at_least_the_evaluation_interval()
    {
        var slo = SloSamples.Availability();

        var shorter = Assert.Throws<Observability.Rules.Validation.ValidationException>(() =>
            SloCompiler.Compile([slo], Options with { EvaluationInterval = Duration.Minutes(2), LongWindowInterval = Duration.Minutes(1) }));
        var zero = Assert.Throws<Observability.Rules.Validation.ValidationException>(() =>
            SloCompiler.Compile([slo], Options with { LongWindowInterval = Duration.Zero }));

        Assert.Contains("longWindowInterval: 1m is shorter than evaluationInterval 2m", shorter.Message, StringComparison.Ordinal);
        Assert.Contains("longWindowInterval: must be greater than 0s, found 0s", zero.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_two_5m_rates_read_raw_counters()
    {
        var group = OneSlo(SloCompiler.Compile([SloSamples.Availability()], Options));

        var readingCounters = group.Records.Where(r => r.Expr.Contains("http_requests_total", StringComparison.Ordinal)).Select(r => r.Record);

        Assert.Equal([SloConventions.BadEventsRate5m, SloConventions.EventsRate5m], readingCounters);
    }

    [Fact]
    public void Alerts_have_constant_names_severity_runbook_and_dashboard_links()
    {
        var groups = SloCompiler.Compile(Platform(), Options with { PageSeverity = Severity.Warning, TicketSeverity = Severity.Info });

        foreach (var group in groups.Chunk(2).Select(pair => OneSlo([.. pair])))
        {
            var alerts = group.Alerts.ToList();
            var slo = group.Name["slo-".Length..];
            Assert.Equal([SloConventions.BurnFastAlert, SloConventions.NoDataAlert, SloConventions.BurnSlowAlert], alerts.Select(a => a.Alert));
            Assert.Equal([Severity.Warning, Severity.Warning, Severity.Info], alerts.Select(a => a.Severity));
            Assert.All(alerts, a =>
            {
                Assert.Equal($"https://github.com/acme/observability/blob/main/docs/runbooks/{a.Alert}.md", a.RunbookUrl);
                Assert.Equal($"https://grafana.example.com/d/slos?var-slo={slo}", a.DashboardUrl);
                Assert.False(string.IsNullOrWhiteSpace(a.Summary));
                Assert.False(string.IsNullOrWhiteSpace(a.Description));
                Assert.Contains($"slo=\"{slo}\"", a.Expr, StringComparison.Ordinal);
            });
        }
    }

    [Fact]
    public void For_durations_come_from_the_options()
    {
        var options = Options with { PageFor = Duration.Seconds(10), TicketFor = Duration.Seconds(20), NoDataFor = Duration.Seconds(30) };

        var alerts = OneSlo(SloCompiler.Compile([SloSamples.Availability()], options)).Alerts.ToList();

        Assert.Equal([Duration.Seconds(10), Duration.Seconds(30), Duration.Seconds(20)], alerts.Select(a => a.For));
    }

    [Fact]
    public void Slo_alert_labels_and_annotations_reach_every_alert()
    {
        var slo = SloSamples.Availability().WithAlertLabel("team", "payments").WithAlertAnnotation("playbook", "https://wiki/checkout");

        var alerts = OneSlo(SloCompiler.Compile([slo], Options)).Alerts;

        Assert.All(alerts, a =>
        {
            Assert.Equal("payments", a.Labels["team"]);
            Assert.Equal("https://wiki/checkout", a.ExtraAnnotations["playbook"]);
        });
    }

    [Fact]
    public void Latency_sli_reads_the_threshold_bucket_in_both_le_spellings()
    {
        var half = OneSlo(SloCompiler.Compile([SloSamples.Latency(0.5m)], Options)).Records.First();
        var one = OneSlo(SloCompiler.Compile([SloSamples.Latency(1m)], Options)).Records.First();

        Assert.Equal(
            "sum(rate(http_request_duration_seconds_count{job=\"checkout\"}[5m])) - sum(rate(http_request_duration_seconds_bucket{job=\"checkout\", le=\"0.5\"}[5m]))",
            half.Expr);
        Assert.Contains("le=~\"1|1\\\\.0\"", one.Expr, StringComparison.Ordinal);
    }

    [Fact]
    public void Dashboard_specs_read_only_recorded_metrics_of_their_slo()
    {
        var specs = SloCompiler.DashboardSpecs(Platform(), Options);
        var recorded = SloCompiler.Compile(Platform(), Options).SelectMany(g => g.Records).Select(r => r.Record).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(["api-availability", "api-latency", "api-error-rate", "agent-success"], specs.Select(s => s.Name));
        foreach (var spec in specs)
        {
            var expressions = spec.BurnRateExprs.Select(p => p.Value).Append(spec.SliExpr).Append(spec.ErrorBudgetRemainingExpr).ToList();
            Assert.All(spec.RecordedMetrics, m => Assert.Contains(m, recorded));
            Assert.All(expressions, e => Assert.Contains($"slo=\"{spec.Name}\"", e, StringComparison.Ordinal));
            Assert.All(expressions, e => Assert.Contains(spec.RecordedMetrics, m => e.Contains(m + "{", StringComparison.Ordinal)));
            Assert.Equal(["5m", "30m", "1h", "2h", "6h", "1d", "3d", spec.Period.ToString()], spec.BurnRateExprs.Select(p => p.Key));
        }

        var availability = specs[0];
        Assert.Equal(99.9m, availability.ObjectivePercent);
        Assert.Equal([14.4m, 6m, 3m, 1m], availability.AlertBurnRates);
        Assert.Equal("slo:period_error_budget_remaining:ratio{service=\"api\", slo=\"api-availability\"}", availability.ErrorBudgetRemainingExpr);
        Assert.Equal([3.36m, 1.4m, 0.7m, 0.2333m], specs[2].AlertBurnRates);
    }

    [Fact]
    public void Platform_thresholds_are_overridable()
    {
        var slos = PlatformSlos.Build(new PlatformSloOptions
        {
            ApiLatencyThresholdSeconds = 1m,
            ApiMatchers = [Matcher.Eq("namespace", "prod"), Matcher.Eq("job", "gateway")],
            Overrides = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, PlatformSloOverride>
            {
                [PlatformSlos.ApiAvailability] = new() { ObjectivePercent = 99.5m },
                [PlatformSlos.ApiErrorRate] = new() { ObjectivePercent = 99.5m },
                [PlatformSlos.AgentSuccess] = new() { Period = Duration.Days(7) },
            }),
        });

        Assert.Equal(99.5m, slos[0].ObjectivePercent);
        Assert.Equal(1m, ((LatencySli)slos[1].Sli).Threshold);
        Assert.Equal(99.5m, slos[2].ObjectivePercent);
        Assert.Equal(Duration.Days(7), slos[3].Period);
        Assert.Equal("http_requests_total{namespace=\"prod\", job=\"gateway\", status=~\"5..\"}", ((EventRatioSli)slos[0].Sli).Bad.ToString());
        Assert.Empty(SloValidator.Validate(slos, Options));
    }

    [Fact]
    public void An_override_changes_only_what_it_sets_and_must_name_a_platform_slo()
    {
        var defaults = PlatformSlos.Build(new PlatformSloOptions()).Single(s => s.Name == PlatformSlos.ApiLatency);
        var options = new PlatformSloOptions
        {
            Overrides = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, PlatformSloOverride>
            {
                [PlatformSlos.ApiLatency] = new() { PageFor = Duration.Minutes(5), TicketFor = Duration.Minutes(30) },
            }),
        };

        var changed = PlatformSlos.Build(options).Single(s => s.Name == PlatformSlos.ApiLatency);

        Assert.Equal((Duration.Minutes(5), Duration.Minutes(30)), (changed.PageFor, changed.TicketFor));
        Assert.Null(defaults.PageFor);
        Assert.Equal((defaults.ObjectivePercent, defaults.Period, defaults.Sli.ToString()), (changed.ObjectivePercent, changed.Period, changed.Sli.ToString()));
        var unknown = options with { Overrides = options.Overrides.Add("api-latncy", new PlatformSloOverride { ObjectivePercent = 99m }) };
        var error = Assert.Throws<ArgumentException>(() => PlatformSlos.Build(unknown));
        Assert.StartsWith($"overrides name no platform SLO: api-latncy (expected one of {string.Join(", ", PlatformSlos.Build(new PlatformSloOptions()).Select(s => s.Name))})", error.Message, StringComparison.Ordinal);
        Assert.Equal(["agent-success", "api-availability", "api-error-rate", "api-latency"], PlatformSlos.Names.ToArray());
    }

    [Fact]
    public void Compiling_is_deterministic() =>
        Assert.Equal(SloCompiler.ToRuleFile(Platform(), Options), SloCompiler.ToRuleFile(Platform(), Options));

    [GeneratedRegex(@"[0-9]\.[0-9]{10,}")]
    private static partial Regex LongFraction();

    /// <summary>The two groups of one SLO (the short windows', then the long ones') as one group holding all its rules in order.</summary>
    private static RuleGroup OneSlo(System.Collections.Immutable.ImmutableArray<RuleGroup> groups)
    {
        Assert.Equal(2, groups.Length);
        Assert.Equal(groups[0].Name + "-long", groups[1].Name);
        return groups[0] with { Rules = groups[0].Rules.AddRange(groups[1].Rules) };
    }
}
