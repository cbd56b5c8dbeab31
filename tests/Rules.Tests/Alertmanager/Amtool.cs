using Observability.Rules.Alertmanager;
using Observability.TestSupport;
using Xunit.Sdk;

namespace Observability.Rules.Tests.Alertmanager;

/// <summary>Writes a configuration and its template files to a temporary folder and runs amtool on it.</summary>
internal sealed class Amtool : IDisposable
{
    private readonly TempDir _dir = new("amtool");

    public Amtool(AlertmanagerConfig config)
    {
        // Template globs point at the cluster's mount; here they point at the copies in the temporary folder.
        var local = config with { Templates = config.TemplateFiles.Count > 0 ? [Path.Combine(_dir.Path, "*.tmpl")] : config.Templates };
        foreach (var (name, content) in config.TemplateFiles)
            _dir.Write(name, content);
        ConfigFile = _dir.Write("alertmanager.yaml", AlertmanagerYaml.Serialize(local));
    }

    public string ConfigFile { get; }

    public string Directory => _dir.Path;

    /// <summary>Runs <c>amtool check-config</c>; fails the test with amtool's output unless it succeeds.</summary>
    public ToolResult CheckConfig()
    {
        var result = ExternalTool.RunOk(ExternalTool.Amtool, "check-config", ConfigFile);
        Assert.Contains("SUCCESS", result.Output, StringComparison.Ordinal);
        return result;
    }

    /// <summary>The receivers amtool routes these labels to, comma-separated, verified with <c>--verify.receivers</c>.</summary>
    public void AssertRoutes(string expectedReceivers, IReadOnlyDictionary<string, string> labels)
    {
        var arguments = new List<string> { "config", "routes", "test", $"--config.file={ConfigFile}", $"--verify.receivers={expectedReceivers}" };
        arguments.AddRange(labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
        var result = ExternalTool.Run(ExternalTool.Amtool, arguments);
        if (result.ExitCode != 0)
        {
            throw new XunitException(
                $"amtool routed {{{string.Join(", ", labels.Select(l => $"{l.Key}={l.Value}"))}}} to \"{result.StandardOutput.Trim()}\", expected \"{expectedReceivers}\":{Environment.NewLine}{result.Output}");
        }

        Assert.Equal(expectedReceivers, result.StandardOutput.Trim());
    }

    public void Dispose() => _dir.Dispose();
}
