using System.Diagnostics;
using Observability.Stacks.Cli;
using Observability.Stacks.Modules;
using Observability.TestSupport;

namespace Observability.Stacks.Tests.Cli;

public sealed class CliTests
{
    [Theory]
    [InlineData("render")]
    [InlineData("render", "--stack", "dev", "--stack-file", "x.yaml")]
    [InlineData("render", "--stack", "dev", "--colour")]
    [InlineData("publish", "--stack", "dev")]
    [InlineData("validate", "--stack")]
    public void Usage_errors_exit_with_2(params string[] args)
    {
        var stderr = new StringWriter();

        var exit = StacksCli.Run(args, TextWriter.Null, stderr, Repo.Root);

        Assert.Equal(2, exit);
        Assert.Contains("error:", stderr.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void A_first_render_of_a_committed_stack_prints_no_warning(string stack)
    {
        using var dir = new TempDir();
        var stderr = new StringWriter();

        var exit = StacksCli.Run(["render", "--stack", stack, "--out", dir.Path], TextWriter.Null, stderr, Repo.Root);

        Assert.Equal(0, exit);
        Assert.Equal("", stderr.ToString());
    }

    [Fact]
    public void Unknown_stack_suggests_the_nearest_and_exits_with_1()
    {
        var stderr = new StringWriter();

        var exit = StacksCli.Run(["validate", "--stack", "prd"], TextWriter.Null, stderr, Repo.Root);

        Assert.Equal(1, exit);
        Assert.Contains("Pulumi.prd.yaml: expected a stack file for stack \"prd\", found none (did you mean \"prod\"?)", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_prints_a_short_summary_and_writes_every_folder()
    {
        using var dir = new TempDir();
        var stdout = new StringWriter();

        var exit = StacksCli.Run(["render", "--stack", "prod", "--out", dir.Path], stdout, TextWriter.Null, Repo.Root);

        Assert.Equal(0, exit);
        var summary = stdout.ToString();
        Assert.Contains($"kube-prometheus-stack  kube-prometheus-stack@{MetricsModule.Chart.Version}  namespace monitoring", summary, StringComparison.Ordinal);
        Assert.Contains($"loki@{LokiModule.Chart.Version}", summary, StringComparison.Ordinal);
        Assert.Contains($"alloy@{LogAgentModule.Alloy.Version}", summary, StringComparison.Ordinal);
        Assert.Contains("jaeger@4.11.1", summary, StringComparison.Ordinal);
        Assert.Matches(@"alerts [1-9][0-9]*, recording rules [1-9][0-9]*, SLOs 4, dashboards [0-9]+, objects [1-9][0-9]*", summary);
        foreach (var folder in new[] { "rules", "alertmanager", "values", "manifests" })
            Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(dir.Path, folder)));
    }

    [Fact]
    public void Render_refuses_a_folder_that_is_not_a_previous_render_and_replaces_one_that_is()
    {
        using var dir = new TempDir();
        var precious = dir.Write("rules/keep.txt", "not a render");
        var stderr = new StringWriter();

        Assert.Equal(2, StacksCli.Run(["render", "--stack", "dev", "--out", dir.Path], TextWriter.Null, stderr, Repo.Root));
        Assert.Contains("is not a previous render", stderr.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(precious));

        using var output = new TempDir();
        Assert.Equal(0, StacksCli.Run(["render", "--stack", "dev", "--out", output.Path], TextWriter.Null, TextWriter.Null, Repo.Root));
        var stale = output.Write("rules/stale.yaml", "groups: []\n");
        Assert.Equal(0, StacksCli.Run(["render", "--stack", "dev", "--out", output.Path], TextWriter.Null, TextWriter.Null, Repo.Root));
        Assert.False(File.Exists(stale));
    }

    [Fact]
    public void Rendering_over_a_previous_render_rewrites_only_what_changes_and_deletes_what_is_gone()
    {
        using var output = new TempDir();
        Assert.Equal(0, StacksCli.Run(["render", "--stack", "dev", "--out", output.Path], TextWriter.Null, TextWriter.Null, Repo.Root));
        var files = Directory.EnumerateFiles(output.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var before = files.ToDictionary(f => f, File.ReadAllBytes);
        var old = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var file in files)
            File.SetLastWriteTimeUtc(file, old);
        var changed = Path.Combine(output.Path, "rules", "platform.yaml");
        File.WriteAllText(changed, "groups: []\n");
        var gone = output.Write("dashboards/removed.json", "{}");
        var goneFolder = output.Write("manifests/old/nested.yaml", "kind: ConfigMap\n");
        var notAFile = Path.Combine(output.Path, "values", "loki.yaml");
        File.Delete(notAFile);
        Directory.CreateDirectory(Path.Combine(notAFile, "in-the-way"));

        Assert.Equal(0, StacksCli.Run(["render", "--stack", "dev", "--out", output.Path], TextWriter.Null, TextWriter.Null, Repo.Root));

        var after = Directory.EnumerateFiles(output.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, after);
        Assert.All(after, f => Assert.Equal(before[f], File.ReadAllBytes(f)));
        Assert.False(File.Exists(gone));
        Assert.False(Directory.Exists(Path.GetDirectoryName(goneFolder)));
        var rewritten = new[] { changed, notAFile };
        Assert.All(after.Except(rewritten), f => Assert.Equal(old, File.GetLastWriteTimeUtc(f)));
        Assert.All(rewritten, f => Assert.NotEqual(old, File.GetLastWriteTimeUtc(f)));
    }

    [Fact]
    public void The_built_program_exits_0_1_and_2_as_documented()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Observability.Stacks.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing");
        using var bad = new TempDir();
        var badFile = bad.Write("Pulumi.broken.yaml", "config:\n  observability:logAgent: fluentbit\n");

        Assert.Equal(0, RunProgram(dll, "validate", "--stack", "dev").ExitCode);
        var invalid = RunProgram(dll, "validate", "--stack-file", badFile);
        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains("observability:logAgent: expected one of alloy, promtail, found \"fluentbit\"", invalid.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, RunProgram(dll, "render").ExitCode);
    }

    private static ToolResult RunProgram(string dll, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repo.Root };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "the program did not finish in time");
        return new ToolResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
