using System.Reflection;
using Observability.Rules.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Observability.Stacks.Settings;

/// <summary>A raw config value as Pulumi hands it over: the text (JSON for structured values) and whether it is secret.</summary>
/// <param name="Value">The raw text: a plain string, or JSON/YAML for structured values.</param>
/// <param name="IsSecret">True when Pulumi holds the key as a secret (every secret leaf of the key is then known to be secret).</param>
public sealed record ConfigValue(string Value, bool IsSecret)
{
    /// <summary>Never prints a secret value.</summary>
    public override string ToString() => IsSecret ? "[secret]" : Value;
}

/// <summary>The outcome of loading settings: validated settings, or every problem; warnings either way.</summary>
public sealed record SettingsResult
{
    /// <summary>The validated settings; null when there are problems.</summary>
    public StackSettings? Settings { get; init; }

    /// <summary>Every problem found (empty when valid), in the order met.</summary>
    public IReadOnlyList<Problem> Problems { get; init; } = [];

    /// <summary>Notes that do not stop a deployment (plain-text secrets, Promtail end of life).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public bool IsValid => Settings is not null;

    /// <summary>The settings, or a <see cref="ValidationException"/> carrying every problem.</summary>
    public StackSettings GetOrThrow() => Settings ?? throw new ValidationException(Problems);
}

/// <summary>
/// Loads <see cref="StackSettings"/> from a Pulumi stack file or from any config map (the Pulumi program feeds its Config here),
/// through one validation: unknown keys with suggestions, wrong types, ranges, durations, URLs, required secrets.
/// </summary>
public static class SettingsLoader
{
    /// <summary>The Pulumi config namespace, <c>observability</c>.</summary>
    public const string Namespace = StackSettings.ConfigNamespace;

    private static readonly string[] StackFileKeys = ["config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment"];

    private static readonly IReadOnlyDictionary<string, SettingProperty> TopLevel =
        SettingsBinder.SettingProperties(typeof(StackSettings)).ToDictionary(p => p.Key, StringComparer.Ordinal);

    /// <summary>Every top-level key, <c>observability:&lt;name&gt;</c>, in declaration order.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        SettingsBinder.SettingProperties(typeof(StackSettings)).Select(p => $"{Namespace}:{p.Key}").ToList();

    /// <summary>
    /// Loads the stack <paramref name="stackName"/> of the repository at <paramref name="repositoryRoot"/>:
    /// Pulumi.yaml (its project name must be <c>observability</c>) and Pulumi.&lt;stack&gt;.yaml.
    /// </summary>
    public static SettingsResult FromRepository(string repositoryRoot, string stackName)
    {
        ArgumentNullException.ThrowIfNull(repositoryRoot);
        ArgumentException.ThrowIfNullOrWhiteSpace(stackName);
        var problems = new List<Problem>();
        var project = Path.Combine(repositoryRoot, "Pulumi.yaml");
        if (!File.Exists(project))
            problems.Add(new Problem("Pulumi.yaml", $"expected the Pulumi project file at {project}, found no file"));
        else
            CheckProject(File.ReadAllText(project), problems);

        var stackFile = Path.Combine(repositoryRoot, $"Pulumi.{stackName}.yaml");
        if (!File.Exists(stackFile))
        {
            var stacks = Directory.EnumerateFiles(repositoryRoot, "Pulumi.*.yaml")
                .Select(f => Path.GetFileName(f)["Pulumi.".Length..^".yaml".Length])
                .Order(StringComparer.Ordinal).ToList();
            problems.Add(new Problem($"Pulumi.{stackName}.yaml",
                $"expected a stack file for stack \"{stackName}\", found none{SettingsBinder.Suggest(stackName, stacks)} (stacks here: {(stacks.Count == 0 ? "none" : string.Join(", ", stacks))})"));
            return new SettingsResult { Problems = problems };
        }

        var result = FromStackFile(stackFile, stackName);
        return problems.Count == 0 ? result : result with { Settings = null, Problems = [.. problems, .. result.Problems] };
    }

