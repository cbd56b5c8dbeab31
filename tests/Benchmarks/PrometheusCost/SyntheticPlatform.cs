using System.Globalization;
using System.Text;

namespace Observability.Benchmarks.PrometheusCost;

/// <summary>How many of each thing the synthetic platform has; <see cref="Describe"/> states it in the report.</summary>
public sealed record Cardinality
{
    public int Pods { get; init; } = 2;

    public int Endpoints { get; init; } = 8;

    public int Agents { get; init; } = 8;

    public int Nodes { get; init; } = 3;

    public int CpusPerNode { get; init; } = 4;

    public static IReadOnlyList<string> Statuses { get; } = ["200", "201", "404", "429", "500"];

    public static IReadOnlyList<string> Models { get; } = ["gpt-4o", "gpt-4o-mini", "claude-sonnet-4", "claude-haiku-4", "llama-3.1-70b"];

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Pods} api pods × {Endpoints} endpoints × {Statuses.Count} status codes of http_requests_total (the same counts as Sloth's http_request_duration_seconds_count), " +
        $"the 14-bucket latency histogram per pod and endpoint, {Agents} agents × {Models.Count} models, {Nodes} nodes × {CpusPerNode} CPUs, 2 PostgreSQL instances, 1 Redis, 12 pods of kube-state-metrics and kubelet series");
}

/// <summary>
/// A deterministic synthetic platform: every series is a closed-form function of time (a daily traffic wave, an
/// error incident, fixed latency distributions), so any time range can be written on its own without state, and the
/// same arguments always give the same bytes. Counters are integrals of their rates, histograms cumulative.
/// </summary>
public sealed class SyntheticPlatform
{
    private const double Day = 86_400;

