using System.Text.RegularExpressions;
using Observability.Rules.PromQl;
using Observability.Stacks.Composition;
using Observability.Stacks.Tests.Support;
using Observability.TestSupport;
using YamlDotNet.RepresentationModel;

namespace Observability.Stacks.Tests.Composition;

/// <summary>
/// The loki, log-agent, tracing and grafana rule packs select their series by the <c>job</c> label each component's scrape
/// really gets. The jobs are derived here the way prometheus-operator derives them (the Service name, or the Service's
/// <c>jobLabel</c> label when it has it, then the endpoint's relabelings) from what the pinned charts rendered
/// (<c>../shared/reference/rendered/</c>), and from our own Jaeger ServiceMonitor; every component is scraped at all.
/// </summary>
public sealed class PipelineScrapeTests
{
    public static TheoryData<string> RenderedStacks() => ["dev", "prod"];

    /// <summary>Prometheus regex matchers are fully anchored.</summary>
    private static bool Matches(Matcher m, string value) => m.Op switch
    {
        MatchOp.Equal => m.Value == value,
        MatchOp.NotEqual => m.Value != value,
        MatchOp.Regex => Regex.IsMatch(value, $"^(?:{m.Value})$"),
        _ => !Regex.IsMatch(value, $"^(?:{m.Value})$"),
    };

    private static bool Selects(YamlNode selector, YamlMappingNode service)
    {
        var labels = Rendered.Labels(service, "metadata.labels");
        var matchLabels = Rendered.Labels(selector, "matchLabels");
        if (matchLabels.Any(l => !labels.TryGetValue(l.Key, out var v) || v != l.Value))
            return false;
        foreach (var expression in Rendered.Seq(selector, "matchExpressions"))
        {
            var key = Rendered.Text(expression, "key")!;
            var values = Rendered.Seq(expression, "values").Select(v => ((YamlScalarNode)v).Value).ToList();
            var has = labels.TryGetValue(key, out var value);
            if (Rendered.Text(expression, "operator") == "NotIn" && has && values.Contains(value))
                return false;
            if (Rendered.Text(expression, "operator") == "In" && (!has || !values.Contains(value)))
                return false;
        }

        return true;
    }

    /// <summary>The job of every Service a ServiceMonitor of the release scrapes (prometheus-operator's rules).</summary>
    private static List<(string Service, string Job)> Jobs(string stack, string release, string? servicesRelease = null)
    {
        var monitors = Rendered.Objects(stack, release).Where(o => Rendered.Text(o, "kind") == "ServiceMonitor").ToList();
        var services = Rendered.Objects(stack, servicesRelease ?? release).Where(o => Rendered.Text(o, "kind") == "Service").ToList();
        var jobs = new List<(string, string)>();
        foreach (var monitor in monitors)
        {
            foreach (var service in services.Where(s => Selects(Rendered.Node(monitor, "spec.selector")!, s)))
            {
                var name = Rendered.Text(service, "metadata.name")!;
                var jobLabel = Rendered.Text(monitor, "spec.jobLabel");
                var job = jobLabel is not null && Rendered.Labels(service, "metadata.labels").TryGetValue(jobLabel, out var fromLabel) ? fromLabel! : name;
                foreach (var endpoint in Rendered.Seq(monitor, "spec.endpoints"))
                {
                    var endpointJob = job;
                    foreach (var relabel in Rendered.Seq(endpoint, "relabelings").Where(r => Rendered.Text(r, "targetLabel") == "job"))
                    {
                        var source = Rendered.Seq(relabel, "sourceLabels").Select(v => ((YamlScalarNode)v).Value).ToList();
                        Assert.True(source is [] or ["job"], $"{release}: a job relabeling from {string.Join(",", source)} is not modelled here");
                        endpointJob = Rendered.Text(relabel, "replacement")!.Replace("$1", endpointJob, StringComparison.Ordinal);
                    }

                    jobs.Add((name, endpointJob));
                }
            }
        }

        return jobs;
    }

