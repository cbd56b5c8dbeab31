using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Observability.Rules.Alertmanager;
using Observability.Rules.Model;
using Observability.Rules.PromQl;
using Observability.TestSupport;
using Xunit.Sdk;

namespace Observability.Rules.Tests.Alertmanager;

/// <summary>
/// The platform configuration loaded by a real Alertmanager (the installed 0.25 server, 127.0.0.1 only, gossip off):
/// its API's view of where alerts go and which are inhibited must equal the library's own
/// (<see cref="AlertmanagerConfig.ReceiversFor"/>, <see cref="AlertmanagerConfig.IsInhibited"/>).
/// Group wait is an hour, so nothing is sent during the test.
/// </summary>
public sealed class RealAlertmanagerTests
{
    private static readonly string[][] Alerts =
    [
        ["alertname=HighErrorRate", "severity=critical", "namespace=shop"],
        ["alertname=HighErrorRate", "severity=warning", "namespace=shop"],
        ["alertname=HighErrorRate", "severity=info", "namespace=shop"],
        ["alertname=HighErrorRate", "severity=warning", "namespace=billing"],
        ["alertname=HighLatency", "severity=warning", "namespace=shop"],
        ["alertname=NodeDown", "severity=critical", "instance=10.0.0.7:9100", "node=worker-1"],
        ["alertname=NodeFilesystemAlmostFull", "severity=warning", "instance=10.0.0.7:9100"],
        ["alertname=NodeFilesystemAlmostFull", "severity=warning", "instance=10.0.0.8:9100"],
        ["alertname=KubeletDown", "severity=critical", "node=worker-1"],
        ["alertname=KubeletDown", "severity=critical", "node=worker-2"],
        ["alertname=ServiceDown", "severity=critical", "job=api"],
        ["alertname=HighErrorCount", "severity=critical", "job=api", "namespace=shop"],
        ["alertname=HighErrorCount", "severity=critical", "job=web", "namespace=shop"],
        ["alertname=SlowResponseTime", "severity=warning", "job=api", "namespace=shop"],
        ["alertname=PodCrashLooping", "severity=warning", "job=api", "namespace=shop"],
        ["alertname=Watchdog", "severity=none"],
        ["alertname=CertificateExpiresSoon", "severity=info", "namespace=billing"],
    ];

    private static Dictionary<string, string> Labels(string[] pairs) =>
        pairs.ToDictionary(p => p[..p.IndexOf('=', StringComparison.Ordinal)], p => p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal);

    private static string Key(IReadOnlyDictionary<string, string> labels) =>
        string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

