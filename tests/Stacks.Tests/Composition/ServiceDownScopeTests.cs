using Observability.Rules.Conventions;
using Observability.Rules.Packs;
using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
using Observability.Stacks.Tests.Support;

namespace Observability.Stacks.Tests.Composition;

/// <summary>ServiceDown pages for the jobs the stack file scopes it to, never for the control plane a cluster cannot scrape.</summary>
public sealed class ServiceDownScopeTests
{
    private static string Expr(StackSettings s) =>
        RuleComposition.Build(s, "http://grafana.invalid").SelectMany(g => g.Alerts).Single(a => a.Alert == HttpRules.ServiceDown.Name).Expr;

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void By_default_it_leaves_node_exporter_and_the_unscrapeable_control_plane_alone(string stack)
    {
        Assert.Equal("up{job!~\"node-exporter|kube-controller-manager|kube-scheduler|kube-etcd|kube-proxy\"} == 0", Expr(TestStacks.Settings(stack)));
    }

    [Fact]
    public void A_stack_file_scopes_it_to_listed_jobs()
    {
        // tests/Stacks.Tests/stacks/Pulumi.full.yaml: rules.serviceDown.jobs [api, payments, kube-scheduler].
        Assert.Equal("up{job=~\"api|payments|kube-scheduler\"} == 0", Expr(TestStacks.Settings("full")));
    }

    [Fact]
    public void A_stack_file_replaces_the_excluded_jobs_and_node_exporter_stays_excluded()
    {
        var dev = TestStacks.Settings("dev");
        var s = dev with { Rules = dev.Rules with { ServiceDown = new ServiceDownSettings { ExcludeJobs = ["kube-proxy", "batch.jobs"] } } };

        Assert.Equal("up{job!~\"node-exporter|kube-proxy|batch\\\\.jobs\"} == 0", Expr(s));
    }
}
