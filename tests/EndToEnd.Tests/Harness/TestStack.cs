using Observability.Stacks.Composition;
using Observability.Stacks.Rendering;
using Observability.Stacks.Settings;
using Observability.TestSupport;
using Xunit.Sdk;
using YamlDotNet.RepresentationModel;

namespace Observability.EndToEnd.Tests.Harness;

/// <summary>What <c>render</c> wrote for the test stack, and the settings it was rendered from.</summary>
public sealed record RenderedStack(EnvironmentPlan Plan, string Directory)
{
    public StackSettings Settings => Plan.Settings;

    /// <summary>The rendered Prometheus rule files, in name order.</summary>
    public IReadOnlyList<string> RuleFiles =>
        [.. System.IO.Directory.GetFiles(Path.Combine(Directory, "rules"), "*.yaml").Order(StringComparer.Ordinal)];

    /// <summary>The folder of the rendered Alertmanager configuration and its templates.</summary>
    public string AlertmanagerDirectory => Path.Combine(Directory, "alertmanager");

    public string AlertmanagerConfig => Path.Combine(AlertmanagerDirectory, "alertmanager.yaml");
}

/// <summary>
/// The test stack file (<c>tests/EndToEnd.Tests/Pulumi.e2e.yaml</c>): pointed at the test's notification listener,
/// loaded by the stacks' settings loader and rendered by the stacks' renderer, exactly as <c>render</c> does.
/// </summary>
public static class TestStack
{
    public const string FileName = "Pulumi.e2e.yaml";

    /// <summary>Receiver URLs in the stack file on this address are placeholders for the listener (127.0.0.1:9 is the discard port).</summary>
    public const string PlaceholderBase = "http://127.0.0.1:9/";

    public static string SourcePath => Repo.PathOf("tests", "EndToEnd.Tests", FileName);

    /// <summary>
    /// Writes the stack file into <paramref name="folder"/> with every placeholder URL replaced by the listener's
    /// (same path), loads it through <see cref="SettingsLoader.FromStackFile"/> and renders it into <c>folder/rendered</c>.
    /// </summary>
    public static RenderedStack Render(NotificationListener listener, string folder)
    {
        var stackFile = PointAt(listener, folder);
        var result = SettingsLoader.FromStackFile(stackFile);
        if (!result.IsValid)
            throw new XunitException($"{FileName} is not a valid stack file:\n  " + string.Join("\n  ", result.Problems));

        var output = Path.Combine(folder, "rendered");
        var plan = EnvironmentComposer.Compose(result.Settings!);
        Renderer.Write(plan, output);
        // What the chart deploys beside our rules in a cluster (ChartRules): its node recording rules, and its rules
        // for Prometheus and Alertmanager themselves (which the harness scrapes under the chart's job names).
        ChartRules.WriteNodeRecordingRules(Path.Combine(output, "rules", ChartRules.NodeRecordingRulesFile));
        ChartRules.WriteSelfMonitoringRules(Path.Combine(output, "rules", ChartRules.SelfMonitoringRulesFile), plan.Settings);
        return new RenderedStack(plan, output);
    }

    /// <summary>The stack file with the listener's address in place of <see cref="PlaceholderBase"/>; returns its path.</summary>
    public static string PointAt(NotificationListener listener, string folder)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(SourcePath))
            stream.Load(reader);
        var replaced = 0;
        foreach (var scalar in stream.Documents.SelectMany(d => d.AllNodes).OfType<YamlScalarNode>())
        {
            if (scalar.Value is { } value && value.StartsWith(PlaceholderBase, StringComparison.Ordinal))
            {
                scalar.Value = listener.Url("/" + value[PlaceholderBase.Length..]);
                replaced++;
            }
        }

        if (replaced == 0)
            throw new XunitException($"{SourcePath} has no receiver URL on {PlaceholderBase}: nothing would reach the test's listener.");

        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        using (var writer = new StreamWriter(path) { NewLine = "\n" })
            stream.Save(writer, assignAnchors: false);
        return path;
    }

    /// <summary>
    /// The values of the secret files the rendered Alertmanager configuration reads, by Secret key, taken from the
    /// Kubernetes Secrets the plan deploys (the stack file's plain-text test secrets, e.g. the Slack webhook URLs
    /// already pointed at the listener): what prometheus-operator would mount.
    /// </summary>
    public static IReadOnlyDictionary<string, string> SecretFiles(EnvironmentPlan plan)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var secret in plan.Objects.Where(o => o.Kind == "Secret"))
        {
            if (secret.Body.TryGetValue("stringData", out var data) && data is IDictionary<string, object?> entries)
            {
                foreach (var (key, value) in entries)
                {
                    if (value is SecretValue { IsKnown: true } known)
                        files[key] = known.Reveal();
                    else if (value is string plain)
                        files[key] = plain;
                }
            }
        }

        return files;
    }

    public const string PagerDutyPath = "/pagerduty";
    public const string SlackCriticalPath = "/slack-critical";
    public const string SlackWarningPath = "/slack-warning";
    public const string HeartbeatPath = "/heartbeat";
}
