using System.Globalization;
using Observability.Stacks.Settings;
using Observability.TestSupport;

namespace Observability.EndToEnd.Tests.Harness;

/// <summary>Test-only changes to a <see cref="LiveStack"/>.</summary>
/// <param name="AlertmanagerDiscovered">Whether Prometheus discovers the Alertmanager at start (see <see cref="LiveStack.DiscoverAlertmanager"/>).</param>
/// <param name="ExtraRuleFiles">Test-only rule files (file name → YAML) loaded after the rendered ones.</param>
public sealed record LiveStackOptions(bool AlertmanagerDiscovered = true, IReadOnlyDictionary<string, string>? ExtraRuleFiles = null);

/// <summary>
/// The rendered test stack running for real on 127.0.0.1: Alertmanager with the rendered configuration (receivers
/// pointed at <see cref="Receivers"/>), Prometheus with the rendered rule files scraping the fixture exporters under
/// the stack's job names, and scraping itself and Alertmanager under the chart's (<see cref="ChartSelfMonitoring"/>).
/// Disposing it stops every process it started, by process id, and removes its folder.
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

    /// <summary>Prometheus' scrape of itself, labelled as the chart's ServiceMonitor labels it (job <c>kps-prometheus</c>, ...).</summary>
    public SelfTarget PrometheusTarget { get; private set; } = null!;

    /// <summary>Prometheus' scrape of Alertmanager, labelled as the chart's ServiceMonitor labels it (job <c>kps-alertmanager</c>, ...).</summary>
    public SelfTarget AlertmanagerTarget { get; private set; } = null!;

    /// <summary>Every rule file Prometheus loads: the rendered ones (with the chart's, <see cref="ChartRules"/>), then the test's own.</summary>
    public IReadOnlyList<string> RuleFiles { get; private set; } = [];

    private string alertmanagersFile = "";

    /// <summary>
    /// Puts the Alertmanager into Prometheus' discovery file, or takes it out (as Kubernetes removes a pod that is not
    /// ready from its Service's endpoints), and waits until Prometheus reports it active (or none).
    /// </summary>
    public async Task DiscoverAlertmanager(bool discovered)
    {
        PrometheusConfig.WriteAlertmanagers(alertmanagersFile, discovered ? [Alertmanager.Address] : []);
        await Eventually.UntilTrue($"Prometheus to report {(discovered ? "the" : "no")} Alertmanager in /api/v1/alertmanagers", Expect.Notification, async () =>
            (await Prometheus.Api.ActiveAlertmanagersAsync().ConfigureAwait(false)).Count == (discovered ? 1 : 0),
            () => Prometheus.RecentOutput).ConfigureAwait(false);
    }

    /// <param name="apiInstances">How many fixture exporters serve the API job (each is one <c>instance</c>).</param>
    /// <param name="seed">Sets each exporter's initial series (index, exporter) before the first scrape.</param>
    /// <param name="jobs">More scrape jobs (e.g. the real exporters of <see cref="DataServices"/>), already running.</param>
    /// <param name="options">Test-only changes: Alertmanager not discovered at start, extra rule files.</param>
    public static async Task<LiveStack> StartAsync(int apiInstances, Action<int, FixtureExporter> seed, IReadOnlyList<ScrapeJob>? jobs = null, LiveStackOptions? options = null)
    {
        var stack = new LiveStack(new TempDir("e2e-stack"));
        try
        {
            await stack.StartCoreAsync(apiInstances, seed, jobs ?? [], options ?? new LiveStackOptions()).ConfigureAwait(false);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartCoreAsync(int apiInstances, Action<int, FixtureExporter> seed, IReadOnlyList<ScrapeJob> jobs, LiveStackOptions options)
    {
        Receivers = Own(new NotificationListener());
        Rendered = TestStack.Render(Receivers, Folder.Path);
        (PrometheusTarget, AlertmanagerTarget) = ChartSelfMonitoring.Targets(Rendered.Plan);
        RuleFiles =
        [
            .. Rendered.RuleFiles,
            .. (options.ExtraRuleFiles ?? new Dictionary<string, string>()).OrderBy(f => f.Key, StringComparer.Ordinal)
                .Select(f => Folder.Write("test-rules/" + f.Key, f.Value)),
        ];

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

        alertmanagersFile = Path.Combine(Folder.Path, "prometheus", "alertmanagers.json");
        PrometheusConfig.WriteAlertmanagers(alertmanagersFile, options.AlertmanagerDiscovered ? [Alertmanager.Address] : []);
        var prometheusConfigFile = Path.Combine(Folder.Path, "prometheus", "prometheus.yml");
        Prometheus = Own(new PrometheusServer(prometheusConfigFile, Path.Combine(Folder.Path, "prometheus-data")));
        var prometheusConfig = new PrometheusConfig
        {
            ScrapeInterval = Settings.Prometheus.ScrapeInterval,
            EvaluationInterval = Settings.Prometheus.EvaluationInterval,
            ExternalLabels = new Dictionary<string, string>(Settings.Prometheus.ExternalLabels)
            {
                ["cluster"] = Settings.ClusterName,
                ["environment"] = Settings.Environment,
            },
            RuleFiles = RuleFiles,
            AlertmanagersFile = alertmanagersFile,
            ScrapeJobs =
            [
                new ScrapeJob(job, [.. exporters.Select(e => e.Target)]),
                PrometheusTarget.ScrapeJob(Prometheus.Address),
                AlertmanagerTarget.ScrapeJob(Alertmanager.Address),
                .. jobs,
            ],
        };
        Folder.Write("prometheus/prometheus.yml", prometheusConfig.ToYaml());
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
