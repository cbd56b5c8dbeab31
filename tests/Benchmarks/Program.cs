using BenchmarkDotNet.Running;

namespace Observability.Benchmarks;

/// <summary>Runs the benchmarks of this assembly: add a class with [Benchmark] methods and it is picked up.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
