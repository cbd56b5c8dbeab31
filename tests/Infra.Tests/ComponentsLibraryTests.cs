using System.Collections.Concurrent;
using Moq;
using Observability.Infra.Components;
using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;
using K8sProvider = Pulumi.Kubernetes.Provider;
using K8sProviderArgs = Pulumi.Kubernetes.ProviderArgs;

namespace Observability.Infra.Tests;

/// <summary>
/// The components as a library: a second Pulumi program (a platform team's, which already has its cluster and its provider)
/// adds a <see cref="MonitoringStack"/> under its own component, with its own provider and settings built in code.
/// </summary>
public sealed class ComponentsLibraryTests
{
    private const string PlatformType = "platform:index:Cluster";
    private const string Kubeconfig = "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n";

    /// <summary>The platform program's own component (in real life it would hold the cluster).</summary>
    private sealed class PlatformCluster : ComponentResource
    {
        public PlatformCluster(string name)
            : base(PlatformType, name)
        {
            RegisterOutputs();
        }
    }

    /// <summary>Settings built in code: an environment, a log agent, the email receiver, namespaces of the platform's choosing.</summary>
    private static StackSettings Settings() => new()
    {
        Environment = "platform",
        ClusterName = "platform-eu-1",
        LogAgent = LogAgentKind.Alloy,
        Namespaces = new NamespaceSettings { Monitoring = "obs-metrics", Logging = "obs-logs", Tracing = "obs-traces" },
        Alertmanager = new AlertmanagerSettings
        {
            Receivers = new ReceiverSettings
            {
                Email = new EmailReceiver { To = ["oncall@example.org"], Smarthost = "smtp.example.org:587", From = "am@example.org" },
            },
        },
    };

    [Fact]
    public async Task A_second_program_adds_the_stack_to_its_own_provider_with_settings_built_in_code()
    {
        PlatformCluster? platform = null;
        K8sProvider? provider = null;
        MonitoringStack? stack = null;
        var run = await ProgramRun.Of(TestStacks.Config("dev"), options =>
        {
            platform = new PlatformCluster("platform");
            provider = new K8sProvider("platform-cluster", new K8sProviderArgs { KubeConfig = Kubeconfig, EnableServerSideApply = true },
                new CustomResourceOptions { Parent = platform });
            options.Parent = platform;
            stack = new MonitoringStack("monitoring", new MonitoringStackArgs { Settings = Settings(), Provider = provider }, options);
            return stack.StackOutputs();
        });
        var plan = EnvironmentComposer.Compose(Settings());

        // Exactly what the plan of these settings asks for, plus the caller's component and provider: no provider of ours.
        var expected = new List<string>
        {
            $"{PlatformType} platform",
            "pulumi:providers:kubernetes platform-cluster",
            $"{MonitoringStack.Type} monitoring",
        };
        expected.AddRange(ModuleComponents.Entries(plan));
        expected.AddRange(plan.Releases.Select(r => $"kubernetes:helm.sh/v3:Release {r.Name}"));
        expected.AddRange(plan.Objects.Select(o => $"{(o.ApiVersion == "v1" ? $"kubernetes:core/v1:{o.Kind}" : $"kubernetes:{o.ApiVersion}:{o.Kind}")} {o.Id}"));
        expected.Add($"{ProgramRun.RandomPasswordType} grafana.adminPassword");
        expected.Sort(StringComparer.Ordinal);
        Assert.Equal(expected, run.Registered.Select(r => $"{r.Type} {r.Name}").Order(StringComparer.Ordinal));

        // The caller's provider, with the caller's kubeconfig, carries every Kubernetes resource.
        var registeredProvider = Assert.Single(run.RegisteredOfType("pulumi:providers:kubernetes"));
        Assert.Equal(Kubeconfig, registeredProvider.Inputs["kubeconfig"]);
        var reference = await ProgramTests.ProviderReference(provider!);
        foreach (var registered in run.Registered.Where(r => r.Type!.StartsWith("kubernetes:", StringComparison.Ordinal)))
            Assert.True(reference == registered.Provider, $"{registered.Type} {registered.Name}: provider {registered.Provider}, expected {reference}");

        // The stack sits under the caller's component; its outputs come from the settings built in code.
        Assert.Same(platform, run.ConstructedFor(stack!).Options.Parent);
        var namespaces = await OutputUtilities.GetValueAsync(stack!.Namespaces);
        Assert.Equal("obs-metrics", namespaces["monitoring"]);
        Assert.Equal("obs-logs", namespaces["logging"]);
        Assert.Equal("obs-traces", namespaces["tracing"]);
        Assert.Equal(plan.Endpoints.LokiPush, await OutputUtilities.GetValueAsync(stack.LokiPushUrl));
        Assert.Contains(".obs-logs.svc", plan.Endpoints.LokiPush, StringComparison.Ordinal);
        Assert.True(await Output.IsSecretAsync(stack.GrafanaAdminPassword));
        var kps = run.RegisteredNamed("kubernetes:helm.sh/v3:Release", StackConventions.KubePrometheusStackRelease).Inputs;
        Assert.Equal("obs-metrics", kps["namespace"]);
        Assert.Equal(600d, kps["timeout"]);
    }

    [Fact]
    public async Task Invalid_settings_built_in_code_register_nothing_of_the_stack_and_name_every_problem()
    {
        var settings = Settings() with
        {
            Prometheus = new PrometheusSettings { Replicas = 0 },
            Releases = new ReleaseSettings { Jaeger = new ReleasePolicy { Timeout = Rules.Model.Duration.Hours(2) } },
        };
        var registered = new ConcurrentQueue<MockResourceArgs>();
        var mocks = ProgramRun.Mocks(registered);
        TestStacks.Config("dev").Apply();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Deployment.TestAsync(
            mocks.Object,
            new TestOptions { ProjectName = StackConfig.Project, StackName = "platform", IsPreview = true },
            () =>
            {
                var provider = new K8sProvider("platform-cluster", new K8sProviderArgs { KubeConfig = Kubeconfig });
                return new MonitoringStack("monitoring", new MonitoringStackArgs { Settings = settings, Provider = provider }).StackOutputs();
            }));

        var message = error is AggregateException all ? string.Join("\n", all.InnerExceptions.Select(e => e.Message)) : error.Message;
        Assert.Contains("Stack \"platform\" has invalid settings; nothing was deployed.", message, StringComparison.Ordinal);
        Assert.Contains("observability:prometheus.replicas: expected a number from 1 to 10, found 0", message, StringComparison.Ordinal);
        Assert.Contains("observability:releases.jaeger.timeout: expected a duration from 30s to 1h, found 2h", message, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Observability.", message, StringComparison.Ordinal);
        Assert.Equal(["pulumi:providers:kubernetes"], registered.Select(r => r.Type));
        mocks.Verify(m => m.NewResourceAsync(It.Is<MockResourceArgs>(a => a.Type!.StartsWith("observability:", StringComparison.Ordinal))), Times.Never);
    }
}
