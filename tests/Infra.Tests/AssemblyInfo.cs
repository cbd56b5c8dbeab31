// Deployment.TestAsync runs must not overlap, and each reads the process-wide PULUMI_CONFIG: no parallel tests here.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
