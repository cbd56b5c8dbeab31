using System.Runtime.InteropServices;
using Observability.Stacks.Cli;
using Observability.Stacks.Rendering;
using Observability.Stacks.Tests.Support;
using Observability.TestSupport;

namespace Observability.Stacks.Tests.Rendering;

/// <summary>
/// <c>dotnet publish stacks -c Release -r &lt;rid&gt;</c> as it ships: one native executable (Native AOT), built once for
/// these tests into a folder of their own (its own artifacts folder, so the build cannot touch the assemblies this test
/// run has loaded).
/// </summary>
public sealed class NativeBuild : IDisposable
{
    private readonly TempDir dir = new("observability-native");

    public NativeBuild()
    {
        var output = System.IO.Path.Combine(dir.Path, "bin");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var publish = ExternalTool.Run(
            dotnet,
            ["publish", Repo.PathOf("stacks"), "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "-o", output],
            Repo.Root,
            TimeSpan.FromMinutes(15),
            new Dictionary<string, string> { ["OBSERVABILITY_ARTIFACTS"] = System.IO.Path.Combine(dir.Path, "artifacts") });
        PublishOutput = publish.Output;
        PublishExitCode = publish.ExitCode;
        Executable = System.IO.Path.Combine(output, "Observability.Stacks");
    }

    public int PublishExitCode { get; }

    public string PublishOutput { get; }

    public string Executable { get; }

    public void Dispose() => dir.Dispose();
}

/// <summary>
/// The native executable does what the JIT-compiled code the other tests run does: it publishes without a trim or AOT
/// warning (warnings are errors), renders every test stack byte for byte as <see cref="Renderer.Files"/> does in process,
/// and reports every bad stack file with the same problems and exit code as <see cref="StacksCli.Run"/>. The settings
/// binder reads generated metadata, not reflection, which is what makes this hold.
/// </summary>
public sealed class NativeBuildTests(NativeBuild build) : IClassFixture<NativeBuild>
{
    private void Published()
    {
        Assert.True(build.PublishExitCode == 0, $"dotnet publish stacks exited {build.PublishExitCode}:\n{build.PublishOutput}");
        Assert.True(File.Exists(build.Executable), $"no {build.Executable}");
        Assert.DoesNotContain("warning IL", build.PublishOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void The_native_executable_renders_every_stack_byte_for_byte_as_in_process()
    {
        Published();
        foreach (var stack in TestStacks.Names)
        {
            using var dir = new TempDir();
            string[] args = stack is "dev" or "prod"
                ? ["render", "--stack", stack, "--out", dir.Path]
                : ["render", "--stack-file", TestStacks.StackFile(stack), "--out", dir.Path];
            var result = ExternalTool.Run(build.Executable, args, Repo.Root);
            Assert.True(result.ExitCode == 0, $"{stack}: exited {result.ExitCode}:\n{result.Output}");

            var expected = Renderer.Files(TestStacks.Plan(stack));
            var written = Directory.EnumerateFiles(dir.Path, "*", SearchOption.AllDirectories)
                .Select(f => System.IO.Path.GetRelativePath(dir.Path, f).Replace(System.IO.Path.DirectorySeparatorChar, '/'))
                .Where(f => f != Renderer.MarkerFile)
                .Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected.Select(f => f.Path), written);
            foreach (var file in expected)
                Assert.True(file.Content == File.ReadAllText(System.IO.Path.Combine(dir.Path, file.Path)), $"{stack}: {file.Path} differs from the in-process render");
        }
    }

    [Fact]
    public void The_native_executable_reports_each_bad_stack_file_as_in_process()
    {
        Published();
        var files = Directory.GetFiles(Repo.PathOf("tests", "Stacks.Tests", "bad"), "*.yaml").Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 10, $"expected the bad stack files, found {files.Count}");
        foreach (var file in files)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var exit = StacksCli.Run(["validate", "--stack-file", file], stdout, stderr, Repo.Root);
            Assert.True(exit != 0, $"{file} is valid in process");
            var native = ExternalTool.Run(build.Executable, ["validate", "--stack-file", file], Repo.Root);
            Assert.Equal(exit, native.ExitCode);
            Assert.Equal(stderr.ToString(), native.StandardError);
            Assert.Equal(stdout.ToString(), native.StandardOutput);
        }
    }
}
