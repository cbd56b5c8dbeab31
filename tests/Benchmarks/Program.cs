using BenchmarkDotNet.Running;
using Observability.Benchmarks.PrometheusCost;

namespace Observability.Benchmarks;

/// <summary>
/// Runs the benchmarks of this assembly: add a class with [Benchmark] methods and it is picked up. Two commands of
/// their own measure whole processes instead: <c>prometheus-cost</c> (what the rules and dashboards cost a real
/// Prometheus) and <c>startup</c> (a cold <c>render --stack prod</c> against the bare start).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "prometheus-cost":
                return PrometheusCostCommand.Run(args[1..]);
            case "startup":
                return StartupCommand.Run(args[1..]);
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }
}