    [RenderedTheory]
    [MemberData(nameof(RenderedStacks))]
    public void Loki_rules_select_every_scraped_Loki_component_and_the_ingest_path(string stack)
    {
        var conventions = RuleComposition.Options(TestStacks.Settings(stack), "http://grafana.test").Conventions.Loki;
        var jobs = Jobs(stack, StackConventions.LokiRelease);

        Assert.NotEmpty(jobs);
        Assert.All(jobs, j => Assert.True(Matches(conventions.Job, j.Job), $"{stack}: Loki job {j.Job} ({j.Service}) is not matched by {conventions.Job}"));
        // The components that accept pushes: single-binary (dev) or distributor (prod).
        var ingestJobs = jobs.Where(j => Matches(conventions.IngestJob, j.Job)).Select(j => j.Service).ToList();
        Assert.Contains(ingestJobs, s => s is "loki" or "loki-distributor");
        Assert.DoesNotContain(ingestJobs, s => s.Contains("querier", StringComparison.Ordinal) || s.Contains("ingester", StringComparison.Ordinal));
        // Nothing else scraped carries a job Loki's rules would read.
        foreach (var other in Rendered.Releases(stack).Where(r => r != StackConventions.LokiRelease && r != StackConventions.JaegerRelease))
            Assert.All(Jobs(stack, other), j => Assert.False(Matches(conventions.Job, j.Job), $"{stack}: {other} job {j.Job} would be read as Loki"));
        Assert.Equal(true, PlanPath.At(TestStacks.Plan(stack).Release(StackConventions.LokiRelease).Values, "monitoring.serviceMonitor.enabled"));
    }

    [RenderedTheory]
    [MemberData(nameof(RenderedStacks))]
    public void The_log_agent_is_scraped_under_its_chart_job(string stack)
    {
        var agent = TestStacks.Settings(stack).LogAgent == Observability.Stacks.Settings.LogAgentKind.Alloy ? StackConventions.AlloyRelease : StackConventions.PromtailRelease;
        var jobs = Jobs(stack, agent);

        // The agent rules read metric names only Alloy (loki_write_*, loki_source_file_*) or Promtail (promtail_*) export,
        // so they need no job matcher; the promtool cases use these jobs.
        Assert.Equal([agent == StackConventions.AlloyRelease ? "alloy" : "promtail-metrics"], jobs.Select(j => j.Job).Distinct());
        Assert.Equal(true, PlanPath.At(TestStacks.Plan(stack).Release(agent).Values, "serviceMonitor.enabled"));
    }

    [RenderedTheory]
    [MemberData(nameof(RenderedStacks))]
    public void Grafana_rules_select_the_job_kube_prometheus_stack_gives_Grafana(string stack)
    {
        var conventions = RuleComposition.Options(TestStacks.Settings(stack), "http://grafana.test").Conventions.Grafana;
        var jobs = Jobs(stack, StackConventions.KubePrometheusStackRelease)
            .Where(j => j.Service == $"{StackConventions.KubePrometheusStackRelease}-grafana").ToList();

        var job = Assert.Single(jobs.Select(j => j.Job).Distinct());
        Assert.True(Matches(conventions.Job, job), $"{stack}: Grafana's job {job} is not matched by {conventions.Job}");
        Assert.NotEqual(false, PlanPath.At(TestStacks.Plan(stack).Release(StackConventions.KubePrometheusStackRelease).Values, "grafana.serviceMonitor.enabled"));
    }

    [RenderedTheory]
    [MemberData(nameof(RenderedStacks))]
    public void Tracing_rules_select_the_job_our_Jaeger_ServiceMonitor_gives(string stack)
    {
        var settings = TestStacks.Settings(stack);
        var conventions = RuleComposition.Options(settings, "http://grafana.test").Conventions.Tracing;
        var monitor = Assert.Single(TestStacks.Plan(stack).Objects, o => o.Kind == "ServiceMonitor" && o.Namespace == settings.Namespaces.Tracing);
        Assert.Null(PlanPath.At(monitor.Body, "spec.jobLabel"));
        var matchLabels = Assert.IsType<OrderedDictionary<string, object?>>(PlanPath.At(monitor.Body, "spec.selector.matchLabels"));
        var services = Rendered.Objects(stack, StackConventions.JaegerRelease)
            .Where(o => Rendered.Text(o, "kind") == "Service")
            .Where(s => matchLabels.All(l => Rendered.Labels(s, "metadata.labels").TryGetValue(l.Key, out var v) && v == (string?)l.Value))
            .Select(s => Rendered.Text(s, "metadata.name")!)
            .ToList();

        // No jobLabel and no relabeling: the Service name is the job.
        var service = Assert.Single(services);
        Assert.True(Matches(conventions.Job, service), $"{stack}: Jaeger's job {service} is not matched by {conventions.Job}");
    }
}