    [Fact]
    public async Task Real_alertmanager_routes_and_inhibits_exactly_as_the_library_says()
    {
        // Every receiver points at a closed port on 127.0.0.1, and group_wait is an hour: nothing leaves the machine.
        var config = PlatformRouting.Build(PlatformRoutingTests.FullOptions with
        {
            Timings = new RoutingTimings { GroupWait = Duration.Hours(1), GroupInterval = Duration.Hours(1), RepeatInterval = Duration.Hours(2), HeartbeatInterval = Duration.Hours(1) },
            PagerDutyUrl = new Uri("http://127.0.0.1:9/pagerduty"),
            Heartbeat = new HeartbeatOptions { Url = new Uri("http://127.0.0.1:9/heartbeat") },
            Webhooks =
            [
                new ExtraWebhook { Name = "tickets", Url = new Uri("http://127.0.0.1:9/tickets"), Matchers = [Matcher.Re("severity", "critical|warning")] },
                new ExtraWebhook { Name = "audit", Url = new Uri("http://127.0.0.1:9/audit") },
            ],
        });
        var sets = Alerts.Select(Labels).ToList();
        var expected = sets.ToDictionary(
            Key,
            labels => (Receivers: string.Join(",", config.ReceiversFor(labels).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
                       Inhibited: config.IsInhibited(labels, sets.Where(s => !ReferenceEquals(s, labels)))),
            StringComparer.Ordinal);

        using var files = new Amtool(config);
        files.CheckConfig();
        using var server = AlertmanagerProcess.Start(files.ConfigFile, Path.Combine(files.Directory, "data"));
        using var http = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
        await server.WaitUntilReadyAsync(http);

        var payload = sets.Select(labels => new Dictionary<string, object> { ["labels"] = labels }).ToList();
        using (var posted = await http.PostAsJsonAsync("api/v2/alerts", payload))
            Assert.True(posted.IsSuccessStatusCode, $"POST /api/v2/alerts answered {(int)posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");

        // The inhibitor learns about source alerts asynchronously: poll until Alertmanager's view settles on the expected one.
        Dictionary<string, (string Receivers, bool Inhibited)> actual = [];
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            actual = await ReadAlerts(http);
            if (Same(expected, actual) || DateTime.UtcNow > deadline)
                break;
            await Task.Delay(200);
        }

        static string Show((string Receivers, bool Inhibited) v) => v.Receivers + (v.Inhibited ? " (inhibited)" : "");
        var differences = expected.Keys.Union(actual.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Where(k => !expected.TryGetValue(k, out var e) || !actual.TryGetValue(k, out var a) || e != a)
            .Select(k => $"{{{k}}}: library {(expected.TryGetValue(k, out var e) ? Show(e) : "(absent)")}, Alertmanager {(actual.TryGetValue(k, out var a) ? Show(a) : "(absent)")}")
            .ToList();
        if (differences.Count > 0)
            throw new XunitException("The real Alertmanager disagrees with the library:" + Environment.NewLine + string.Join(Environment.NewLine, differences));
        Assert.Equal(6, expected.Count(e => e.Value.Inhibited));
    }

    private static bool Same(Dictionary<string, (string Receivers, bool Inhibited)> a, Dictionary<string, (string Receivers, bool Inhibited)> b) =>
        a.Count == b.Count && a.All(e => b.TryGetValue(e.Key, out var v) && v == e.Value);

    private static async Task<Dictionary<string, (string Receivers, bool Inhibited)>> ReadAlerts(HttpClient http)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/v2/alerts", UriKind.Relative)));
        var result = new Dictionary<string, (string, bool)>(StringComparer.Ordinal);
        foreach (var alert in document.RootElement.EnumerateArray())
        {
            var labels = alert.GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
            var receivers = alert.GetProperty("receivers").EnumerateArray().Select(r => r.GetProperty("name").GetString() ?? "")
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            var inhibited = alert.GetProperty("status").GetProperty("inhibitedBy").GetArrayLength() > 0;
            result[Key(labels)] = (string.Join(",", receivers), inhibited);
        }

        return result;
    }

    /// <summary>The Alertmanager server on a free 127.0.0.1 port; killed (this process only) when disposed.</summary>
    private sealed class AlertmanagerProcess : IDisposable
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _output = new();

        private AlertmanagerProcess(Process process, Uri baseUrl)
        {
            _process = process;
            BaseUrl = baseUrl;
        }

        public Uri BaseUrl { get; }

        public static AlertmanagerProcess Start(string configFile, string dataDirectory)
        {
            Directory.CreateDirectory(dataDirectory);
            var port = FreePort();
            var start = new ProcessStartInfo(Binary())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
                     {
                         $"--config.file={configFile}", $"--storage.path={dataDirectory}",
                         $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=",
                     })
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start) ?? throw new XunitException("Could not start Alertmanager.");
            var server = new AlertmanagerProcess(process, new Uri($"http://127.0.0.1:{port}/"));
            process.OutputDataReceived += (_, e) => server.Append(e.Data);
            process.ErrorDataReceived += (_, e) => server.Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return server;
        }

        public async Task WaitUntilReadyAsync(HttpClient http)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (DateTime.UtcNow < deadline)
            {
                if (_process.HasExited)
                    throw new XunitException($"Alertmanager exited with {_process.ExitCode}:{Environment.NewLine}{Output}");
                try
                {
                    using var response = await http.GetAsync(new Uri("-/ready", UriKind.Relative));
                    if (response.IsSuccessStatusCode)
                        return;
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }

                await Task.Delay(100);
            }

            throw new XunitException($"Alertmanager was not ready within 30s:{Environment.NewLine}{Output}");
        }

        private string Output
        {
            get
            {
                lock (_output)
                    return _output.ToString();
            }
        }

        private void Append(string? line)
        {
            if (line is null)
                return;
            lock (_output)
                _output.AppendLine(line);
        }

        private static string Binary()
        {
            foreach (var name in new[] { "prometheus-alertmanager", "alertmanager" })
            {
                try
                {
                    return ExternalTool.Find(name);
                }
                catch (XunitException)
                {
                    // try the next name
                }
            }

            return ExternalTool.Find("alertmanager"); // fails with the install hint
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill();
                    _process.WaitForExit(10_000);
                }
            }
            finally
            {
                _process.Dispose();
            }
        }
    }
}
