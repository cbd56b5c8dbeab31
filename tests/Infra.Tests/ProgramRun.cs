using System.Collections.Concurrent;
using System.Collections.Immutable;
using Moq;
using Observability.Stacks.Composition;
using Observability.Stacks.Settings;
using Pulumi;
using Pulumi.Testing;

namespace Observability.Infra.Tests;

/// <summary>What one mocked run of the Pulumi program produced.</summary>
/// <param name="Resources">Every resource the program constructed (Deployment.TestAsync's list).</param>
/// <param name="Outputs">The stack outputs, as the program returned them.</param>
/// <param name="Registered">What the engine (the Moq mock) was asked to create, with the serialized inputs.</param>
/// <param name="Constructed">Each resource with the args and options it was constructed with (a root transformation saw them).</param>
/// <param name="Plan">The plan the same settings compose to, computed outside Pulumi: the expected values.</param>
internal sealed record ProgramRun(
    ImmutableArray<Resource> Resources,
    IDictionary<string, object?> Outputs,
    IReadOnlyList<MockResourceArgs> Registered,
    IReadOnlyList<ResourceTransformationArgs> Constructed,
    EnvironmentPlan Plan)
{
    /// <summary>What the mocked RandomPassword returns as its result: plain, so only the program can make it secret.</summary>
    public const string GeneratedPassword = "mock-generated-password-0123456789";

    public const string RandomPasswordType = "random:index/randomPassword:RandomPassword";

    /// <summary>A mocked engine: echoes inputs as outputs, gives RandomPassword a result, records every registration.</summary>
    public static Mock<IMocks> Mocks(ConcurrentQueue<MockResourceArgs> registered)
    {
        var mocks = new Mock<IMocks>(MockBehavior.Strict);
        mocks.Setup(m => m.NewResourceAsync(It.IsAny<MockResourceArgs>()))
            .Returns((MockResourceArgs args) =>
            {
                registered.Enqueue(args);
                var state = args.Inputs.ToBuilder();
                if (args.Type == RandomPasswordType)
                    state["result"] = GeneratedPassword;
                return Task.FromResult<(string? id, object state)>((args.Name + "_id", (object)state.ToImmutable()));
            });
        mocks.Setup(m => m.CallAsync(It.IsAny<MockCallArgs>()))
            .Returns((MockCallArgs args) => Task.FromResult<object>(args.Args));
        mocks.Setup(m => m.RegisterResourceOutputs(It.IsAny<MockRegisterResourceOutputsRequest>()))
            .Returns(Task.CompletedTask);
        return mocks;
    }

    /// <summary>
    /// Runs the real program (<c>ObservabilityProgram.Run</c>), or <paramref name="program"/> (given the root options to pass to
    /// its MonitoringStack), on <paramref name="config"/> against the mocks.
    /// </summary>
    public static async Task<ProgramRun> Of(StackConfig config, Func<ComponentResourceOptions, IDictionary<string, object?>>? program = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var expected = SettingsLoader.FromConfig(config.Stack,
            config.Values.Select(kv => new KeyValuePair<string, ConfigValue>(kv.Key, new ConfigValue(kv.Value, config.SecretKeys.Contains(kv.Key)))));
        Assert.True(expected.IsValid, $"the test config of {config.Stack} is invalid: {string.Join("; ", expected.Problems)}");
        var plan = EnvironmentComposer.Compose(expected.Settings!);

        var registered = new ConcurrentQueue<MockResourceArgs>();
        var constructed = new ConcurrentQueue<ResourceTransformationArgs>();
        var rootOptions = new ComponentResourceOptions
        {
            ResourceTransformations =
            {
                args =>
                {
                    constructed.Enqueue(args);
                    return null;
                },
            },
        };

        config.Apply();
        var (resources, outputs) = await Deployment.TestAsync(
            Mocks(registered).Object,
            new TestOptions { ProjectName = StackConfig.Project, StackName = config.Stack, IsPreview = false },
            () => (program ?? (options => ObservabilityProgram.Run(options)))(rootOptions));
        return new ProgramRun(resources, outputs, [.. registered], [.. constructed], plan);
    }

    public IEnumerable<MockResourceArgs> RegisteredOfType(string type) => Registered.Where(r => r.Type == type);

    public MockResourceArgs RegisteredNamed(string type, string name) =>
        Registered.Single(r => r.Type == type && r.Name == name);

    public ResourceTransformationArgs ConstructedFor(Resource resource) =>
        Constructed.Single(c => ReferenceEquals(c.Resource, resource));
}