    /// <summary>
    /// Loads a stack file from any path (e.g. a test stack). <paramref name="stackName"/> defaults to the <c>&lt;name&gt;</c> of a
    /// <c>Pulumi.&lt;name&gt;.yaml</c> file name, otherwise to the file name without extension; it is the default environment.
    /// </summary>
    public static SettingsResult FromStackFile(string path, string? stackName = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fileName = Path.GetFileName(path);
        stackName ??= fileName.StartsWith("Pulumi.", StringComparison.Ordinal) && fileName.EndsWith(".yaml", StringComparison.Ordinal)
            ? fileName["Pulumi.".Length..^".yaml".Length]
            : Path.GetFileNameWithoutExtension(path);
        if (!File.Exists(path))
            return new SettingsResult { Problems = [new Problem(fileName, $"expected a stack file at {path}, found no file")] };
        return FromYaml(File.ReadAllText(path), stackName, fileName);
    }

    /// <summary>Loads stack-file text (<c>config:</c> with <c>observability:&lt;key&gt;</c> entries; <c>secure:</c> leaves stay encrypted).</summary>
    /// <param name="yaml">The stack file's text.</param>
    /// <param name="stackName">The stack; the default <c>environment</c>.</param>
    /// <param name="source">The file name, for problem paths about the file as a whole.</param>
    public static SettingsResult FromYaml(string yaml, string stackName, string source = "stack file")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var problems = new List<Problem>();
        YamlNode? root;
        try
        {
            root = Parse(yaml);
        }
        catch (YamlException e)
        {
            var where = e.InnerException is InvalidOperationException ? "" : $" at line {e.Start.Line}, column {e.Start.Column}";
            var message = e.InnerException is InvalidOperationException ? e.Message : e.InnerException?.Message ?? e.Message;
            return new SettingsResult { Problems = [new Problem(source, $"expected YAML, found a syntax error{where}: {message}")] };
        }

        if (root is null || root is YamlScalarNode s && string.IsNullOrEmpty(s.Value))
            return new SettingsResult { Problems = [new Problem(source, "expected a stack file with a config: map, found an empty file")] };
        if (root is not YamlMappingNode file)
            return new SettingsResult { Problems = [new Problem(source, $"expected a map with a config: key, found {(root is YamlSequenceNode ? "a list" : $"the text \"{Shorten(((YamlScalarNode)root).Value)}\"")}")] };

        var entries = new List<(string Key, YamlNode Node, bool Secret)>();
        foreach (var (keyNode, valueNode) in file.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!StackFileKeys.Contains(key))
            {
                problems.Add(new Problem(key, $"unknown stack file key{SettingsBinder.Suggest(key, StackFileKeys)} (expected config)"));
                continue;
            }

            if (key != "config")
                continue;
            if (valueNode is YamlScalarNode cs && string.IsNullOrEmpty(cs.Value))
                continue;
            if (valueNode is not YamlMappingNode config)
            {
                problems.Add(new Problem("config", $"expected a map of observability:<key> settings, found {(valueNode is YamlSequenceNode ? "a list" : "a single value")}"));
                continue;
            }

            foreach (var (configKey, configValue) in config.Children)
                entries.Add(((configKey as YamlScalarNode)?.Value ?? "", configValue, false));
        }

