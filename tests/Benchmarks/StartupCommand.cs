using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Observability.TestSupport;

namespace Observability.Benchmarks;

/// <summary>
/// The main job's cold start: <c>render --stack prod</c> as a whole process (A) against the same binary's bare start
/// (<c>--help</c>, B), run in pairs A B A B ... so that a drifting machine moves both; prints each run's wall and CPU
/// time (the kernel's accounting of the reaped child), their medians and the median of the per-pair ratios A/B.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project tests/Benchmarks -- startup [--pairs 7] [--binary PATH]</c>. Without
/// <c>--binary</c> it publishes <c>stacks</c> as it ships (<c>dotnet publish stacks -c Release -r linux-x64</c>: one
/// native executable, Native AOT) into a temporary folder first.
/// </remarks>
public static partial class StartupCommand
{
    public static int Run(string[] args)
    {
        var pairs = 7;
        string? binary = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--pairs" when i + 1 < args.Length:
                    pairs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--binary" when i + 1 < args.Length:
                    binary = Path.GetFullPath(args[++i]);
                    break;
                default:
                    Console.Error.WriteLine($"{args[i]}: unknown option (expected --pairs N, --binary PATH)");
                    return 2;
            }
        }

        var temp = Path.Combine(Path.GetTempPath(), "startup-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(temp);
        try
        {
            if (binary is null)
            {
                var publish = Path.Combine(temp, "bin");
                var rid = RuntimeInformation.RuntimeIdentifier;
                Console.WriteLine($"publishing stacks (-c Release -r {rid}) ...");
                var (code, output) = Measure("dotnet", ["publish", Path.Combine(Repo.Root, "stacks"), "-c", "Release", "-r", rid, "-o", publish], Repo.Root);
                if (code.ExitCode != 0)
                {
                    Console.Error.WriteLine(output);
                    return 1;
                }

                binary = Path.Combine(publish, "Observability.Stacks");
            }

            string[] render = ["render", "--stack", "prod", "--out", Path.Combine(temp, "out")];
            string[] help = ["--help"];
            _ = Measure(binary, render, Repo.Root);
            _ = Measure(binary, help, Repo.Root);
            var a = new List<Timing>();
            var b = new List<Timing>();
            Console.WriteLine($"{"pair",4} {"A wall s",9} {"A cpu s",8} {"B wall s",9} {"B cpu s",8} {"A/B wall",9} {"A/B cpu",8}");
            for (var i = 0; i < pairs; i++)
            {
                var ra = Measure(binary, render, Repo.Root).Run;
                var rb = Measure(binary, help, Repo.Root).Run;
                if (ra.ExitCode != 0 || rb.ExitCode != 0)
                {
                    Console.Error.WriteLine($"a run failed: render exited {ra.ExitCode}, --help exited {rb.ExitCode}");
                    return 1;
                }

                a.Add(ra);
                b.Add(rb);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{i + 1,4} {ra.Wall,9:0.000} {ra.Cpu,8:0.000} {rb.Wall,9:0.000} {rb.Cpu,8:0.000} {ra.Wall / rb.Wall,9:0.00} {ra.Cpu / rb.Cpu,8:0.00}"));
            }

            var wallRatio = Median(a.Zip(b, (x, y) => x.Wall / y.Wall));
            var cpuRatio = Median(a.Zip(b, (x, y) => x.Cpu / y.Cpu));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"median: render --stack prod {Median(a.Select(r => r.Wall)):0.000}s wall, {Median(a.Select(r => r.Cpu)):0.000}s cpu; --help {Median(b.Select(r => r.Wall)):0.000}s wall, {Median(b.Select(r => r.Cpu)):0.000}s cpu"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"median of the pair ratios: {wallRatio:0.00}x wall, {cpuRatio:0.00}x cpu; goal at most 2.5x: {(cpuRatio <= 2.5 ? "met" : "NOT met")}"));
            return 0;
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var list = values.Order().ToList();
        return list.Count % 2 == 1 ? list[list.Count / 2] : (list[(list.Count / 2) - 1] + list[list.Count / 2]) / 2;
    }

    private sealed record Timing(int ExitCode, double Wall, double Cpu);

    /// <summary>Runs a process to its end; CPU time is the growth of this process' reaped children's user + system time.</summary>
    private static (Timing Run, string Output) Measure(string file, string[] args, string workingDirectory)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        var before = ChildrenCpu();
        var watch = Stopwatch.StartNew();
        using var p = Process.Start(psi) ?? throw new InvalidOperationException(file + " did not start");
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var wall = watch.Elapsed.TotalSeconds;
        return (new Timing(p.ExitCode, wall, ChildrenCpu() - before), stdout + stderr.Result);
    }

    private static double ChildrenCpu()
    {
        if (GetRusage(-1, out var usage) != 0)
            throw new InvalidOperationException("getrusage failed");
        return usage.UserSeconds + (usage.UserMicroseconds / 1e6) + usage.SystemSeconds + (usage.SystemMicroseconds / 1e6);
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, out RUsage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss;
        public long IxRss;
        public long IdRss;
        public long IsRss;
        public long MinFlt;
        public long MajFlt;
        public long NSwap;
        public long InBlock;
        public long OuBlock;
        public long MsgSnd;
        public long MsgRcv;
        public long NSignals;
        public long NVcsw;
        public long NIvcsw;
    }
}
