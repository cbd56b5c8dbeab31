using System.Security.Cryptography;
using Observability.Stacks.Cli;
using Observability.Stacks.Composition;
using Observability.Stacks.Rendering;
using Observability.Stacks.Tests.Support;
using Observability.TestSupport;

namespace Observability.Stacks.Tests.Rendering;

public sealed class RenderTests
{
    public static TheoryData<string> Stacks() => new(TestStacks.Names);

    /// <summary>
    /// Every rendered file against its golden; dashboards against their own golden in tests/Dashboards.Tests (the
    /// render golden holds only the values the environment changes in it) and dashboard ConfigMaps against the rendered
    /// dashboard (the render golden holds a reference with its sha256 in place of the JSON): see <see cref="RenderGoldens"/>.
    /// </summary>
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Render_matches_the_golden_files(string stack)
    {
        var expected = RenderGoldens.Expected(Renderer.Files(TestStacks.Plan(stack)));

        foreach (var (path, text) in expected)
            Golden.Matches(text, $"golden/{stack}/{path}");

        // No golden file is left over from an artifact the render no longer writes.
        var goldenRoot = GoldenRoot(stack);
        if (Environment.GetEnvironmentVariable(Golden.UpdateVariable) == "1" || !Directory.Exists(goldenRoot))
            return;
        var present = Directory.EnumerateFiles(goldenRoot, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(goldenRoot, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);
        Assert.Equal(present, expected.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void A_rendered_dashboard_that_differs_from_its_golden_fails_the_golden_check(string stack)
    {
        var files = Renderer.Files(TestStacks.Plan(stack));
        var dashboard = files.Single(f => f.Path == "dashboards/api-overview.json");
        var tampered = dashboard with { Content = dashboard.Content.Replace("\"title\": \"Requests per second\"", "\"title\": \"Requests/s\"", StringComparison.Ordinal) };
        Assert.NotEqual(dashboard.Content, tampered.Content);

        var golden = File.ReadAllText(Path.Combine(GoldenRoot(stack), "dashboards", "api-overview" + RenderGoldens.ChangesSuffix));
        var text = RenderGoldens.DashboardChanges(tampered);

        Assert.NotEqual(golden, text);
        Assert.Contains("\"Requests/s\"", text, StringComparison.Ordinal);
        // The untampered render gives the golden exactly (its changes rebuild the rendered bytes from the dashboard's golden).
        Assert.Equal(golden, RenderGoldens.DashboardChanges(dashboard));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void A_dashboard_config_map_whose_payload_differs_from_the_rendered_dashboard_fails(string stack)
    {
        var files = Renderer.Files(TestStacks.Plan(stack));
        const string configMap = "manifests/monitoring.configmap.grafana-dashboard-api-overview.yaml";
        var tampered = files.Select(f => f.Path == configMap
            ? f with { Content = f.Content.Replace("\"title\": \"Requests per second\"", "\"title\": \"Requests/s\"", StringComparison.Ordinal) }
            : f).ToList();
        Assert.NotEqual(files.Single(f => f.Path == configMap).Content, tampered.Single(f => f.Path == configMap).Content);

        var error = Assert.ThrowsAny<Exception>(() => RenderGoldens.Expected(tampered));
        Assert.Contains("differs from the rendered dashboards/api-overview.json", error.Message, StringComparison.Ordinal);
        // Untampered, the golden holds the reference and its hash instead of the JSON.
        var text = RenderGoldens.Expected(files).Single(e => e.Path == configMap).Text;
        Assert.Matches("  api-overview.json: <the rendered dashboards/api-overview.json, sha256 [0-9a-f]{64}>\n", text);
        Assert.DoesNotContain("\"uid\"", text, StringComparison.Ordinal);
    }

    private static string GoldenRoot(string stack) => Repo.PathOf("tests", "Stacks.Tests", "Rendering", "golden", stack);

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Promtool_and_amtool_accept_the_rendered_files(string stack)
    {
        using var dir = new TempDir();
        var files = Renderer.Write(TestStacks.Plan(stack), dir.Path);

        var ruleFiles = files.Where(f => f.Path.StartsWith("rules/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(ruleFiles);
        foreach (var rules in ruleFiles)
        {
            var result = ExternalTool.RunOk(ExternalTool.Promtool, "check", "rules", Path.Combine(dir.Path, rules.Path));
            Assert.Contains("SUCCESS", result.Output, StringComparison.Ordinal);
        }

        var check = ExternalTool.RunOk(ExternalTool.Amtool, "check-config", Path.Combine(dir.Path, "alertmanager", "alertmanager.yaml"));
        Assert.Contains("SUCCESS", check.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Rendering_twice_gives_byte_identical_files(string stack)
    {
        using var first = new TempDir();
        using var second = new TempDir();
        StacksCli.Run(["render", "--stack-file", TestStacks.StackFile(stack), "--out", first.Path], TextWriter.Null, TextWriter.Null, Repo.Root);
        StacksCli.Run(["render", "--stack-file", TestStacks.StackFile(stack), "--out", second.Path], TextWriter.Null, TextWriter.Null, Repo.Root);

        var a = Hashes(first.Path);
        var b = Hashes(second.Path);
        Assert.NotEmpty(a);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Known_secret_values_reach_the_plan_but_no_rendered_file()
    {
        var stackFile = TestStacks.StackFile("full");
        var known = File.ReadAllLines(stackFile)
            .Where(line => !line.TrimStart().StartsWith('#'))
            .SelectMany(line => System.Text.RegularExpressions.Regex.Matches(line, "KNOWN-SECRET-[a-z]+(?:-[a-z]+)*").Select(m => m.Value))
            .Distinct()
            .ToList();
        Assert.True(known.Count >= 8, $"expected the test stack to hold at least 8 known secrets, found {known.Count}");

        // The Pulumi path gets every value...
        var plan = TestStacks.Plan("full");
        var revealed = string.Join("\n", plan.Secrets().Where(s => s.IsKnown).Select(s => s.Reveal()));
        foreach (var secret in known)
            Assert.Contains(secret, revealed, StringComparison.Ordinal);

        // ... and render writes none of them, anywhere.
        using var dir = new TempDir();
        var exit = StacksCli.Run(["render", "--stack-file", stackFile, "--out", dir.Path], TextWriter.Null, TextWriter.Null, Repo.Root);
        Assert.Equal(0, exit);
        var files = Directory.EnumerateFiles(dir.Path, "*", SearchOption.AllDirectories).ToList();
        Assert.True(files.Count > 20);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (var secret in known)
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{file} contains the secret {secret}");
        }

        var receivers = File.ReadAllText(Path.Combine(dir.Path, "manifests", "observability.secret.alertmanager-receivers.yaml"));
        Assert.Contains("pagerduty-routing-key: <secret:observability:alertmanager.receivers.pagerduty.routingKey>", receivers, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Every_object_the_stack_creates_carries_its_common_labels(string stack)
    {
        // One managed-by convention (StackConventions): dashboard ConfigMaps included, which take their labels from the stacks.
        var common = StackConventions.CommonLabels().ToList();
        foreach (var obj in TestStacks.Plan(stack).Objects)
        {
            var labels = (OrderedDictionary<string, object?>?)((OrderedDictionary<string, object?>)obj.Body["metadata"]!)["labels"];
            foreach (var (key, value) in common)
                Assert.True(labels is not null && labels.TryGetValue(key, out var found) && (string?)found == value, $"{obj.Id}: label {key} is not \"{value}\"");
        }
    }

    [Fact]
    public void Helm_values_never_hold_a_secret_value()
    {
        foreach (var stack in TestStacks.Names)
        {
            foreach (var release in TestStacks.Plan(stack).Releases)
                Assert.Empty(Observability.Stacks.Composition.PlanTree.Secrets(release.Values));
        }
    }

    private static SortedDictionary<string, string> Hashes(string root) =>
        new(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(root, f),
            f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);
}
