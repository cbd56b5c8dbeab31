using System.Collections.Concurrent;
using Moq;
using Pulumi;
using Pulumi.Testing;

namespace Observability.Infra.Tests;

/// <summary>
/// An Automation API inline program hands its config to the deployment, not to <c>PULUMI_CONFIG</c> (pulumi-dotnet
/// Deployment_Inline.cs: <c>SetAllConfig(settings.Config, ...)</c>), and the SDK offers no public way to list it. Simulated here by
/// removing the variables inside the program, after the mocked deployment has read them: the deployment holds the config,
/// the environment lists none of it.
/// </summary>
public sealed class InlineProgramTests
{
    private static void ForgetConfigVariables()
    {
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", null);
        Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", null);
    }

    [Fact]
    public async Task Config_the_program_cannot_list_stops_it_with_a_message_saying_what_to_do()
    {
        var config = TestStacks.Config("dev");
        var registered = new ConcurrentQueue<MockResourceArgs>();
        var mocks = ProgramRun.Mocks(registered);
        config.Apply();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Deployment.TestAsync(
            mocks.Object,
            new TestOptions { ProjectName = StackConfig.Project, StackName = config.Stack, IsPreview = true },
            () =>
            {
                ForgetConfigVariables();
                return ObservabilityProgram.Run();
            }));

        var message = error is AggregateException all ? string.Join("\n", all.InnerExceptions.Select(e => e.Message)) : error.Message;
        Assert.Contains("Automation API inline program", message, StringComparison.Ordinal);
        Assert.Contains("observability:logAgent", message, StringComparison.Ordinal);
        Assert.Contains("ObservabilityConfig.Load(keys, secretKeys)", message, StringComparison.Ordinal);
        Assert.Contains("Nothing was deployed.", message, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Observability.", message, StringComparison.Ordinal);
        Assert.Empty(registered);
    }

    [Theory]
    [MemberData(nameof(TestStacks.Names), MemberType = typeof(TestStacks))]
    public async Task Given_the_key_names_an_inline_program_deploys_what_the_CLI_program_deploys(string stack)
    {
        var config = TestStacks.Config(stack);
        var inline = await ProgramRun.Of(config, options =>
        {
            ForgetConfigVariables();
            var settings = ObservabilityConfig.Load(config.Values.Keys, config.SecretKeys);
            return ObservabilityProgram.Run(options, settings);
        });
        var cli = await TestStacks.Run(stack);

        static List<string> Inventory(ProgramRun run) =>
            [.. run.Registered.Select(r => $"{r.Type} {r.Name} {Canonical.Json(r.Inputs)}").Order(StringComparer.Ordinal)];
        Assert.Equal(Inventory(cli), Inventory(inline));
        Assert.True(await Output.IsSecretAsync((Output<string>)inline.Outputs["grafanaAdminPassword"]!));
    }
}
