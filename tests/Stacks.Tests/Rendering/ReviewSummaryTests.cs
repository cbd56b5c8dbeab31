using System.Text.Json.Nodes;
using Observability.Stacks.Cli;
using Observability.Stacks.Composition;
using Observability.Stacks.Rendering;
using Observability.Stacks.Review;
using Observability.Stacks.Settings;
using Observability.TestSupport;
using YamlDotNet.RepresentationModel;

namespace Observability.Stacks.Tests.Rendering;

/// <summary>
/// The review summary of real changes: prod rendered as committed (base) against prod with one change (head): stack
/// file edits (a threshold and a for, a chart bump and a values change, an SLO objective and period, a receiver removed,
/// which reroutes alerts) and a dashboard edited in the render (panels added, removed, changed). Golden Markdown files.
/// </summary>
public sealed class ReviewSummaryTests
{
    private static string Summary(Action<YamlMappingNode>? editStack = null, Action<string>? editHead = null)
    {
        using var dir = new TempDir("review");
        var baseDir = Path.Combine(dir.Path, "base");
        var headDir = Path.Combine(dir.Path, "head");
        Renderer.Write(EnvironmentComposer.Compose(SettingsLoader.FromRepository(Repo.Root, "prod").GetOrThrow()), baseDir);

        var stream = new YamlStream();
        using (var reader = new StreamReader(Repo.PathOf("Pulumi.prod.yaml")))
            stream.Load(reader);
        var config = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("config")];
        editStack?.Invoke(config);
        var stackFile = Path.Combine(dir.Path, "Pulumi.prod.yaml");
        using (var writer = new StreamWriter(stackFile))
            stream.Save(writer, assignAnchors: false);
        Renderer.Write(EnvironmentComposer.Compose(SettingsLoader.FromStackFile(stackFile).GetOrThrow()), headDir);
        editHead?.Invoke(headDir);