    private static readonly double[] LatencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
    private static readonly double[] AgentBuckets = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
    private static readonly double[] DbBuckets = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1];
    private static readonly double[] ReviewBuckets = [600, 3600, 14400, 86400, 259200];

    private readonly List<Series> series = [];

    /// <param name="start">Unix seconds of the first sample (counters are 0 there).</param>
    /// <param name="incidentStart">Unix seconds when a 30-minute incident starts (5 % of the API's requests fail with 500).</param>
    public SyntheticPlatform(Cardinality c, double start, double incidentStart)
    {
        Start = start;
        IncidentStart = incidentStart;
        AddHttp(c);
        AddAgents(c);
        AddNodes(c);
        AddPostgres();
        AddRedis();
        AddKubernetes();
        AddQuality();
    }

    public double Start { get; }

    public double IncidentStart { get; }

    public double IncidentEnd => IncidentStart + 1800;

    public int SeriesCount => series.Count;

    /// <summary>Writes every series' samples with timestamps in [<paramref name="from"/>, <paramref name="to"/>) every <paramref name="step"/> seconds, then <c># EOF</c>.</summary>
    public long WriteOpenMetrics(TextWriter writer, double from, double to, double step)
    {
        long samples = 0;
        var line = new StringBuilder(256);
        for (var t = from; t < to; t += step)
        {
            var ts = t.ToString("0.###", CultureInfo.InvariantCulture);
            foreach (var s in series)
            {
                line.Clear().Append(s.Text).Append(' ').Append(Format(s.Value(t))).Append(' ').Append(ts).Append('\n');
                writer.Write(line);
                samples++;
            }
        }

        writer.Write("# EOF\n");
        return samples;
    }

    private static string Format(double v) =>
        double.IsPositiveInfinity(v) ? "+Inf" : v.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>The daily wave, 0.6× at night to 1.4× at the peak, and its integral from <see cref="Start"/>.</summary>
    private static double Wave(double t) => 1 + (0.4 * Math.Sin(2 * Math.PI * t / Day));

    private double WaveIntegral(double t) =>
        (t - Start) - (0.4 * Day / (2 * Math.PI) * (Math.Cos(2 * Math.PI * t / Day) - Math.Cos(2 * Math.PI * Start / Day)));

    /// <summary>Events of a counter at <paramref name="perSecond"/> on the daily wave, whole numbers.</summary>
    private double Count(double t, double perSecond) => Math.Floor(perSecond * WaveIntegral(t));

    private double IncidentSeconds(double t) => Math.Clamp(t - IncidentStart, 0, IncidentEnd - IncidentStart);

    private void Add(string metric, IEnumerable<(string, string)> labels, Func<double, double> value) =>
        series.Add(new Series(Text(metric, labels), value));

    private static string Text(string metric, IEnumerable<(string Name, string Value)> labels)
    {
        var b = new StringBuilder(metric).Append('{');
        var first = true;
        foreach (var (name, value) in labels.OrderBy(l => l.Name, StringComparer.Ordinal))
        {
            if (!first)
                b.Append(',');
            first = false;
            b.Append(name).Append("=\"").Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        }

        return b.Append('}').ToString();
    }

    private void AddHistogram(string metric, (string, string)[] labels, double[] buckets, Func<double, double> count, Func<double, double> cdf, double mean)
    {
        foreach (var le in buckets)
        {
            var share = cdf(le);
            Add(metric + "_bucket", [.. labels, ("le", Format(le))], t => Math.Floor(count(t) * share));
        }

        Add(metric + "_bucket", [.. labels, ("le", "+Inf")], count);
        Add(metric + "_count", labels, count);
        Add(metric + "_sum", labels, t => Math.Round(count(t) * mean, 3));
    }

    private static Func<double, double> LogNormalCdf(double median, double sigma) =>
        x => 0.5 * (1 + Erf((Math.Log(x) - Math.Log(median)) / (sigma * Math.Sqrt(2))));

    /// <summary>Abramowitz and Stegun 7.1.26 (error below 1.5e-7).</summary>
    private static double Erf(double x)
    {
        var sign = Math.Sign(x);
        x = Math.Abs(x);
        var t = 1 / (1 + (0.3275911 * x));
        var poly = ((((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t) - 0.284496736) * t) + 0.254829592) * t;
        var y = 1 - (poly * Math.Exp(-x * x));
        return sign * y;
    }

    private void AddHttp(Cardinality c)
    {
        // Requests per second of one pod, spread over endpoints by a Zipf-like weight, and over status codes.
        const double podRate = 40;
        double[] statusShare = [0.93, 0.04, 0.025, 0.0045, 0.0005];
        var weights = Enumerable.Range(0, c.Endpoints).Select(j => 1.0 / (j + 1)).ToArray();
        var total = weights.Sum();
        for (var p = 0; p < c.Pods; p++)
        {
            var pod = string.Create(CultureInfo.InvariantCulture, $"api-7d9f8b6c5-{p:x5}");
            var instance = string.Create(CultureInfo.InvariantCulture, $"10.42.{p}.17:8000");
            (string, string)[] target = [("job", "api"), ("instance", instance), ("namespace", "apps"), ("pod", pod)];
            Add("up", target, _ => 1);
            Add("http_requests_in_progress", target, t => Math.Round(3 * Wave(t) * (1 + (0.3 * Math.Sin(t / 97.0)))));
            Add("db_connections_active", target, t => Math.Round(12 * Wave(t)));
            AddHistogram("db_query_duration_seconds", target, DbBuckets, t => Count(t, 25), LogNormalCdf(0.008, 0.9), 0.012);
            for (var j = 0; j < c.Endpoints; j++)
            {
                var endpoint = string.Create(CultureInfo.InvariantCulture, $"/api/v1/resource-{j}");
                var rate = podRate * weights[j] / total;
                for (var s = 0; s < Cardinality.Statuses.Count; s++)
                {
                    var status = Cardinality.Statuses[s];
                    var share = statusShare[s];
                    var incident = status == "500" ? rate * 0.05 : 0;
                    Func<double, double> value = t => Count(t, rate * share) + Math.Floor(incident * IncidentSeconds(t));
                    Add("http_requests_total", [.. target, ("endpoint", endpoint), ("method", j % 3 == 0 ? "POST" : "GET"), ("status", status)], value);
                    // Sloth's reference SLO reads the same traffic under its own names.
                    Add("http_request_duration_seconds_count", [("job", "myservice"), ("instance", instance), ("handler", endpoint), ("code", status)], value);
                }

                var median = 0.02 + (0.03 * j);
                AddHistogram("http_request_duration_seconds", [.. target, ("endpoint", endpoint)], LatencyBuckets,
                    t => Count(t, rate), LogNormalCdf(median, 0.7), median * Math.Exp(0.245));
            }
        }
    }

    private void AddAgents(Cardinality c)
    {
        (string, string)[] target = [("job", "agents"), ("instance", "10.42.9.3:9464"), ("namespace", "apps")];
        Add("up", target, _ => 1);
        for (var a = 0; a < c.Agents; a++)
        {
            var agent = string.Create(CultureInfo.InvariantCulture, $"agent-{a + 1}");
            var rate = 0.4 / (a + 1);
            (string, string)[] labels = [.. target, ("agent_id", agent)];
            Add("agent_executions_total", [.. labels, ("status", "success")], t => Count(t, rate * 0.97));
            Add("agent_executions_total", [.. labels, ("status", "failure")], t => Count(t, rate * 0.02));
            Add("agent_executions_total", [.. labels, ("status", "timeout")], t => Count(t, rate * 0.01));
            var median = 2.0 + (3 * a);
            AddHistogram("agent_execution_duration_seconds", labels, AgentBuckets, t => Count(t, rate), LogNormalCdf(median, 0.8), median * Math.Exp(0.32));
            for (var m = 0; m < Cardinality.Models.Count; m++)
                Add("agent_tokens_used_total", [.. labels, ("model", Cardinality.Models[m])], t => Count(t, rate * 1500 / (m + 1)));
        }

        foreach (var (metric, job) in new[] { ("prompt_executions_total", "agents"), ("pipeline_executions_total", "pipelines") })
        {
            Add(metric, [("job", job), ("status", "success")], t => Count(t, 2));
            Add(metric, [("job", job), ("status", "failure")], t => Count(t, 0.05));
        }
    }

    private void AddNodes(Cardinality c)
    {
        string[] modes = ["idle", "user", "system", "iowait", "irq", "softirq", "steal", "nice"];
        double[] shares = [0.62, 0.25, 0.08, 0.02, 0.005, 0.015, 0.005, 0.005];
        for (var n = 0; n < c.Nodes; n++)
        {
            var instance = string.Create(CultureInfo.InvariantCulture, $"10.0.1.{n + 10}:9100");
            (string, string)[] target = [("job", "node-exporter"), ("instance", instance)];
            Add("up", target, _ => 1);
            for (var cpu = 0; cpu < c.CpusPerNode; cpu++)
            {
                for (var m = 0; m < modes.Length; m++)
                {
                    var share = shares[m];
                    // Busy time follows the traffic wave; idle is what is left of each second.
                    Func<double, double> value = modes[m] == "idle"
                        ? t => Math.Round((t - Start) - ((1 - share) * WaveIntegral(t)), 2)
                        : t => Math.Round(share * WaveIntegral(t), 2);
                    Add("node_cpu_seconds_total", [.. target, ("cpu", cpu.ToString(CultureInfo.InvariantCulture)), ("mode", modes[m])], value);
                }
            }

            const double memory = 16L << 30;
            Add("node_memory_MemTotal_bytes", target, _ => memory);
            Add("node_memory_MemAvailable_bytes", target, t => Math.Round(memory * (0.55 - (0.15 * (Wave(t) - 1)))));
            Add("node_load15", target, t => Math.Round(c.CpusPerNode * 0.5 * Wave(t), 2));
            foreach (var (device, mountpoint, size) in new[] { ("/dev/nvme0n1p1", "/", 100e9), ("/dev/nvme1n1", "/var/lib/containers", 500e9) })
            {
                (string, string)[] fs = [.. target, ("device", device), ("mountpoint", mountpoint), ("fstype", "ext4")];
                Add("node_filesystem_size_bytes", fs, _ => size);
                Add("node_filesystem_avail_bytes", fs, t => Math.Round(size * (0.6 - (0.1 * (t - Start) / (30 * Day)))));
            }
        }
    }

    private void AddPostgres()
    {
        string[] databases = ["app", "analytics", "postgres"];
        for (var i = 0; i < 2; i++)
        {
            (string, string)[] target = [("job", "postgres"), ("instance", string.Create(CultureInfo.InvariantCulture, $"10.42.20.{i + 1}:9187"))];
            Add("up", target, _ => 1);
            Add("pg_up", target, _ => 1);
            Add("pg_settings_max_connections", target, _ => 200);
            foreach (var (db, d) in databases.Select((db, d) => (db, d)))
            {
                (string, string)[] labels = [.. target, ("datname", db)];
                var weight = 1.0 / (d + 1);
                foreach (var (state, share) in new[] { ("active", 0.2), ("idle", 0.7), ("idle in transaction", 0.1) })
                    Add("pg_stat_activity_count", [.. labels, ("state", state)], t => Math.Round(60 * weight * share * Wave(t)));
                Add("pg_stat_database_blks_hit", labels, t => Count(t, 5000 * weight));
                Add("pg_stat_database_blks_read", labels, t => Count(t, 50 * weight));
                Add("pg_stat_database_xact_commit", labels, t => Count(t, 300 * weight));
                Add("pg_stat_database_xact_rollback", labels, t => Count(t, 1 * weight));
                Add("pg_stat_database_deadlocks", labels, t => Math.Floor((t - Start) / Day));
                Add("pg_database_size_bytes", labels, t => Math.Round(20e9 * weight * (1 + ((t - Start) / (100 * Day)))));
                Add("pg_stat_statements_calls_total", labels, t => Count(t, 300 * weight));
                Add("pg_stat_statements_seconds_total", labels, t => Math.Round(0.004 * 300 * weight * WaveIntegral(t), 3));
            }
        }
    }

    private void AddRedis()
    {
        (string, string)[] target = [("job", "redis"), ("instance", "10.42.30.1:9121")];
        Add("up", target, _ => 1);
        Add("redis_up", target, _ => 1);
        Add("redis_memory_max_bytes", target, _ => 4L << 30);
        Add("redis_memory_used_bytes", target, t => Math.Round((1.5 * (1L << 30)) * Wave(t)));
        Add("redis_connected_clients", target, t => Math.Round(40 * Wave(t)));
        Add("redis_blocked_clients", target, _ => 0);
        Add("redis_commands_processed_total", target, t => Count(t, 2000));
        Add("redis_keyspace_hits_total", target, t => Count(t, 1700));
        Add("redis_keyspace_misses_total", target, t => Count(t, 100));
        Add("redis_evicted_keys_total", target, t => Count(t, 0.5));
        Add("redis_expired_keys_total", target, t => Count(t, 20));
        Add("redis_db_keys", [.. target, ("db", "db0")], t => Math.Round(250_000 * Wave(t)));
        foreach (var (cmd, share) in new[] { ("get", 0.6), ("set", 0.25), ("del", 0.05), ("expire", 0.05), ("incr", 0.05) })
        {
            Add("redis_commands_total", [.. target, ("cmd", cmd)], t => Count(t, 2000 * share));
            Add("redis_commands_duration_seconds_total", [.. target, ("cmd", cmd)], t => Math.Round(2000 * share * 0.00002 * WaveIntegral(t), 4));
        }
    }

    private void AddKubernetes()
    {
        (string, string)[] ksm = [("job", "kube-state-metrics"), ("instance", "10.42.0.5:8080")];
        (string, string)[] kubelet = [("job", "kubelet"), ("instance", "10.0.1.10:10250")];
        Add("up", ksm, _ => 1);
        Add("up", kubelet, _ => 1);
        for (var p = 0; p < 12; p++)
        {
            var pod = string.Create(CultureInfo.InvariantCulture, $"workload-{p / 3}-5f6d7c8b9-{p:x5}");
            (string, string)[] where = [("namespace", p < 6 ? "apps" : "monitoring"), ("pod", pod)];
            foreach (var phase in new[] { "Pending", "Running", "Succeeded", "Failed", "Unknown" })
                Add("kube_pod_status_phase", [.. ksm, .. where, ("phase", phase)], _ => phase == "Running" ? 1 : 0);
            (string, string)[] container = [.. where, ("container", "main")];
            Add("kube_pod_container_status_restarts_total", [.. ksm, .. container], t => Math.Floor((t - Start) / (2 * Day)));
            Add("kube_pod_container_resource_limits", [.. ksm, .. container, ("resource", "memory"), ("unit", "byte")], _ => 1L << 30);
            Add("container_memory_working_set_bytes", [.. kubelet, .. container], t => Math.Round((400L << 20) * Wave(t)));
            Add("container_cpu_cfs_periods_total", [.. kubelet, .. container], t => Count(t, 10));
            Add("container_cpu_cfs_throttled_periods_total", [.. kubelet, .. container], t => Count(t, 0.2));
        }

        for (var d = 0; d < 4; d++)
            Add("kube_deployment_status_observed_generation", [.. ksm, ("namespace", "apps"), ("deployment", string.Create(CultureInfo.InvariantCulture, $"workload-{d}"))], t => 1 + Math.Floor((t - Start) / Day));
    }

    private void AddQuality()
    {
        string[] repositories = ["acme/api", "acme/agents", "acme/web"];
        foreach (var repository in repositories)
        {
            (string, string)[] labels = [("job", "quality"), ("repository", repository)];
            Add("quality_test_coverage_ratio", labels, _ => 0.82);
            foreach (var severity in new[] { "critical", "major", "minor" })
                Add("quality_code_issues", [.. labels, ("severity", severity)], _ => severity == "critical" ? 1 : 12);
            foreach (var action in new[] { "opened", "merged", "closed" })
                Add("quality_pull_requests_total", [.. labels, ("action", action)], t => Math.Floor((t - Start) / 3600));
            AddHistogram("quality_pull_request_review_duration_seconds", labels, ReviewBuckets, t => Math.Floor((t - Start) / 3600), LogNormalCdf(7200, 1.2), 14_000);
        }

        foreach (var status in new[] { "success", "failure", "rolled_back" })
            Add("quality_deployments_total", [("job", "quality"), ("status", status)], t => Math.Floor((t - Start) / (status == "success" ? 7200 : 86400)));
    }

    private sealed record Series(string Text, Func<double, double> Value);
}
