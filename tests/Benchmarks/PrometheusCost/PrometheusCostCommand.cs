using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Observability.Stacks.Composition;
using Observability.Stacks.Rendering;
using Observability.Stacks.Settings;
using Observability.TestSupport;
using YamlDotNet.RepresentationModel;

namespace Observability.Benchmarks.PrometheusCost;

/// <summary>
/// What the prod rules and dashboards cost a real Prometheus, side by side with Sloth's rules for the same SLO:
/// synthetic platform series backfilled with <c>promtool tsdb create-blocks-from openmetrics</c>, the recording rules
/// others read backfilled with <c>promtool tsdb create-blocks-from rules</c>, then Debian's <c>prometheus</c> on that
/// TSDB with the rendered prod rules and Sloth's reference rules, measured through its own metrics and query stats.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project tests/Benchmarks -- prometheus-cost [--days 7] [--pods 4] [--endpoints 10]
/// [--evaluate 2m] [--ahead 60m] [--work DIR] [--keep]</c>; <c>--smoke</c> is a small run (2 pods, 3 endpoints, 6h of data, 30s of evaluation)
/// that checks the whole pipeline works.
/// </remarks>
public static partial class PrometheusCostCommand
{
    private const double Step = 15;

    /// <summary>A block every 54h (2h × 3³): one pass of promtool over each file, blocks as large as a 30d-retention Prometheus compacts to.</summary>
    private const double BlockSeconds = 54 * 3600;

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(2) };

    public static int Run(string[] args)
    {
        var o = Options.Parse(args);
        var work = o.Work ?? Path.Combine(Path.GetTempPath(), "prometheus-cost-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        if (Directory.Exists(work))
            Directory.Delete(work, recursive: true);
        Directory.CreateDirectory(work);
        Process? prometheus = null;
        try
        {
            var total = Stopwatch.StartNew();
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}; {Tool("prometheus", "--version").Split('\n')[0]}");

            // 1. The rendered prod rules and dashboards, and Sloth's reference rules.
            var render = Path.Combine(work, "render");
            var plan = EnvironmentComposer.Compose(SettingsLoader.FromRepository(Repo.Root, "prod").GetOrThrow());
            Renderer.Write(plan, render);
            var sloth = Path.Combine(work, "sloth.rules.yml");
            File.Copy(Reference.PathOf("sloth", "0.16.0", "getting-started.rules.yml"), sloth);
            List<string> ruleFiles = [.. Directory.GetFiles(Path.Combine(render, "rules"), "*.yaml").Order(StringComparer.Ordinal), sloth];

            // 2. Raw series, one OpenMetrics file per 54h block.
            var end = Math.Floor(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / Step) * Step;
            var start = end - o.Days * 86_400;
            var dataEnd = end + o.Ahead.TotalSeconds;
            var platform = new SyntheticPlatform(o.Cardinality, start, incidentStart: end - (1.5 * 86_400));
            Console.WriteLine($"cardinality: {platform.SeriesCount} series: {o.Cardinality.Describe()}");
            var tsdb = Path.Combine(work, "tsdb");
            Directory.CreateDirectory(tsdb);
            var phase = Stopwatch.StartNew();
            long samples = 0;
            for (var block = Math.Floor(start / BlockSeconds) * BlockSeconds; block < dataEnd; block += BlockSeconds)
            {
                var file = Path.Combine(work, "block.om");
                var written = Stopwatch.StartNew();
                using (var writer = new StreamWriter(file, append: false, new UTF8Encoding(false), 1 << 20))
                    samples += platform.WriteOpenMetrics(writer, Math.Max(block, start), Math.Min(block + BlockSeconds, dataEnd), Step);
                var generated = written.Elapsed;
                ToolOk("promtool", "tsdb", "create-blocks-from", "openmetrics", "--quiet", "--max-block-duration=54h", file, tsdb);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  block from {DateTimeOffset.FromUnixTimeSeconds((long)Math.Max(block, start)):u}: {new FileInfo(file).Length / 1e6:0} MB written in {generated.TotalSeconds:0.0}s, backfilled in {(written.Elapsed - generated).TotalSeconds:0.0}s"));
                File.Delete(file);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"data: {o.Days}d every {Step}s up to {o.Ahead.TotalMinutes:0}m ahead of the start, {samples:N0} samples, generated and backfilled in {phase.Elapsed.TotalSeconds:0}s"));

            // 3. History of the recording rules that other rules and the dashboards read (level 1: they read raw series only).
            phase.Restart();
            var backfill = Path.Combine(work, "backfill.rules.yml");
            var backfilled = WriteBackfillRules(ruleFiles, backfill);
            prometheus = StartPrometheus(work, tsdb, [], out var url);
            ToolOk("promtool", "tsdb", "create-blocks-from", "rules", "--quiet",
                "--start=" + Ts(start), "--end=" + Ts(end), "--eval-interval=15s", "--url=" + url, "--output-dir=" + Path.Combine(work, "rule-blocks"), backfill);
            Stop(prometheus);
            prometheus = null;
            foreach (var dir in Directory.GetDirectories(Path.Combine(work, "rule-blocks")))
                Directory.Move(dir, Path.Combine(tsdb, Path.GetFileName(dir)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"recording-rule history: {backfilled} rules over {o.Days}d every 15s, backfilled in {phase.Elapsed.TotalSeconds:0}s"));

            // 4. Prometheus with every rule, evaluating.
            prometheus = StartPrometheus(work, tsdb, ruleFiles, out url);
            var groups = WaitForEvaluations(url, o.Evaluate);
            Report.RuleGroups(groups, render, sloth);

            // 5. Every dashboard panel over 24h and 7d.
            var panels = new List<PanelCost>();
            foreach (var file in Directory.GetFiles(Path.Combine(render, "dashboards"), "*.json").Order(StringComparer.Ordinal))
            {
                foreach (var range in new[] { TimeSpan.FromHours(24), TimeSpan.FromDays(7) })
                    panels.AddRange(DashboardQueries.Measure(url, file, range, end));
            }

            Report.Dashboards(panels);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total {total.Elapsed.TotalSeconds:0}s"));
            return 0;
        }
        finally
        {
            if (prometheus is not null)
                Stop(prometheus);
            if (!o.Keep)
                Directory.Delete(work, recursive: true);
            else
                Console.WriteLine($"kept {work}");
        }
    }

    internal static string Ts(double unixSeconds) => unixSeconds.ToString("0", CultureInfo.InvariantCulture);

    /// <summary>The recording rules that read only raw series (no recorded name with a colon), except Sloth's windows past 5m (nothing reads them).</summary>
    private static int WriteBackfillRules(IEnumerable<string> ruleFiles, string path)
    {
        var rules = new YamlSequenceNode();
        foreach (var file in ruleFiles)
        {
            foreach (var rule in RuleFile.Rules(file))
            {
                if (rule.Record is null || RecordedName().IsMatch(rule.Expr) || (rule.Labels.TryGetValue("sloth_window", out var w) && w != "5m"))
                    continue;
                var node = new YamlMappingNode { { "record", rule.Record }, { "expr", rule.Expr } };
                if (rule.Labels.Count > 0)
                {
                    var labels = new YamlMappingNode();
                    foreach (var (k, v) in rule.Labels)
                        labels.Add(k, v);
                    node.Add("labels", labels);
                }

                rules.Add(node);
            }
        }

        var doc = new YamlMappingNode { { "groups", new YamlSequenceNode(new YamlMappingNode { { "name", "backfill" }, { "rules", rules } }) } };
        using var writer = new StreamWriter(path);
        new YamlStream(new YamlDocument(doc)).Save(writer, assignAnchors: false);
        return rules.Children.Count;
    }

    private static Process StartPrometheus(string work, string tsdb, IReadOnlyList<string> ruleFiles, out string url)
    {
        var port = FreePort();
        url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        var config = Path.Combine(work, "prometheus.yml");
        var yaml = new StringBuilder("global:\n  scrape_interval: 15s\n  evaluation_interval: 15s\nrule_files:\n");
        foreach (var f in ruleFiles)
            yaml.Append("  - ").Append(JsonSerializer.Serialize(f)).Append('\n');
        if (ruleFiles.Count == 0)
            yaml.Append("  []\n");
        File.WriteAllText(config, yaml.ToString());
        var psi = new ProcessStartInfo("prometheus")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
        {
            "--config.file=" + config, "--storage.tsdb.path=" + tsdb, "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
            "--storage.tsdb.retention.time=30d", "--storage.tsdb.max-block-duration=54h",
            "--query.max-samples=200000000", "--query.timeout=2m", "--enable-feature=promql-per-step-stats",
        })
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("prometheus did not start");
        var log = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (process.HasExited)
                throw new InvalidOperationException("prometheus exited: " + log);
            try
            {
                if (Http.GetAsync(url + "/-/ready").Result.StatusCode == HttpStatusCode.OK)
                    return process;
            }
            catch (AggregateException)
            {
            }

            Thread.Sleep(250);
        }

        Stop(process);
        throw new TimeoutException("prometheus was not ready within 2 minutes: " + log);
    }

    /// <summary>SIGTERM by pid, SIGKILL after 20 s.</summary>
    private static void Stop(Process process)
    {
        if (process.HasExited)
            return;
        Tool("kill", "-TERM", process.Id.ToString(CultureInfo.InvariantCulture));
        if (!process.WaitForExit(20_000))
            process.Kill();
        process.WaitForExit();
    }

    /// <summary>
    /// Waits until every group has been evaluated, then samples <c>prometheus_rule_group_last_duration_seconds</c>
    /// every 15s for <paramref name="evaluate"/>; each group's median duration and its samples per evaluation (each rule's
    /// expression as an instant query with <c>stats=all</c>).
    /// </summary>
    private static List<GroupCost> WaitForEvaluations(string url, TimeSpan evaluate)
    {
        var durations = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var intervals = new Dictionary<string, double>(StringComparer.Ordinal);
        var started = Stopwatch.StartNew();
        while (true)
        {
            var metrics = Http.GetStringAsync(url + "/metrics").Result;
            var ready = true;
            foreach (Match m in GroupMetric().Matches(metrics))
            {
                var group = m.Groups["group"].Value;
                var value = double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
                if (m.Groups["metric"].Value == "interval")
                {
                    intervals[group] = value;
                }
                else if (m.Groups["metric"].Value == "last_duration")
                {
                    if (value == 0)
                        ready = false;
                    else if (started.Elapsed > TimeSpan.FromSeconds(70))
                        (durations.TryGetValue(group, out var list) ? list : durations[group] = []).Add(value);
                }
            }

            if (ready && durations.Count > 0 && started.Elapsed > TimeSpan.FromSeconds(70) + evaluate)
                break;
            if (started.Elapsed > TimeSpan.FromSeconds(70) + evaluate + TimeSpan.FromMinutes(3))
                throw new TimeoutException("not every rule group was evaluated in time");
            Thread.Sleep(15_000);
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var costs = new List<GroupCost>();
        foreach (var (key, list) in durations.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            var (file, group) = (key[..key.LastIndexOf(';')], key[(key.LastIndexOf(';') + 1)..]);
            long touched = 0;
            foreach (var rule in RuleFile.Rules(file).Where(r => r.Group == group))
                touched += Query.Instant(url, rule.Expr, now).Samples;
            list.Sort();
            costs.Add(new GroupCost(Path.GetFileName(file), group, intervals.GetValueOrDefault(key, Step), list[list.Count / 2], list.Count, touched));
        }

        return costs;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string Tool(string name, params string[] args)
    {
        var psi = new ProcessStartInfo(name) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException(name + " did not start");
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return stdout + stderr.Result;
    }

    private static void ToolOk(string name, params string[] args)
    {
        var psi = new ProcessStartInfo(name) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException(name + " did not start");
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{name} {string.Join(' ', args)} exited {p.ExitCode}: {stdout}{stderr.Result}");
    }

    [GeneratedRegex(@"[a-zA-Z_]+:[a-zA-Z0-9_:]+")]
    private static partial Regex RecordedName();

    [GeneratedRegex("""^prometheus_rule_group_(?<metric>last_duration|interval)_seconds\{rule_group="(?<group>[^"]+)"\} (?<value>\S+)$""", RegexOptions.Multiline)]
    private static partial Regex GroupMetric();

    private sealed record Options
    {
        public int Days { get; init; } = 7;

        public Cardinality Cardinality { get; init; } = new();

        public TimeSpan Evaluate { get; init; } = TimeSpan.FromMinutes(2);

        /// <summary>How far past the start the data goes, so that the rules evaluated "now" read fresh samples throughout the run.</summary>
        public TimeSpan Ahead { get; init; } = TimeSpan.FromMinutes(60);

        public string? Work { get; init; }

        public bool Keep { get; init; }

        public static Options Parse(string[] args)
        {
            var o = new Options();
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]}: expected a value");
                int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
                o = args[i] switch
                {
                    "--days" => o with { Days = Int() },
                    "--pods" => o with { Cardinality = o.Cardinality with { Pods = Int() } },
                    "--endpoints" => o with { Cardinality = o.Cardinality with { Endpoints = Int() } },
                    "--evaluate" => o with { Evaluate = Observability.Rules.Model.Duration.Parse(Next()).ToTimeSpan() },
                    "--work" => o with { Work = Path.GetFullPath(Next()) },
                    "--keep" => o with { Keep = true },
                    "--ahead" => o with { Ahead = Observability.Rules.Model.Duration.Parse(Next()).ToTimeSpan() },
                    "--smoke" => o with { Days = 1, Cardinality = o.Cardinality with { Pods = 2, Endpoints = 3, Agents = 2 }, Evaluate = TimeSpan.FromSeconds(15), Ahead = TimeSpan.FromMinutes(15) },
                    _ => throw new ArgumentException($"{args[i]}: unknown option (expected --days N, --pods N, --endpoints N, --evaluate 2m, --ahead 60m, --work DIR, --keep, --smoke)"),
                };
            }

            return o;
        }
    }
}

