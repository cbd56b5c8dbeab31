using System.Globalization;
using Observability.Stacks.Settings;
using Observability.TestSupport;

namespace Observability.EndToEnd.Tests.Harness;

/// <summary>
/// The rendered test stack running for real on 127.0.0.1: Alertmanager with the rendered configuration (receivers
/// pointed at <see cref="Receivers"/>), Prometheus with the rendered rule files scraping the fixture exporters under
/// the stack's job names. Disposing it stops every process it started, by process id, and removes its folder.
/// </summary>
public sealed class LiveStack : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> owned = [];

    private LiveStack(TempDir folder) => Folder = folder;

    public TempDir Folder { get; }

    public NotificationListener Receivers { get; private set; } = null!;

    public RenderedStack Rendered { get; private set; } = null!;

    public StackSettings Settings => Rendered.Settings;

    /// <summary>The fixture exporters of the <c>api</c> job (the stack's first static scrape job), one per instance.</summary>
    public IReadOnlyList<FixtureExporter> Api { get; private set; } = [];

    public AlertmanagerServer Alertmanager { get; private set; } = null!;

    public PrometheusServer Prometheus { get; private set; } = null!;

    /// <summary>The job name of the API's scrape job, as the stack names it.</summary>
    public string ApiJob { get; private set; } = "";

    /// <param name="apiInstances">How many fixture exporters serve the API job (each is one <c>instance</c>).</param>
    /// <param name="seed">Sets each exporter's initial series (index, exporter) before the first scrape.</param>
    /// <param name="jobs">More scrape jobs (e.g. the real exporters of <see cref="DataServices"/>), already running.</param>
    public static async Task<LiveStack> StartAsync(int apiInstances, Action<int, FixtureExporter> seed, IReadOnlyList<ScrapeJob>? jobs = null)
    {
        var stack = new LiveStack(new TempDir("e2e-stack"));
        try
        {
            await stack.StartCoreAsync(apiInstances, seed, jobs ?? []).ConfigureAwait(false);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartCoreAsync(int apiInstances, Action<int, FixtureExporter> seed, IReadOnlyList<ScrapeJob> jobs)
    {
        Receivers = Own(new NotificationListener());
        Rendered = TestStack.Render(Receivers, Folder.Path);

        var job = Settings.Scrape.StaticTargets.FirstOrDefault()?.Job
                  ?? throw new InvalidOperationException($"{TestStack.FileName} declares no static scrape target: the API job has no name.");
        ApiJob = job;
        var exporters = new List<FixtureExporter>();
        for (var i = 0; i < apiInstances; i++)
        {
            var exporter = Own(new FixtureExporter());
            Workload.Declare(exporter);
            seed(i, exporter);
            exporter.Start();
            exporters.Add(exporter);
        }

        Api = exporters;

        var alertmanagerConfig = LocalAlertmanagerConfig.Write(
            File.ReadAllText(Rendered.AlertmanagerConfig),
            Rendered.AlertmanagerDirectory,
            TestStack.SecretFiles(Rendered.Plan),
            Path.Combine(Folder.Path, "alertmanager"));
        Alertmanager = Own(new AlertmanagerServer(alertmanagerConfig, Path.Combine(Folder.Path, "alertmanager-data")));
        await Alertmanager.StartAsync().ConfigureAwait(false);

        var prometheusConfig = new PrometheusConfig
        {
            ScrapeInterval = Settings.Prometheus.ScrapeInterval,
            EvaluationInterval = Settings.Prometheus.EvaluationInterval,
            ExternalLabels = new Dictionary<string, string>(Settings.Prometheus.ExternalLabels)
            {
                ["cluster"] = Settings.ClusterName,
                ["environment"] = Settings.Environment,
            },
            RuleFiles = Rendered.RuleFiles,
            AlertmanagerAddress = Alertmanager.Address,
            ScrapeJobs = [new ScrapeJob(job, [.. exporters.Select(e => e.Target)]), .. jobs],
        };
        var prometheusConfigFile = Folder.Write("prometheus/prometheus.yml", prometheusConfig.ToYaml());
        Prometheus = Own(new PrometheusServer(prometheusConfigFile, Path.Combine(Folder.Path, "prometheus-data")));
        await Prometheus.StartAsync().ConfigureAwait(false);
    }

    /// <summary>Prometheus' alerts, Alertmanager's alerts and every notification, for failure messages.</summary>
    public async Task<string> DescribeAsync()
    {
        var text = new List<string> { "Notifications:", Receivers.Describe() };
        try
        {
            text.Add("Prometheus /api/v1/alerts:");
            text.AddRange((await Prometheus.Api.AlertsAsync().ConfigureAwait(false)).Select(a => "  " + a));
            text.Add("Alertmanager /api/v2/alerts:");
            text.AddRange((await Alertmanager.Api.AlertsAsync().ConfigureAwait(false)).Select(a => "  " + a));
        }
        catch (HttpRequestException e)
        {
            text.Add("  (unavailable: " + e.Message + ")");
        }

        return string.Join('\n', text);
    }

    public async ValueTask DisposeAsync()
    {
        // Reverse order: Prometheus, Alertmanager, exporters, listener. Each is stopped even when another fails.
        List<Exception>? errors = null;
        for (var i = owned.Count - 1; i >= 0; i--)
        {
            try
            {
                await owned[i].DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException or System.Net.HttpListenerException)
            {
                (errors ??= []).Add(e);
            }
        }

        Folder.Dispose();
        if (errors is not null)
            throw new AggregateException(string.Create(CultureInfo.InvariantCulture, $"{errors.Count} part(s) of the live stack did not stop cleanly."), errors);
    }

    private T Own<T>(T part)
        where T : IAsyncDisposable
    {
        owned.Add(part);
        return part;
    }
}
