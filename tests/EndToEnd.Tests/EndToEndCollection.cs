namespace Observability.EndToEnd.Tests;

/// <summary>
/// Every end-to-end test is in this one collection: xunit runs them one after another, so no two tests
/// start their servers at the same time on this small machine (xunit.runner.json also disables parallelism).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection
{
    public const string Name = "End-to-end: real Prometheus and Alertmanager on 127.0.0.1";
}
