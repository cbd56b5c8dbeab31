using System.Text.Json;
using Observability.Rules.Model;
using Observability.Rules.Output;

namespace Observability.EndToEnd.Tests.Harness;

/// <summary>
/// A scrape job: Prometheus' <c>job</c> label, its targets and extra target labels, and optionally its own scrape
/// interval (also its timeout) instead of the global one.
/// </summary>
public sealed record ScrapeJob(string JobName, IReadOnlyList<string> Targets, IReadOnlyDictionary<string, string>? TargetLabels = null)
{
    public Duration? Interval { get; init; }
}

/// <summary>
/// The <c>prometheus.yml</c> the tests run: the rendered rule files, the Alertmanagers listed in a file (file-based
/// discovery, as prometheus-operator discovers them from the Alertmanager Service's endpoints: a test can take the
/// Alertmanager out of it, as Kubernetes does with a pod that is not ready), and scrape jobs pointed at the test's
/// own endpoints. Written as a tree through <see cref="YamlText"/>.
/// </summary>
public sealed record PrometheusConfig
{
    public required Duration ScrapeInterval { get; init; }

    public required Duration EvaluationInterval { get; init; }

    public IReadOnlyDictionary<string, string> ExternalLabels { get; init; } = new Dictionary<string, string>();

    public required IReadOnlyList<string> RuleFiles { get; init; }

    /// <summary>The file-discovery file of the Alertmanagers (see <see cref="WriteAlertmanagers"/>).</summary>
    public required string AlertmanagersFile { get; init; }

    public required IReadOnlyList<ScrapeJob> ScrapeJobs { get; init; }

    public OrderedDictionary<string, object?> ToTree()
    {
        var global = new OrderedDictionary<string, object?>
        {
            ["scrape_interval"] = ScrapeInterval,
            ["scrape_timeout"] = ScrapeInterval,
            ["evaluation_interval"] = EvaluationInterval,
        };
        if (ExternalLabels.Count > 0)
            global["external_labels"] = Sorted(ExternalLabels);

        return new OrderedDictionary<string, object?>
        {
            ["global"] = global,
            ["rule_files"] = RuleFiles.ToList<object?>(),
            ["alerting"] = new OrderedDictionary<string, object?>
            {
                ["alertmanagers"] = new List<object?>
                {
                    new OrderedDictionary<string, object?>
                    {
                        ["api_version"] = "v2",
                        ["file_sd_configs"] = new List<object?>
                        {
                            // Prometheus watches the file; the refresh is a bound in case a change notification is missed.
                            new OrderedDictionary<string, object?> { ["files"] = new List<object?> { AlertmanagersFile }, ["refresh_interval"] = "1s" },
                        },
                    },
                },
            },
            ["scrape_configs"] = ScrapeJobs.Select(JobTree).ToList<object?>(),
        };
    }

    public string ToYaml() => YamlText.Serialize(ToTree());

    /// <summary>
    /// Writes the Alertmanagers Prometheus discovers (none: an empty list) as a file-discovery file, replacing the old
    /// one in a single rename so Prometheus never reads half a file.
    /// </summary>
    public static void WriteAlertmanagers(string path, IReadOnlyList<string> addresses)
    {
        var groups = addresses.Count == 0 ? [] : new[] { new { targets = addresses } };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(groups) + "\n");
        File.Move(temporary, path, overwrite: true);
    }

    private static OrderedDictionary<string, object?> JobTree(ScrapeJob job)
    {
        var target = new OrderedDictionary<string, object?> { ["targets"] = job.Targets.ToList<object?>() };
        if (job.TargetLabels is { Count: > 0 } labels)
            target["labels"] = Sorted(labels);
        var tree = new OrderedDictionary<string, object?> { ["job_name"] = job.JobName };
        if (job.Interval is { } interval)
        {
            tree["scrape_interval"] = interval;
            tree["scrape_timeout"] = interval;
        }

        tree["static_configs"] = new List<object?> { target };
        return tree;
    }

    private static OrderedDictionary<string, object?> Sorted(IReadOnlyDictionary<string, string> labels)
    {
        var map = new OrderedDictionary<string, object?>();
        foreach (var (key, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
            map[key] = value;
        return map;
    }
}
