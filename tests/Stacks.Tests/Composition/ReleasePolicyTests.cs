using Observability.Rules.Model;
using Observability.Stacks.Cli;
using Observability.Stacks.Composition;
using Observability.Stacks.Modules;
using Observability.Stacks.Settings;
using Observability.Stacks.Tests.Support;
using Observability.TestSupport;

namespace Observability.Stacks.Tests.Composition;

/// <summary>
/// Each Helm release's install/upgrade policy (timeout, atomic, cleanup on fail): typed settings with defaults
/// (<c>observability:releases</c>), validated with key paths, carried by the release plan the Pulumi program hands to
/// Pulumi.Kubernetes' Helm v3 Release.
/// </summary>
public sealed class ReleasePolicyTests
{
    private const string Receivers = """
        {"receivers":{"email":{"to":["oncall@example.org"],"smarthost":"smtp.example.org:587","from":"am@example.org"}}}
        """;

    private static SettingsResult Load(params (string Key, string Value)[] extra)
    {
        var config = new Dictionary<string, ConfigValue>(StringComparer.Ordinal)
        {
            ["observability:logAgent"] = new("alloy", false),
            ["observability:alertmanager"] = new(Receivers, false),
        };
        foreach (var (key, value) in extra)
            config[key] = new ConfigValue(value, false);
        return SettingsLoader.FromConfig("dev", config);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Every_release_has_a_policy_and_a_slow_first_install_of_kube_prometheus_stack_gets_ten_minutes(string stack)
    {
        var plan = TestStacks.Plan(stack);

        Assert.Equal(new HelmReleasePolicy(600, Atomic: true, CleanupOnFail: true), plan.Release(StackConventions.KubePrometheusStackRelease).Policy);
        Assert.Equal(new HelmReleasePolicy(600, true, true), plan.Release(StackConventions.LokiRelease).Policy);
        Assert.Equal(new HelmReleasePolicy(300, true, true), plan.Release(StackConventions.JaegerRelease).Policy);
        var agent = plan.Settings.LogAgent == LogAgentKind.Alloy ? StackConventions.AlloyRelease : StackConventions.PromtailRelease;
        Assert.Equal(new HelmReleasePolicy(600, true, true), plan.Release(agent).Policy);
        foreach (var release in plan.Releases)
            Assert.InRange(release.Policy.TimeoutSeconds, 30, 3600);
    }

    public static TheoryData<string> Stacks() => new(TestStacks.Names);

    [Fact]
    public void A_stack_overrides_one_field_of_one_release_and_keeps_the_other_defaults()
    {
        var result = Load(("observability:releases", """{"kubePrometheusStack":{"timeout":"20m"},"jaeger":{"atomic":false,"cleanupOnFail":false}}"""));

        var plan = EnvironmentComposer.Compose(result.GetOrThrow());
        Assert.Equal(new HelmReleasePolicy(1200, true, true), plan.Release(StackConventions.KubePrometheusStackRelease).Policy);
        Assert.Equal(new HelmReleasePolicy(300, false, false), plan.Release(StackConventions.JaegerRelease).Policy);
        Assert.Equal(new HelmReleasePolicy(600, true, true), plan.Release(StackConventions.LokiRelease).Policy);
    }

    [Fact]
    public void Bad_policies_are_reported_with_their_key_paths_all_at_once()
    {
        var result = Load(("observability:releases",
            """{"loki":{"timeout":"2h"},"alloy":{"timeout":"10s"},"jaeger":{"atomic":"yes"},"grafana":{}}"""));

        Assert.False(result.IsValid);
        var problems = result.Problems.Select(p => p.ToString()).ToList();
        Assert.Contains("observability:releases.loki.timeout: expected a duration from 30s to 1h, found 2h", problems);
        Assert.Contains("observability:releases.alloy.timeout: expected a duration from 30s to 1h, found 10s", problems);
        Assert.Contains(problems, p => p.StartsWith("observability:releases.jaeger.atomic: ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("observability:releases.grafana: unknown key", StringComparison.Ordinal));
        Assert.Equal(4, problems.Count);

        // Whole seconds is checked once the key reads (Helm's timeout is an integer of seconds).
        var fractional = Load(("observability:releases", """{"kubePrometheusStack":{"timeout":"90500ms"}}"""));
        Assert.Equal(
            ["observability:releases.kubePrometheusStack.timeout: expected whole seconds (Helm's timeout is in seconds), found 1m30s500ms"],
            fractional.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void The_settings_have_one_policy_per_pinned_chart()
    {
        // One place per chart: a chart pinned in ChartSettings has its policy under the same key name, and only those.
        static IEnumerable<string> Keys(Type type) => type.GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(Keys(typeof(ChartSettings)), Keys(typeof(ReleaseSettings)));
        Assert.Equal(Duration.Minutes(10), new ReleaseSettings().KubePrometheusStack.Timeout);
    }

    [Fact]
    public void Render_prints_each_releases_policy()
    {
        using var dir = new TempDir();
        var stdout = new StringWriter();

        var exit = StacksCli.Run(["render", "--stack", "prod", "--out", dir.Path], stdout, TextWriter.Null, Repo.Root);

        Assert.Equal(0, exit);
        var summary = stdout.ToString();
        Assert.Contains($"{MetricsModule.Chart.Chart}@{MetricsModule.Chart.Version}  namespace monitoring  timeout 600s, atomic, cleanup on fail", summary, StringComparison.Ordinal);
        Assert.Contains($"{TracingModule.Chart.Chart}@{TracingModule.Chart.Version}  namespace tracing  timeout 300s, atomic, cleanup on fail", summary, StringComparison.Ordinal);
    }
}