/// <summary>One rule group's cost: median evaluation duration over <see cref="Evaluations"/> sampled evaluations, samples its rules' expressions touch once.</summary>
public sealed record GroupCost(string File, string Group, double IntervalSeconds, double MedianSeconds, int Evaluations, long SamplesPerEvaluation)
{
    public double CoreShare => MedianSeconds / IntervalSeconds;

    public double SamplesPerMinute => SamplesPerEvaluation * 60 / IntervalSeconds;
}

/// <summary>A rule of a rule file.</summary>
public sealed record RuleFileRule(string Group, string? Record, string? Alert, string Expr, IReadOnlyDictionary<string, string> Labels);

internal static class RuleFile
{
    public static IEnumerable<RuleFileRule> Rules(string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
            yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        foreach (var group in ((YamlSequenceNode)root["groups"]).Cast<YamlMappingNode>())
        {
            var name = ((YamlScalarNode)group["name"]).Value!;
            foreach (var rule in ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>())
            {
                string? Scalar(string key) => rule.Children.TryGetValue(key, out var v) ? ((YamlScalarNode)v).Value : null;
                var labels = rule.Children.TryGetValue("labels", out var l)
                    ? ((YamlMappingNode)l).ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value!, StringComparer.Ordinal)
                    : new Dictionary<string, string>(StringComparer.Ordinal);
                yield return new RuleFileRule(name, Scalar("record"), Scalar("alert"), Scalar("expr")!, labels);
            }
        }
    }
}

