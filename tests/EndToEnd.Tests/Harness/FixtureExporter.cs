using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Observability.EndToEnd.Tests.Harness;

/// <summary>
/// A metrics endpoint on 127.0.0.1 whose series the test controls, served in the Prometheus text exposition
/// format (version 0.0.4) at <c>/metrics</c>. Counters grow at a rate the test sets (value = integral of the
/// rate), so <c>rate()</c> in the rules sees exactly the traffic the scenario describes. Stopping it makes the
/// scrape fail (<c>up == 0</c>); starting it again serves the same counters, still increasing.
/// </summary>
public sealed class FixtureExporter : IAsyncDisposable
{
    private const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly Lock gate = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Dictionary<string, (string Type, string Help)> families = new(StringComparer.Ordinal);
    private readonly Dictionary<SeriesKey, Series> series = [];
    private HttpListener? listener;
    private Task? serving;
    private int scrapes;

    public FixtureExporter(int? port = null) => Port = port ?? Loopback.FreePort();

    public int Port { get; }

    /// <summary>The scrape target, <c>127.0.0.1:port</c>.</summary>
    public string Target => Loopback.Address(Port);

    public bool IsRunning => listener is { IsListening: true };

    /// <summary>How many scrapes were answered (to wait until Prometheus has seen a change).</summary>
    public int Scrapes => Volatile.Read(ref scrapes);

    public void Start()
    {
        if (IsRunning)
            return;
        var http = new HttpListener();
        http.Prefixes.Add(Loopback.Url(Port).ToString());
        http.Start();
        listener = http;
        serving = Task.Run(() => ServeAsync(http));
    }

    /// <summary>Stops listening: the next scrape is refused and Prometheus records <c>up 0</c>.</summary>
    public async Task StopAsync()
    {
        var http = listener;
        listener = null;
        if (http is null)
            return;
        http.Stop();
        http.Close();
        if (serving is not null)
            await serving.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    /// <summary>Declares a metric family's type (<c>counter</c>, <c>gauge</c>, <c>histogram</c>) and help text.</summary>
    public FixtureExporter Declare(string family, string type, string help)
    {
        lock (gate)
            families[family] = (type, help);
        return this;
    }

    /// <summary>Sets a series to a fixed value (a gauge, or a counter that stops growing).</summary>
    public FixtureExporter Set(string name, IReadOnlyDictionary<string, string> labels, double value) =>
        Update(name, labels, (_, now) => new Series(value, 0, now));

    /// <summary>Makes a counter grow by <paramref name="perSecond"/> from now on, continuing from its current value.</summary>
    public FixtureExporter SetRate(string name, IReadOnlyDictionary<string, string> labels, double perSecond) =>
        Update(name, labels, (current, now) => new Series(current?.ValueAt(now) ?? 0, perSecond, now));

    /// <summary>
    /// A histogram family <paramref name="family"/> (<c>_bucket</c>, <c>_sum</c>, <c>_count</c>) observing
    /// <paramref name="perSecond"/> events per second, every one taking <paramref name="latencySeconds"/>.
    /// </summary>
    public FixtureExporter SetHistogramRate(
        string family,
        IReadOnlyDictionary<string, string> labels,
        IReadOnlyList<double> bucketBounds,
        double perSecond,
        double latencySeconds)
    {
        foreach (var bound in bucketBounds)
        {
            var le = new Dictionary<string, string>(labels, StringComparer.Ordinal) { ["le"] = FormatNumber(bound) };
            SetRate(family + "_bucket", le, latencySeconds <= bound ? perSecond : 0);
        }

        var inf = new Dictionary<string, string>(labels, StringComparer.Ordinal) { ["le"] = "+Inf" };
        SetRate(family + "_bucket", inf, perSecond);
        SetRate(family + "_sum", labels, perSecond * latencySeconds);
        SetRate(family + "_count", labels, perSecond);
        return this;
    }

    /// <summary>The exposition text as it would be served now (also what the tests can show on failure).</summary>
    public string Render()
    {
        var now = clock.Elapsed.TotalSeconds;
        var text = new StringBuilder();
        lock (gate)
        {
            var byFamily = series
                .GroupBy(s => FamilyOf(s.Key.Name))
                .OrderBy(g => g.Key, StringComparer.Ordinal);
            foreach (var family in byFamily)
            {
                if (families.TryGetValue(family.Key, out var meta))
                {
                    text.Append("# HELP ").Append(family.Key).Append(' ').Append(meta.Help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
                    text.Append("# TYPE ").Append(family.Key).Append(' ').Append(meta.Type).Append('\n');
                }

                foreach (var (key, value) in family.OrderBy(s => s.Key.Name, StringComparer.Ordinal).ThenBy(s => s.Key.Labels, StringComparer.Ordinal))
                    text.Append(key.Name).Append(key.Labels).Append(' ').Append(FormatNumber(value.ValueAt(now))).Append('\n');
            }
        }

        return text.ToString();
    }

    private FixtureExporter Update(string name, IReadOnlyDictionary<string, string> labels, Func<Series?, double, Series> change)
    {
        var key = new SeriesKey(name, FormatLabels(labels));
        var now = clock.Elapsed.TotalSeconds;
        lock (gate)
            series[key] = change(series.TryGetValue(key, out var current) ? current : null, now);
        return this;
    }

    private string FamilyOf(string name)
    {
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && families.TryGetValue(name[..^suffix.Length], out var meta) && meta.Type == "histogram")
                return name[..^suffix.Length];
        }

        return name;
    }

    private async Task ServeAsync(HttpListener http)
    {
        while (http.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await http.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            try
            {
                await AnswerAsync(context).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The scraper went away (a timeout, Prometheus stopped by a restart test) or the exporter is stopping.
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var response = context.Response;
        if (context.Request.Url?.AbsolutePath != "/metrics")
        {
            response.StatusCode = 404;
            return;
        }

        var body = Encoding.UTF8.GetBytes(Render());
        response.ContentType = ContentType;
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
        Interlocked.Increment(ref scrapes);
    }

    private static string FormatLabels(IReadOnlyDictionary<string, string> labels)
    {
        if (labels.Count == 0)
            return "";
        var text = new StringBuilder("{");
        var first = true;
        foreach (var (name, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            if (!first)
                text.Append(',');
            first = false;
            text.Append(name).Append("=\"")
                .Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal))
                .Append('"');
        }

        return text.Append('}').ToString();
    }

    private static string FormatNumber(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    private sealed record SeriesKey(string Name, string Labels);

    /// <summary>A value that grows linearly from <paramref name="Start"/> at <paramref name="Since"/> (seconds on the exporter's clock).</summary>
    private sealed record Series(double Start, double PerSecond, double Since)
    {
        public double ValueAt(double now) => Start + (PerSecond * (now - Since));
    }
}

/// <summary>Label sets for fixture series, read like PromQL selectors: <c>Labels.Of(("method", "GET"), ("status", "500"))</c>.</summary>
public static class Labels
{
    public static IReadOnlyDictionary<string, string> Of(params (string Name, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
}
