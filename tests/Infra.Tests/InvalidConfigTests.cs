using System.Collections.Concurrent;
using Moq;
using Observability.Stacks.Settings;
using Pulumi;
using Pulumi.Testing;

namespace Observability.Infra.Tests;

/// <summary>Invalid config stops the program before any resource exists, with the same messages as <c>stacks validate</c>.</summary>
public sealed class InvalidConfigTests
{
    [Fact]
    public async Task Invalid_config_registers_no_resource_and_reports_every_problem()
    {
        var config = TestStacks.Config("dev")
            .With("observability:prometheus", """{"retention":"forever","replicas":"two"}""")
            .With("observability:grafanna", "{}");
        var expected = SettingsLoader.FromConfig(config.Stack,
            config.Values.Select(kv => new KeyValuePair<string, ConfigValue>(kv.Key, new ConfigValue(kv.Value, config.SecretKeys.Contains(kv.Key)))));
        Assert.False(expected.IsValid);
        Assert.True(expected.Problems.Count >= 3, string.Join("; ", expected.Problems));

        var registered = new ConcurrentQueue<MockResourceArgs>();
        var mocks = ProgramRun.Mocks(registered);
        config.Apply();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Deployment.TestAsync(
            mocks.Object,
            new TestOptions { ProjectName = StackConfig.Project, StackName = config.Stack, IsPreview = false },
            () => ObservabilityProgram.Run()));

        var message = error is AggregateException all ? string.Join("\n", all.InnerExceptions.Select(e => e.Message)) : error.Message;
        foreach (var problem in expected.Problems)
            Assert.Contains(problem.ToString(), message, StringComparison.Ordinal);
        Assert.Contains("observability:prometheus", message, StringComparison.Ordinal);
        Assert.Contains("observability:grafanna", message, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Observability.", message, StringComparison.Ordinal);   // no stack trace

        Assert.Empty(registered);
        mocks.Verify(m => m.NewResourceAsync(It.IsAny<MockResourceArgs>()), Times.Never);
    }
}