        return ReviewSummary.Markdown(RenderSnapshot.Read(baseDir), RenderSnapshot.Read(headDir), "Review summary: prod");
    }

    /// <summary>Sets <c>observability:section.a.b</c> to a scalar, creating the mappings on the way; null removes the key.</summary>
    private static void Set(YamlMappingNode config, string path, string? value)
    {
        var parts = path.Split('.');
        var node = config;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            var key = new YamlScalarNode(parts[i]);
            if (!node.Children.TryGetValue(key, out var child))
                node.Children[key] = child = new YamlMappingNode();
            node = (YamlMappingNode)child;
        }

        if (value is null)
            node.Children.Remove(new YamlScalarNode(parts[^1]));
        else
            node.Children[new YamlScalarNode(parts[^1])] = new YamlScalarNode(value);
    }

    [Fact]
    public void A_changed_threshold_and_for_read_as_such_with_their_annotations()
    {
        var summary = Summary(c =>
        {
            Set(c, "observability:rules.alerts.HighErrorRate.threshold", "0.02");
            Set(c, "observability:rules.alerts.SlowResponseTime.for", "10m");
        });

        Assert.Contains("- **HighErrorRate** (group `http`): threshold `0.05` → `0.02`", summary, StringComparison.Ordinal);
        Golden.Matches(summary, "review-golden/threshold-and-for.md");
    }

    [Fact]
    public void A_bumped_chart_and_changed_values_list_the_version_and_each_key()
    {
        var summary = Summary(c =>
        {
            Set(c, "observability:charts.loki.repository", "https://grafana-community.github.io/helm-charts");
            Set(c, "observability:charts.loki.version", "18.12.0");
            Set(c, "observability:prometheus.retention", "45d");
            Set(c, "observability:loki.retention", "14d");
        });

        Assert.Contains("- **loki**: loki 18.11.0 → 18.12.0; values: ", summary, StringComparison.Ordinal);
        Assert.Contains("changed `prometheus.prometheusSpec.retention`: `30d` → `45d`", summary, StringComparison.Ordinal);
        Golden.Matches(summary, "review-golden/chart-bump-and-values.md");
    }

    [Fact]
    public void An_slo_objective_and_period_change_is_an_slo_line()
    {
        var summary = Summary(c =>
        {
            Set(c, "observability:slos.objectives.api-availability.objective", "99.95");
            Set(c, "observability:slos.objectives.api-latency.period", "28d");
        });

        Assert.Contains("- **api-availability**: objective 99.9% → 99.95%", summary, StringComparison.Ordinal);
        Assert.Contains("- **api-latency**: period 30d → 28d", summary, StringComparison.Ordinal);
        Golden.Matches(summary, "review-golden/slo-objective-and-period.md");
    }

    [Fact]
    public void A_removed_receiver_shows_the_route_of_every_alert_it_reroutes()
    {
        var summary = Summary(c => Set(c, "observability:alertmanager.receivers.pagerduty", null));

        Assert.Contains("- **HighErrorRate** (group `http`): route `pagerduty`, `slack-critical` → `slack-critical`", summary, StringComparison.Ordinal);
        Golden.Matches(summary, "review-golden/receiver-removed.md");
    }

    [Fact]
    public void A_dashboard_change_lists_panels_added_removed_and_changed_by_title()
    {
        var summary = Summary(editHead: head =>
        {
            var file = Path.Combine(head, "dashboards", "api-overview.json");
            var dashboard = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            var panels = dashboard["panels"]!.AsArray();
            var titled = panels.OfType<JsonObject>().Where(p => (string?)p["type"] != "row").ToList();
            var added = titled[0].DeepClone().AsObject();
            added["title"] = "Requests in flight by route";
            added["id"] = 900;
            panels.Add(added);
            panels.Remove(titled[1]);
            titled[2]["description"] = "Now explained.";
            titled[3]["gridPos"] = new JsonObject { ["h"] = 9, ["w"] = 12, ["x"] = 12, ["y"] = 40 }; // moved only: not a change
            File.WriteAllText(file, dashboard.ToJsonString());
        });

        Assert.Contains("- **api-overview**: 1 panel added: \"", summary, StringComparison.Ordinal);
        Assert.Contains(" / Requests in flight by route\"; 1 panel removed: ", summary, StringComparison.Ordinal);
        Golden.Matches(summary, "review-golden/dashboard-panels.md");
    }

    [Fact]
    public void The_same_render_twice_has_no_change()
    {
        Assert.Equal("### Review summary: prod\n\nNo change to what this environment deploys.\n", Summary());
    }

    [Fact]
    public void The_commands_print_the_summary_and_refuse_a_folder_that_is_not_a_render()
    {
        using var dir = new TempDir("review-cli");
        var baseDir = Path.Combine(dir.Path, "base");
        Assert.Equal(0, StacksCli.Run(["render", "--stack", "dev", "--out", baseDir], TextWriter.Null, TextWriter.Null, Repo.Root));

        var render = new StringWriter();
        Assert.Equal(0, StacksCli.Run(["render", "--stack", "prod", "--out", Path.Combine(dir.Path, "head"), "--compare", baseDir], render, TextWriter.Null, Repo.Root));
        var diff = new StringWriter();
        Assert.Equal(0, StacksCli.Run(["diff", "--base", baseDir, "--head", Path.Combine(dir.Path, "head"), "--title", "Review summary: prod"], diff, TextWriter.Null, Repo.Root));

        Assert.StartsWith("### Review summary: prod\n\n#### Releases\n\n", render.ToString(), StringComparison.Ordinal);
        Assert.Contains("- **alloy**: ", render.ToString(), StringComparison.Ordinal);
        Assert.Equal(render.ToString(), diff.ToString());

        var stderr = new StringWriter();
        Assert.Equal(2, StacksCli.Run(["diff", "--base", dir.Path, "--head", baseDir], TextWriter.Null, stderr, Repo.Root));
        Assert.Equal($"error: {dir.Path}: not a render (no .observability-render; expected the output of `render`)\n", stderr.ToString().ReplaceLineEndings("\n"));
    }
}