        return Bind(SecretMode.StackFile, stackName, entries, problems);
    }

    /// <summary>
    /// Loads settings from a config map such as Pulumi's Config: keys <c>observability:&lt;key&gt;</c> (other namespaces, e.g.
    /// <c>kubernetes:context</c>, are ignored), values as raw text (JSON/YAML for structured values), secret or not.
    /// </summary>
    public static SettingsResult FromConfig(string stackName, IEnumerable<KeyValuePair<string, ConfigValue>> config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<Problem>();
        var entries = new List<(string Key, YamlNode Node, bool Secret)>();
        foreach (var (key, value) in config.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            YamlNode node;
            var name = key.Contains(':', StringComparison.Ordinal) ? key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..] : key;
            if (TopLevel.TryGetValue(name, out var property) && IsScalarSetting(property.Type))
            {
                node = new YamlScalarNode(value.Value) { Style = ScalarStyle.DoubleQuoted };
            }
            else
            {
                try
                {
                    node = Parse(value.Value) ?? new YamlScalarNode("");
                }
                catch (YamlException e)
                {
                    problems.Add(new Problem(key, $"expected JSON or YAML, found a syntax error at line {e.Start.Line}, column {e.Start.Column}"));
                    continue;
                }
            }

            entries.Add((key, node, value.IsSecret));
        }

        return Bind(SecretMode.ConfigMap, stackName, entries, problems);
    }

    /// <summary>
    /// Checks settings built in code (e.g. by a Pulumi program that uses the components as a library) with the loader's rules:
    /// every value against its range, pattern, duration range, URL or quantity, the required keys, and the rules spanning
    /// several keys. Returns every problem, with the key paths a stack file would have; empty when the settings are valid.
    /// </summary>
    public static IReadOnlyList<Problem> Check(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = new List<Problem>();
        SettingsBinder.CheckValues(settings, problems);
        SettingsBinder.CheckTree(settings, Namespace, problems, topLevel: true);
        return problems;
    }

    private static SettingsResult Bind(SecretMode mode, string stackName, List<(string Key, YamlNode Node, bool Secret)> entries, List<Problem> problems)
    {
        var warnings = new List<string>();
        var binder = new SettingsBinder(mode, problems, warnings);
        var settings = binder.Defaults<StackSettings>(Namespace, topLevel: true);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, node, secret) in entries)
        {
            var colon = key.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                problems.Add(new Problem(key, $"expected a key of the form {Namespace}:<name>, found \"{key}\"{SettingsBinder.Suggest(key, TopLevel.Keys, $"{Namespace}:")}"));
                continue;
            }

            var ns = key[..colon];
            var name = key[(colon + 1)..];
            if (ns != Namespace)
            {
                if (SettingsBinder.Suggest(ns, [Namespace]).Length > 0)
                    problems.Add(new Problem(key, $"unknown config namespace \"{ns}\" (did you mean \"{Namespace}:{name}\"?)"));
                continue; // other providers' settings (kubernetes:, pulumi:, aws:) are not ours to check
            }

            if (!seen.Add(name))
            {
                problems.Add(new Problem(key, "expected each key once, found it twice"));
                continue;
            }

            if (!TopLevel.TryGetValue(name, out var property))
            {
                problems.Add(new Problem(key, $"unknown key{SettingsBinder.Suggest(name, TopLevel.Keys, $"{Namespace}:")} (expected one of {string.Join(", ", TopLevel.Keys)})"));
                continue;
            }

            settings = binder.BindTopLevel(settings, property, node, key, secret);
        }

        if (settings.Environment.Length == 0)
        {
            settings = settings with { Environment = stackName };
            if (!System.Text.RegularExpressions.Regex.IsMatch(stackName, "^[a-z][a-z0-9-]{0,30}$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)))
                problems.Add(new Problem($"{Namespace}:environment", $"expected a lowercase name like dev or prod (it defaults to the stack name), found \"{stackName}\""));
        }

        SettingsBinder.CheckTree(settings, Namespace, problems, topLevel: true, binder.Unset);
        if (!binder.Unset.Contains($"{Namespace}:logAgent") && settings.LogAgent == LogAgentKind.Promtail)
            warnings.Add($"{Namespace}:logAgent: promtail reached end of life on 2026-03-02 and gets no more fixes; set {Namespace}:logAgent: alloy (Grafana Alloy, its successor: same log labels and Loki endpoint).");

        return problems.Count > 0
            ? new SettingsResult { Problems = problems, Warnings = warnings }
            : new SettingsResult { Settings = settings, Warnings = warnings };
    }

    private static bool IsScalarSetting(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t == typeof(SecretValue);
    }

    private static void CheckProject(string yaml, List<Problem> problems)
    {
        try
        {
            if (Parse(yaml) is YamlMappingNode project &&
                project.Children.TryGetValue(new YamlScalarNode("name"), out var name) && name is YamlScalarNode { Value: Namespace })
                return;
            problems.Add(new Problem("Pulumi.yaml", $"expected the project name \"{Namespace}\" (the config namespace of every key), found another or none"));
        }
        catch (YamlException e)
        {
            problems.Add(new Problem("Pulumi.yaml", $"expected YAML, found a syntax error at line {e.Start.Line}: {e.Message}"));
        }
    }

    private static YamlNode? Parse(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner reports some malformed input (e.g. an unclosed flow mapping) this way.
            throw new YamlException(Mark.Empty, Mark.Empty, "the YAML is malformed (an unclosed [ or {?)", e);
        }

        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    private static string Shorten(string? text) =>
        text is null ? "" : text.Length <= 40 ? text : text[..40] + "...";
}
