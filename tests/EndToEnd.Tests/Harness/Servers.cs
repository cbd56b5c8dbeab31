using System.Globalization;
using Observability.TestSupport;

namespace Observability.EndToEnd.Tests.Harness;

/// <summary>
/// A real server binary on 127.0.0.1 with its data directory: started, waited for (<c>/-/ready</c>),
/// stopped gracefully and restarted on the same port with the same data directory.
/// </summary>
public abstract class LoopbackServer : IAsyncDisposable
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient http = Loopback.CreateClient();

    protected LoopbackServer(string name, string executable, string configFile, string dataDirectory)
    {
        Name = name;
        Executable = executable;
        ConfigFile = configFile;
        DataDirectory = dataDirectory;
        Port = Loopback.FreePort();
        Directory.CreateDirectory(dataDirectory);
    }

    public string Name { get; }

    public string Executable { get; }

    public string ConfigFile { get; }

    public string DataDirectory { get; }

    public int Port { get; }

    public string Address => Loopback.Address(Port);

    public Uri BaseUrl => Loopback.Url(Port);

    protected HttpClient Http => http;

    /// <summary>The running process, or null when stopped.</summary>
    public ServerProcess? Process { get; private set; }

    /// <summary>The last lines the current (or last) process printed.</summary>
    public string RecentOutput => Process?.RecentOutput ?? "(not started)";

    protected abstract IEnumerable<string> Arguments();

    /// <summary>Starts the server and waits until <c>/-/ready</c> answers 200.</summary>
    public async Task StartAsync()
    {
        if (Process is { HasExited: false })
            throw new InvalidOperationException($"{Name} is already running (pid {Process.Id}).");
        if (Process is not null)
            await Process.DisposeAsync().ConfigureAwait(false);

        Process = ServerProcess.Start(Name, Executable, Arguments(), DataDirectory);
        var process = Process;
        await Eventually.UntilTrue($"{Name} on {Address} to be ready", ReadyTimeout, async () =>
        {
            process.ThrowIfExited("starting");
            using var response = await http.GetAsync(new Uri(BaseUrl, "/-/ready")).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }, () => process.RecentOutput).ConfigureAwait(false);
    }

    /// <summary>Stops the process (SIGTERM, then SIGKILL after a timeout); the data directory stays.</summary>
    public async Task StopAsync()
    {
        if (Process is { } process)
            await process.StopAsync().ConfigureAwait(false);
    }

    /// <summary>Stops and starts again on the same port with the same data directory and configuration.</summary>
    public async Task RestartAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await StartAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Process is { } process)
                await process.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            http.Dispose();
            GC.SuppressFinalize(this);
        }
    }

    protected static string Flag(string name, string value) => $"--{name}={value}";
}

/// <summary>Debian's <c>prometheus</c> server.</summary>
public sealed class PrometheusServer : LoopbackServer
{
    public PrometheusServer(string configFile, string dataDirectory)
        : base("prometheus", ExternalTool.Find("prometheus"), configFile, dataDirectory) =>
        Api = new PrometheusApi(Http, BaseUrl);

    public PrometheusApi Api { get; }

    /// <summary>
    /// How long Prometheus waits before re-sending a still-firing alert to Alertmanager (default 1m), scaled down like
    /// the stack's other durations: an Alertmanager that restarts learns the firing alerts again within seconds.
    /// It also sets the alerts' <c>endsAt</c> (4 × max(this, evaluation interval) = 20s), which must outlast a
    /// Prometheus restart, or Alertmanager would resolve the alerts meanwhile.
    /// </summary>
    public static readonly TimeSpan ResendDelay = TimeSpan.FromSeconds(5);

    protected override IEnumerable<string> Arguments() =>
    [
        Flag("config.file", ConfigFile),
        Flag("storage.tsdb.path", DataDirectory),
        Flag("web.listen-address", Address),
        Flag("rules.alert.resend-delay", ((int)ResendDelay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms"),
        // Restore the "for" state of alerts after a restart (ALERTS_FOR_STATE) even for short "for" durations.
        Flag("rules.alert.for-grace-period", "1s"),
        Flag("log.level", "info"),
    ];
}

/// <summary>Debian's <c>prometheus-alertmanager</c>, a single instance with gossip disabled.</summary>
public sealed class AlertmanagerServer : LoopbackServer
{
    public AlertmanagerServer(string configFile, string dataDirectory)
        : base("alertmanager", FindExecutable(), configFile, dataDirectory) =>
        Api = new AlertmanagerApi(Http, BaseUrl);

    /// <summary>Debian names the binary <c>prometheus-alertmanager</c>; upstream and Homebrew name it <c>alertmanager</c>.</summary>
    public static string FindExecutable()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var name in new[] { "prometheus-alertmanager", "alertmanager" })
        {
            foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                if (File.Exists(Path.Combine(dir, name)))
                    return Path.Combine(dir, name);
            }
        }

        return ExternalTool.Find("prometheus-alertmanager"); // fails, saying how to install it
    }

    public AlertmanagerApi Api { get; }

    protected override IEnumerable<string> Arguments() =>
    [
        Flag("config.file", ConfigFile),
        Flag("storage.path", DataDirectory),
        Flag("web.listen-address", Address),
        // Empty: no cluster listener, no gossip, nothing but the API port opened.
        Flag("cluster.listen-address", ""),
        Flag("log.level", "info"),
    ];
}
