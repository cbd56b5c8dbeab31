using System.Globalization;
using Xunit.Sdk;
using YamlDotNet.RepresentationModel;

namespace Observability.EndToEnd.Tests.Harness;

/// <summary>
/// Makes a rendered <c>alertmanager.yaml</c> runnable on this machine without changing what it says: the files it
/// reads (secrets mounted by prometheus-operator under <c>/etc/alertmanager/secrets</c>, templates under
/// <c>/etc/alertmanager/config</c>) are written into a test folder and the paths re-pointed there. Everything else
/// (routes, receivers, inhibitions, timings) stays as rendered. Then it refuses to run a configuration that could
/// send anything off 127.0.0.1.
/// </summary>
public static class LocalAlertmanagerConfig
{
    /// <param name="renderedYaml">The rendered configuration.</param>
    /// <param name="templatesDirectory">Where the rendered template files are (their names must match the config's globs).</param>
    /// <param name="secretValues">Each secret key the configuration reads (the file name, e.g. <c>slack-critical-webhook-url</c>) → its value.</param>
    /// <param name="folder">A test folder for the secret files and the resulting configuration.</param>
    /// <returns>The path of the configuration to start Alertmanager with.</returns>
    public static string Write(string renderedYaml, string templatesDirectory, IReadOnlyDictionary<string, string> secretValues, string folder)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(renderedYaml));
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new XunitException("The rendered alertmanager.yaml is not one YAML mapping.");

        var problems = new List<string>();
        var secretsRoot = Path.Combine(folder, "secrets");
        RewriteFiles(root, "$", secretsRoot, secretValues, problems);
        RewriteTemplates(root, templatesDirectory, problems);
        var globalPagerDuty = root.Children.TryGetValue(new YamlScalarNode("global"), out var global) &&
                              global is YamlMappingNode g && Has(g, "pagerduty_url");
        CheckLoopbackOnly(root, "$", globalPagerDuty, problems);
        foreach (var value in secretValues.Values)
        {
            if (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host != Loopback.Host)
                problems.Add($"secret value {value}: a URL off {Loopback.Host}");
        }

        if (problems.Count > 0)
            throw new XunitException("The rendered Alertmanager configuration cannot run locally:\n  " + string.Join("\n  ", problems));

        var path = Path.Combine(folder, "alertmanager.yaml");
        Directory.CreateDirectory(folder);
        using (var writer = new StreamWriter(path) { NewLine = "\n" })
            stream.Save(writer, assignAnchors: false);
        return path;
    }

    /// <summary>Every <c>*_file</c> value: the secret's file is written under the test folder with its value.</summary>
    private static void RewriteFiles(YamlNode node, string path, string secretsRoot, IReadOnlyDictionary<string, string> secretValues, List<string> problems)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (keyNode, value) in mapping.Children.ToList())
                {
                    var key = ((YamlScalarNode)keyNode).Value ?? "";
                    var childPath = $"{path}.{key}";
                    if (key.EndsWith("_file", StringComparison.Ordinal) && value is YamlScalarNode { Value: { } file })
                    {
                        var name = Path.GetFileName(file);
                        if (!secretValues.TryGetValue(name, out var secret))
                        {
                            problems.Add($"{childPath}: reads secret file {file}; the test gives no value for key \"{name}\"");
                            continue;
                        }

                        var local = Path.Combine(secretsRoot, file.TrimStart('/'));
                        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
                        File.WriteAllText(local, secret);
                        mapping.Children[keyNode] = new YamlScalarNode(local);
                    }
                    else
                    {
                        RewriteFiles(value, childPath, secretsRoot, secretValues, problems);
                    }
                }

                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                    RewriteFiles(sequence.Children[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), secretsRoot, secretValues, problems);
                break;
        }
    }

    /// <summary><c>templates:</c> globs are re-pointed at the rendered folder; each must match at least one rendered file.</summary>
    private static void RewriteTemplates(YamlMappingNode root, string templatesDirectory, List<string> problems)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode("templates"), out var node) || node is not YamlSequenceNode templates)
            return;
        for (var i = 0; i < templates.Children.Count; i++)
        {
            var glob = Path.GetFileName(((YamlScalarNode)templates.Children[i]).Value ?? "");
            if (Directory.GetFiles(templatesDirectory, glob).Length == 0)
                problems.Add($"$.templates[{i}]: no rendered file matches {glob} in {templatesDirectory}");
            templates.Children[i] = new YamlScalarNode(Path.Combine(templatesDirectory, glob));
        }
    }

    /// <summary>No URL, smarthost or integration may lead anywhere but 127.0.0.1.</summary>
    private static void CheckLoopbackOnly(YamlNode node, string path, bool globalPagerDuty, List<string> problems)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (keyNode, value) in mapping.Children)
                {
                    var key = ((YamlScalarNode)keyNode).Value ?? "";
                    var childPath = $"{path}.{key}";
                    if (value is YamlScalarNode { Value: { } text })
                    {
                        if (key.EndsWith("url", StringComparison.Ordinal) && Uri.TryCreate(text, UriKind.Absolute, out var uri) &&
                            uri.Scheme is "http" or "https" && uri.Host != Loopback.Host)
                            problems.Add($"{childPath}: {text} is off {Loopback.Host}");
                        if (key is "smtp_smarthost" or "smarthost" && !text.StartsWith(Loopback.Host + ":", StringComparison.Ordinal))
                            problems.Add($"{childPath}: {text} is off {Loopback.Host}");
                    }
                    else
                    {
                        CheckLoopbackOnly(value, childPath, globalPagerDuty, problems);
                    }
                }

                break;
            case YamlSequenceNode sequence:
                var isPagerDuty = path.EndsWith(".pagerduty_configs", StringComparison.Ordinal);
                var isSlack = path.EndsWith(".slack_configs", StringComparison.Ordinal);
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
                    if (sequence.Children[i] is YamlMappingNode item)
                    {
                        // Integrations whose default endpoint is on the internet must name their endpoint.
                        if (isPagerDuty && !Has(item, "url") && !globalPagerDuty)
                            problems.Add($"{itemPath}: no url (nor global pagerduty_url), so Alertmanager would post to events.pagerduty.com");
                        if (isSlack && !Has(item, "api_url") && !Has(item, "api_url_file"))
                            problems.Add($"{itemPath}: no api_url or api_url_file");
                    }

                    CheckLoopbackOnly(sequence.Children[i], itemPath, globalPagerDuty, problems);
                }

                if (path == "$.receivers")
                    CheckIntegrations(sequence, path, problems);
                break;
        }
    }

    private static readonly string[] LoopbackCapable = ["webhook_configs", "slack_configs", "pagerduty_configs", "email_configs"];

    /// <summary>Only the integrations this harness can point at 127.0.0.1 are allowed (no opsgenie, sns, ...).</summary>
    private static void CheckIntegrations(YamlSequenceNode receivers, string path, List<string> problems)
    {
        for (var i = 0; i < receivers.Children.Count; i++)
        {
            if (receivers.Children[i] is not YamlMappingNode receiver)
                continue;
            foreach (var key in receiver.Children.Keys.Select(k => ((YamlScalarNode)k).Value ?? ""))
            {
                if (key.EndsWith("_configs", StringComparison.Ordinal) && !LoopbackCapable.Contains(key))
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{path}[{i}].{key}: an integration the local harness cannot keep on {Loopback.Host}"));
            }
        }
    }

    private static bool Has(YamlMappingNode mapping, string key) => mapping.Children.ContainsKey(new YamlScalarNode(key));
}
