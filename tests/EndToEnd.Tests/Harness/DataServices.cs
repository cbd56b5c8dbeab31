using Observability.Rules.Conventions;
using Observability.TestSupport;

namespace Observability.EndToEnd.Tests.Harness;

/// <summary>What <see cref="DataServices"/> starts.</summary>
public sealed record DataServicesOptions
{
    /// <summary>A PostgreSQL cluster (with pg_stat_statements loaded and created) and postgres-exporter.</summary>
    public bool Postgres { get; init; }

    /// <summary>More PostgreSQL server settings, e.g. <c>max_connections</c>.</summary>
    public IReadOnlyDictionary<string, string> PostgresSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>One Redis server and redis_exporter per entry, with that <c>maxmemory</c> (<c>0</c>: unlimited).</summary>
    public IReadOnlyList<string> RedisMaxMemory { get; init; } = [];

    /// <summary>node-exporter for this machine.</summary>
    public bool Node { get; init; }
}

/// <summary>
/// The real services and exporters on 127.0.0.1 (Debian's postgresql, redis-server and prometheus-*-exporter
/// packages), with the scrape jobs the stack gives them: the job names come from the exporter catalogue, which the
/// stack's Deployments, Services and ServiceMonitors (and kube-prometheus-stack's node-exporter job) use. Disposing it
/// stops every process by its id and removes its folder.
/// </summary>
public sealed class DataServices : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> owned = [];
    private readonly List<(RedisServer Server, ExporterServer Exporter)> redis = [];

    private DataServices(TempDir folder) => Folder = folder;

    public TempDir Folder { get; }

    public PostgresServer? Postgres { get; private set; }

    public ExporterServer? PostgresExporter { get; private set; }

    public IReadOnlyList<(RedisServer Server, ExporterServer Exporter)> Redis => redis;

    public ExporterServer? Node { get; private set; }

    public static readonly Observability.Rules.Model.Duration PostgresScrapeInterval = Observability.Rules.Model.Duration.Seconds(3);

    public IReadOnlyList<ScrapeJob> ScrapeJobs
    {
        get
        {
            var jobs = new List<ScrapeJob>();
            if (PostgresExporter is { } pg)
            {
                // postgres-exporter takes about a second to answer while the database refuses connections (Debian's
                // 0.11.1 measured 1.03 s): longer than the suite's global 1 s scrape timeout, which would turn DatabaseDown
                // into a failed scrape (ServiceDown). The stack's ServiceMonitor uses the global 15 s interval and 10 s
                // timeout; here the job gets 3 s, still scaled down.
                jobs.Add(new ScrapeJob(PostgresExporterMetrics.Exporter.Job, [pg.Target]) { Interval = PostgresScrapeInterval });
            }
            if (redis.Count > 0)
                jobs.Add(new ScrapeJob(RedisExporterMetrics.Exporter.Job, [.. redis.Select(r => r.Exporter.Target)]));
            if (Node is { } node)
                jobs.Add(new ScrapeJob(NodeExporterMetrics.Exporter.Job, [node.Target]));
            return jobs;
        }
    }

    public static async Task<DataServices> StartAsync(DataServicesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var services = new DataServices(new TempDir("e2e-data"));
        try
        {
            await services.StartCoreAsync(options).ConfigureAwait(false);
            return services;
        }
        catch
        {
            await services.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartCoreAsync(DataServicesOptions options)
    {
        if (options.Postgres)
        {
            // What SlowDatabaseQueries needs on a real server: the extension preloaded and created in the exporter's database.
            var settings = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["shared_preload_libraries"] = "pg_stat_statements",
                ["pg_stat_statements.track"] = "top",
            };
            foreach (var (key, value) in options.PostgresSettings)
                settings[key] = value;
            Postgres = Own(await PostgresServer.StartAsync(Path.Combine(Folder.Path, "postgres"), settings).ConfigureAwait(false));
            await Postgres.ExecuteAsync("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").ConfigureAwait(false);
            PostgresExporter = Own(ExporterServer.Postgres(Postgres, Path.Combine(Folder.Path, "postgres-exporter")));
            await PostgresExporter.StartAsync().ConfigureAwait(false);
        }

        for (var i = 0; i < options.RedisMaxMemory.Count; i++)
        {
            var server = Own(new RedisServer(Path.Combine(Folder.Path, $"redis-{i}"), options.RedisMaxMemory[i]));
            await server.StartAsync().ConfigureAwait(false);
            var exporter = Own(ExporterServer.Redis(server, Path.Combine(Folder.Path, $"redis-exporter-{i}")));
            await exporter.StartAsync().ConfigureAwait(false);
            redis.Add((server, exporter));
        }

        if (options.Node)
        {
            Node = Own(ExporterServer.Node(Path.Combine(Folder.Path, "node-exporter")));
            await Node.StartAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<Exception>? errors = null;
        for (var i = owned.Count - 1; i >= 0; i--)
        {
            try
            {
                await owned[i].DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException)
            {
                (errors ??= []).Add(e);
            }
        }

        Folder.Dispose();
        if (errors is not null)
            throw new AggregateException($"{errors.Count} of the data services did not stop cleanly.", errors);
    }

    private T Own<T>(T part)
        where T : IAsyncDisposable
    {
        owned.Add(part);
        return part;
    }
}