/// <summary>The Prometheus HTTP API with query statistics (<c>stats=all</c>: <c>totalQueryableSamples</c> in 2.42).</summary>
internal static class Query
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(3) };

    public sealed record Result(long Samples, double Milliseconds, double EvalMilliseconds, string? Error);

    public static Result Instant(string url, string expr, double time) =>
        Send(url + "/api/v1/query", [new("query", expr), new("time", PrometheusCostCommand.Ts(time)), new("stats", "all")]);

    public static Result Range(string url, string expr, double start, double end, double step) =>
        Send(url + "/api/v1/query_range",
            [new("query", expr), new("start", PrometheusCostCommand.Ts(start)), new("end", PrometheusCostCommand.Ts(end)), new("step", PrometheusCostCommand.Ts(step)), new("stats", "all")]);

    private static Result Send(string endpoint, KeyValuePair<string, string>[] form)
    {
        var watch = Stopwatch.StartNew();
        using var response = Http.PostAsync(endpoint, new FormUrlEncodedContent(form)).Result;
        var body = response.Content.ReadAsStringAsync().Result;
        var ms = watch.Elapsed.TotalMilliseconds;
        var json = JsonNode.Parse(body)!;
        if ((string?)json["status"] != "success")
            return new Result(0, ms, 0, (string?)json["error"] ?? body);
        var stats = json["data"]?["stats"];
        var samples = (long?)stats?["samples"]?["totalQueryableSamples"] ?? 0;
        var eval = (double?)stats?["timings"]?["evalTotalTime"] ?? 0;
        return new Result(samples, ms, eval * 1000, null);
    }
}
