using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Observability.Stacks.Composition;
using Observability.Stacks.Rendering;
using Observability.Stacks.Settings;

namespace Observability.Benchmarks;

/// <summary>
/// Rendering the prod environment: loading and validating Pulumi.prod.yaml, composing every release and object (rule packs,
/// SLOs, dashboards, Alertmanager routing), writing the files, and the whole <c>render --stack prod</c> process
/// (target: under 1 s for the whole process). The process benchmark runs the Release build of stacks/
/// (<c>dotnet build stacks -c Release</c> first).
/// </summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private string root = "";
    private string output = "";
    private StackSettings settings = null!;
    private EnvironmentPlan plan = null!;

    [GlobalSetup]
    public void Setup()
    {
        root = FindRoot();
        output = Path.Combine(Path.GetTempPath(), $"render-benchmark-{Environment.ProcessId}");
        settings = SettingsLoader.FromRepository(root, "prod").GetOrThrow();
        plan = EnvironmentComposer.Compose(settings);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(output))
            Directory.Delete(output, recursive: true);
    }

    /// <summary>Reads and validates Pulumi.yaml and Pulumi.prod.yaml.</summary>
    [Benchmark]
    public StackSettings LoadProdSettings() => SettingsLoader.FromRepository(root, "prod").GetOrThrow();

    /// <summary>Composes the whole environment from validated settings.</summary>
    [Benchmark]
    public int ComposeProd() => EnvironmentComposer.Compose(settings).Objects.Count;

    /// <summary>Turns the plan into file contents (YAML and JSON), in memory.</summary>
    [Benchmark]
    public int RenderProdFiles() => Renderer.Files(plan).Sum(f => f.Content.Length);

    /// <summary>Load, compose and write to disk, in process.</summary>
    [Benchmark]
    public int LoadComposeWriteProd() =>
        Renderer.Write(EnvironmentComposer.Compose(SettingsLoader.FromRepository(root, "prod").GetOrThrow()), output).Count;

    /// <summary>The whole process an operator runs: <c>dotnet Observability.Stacks.dll render --stack prod</c>.</summary>
    [Benchmark]
    public int RenderProdProcess()
    {
        var dll = Path.Combine(root, "artifacts", "bin", "Observability.Stacks", "release", "Observability.Stacks.dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException($"Build the Release render first: dotnet build stacks -c Release ({dll} is missing).", dll);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        foreach (var argument in new[] { dll, "render", "--stack", "prod", "--out", output })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? 0 : throw new InvalidOperationException($"render exited {process.ExitCode}");
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Observability.slnx")) && File.Exists(Path.Combine(dir.FullName, "Pulumi.prod.yaml")))
                    return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmarks from the repository (no Observability.slnx with Pulumi.prod.yaml above the working directory).");
    }
}
