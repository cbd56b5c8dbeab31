using System.Collections;
using System.Collections.Immutable;
using System.Text.Json;
using Observability.Infra.Components;
using Observability.Stacks.Composition;
using Observability.Stacks.Modules;
using Observability.Stacks.Settings;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace Observability.Infra.Tests;

/// <summary>The Pulumi program run against a mocked engine for the repository's dev and prod stacks.</summary>
public sealed class ProgramTests
{
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";
    private const string ProviderType = "pulumi:providers:kubernetes";

    /// <summary>The pins, read from the modules (the one place a pin lives; a bump is one edit there).</summary>
    private static readonly Dictionary<string, ChartReference> Pins = ModuleCatalog.Charts.ToDictionary(c => c.Chart, StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(TestStacks.Names), MemberType = typeof(TestStacks))]
    public async Task Every_resource_is_one_the_plan_asks_for(string stack)
    {
        var run = await TestStacks.Run(stack);
        var plan = run.Plan;
        var expected = new List<string>
        {
            Entry(MonitoringStack.Type, "observability"),
            Entry(ProviderType, "kubernetes"),
        };
        expected.AddRange(ModuleComponents.Entries(plan));
        expected.AddRange(plan.Releases.Select(r => Entry(ReleaseType, r.Name)));
        expected.AddRange(plan.Objects.Select(o => Entry(TypeToken(o), o.Id)));
        expected.AddRange(plan.Secrets().Where(s => s.Source == SecretSource.Generated).Select(s => s.Key).Distinct()
            .Select(key => Entry(ProgramRun.RandomPasswordType, key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..])));
        expected.Sort(StringComparer.Ordinal);

        var constructed = run.Resources.Select(r => Entry(r.GetResourceType(), r.GetResourceName())).Order(StringComparer.Ordinal).ToList();
        var registered = run.Registered.Select(r => Entry(r.Type!, r.Name!)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, constructed);
        Assert.Equal(expected, registered);

        // The inventory is not trivially small: every area deploys something.
        Assert.Contains(plan.Releases, r => r.Chart == "kube-prometheus-stack");
        Assert.Contains(plan.Releases, r => r.Chart == "loki");
        Assert.Contains(plan.Releases, r => r.Chart == "jaeger");
        Assert.Contains(plan.Releases, r => r.Chart == plan.Settings.LogAgent.ToString().ToLowerInvariant());
        Assert.Contains(plan.Objects, o => o.Kind == "PrometheusRule");
        Assert.Contains(plan.Objects, o => o.Kind == "ConfigMap");
        Assert.Contains(plan.Objects, o => o.Kind == "Secret");
    }

    [Theory]
    [MemberData(nameof(TestStacks.Names), MemberType = typeof(TestStacks))]
    public async Task Every_resource_descends_from_MonitoringStack(string stack)
    {
        var run = await TestStacks.Run(stack);
        var root = Assert.Single(run.Resources.OfType<MonitoringStack>());
        var provider = Assert.Single(run.Resources.OfType<Pulumi.Kubernetes.Provider>());
        Assert.DoesNotContain(run.Constructed, c => ReferenceEquals(c.Resource, provider));   // the program's, beside the root
        foreach (var resource in run.Resources.Where(r => !ReferenceEquals(r, root) && !ReferenceEquals(r, provider)))
        {
            // Walk the Parent options each resource was constructed with (every child sets Parent = its component).
            var chain = new List<string>();
            Resource? current = resource;
            while (current is not null && !ReferenceEquals(current, root))
            {
                chain.Add(current.GetResourceType());
                current = run.ConstructedFor(current).Options.Parent;
            }

            Assert.True(current is not null, $"{resource.GetResourceType()} {resource.GetResourceName()} does not descend from MonitoringStack (chain: {string.Join(" < ", chain)})");

            // URNs: only what both the engine and Pulumi's mocks build (stack, project, then the type chain ending in the
            // resource's own type and name). The type chain itself differs: the mock (Testing/MockMonitor.cs NewUrn) qualifies
            // every child with the root stack's type, pulumi:pulumi:Stack$<type>, the engine with its parents' types.
            var urn = await OutputUtilities.GetValueAsync(resource.Urn);
            Assert.StartsWith($"urn:pulumi:{stack}::{StackConfig.Project}::", urn, StringComparison.Ordinal);
            Assert.EndsWith($"{resource.GetResourceType()}::{resource.GetResourceName()}", urn, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestStacks.Names), MemberType = typeof(TestStacks))]
    public async Task Every_namespaced_object_and_release_is_in_its_intended_namespace(string stack)
    {
        var run = await TestStacks.Run(stack);
        var ns = run.Plan.Settings.Namespaces;
        string[] stackNamespaces = [ns.Monitoring, ns.Logging, ns.Tracing];

        foreach (var release in run.Plan.Releases)
        {
            var intended = release.Component switch
            {
                PlanComponent.Metrics => ns.Monitoring,
                PlanComponent.Loki or PlanComponent.LogAgent => ns.Logging,
                PlanComponent.Tracing => ns.Tracing,
                var other => throw new InvalidOperationException($"release {release.Name} belongs to {other}"),
            };
            var inputs = run.RegisteredNamed(ReleaseType, release.Name).Inputs;
            Assert.Equal(intended, inputs["namespace"]);
            Assert.Equal(release.Name, inputs["name"]);   // a fixed release name: the in-cluster URLs depend on it
        }

        foreach (var obj in run.Plan.Objects)
        {
            var metadata = (IDictionary)run.RegisteredNamed(TypeToken(obj), obj.Id).Inputs["metadata"];
            Assert.Equal(obj.Name, metadata["name"]);
            if (obj.Kind == "Namespace")
            {
                Assert.False(metadata.Contains("namespace"), $"{obj.Id} is cluster-scoped");
                Assert.Contains(obj.Name, stackNamespaces);
            }
            else
            {
                Assert.NotNull(obj.Namespace);
                Assert.Equal(obj.Namespace, metadata["namespace"]);
                Assert.Contains(obj.Namespace, stackNamespaces);
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestStacks.Names), MemberType = typeof(TestStacks))]
    public async Task Every_release_is_pinned_and_carries_exactly_the_composed_values(string stack)
    {
        var run = await TestStacks.Run(stack);
        Assert.Equal(run.Plan.Releases.Count, run.RegisteredOfType(ReleaseType).Count());
        foreach (var release in run.Plan.Releases)
        {
            var inputs = run.RegisteredNamed(ReleaseType, release.Name).Inputs;
            var pin = Pins[release.Chart];
            Assert.Equal(release.Chart, inputs["chart"]);
            Assert.Equal(pin.Version, inputs["version"]);
            Assert.Equal(release.Version, inputs["version"]);
            Assert.Equal(pin.Repository, ((IDictionary)inputs["repositoryOpts"])["repo"]);
            Assert.Equal(pin.Release, release.Name);
            Assert.Equal(Canonical.Json(release.Values), Canonical.Json(inputs["values"]));
        }
    }

    [Theory]
    [MemberData(nameof(TestStacks.Names), MemberType = typeof(TestStacks))]
    public async Task Secrets_are_secret_and_never_in_Helm_values(string stack)
    {
        var run = await TestStacks.Run(stack);
        var config = TestStacks.Config(stack);

        // The Grafana admin password: generated (the mock's plain result) or set, and exported as a secret either way.
        var password = Assert.IsType<Output<string>>(run.Outputs["grafanaAdminPassword"]);
        Assert.True(await Output.IsSecretAsync(password));
        var expectedPassword = run.Plan.Settings.Grafana.AdminPassword is { } set ? set.Reveal() : ProgramRun.GeneratedPassword;
        Assert.Equal(expectedPassword, await OutputUtilities.GetValueAsync(password));
        var root = Assert.Single(run.Resources.OfType<MonitoringStack>());
        Assert.True(await Output.IsSecretAsync(root.GrafanaAdminPassword));

        // Every Secret's data is a secret input.
        var secretResources = run.Resources.Where(r => r.GetResourceType() == "kubernetes:core/v1:Secret").ToList();
        Assert.NotEmpty(secretResources);
        foreach (var secret in secretResources)
        {
            var args = Assert.IsType<SecretArgs>(run.ConstructedFor(secret).Args);
            Assert.True(await Output.IsSecretAsync(args.StringData.ToOutput()), $"{secret.GetResourceName()}: stringData is not secret");
        }

        // No secret value reaches anything but a Secret: not Helm values, not specs, not ConfigMaps, not outputs in clear.
        string[] secretTexts = [.. config.SecretValues, ProgramRun.GeneratedPassword];
        foreach (var registered in run.Registered.Where(r => r.Type != "kubernetes:core/v1:Secret"))
        {
            var text = Canonical.Json(registered.Inputs);
            foreach (var secretText in secretTexts)
                Assert.DoesNotContain(secretText, text, StringComparison.Ordinal);
        }

        // ... and each does reach its Secret (the search above looks for values that really are deployed).
        var inSecrets = string.Join("\n", run.RegisteredOfType("kubernetes:core/v1:Secret").Select(r => Canonical.Json(r.Inputs)));
        Assert.Contains(expectedPassword, inSecrets, StringComparison.Ordinal);
        foreach (var secret in run.Plan.Secrets().Where(s => s.IsKnown))
            Assert.Contains(secret.Reveal(), inSecrets, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStacks.Names), MemberType = typeof(TestStacks))]
    public async Task Each_module_is_one_component_holding_exactly_its_share_of_the_plan(string stack)
    {
        var run = await TestStacks.Run(stack);
        var components = run.Resources.OfType<ModuleComponent>().ToList();
        Assert.Equal(run.Plan.Modules.Count, components.Count);
        foreach (var module in run.Plan.Modules)
        {
            var (type, name) = ModuleComponents.Of(module.Component);
            var component = Assert.Single(components, c => c.GetResourceType() == type && c.GetResourceName() == name);
            var children = run.Constructed
                .Where(c => ReferenceEquals(c.Options.Parent, component) && c.Resource.GetResourceType() != ProgramRun.RandomPasswordType)
                .Select(c => Entry(c.Resource.GetResourceType(), c.Resource.GetResourceName()))
                .Order(StringComparer.Ordinal);
            var expected = module.Releases.Select(r => Entry(ReleaseType, r.Name))
                .Concat(module.Objects.Select(o => Entry(TypeToken(o), o.Id)))
                .Order(StringComparer.Ordinal);
            Assert.Equal(expected, children);
            Assert.StartsWith("observability:", type, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestStacks.Names), MemberType = typeof(TestStacks))]
    public async Task Resources_that_moved_to_a_module_component_keep_their_place_through_an_alias(string stack)
    {
        var run = await TestStacks.Run(stack);
        var root = Assert.Single(run.Resources.OfType<MonitoringStack>());
        var rootUrn = await OutputUtilities.GetValueAsync(root.Urn);

        // Urn.Create(name, type, parent): the parent's URN up to its last "::", then "$<type>::<name>".
        string Previous(string name, string type) => $"{rootUrn[..rootUrn.LastIndexOf("::", StringComparison.Ordinal)]}${type}::{name}";
        foreach (var component in run.Resources.OfType<ModuleComponent>())
        {
            var previous = component switch
            {
                LokiStack or LogAgent => Previous("logging", "observability:logging:LoggingStack"),
                Exporters => Previous("metrics", MetricsStack.Type),
                _ => null,
            };
            var children = run.Constructed.Where(c => ReferenceEquals(c.Options.Parent, component)).ToList();
            Assert.NotEmpty(children);
            foreach (var child in children)
            {
                var aliases = child.Options.Aliases;
                if (previous is null)
                {
                    Assert.Empty(aliases);
                    continue;
                }

                var alias = await OutputUtilities.GetValueAsync(Assert.Single(aliases).ToOutput());
                Assert.Equal(previous, await OutputUtilities.GetValueAsync(alias.ParentUrn.ToOutput()));
            }
        }
    }

    [Fact]
    public async Task A_Grafana_password_set_by_the_operator_replaces_the_generated_one()
    {
        var config = StackConfigs.Of("dev").WithSecret("observability:grafana", "adminPassword");
        var run = await ProgramRun.Of(config);

        Assert.DoesNotContain(run.Registered, r => r.Type == ProgramRun.RandomPasswordType);
        var password = Assert.IsType<Output<string>>(run.Outputs["grafanaAdminPassword"]);
        Assert.True(await Output.IsSecretAsync(password));
        Assert.Equal(StackConfig.SecretText("observability:grafana.adminPassword"), await OutputUtilities.GetValueAsync(password));
    }

    [Theory]
    [MemberData(nameof(TestStacks.Names), MemberType = typeof(TestStacks))]
    public async Task Custom_resources_depend_on_the_release_installing_their_CRDs(string stack)
    {
        var run = await TestStacks.Run(stack);
        var crdRelease = Assert.Single(run.Plan.Releases, r => r.Chart == "kube-prometheus-stack");
        Assert.True(crdRelease.InstallsCrds);
        var release = run.Resources.Single(r => r.GetResourceType() == ReleaseType && r.GetResourceName() == crdRelease.Name);

        var custom = run.Plan.Objects.Where(o => o.ApiVersion.StartsWith("monitoring.coreos.com/", StringComparison.Ordinal)).ToList();
        Assert.Contains(custom, o => o.Kind == "PrometheusRule");
        if (run.Plan.Settings.Scrape.ServiceMonitors.Length > 0)
            Assert.Contains(custom, o => o.Kind == "ServiceMonitor");
        foreach (var obj in custom)
        {
            Assert.Equal(crdRelease.Name, obj.DependsOnRelease);
            var resource = run.Resources.Single(r => r.GetResourceType() == TypeToken(obj) && r.GetResourceName() == obj.Id);
            var dependsOn = await OutputUtilities.GetValueAsync(run.ConstructedFor(resource).Options.DependsOn.ToOutput());
            Assert.Contains(release, dependsOn);
        }
    }

    [Theory]
    [MemberData(nameof(TestStacks.Names), MemberType = typeof(TestStacks))]
    public async Task Releases_wait_for_their_namespace_their_Secrets_and_the_CRDs(string stack)
    {
        var run = await TestStacks.Run(stack);
        Resource ResourceOf(string type, string name) =>
            run.Resources.Single(r => r.GetResourceType() == type && r.GetResourceName() == name);

        var crdReleases = new List<Resource>();
        foreach (var release in run.Plan.Releases)
        {
            var resource = ResourceOf(ReleaseType, release.Name);
            var dependsOn = await OutputUtilities.GetValueAsync(run.ConstructedFor(resource).Options.DependsOn.ToOutput());

            var ns = run.Plan.Objects.Single(o => o.Kind == "Namespace" && o.Name == release.Namespace);
            Assert.Contains(ResourceOf(TypeToken(ns), ns.Id), dependsOn);
            foreach (var secret in run.Plan.Objects.Where(o => o.Kind == "Secret" && o.Namespace == release.Namespace && o.Component == release.Component && o.DependsOnRelease is null))
                Assert.Contains(ResourceOf(TypeToken(secret), secret.Id), dependsOn);
            foreach (var earlier in crdReleases)
                Assert.Contains(earlier, dependsOn);
            if (release.InstallsCrds)
                crdReleases.Add(resource);
        }

        Assert.NotEmpty(crdReleases);
    }

    [Theory]
    [MemberData(nameof(TestStacks.Names), MemberType = typeof(TestStacks))]
    public async Task Each_dashboard_has_its_own_ConfigMap(string stack)
    {
        var run = await TestStacks.Run(stack);
        var uids = new List<string>();
        foreach (var configMap in run.RegisteredOfType("kubernetes:core/v1:ConfigMap"))
        {
            if (!configMap.Inputs.TryGetValue("data", out var data))
                continue;
            var dashboards = ((IDictionary)data).Keys.Cast<string>().Where(k => k.EndsWith(".json", StringComparison.Ordinal)).ToList();
            if (dashboards.Count == 0)
                continue;
            var key = Assert.Single(dashboards);
            var text = (string)((IDictionary)data)[key]!;
            Assert.True(System.Text.Encoding.UTF8.GetByteCount(text) < 1_048_576, $"{configMap.Name}: a ConfigMap holds at most 1 MiB");
            using var json = JsonDocument.Parse(text);
            uids.Add(json.RootElement.GetProperty("uid").GetString()!);
        }

        Assert.True(run.Plan.Counts.Dashboards > 0);
        Assert.Equal(run.Plan.Counts.Dashboards, uids.Count);
        Assert.Equal(uids.Count, uids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(run.Plan.Counts.Dashboards, await OutputUtilities.GetValueAsync((Output<int>)run.Outputs["dashboardCount"]!));
    }

    [Theory]
    [InlineData("dev", 1, 1)]
    [InlineData("prod", 2, 3)]
    public async Task Prometheus_and_Alertmanager_run_the_environment_replica_counts(string stack, int prometheus, int alertmanager)
    {
        var run = await TestStacks.Run(stack);
        var release = run.Plan.Releases.Single(r => r.Chart == "kube-prometheus-stack");
        var values = (IDictionary)run.RegisteredNamed(ReleaseType, release.Name).Inputs["values"];
        Assert.Equal((double)prometheus, At(values, "prometheus", "prometheusSpec", "replicas"));
        Assert.Equal((double)alertmanager, At(values, "alertmanager", "alertmanagerSpec", "replicas"));
    }

    [Theory]
    [MemberData(nameof(TestStacks.Names), MemberType = typeof(TestStacks))]
    public async Task Stack_outputs_give_the_endpoints_namespaces_and_counts(string stack)
    {
        var run = await TestStacks.Run(stack);
        var plan = run.Plan;
        async Task<T> Value<T>(string name) => await OutputUtilities.GetValueAsync(Assert.IsType<Output<T>>(run.Outputs[name]));

        Assert.Equal(plan.Endpoints.GrafanaPublic, await Value<string>("grafanaUrl"));
        Assert.Equal(plan.Endpoints.Prometheus, await Value<string>("prometheusUrl"));
        Assert.Equal(plan.Endpoints.Alertmanager, await Value<string>("alertmanagerUrl"));
        Assert.Equal(plan.Endpoints.LokiPush, await Value<string>("lokiPushUrl"));
        Assert.Equal(plan.Endpoints.JaegerQuery, await Value<string>("jaegerQueryUrl"));
        Assert.Equal(plan.Endpoints.OtlpGrpc, await Value<string>("otlpGrpcEndpoint"));
        Assert.Equal(plan.Endpoints.OtlpHttp, await Value<string>("otlpHttpEndpoint"));
        Assert.Equal(plan.Counts.Alerts, await Value<int>("alertCount"));
        Assert.Equal(plan.Counts.Slos, await Value<int>("sloCount"));
        var namespaces = await Value<Dictionary<string, string>>("namespaces");
        Assert.Equal(plan.Settings.Namespaces.Monitoring, namespaces["monitoring"]);
        Assert.Equal(plan.Settings.Namespaces.Logging, namespaces["logging"]);
        Assert.Equal(plan.Settings.Namespaces.Tracing, namespaces["tracing"]);
        Assert.False(await Output.IsSecretAsync(Assert.IsType<Output<string>>(run.Outputs["grafanaUrl"])));
    }

    [Theory]
    [MemberData(nameof(TestStacks.Names), MemberType = typeof(TestStacks))]
    public async Task The_provider_applies_server_side_with_the_stack_context(string stack)
    {
        var run = await TestStacks.Run(stack);
        var provider = Assert.Single(run.RegisteredOfType(ProviderType));
        Assert.Equal("true", provider.Inputs["enableServerSideApply"]?.ToString()?.ToLowerInvariant());
        if (run.Plan.Settings.KubeContext is { } context)
            Assert.Equal(context, provider.Inputs["context"]);
        else
            Assert.False(provider.Inputs.ContainsKey("context"));

        // Every Kubernetes resource goes through this provider, none through a default one: its provider reference is the
        // provider's own URN and id (ProviderResource.cs: "<urn>::<id>"), whatever URN scheme the engine or the mocks use.
        var reference = await ProviderReference(Assert.Single(run.Resources.OfType<Pulumi.Kubernetes.Provider>()));
        var kubernetes = run.Registered.Where(r => r.Type!.StartsWith("kubernetes:", StringComparison.Ordinal)).ToList();
        Assert.True(kubernetes.Count > 10, $"only {kubernetes.Count} Kubernetes resources");
        foreach (var registered in kubernetes)
            Assert.True(reference == registered.Provider, $"{registered.Type} {registered.Name}: provider {registered.Provider ?? "none (a default provider)"}, expected {reference}");
    }

    [Theory]
    [MemberData(nameof(TestStacks.Names), MemberType = typeof(TestStacks))]
    public async Task Every_release_has_the_stacks_timeout_atomic_and_cleanup_policy(string stack)
    {
        var run = await TestStacks.Run(stack);
        foreach (var release in run.Plan.Releases)
        {
            var inputs = run.RegisteredNamed(ReleaseType, release.Name).Inputs;
            Assert.Equal((double)release.Policy.TimeoutSeconds, inputs["timeout"]);
            Assert.Equal(release.Policy.Atomic, inputs["atomic"]);
            Assert.Equal(release.Policy.CleanupOnFail, inputs["cleanupOnFail"]);
        }

        var kps = run.RegisteredNamed(ReleaseType, run.Plan.Releases.Single(r => r.Chart == "kube-prometheus-stack").Name).Inputs;
        Assert.Equal(600d, kps["timeout"]);
        Assert.Equal(true, kps["atomic"]);
        Assert.Equal(true, kps["cleanupOnFail"]);
    }

    /// <summary>How a resource names its provider: the provider's URN and id (pulumi-dotnet ProviderResource.Ref).</summary>
    internal static async Task<string> ProviderReference(ProviderResource provider) =>
        $"{await OutputUtilities.GetValueAsync(provider.Urn)}::{await OutputUtilities.GetValueAsync(provider.Id)}";

    /// <summary>The provider type token (core kinds under <c>core/v1</c>), as Pulumi.Kubernetes' own classes register them.</summary>
    private static string TypeToken(KubernetesObjectPlan obj) =>
        obj.ApiVersion == "v1" ? $"kubernetes:core/v1:{obj.Kind}" : $"kubernetes:{obj.ApiVersion}:{obj.Kind}";

    private static string Entry(string type, string name) => $"{type} {name}";

    private static object? At(IDictionary tree, params string[] path)
    {
        object? current = tree;
        foreach (var key in path)
            current = Assert.IsAssignableFrom<IDictionary>(current)[key];
        return current;
    }
}
