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
/// <c>dotnet run -c Release --project tests/Benchmarks -- startup [--pairs 7] [--binary PATH] [--against PATH]</c>.
/// <c>--against</c> names another build (e.g. the previous one): its render is then paired with this one's too, A B A B,
/// and the median of those ratios printed (below 1: this build renders with less CPU). Without
/// <c>--binary</c> it publishes <c>stacks</c> as it ships (<c>dotnet publish stacks -c Release -r linux-x64</c>: one
/// native executable, Native AOT) into a temporary folder first.
/// </remarks>
public static partial class StartupCommand
{
    public static int Run(string[] args)
    {
        var pairs = 7;
        string? binary = null;
        string? against = null;
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
                case "--against" when i + 1 < args.Length:
                    against = Path.GetFullPath(args[++i]);
                    break;
                default:
                    Console.Error.WriteLine($"{args[i]}: unknown option (expected --pairs N, --binary PATH, --against PATH)");
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
            Console.WriteLine($"A: render --stack prod, B: --help, both {binary}");
            if (Pairs(binary, render, binary, help, pairs) is not var (a, b))
                return 1;

            var wallRatio = Median(a.Zip(b, (x, y) => x.Wall / y.Wall));
            var cpuRatio = Median(a.Zip(b, (x, y) => x.Cpu / y.Cpu));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"median: render --stack prod {Median(a.Select(r => r.Wall)):0.000}s wall, {Median(a.Select(r => r.Cpu)):0.000}s cpu; --help {Median(b.Select(r => r.Wall)):0.000}s wall, {Median(b.Select(r => r.Cpu)):0.000}s cpu"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"median of the pair ratios: {wallRatio:0.00}x wall, {cpuRatio:0.00}x cpu; goal at most 2.5x: {(cpuRatio <= 2.5 ? "met" : "NOT met")}"));
            return against is null ? 0 : Against(binary, against, render, pairs);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>This build's render (A) paired with another build's (B), A B A B; each writes a folder of its own.</summary>
    private static int Against(string binary, string other, string[] render, int pairs)
    {
        string[] otherRender = [.. render[..^1], render[^1] + "-against"];
        Console.WriteLine($"A: render --stack prod with {binary}, B: the same with {other}");
        if (Pairs(binary, render, other, otherRender, pairs) is not var (a, b))
            return 1;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median: A {Median(a.Select(r => r.Cpu)):0.000}s cpu, B {Median(b.Select(r => r.Cpu)):0.000}s cpu; median of the pair ratios A/B: {Median(a.Zip(b, (x, y) => x.Cpu / y.Cpu)):0.00}x cpu, {Median(a.Zip(b, (x, y) => x.Wall / y.Wall)):0.00}x wall"));
        return 0;
    }

    /// <summary>One warm-up run of each, then <paramref name="pairs"/> pairs A B, each printed; null when a run fails.</summary>
    private static (List<Timing> A, List<Timing> B)? Pairs(string fileA, string[] argsA, string fileB, string[] argsB, int pairs)
    {
        _ = Measure(fileA, argsA, Repo.Root);
        _ = Measure(fileB, argsB, Repo.Root);
        var a = new List<Timing>();
        var b = new List<Timing>();
        Console.WriteLine($"{"pair",4} {"A wall s",9} {"A cpu s",8} {"B wall s",9} {"B cpu s",8} {"A/B wall",9} {"A/B cpu",8}");
        for (var i = 0; i < pairs; i++)
        {
            var ra = Measure(fileA, argsA, Repo.Root).Run;
            var rb = Measure(fileB, argsB, Repo.Root).Run;
            if (ra.ExitCode != 0 || rb.ExitCode != 0)
            {
                Console.Error.WriteLine($"a run failed: A exited {ra.ExitCode}, B exited {rb.ExitCode}");
                return null;
            }

            a.Add(ra);
            b.Add(rb);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{i + 1,4} {ra.Wall,9:0.000} {ra.Cpu,8:0.000} {rb.Wall,9:0.000} {rb.Cpu,8:0.000} {ra.Wall / rb.Wall,9:0.00} {ra.Cpu / rb.Cpu,8:0.00}"));
        }

        return (a, b);
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
