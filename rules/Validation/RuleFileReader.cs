using System.Collections.Immutable;
using System.Globalization;
using Observability.Rules.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Observability.Rules.Validation;

/// <summary>A rule file read from YAML: the groups found, and the problems of the file as a whole.</summary>
public sealed record RuleFileReadResult(ImmutableArray<RuleGroup> Groups, IReadOnlyList<Problem> Problems);

/// <summary>
/// Reads a hand-written Prometheus rule file (<c>groups:</c>) into the typed model, so that it gets the same checks as
/// typed rules. Problems of a group or rule (unknown fields, both or neither of record/alert, a recording rule with
/// <c>for</c> or annotations, durations and severities that do not parse) travel with it as input problems;
/// <see cref="Check"/> reports them, with the validator's, under one numbering.
/// </summary>
public static class RuleFileReader
{
    private const string GroupFields = "name, interval, limit, rules";
    private const string RuleFields = "record, alert, expr, for, keep_firing_for, labels, annotations";

    /// <summary>Every problem of the file: reading and validation, each with its path.</summary>
    public static IReadOnlyList<Problem> Check(string yaml)
    {
        var read = Read(yaml);
        if (read.Problems.Any(p => p.Path == RuleValidator.FilePath && p.Message.StartsWith("is not valid YAML", StringComparison.Ordinal)))
            return read.Problems;
        return [.. read.Problems, .. RuleValidator.Validate(read.Groups)];
    }

    public static RuleFileReadResult Read(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var problems = new List<Problem>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            problems.Add(new Problem(RuleValidator.FilePath, string.Create(CultureInfo.InvariantCulture, $"is not valid YAML: line {e.Start.Line}, column {e.Start.Column}: {e.Message}")));
            return new([], problems);
        }

        if (stream.Documents.Count == 0)
            return new([], problems);
        if (stream.Documents.Count > 1)
            problems.Add(new Problem(RuleValidator.FilePath, string.Create(CultureInfo.InvariantCulture, $"expected one YAML document, found {stream.Documents.Count}")));

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            problems.Add(new Problem(RuleValidator.FilePath, $"expected a mapping with groups:, found {Describe(stream.Documents[0].RootNode)}"));
            return new([], problems);
        }

        YamlNode? groupsNode = null;
        foreach (var (key, value) in root.Children)
        {
            if (Text(key) == "groups")
                groupsNode = value;
            else
                problems.Add(new Problem(RuleValidator.FilePath, $"\"{Text(key)}\" is not a rule file field (expected groups)"));
        }

        if (groupsNode is null)
            return new([], problems);
        if (groupsNode is not YamlSequenceNode groupList)
        {
            problems.Add(new Problem(RuleValidator.FilePath, $"groups: expected a list of groups, found {Describe(groupsNode)}"));
            return new([], problems);
        }

        var groups = ImmutableArray.CreateBuilder<RuleGroup>();
        foreach (var node in groupList.Children)
            groups.Add(ReadGroup(node));
        return new(groups.ToImmutable(), problems);
    }

    private static RuleGroup ReadGroup(YamlNode node)
    {
        if (node is not YamlMappingNode map)
            return RuleGroup.Create("") with { InputProblems = [$"expected a group (a mapping with {GroupFields}), found {Describe(node)}"] };

        var group = RuleGroup.Create(map.Children.FirstOrDefault(kv => Text(kv.Key) == "name").Value is { } name ? Text(name) : "");
        foreach (var (keyNode, value) in map.Children)
        {
            var key = Text(keyNode);
            switch (key)
            {
                case "name":
                    break;
                case "interval":
                    group = group.WithInterval(Text(value));
                    break;
                case "limit":
                    group = int.TryParse(Text(value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var limit)
                        ? group.WithLimit(limit)
                        : group with { InputProblems = group.InputProblems.Add($"limit: \"{Text(value)}\" is not an integer") };
                    break;
                case "rules":
                    if (value is YamlSequenceNode rules)
                    {
                        foreach (var rule in rules.Children)
                            group = group.Add(ReadRule(rule));
                    }
                    else
                    {
                        group = group with { InputProblems = group.InputProblems.Add($"rules: expected a list of rules, found {Describe(value)}") };
                    }

                    break;
                default:
                    group = group with { InputProblems = group.InputProblems.Add($"\"{key}\" is not a group field (expected {GroupFields})") };
                    break;
            }
        }

        return group;
    }

    private static Rule ReadRule(YamlNode node)
    {
        if (node is not YamlMappingNode map)
            return new RecordingRule { Record = "", Expr = "", InputProblems = [RuleValidator.NeitherRecordNorAlert] };

        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var problems = ImmutableArray.CreateBuilder<string>();
        foreach (var (keyNode, value) in map.Children)
        {
            var key = Text(keyNode);
            if (RuleFields.Split(", ").Contains(key))
                fields[key] = value;
            else
                problems.Add($"\"{key}\" is not a rule field (expected {RuleFields})");
        }

        var expr = fields.TryGetValue("expr", out var exprNode) ? Text(exprNode) : "";
        var labels = Pairs(fields, "labels", problems);
        var annotations = Pairs(fields, "annotations", problems);

        if (fields.TryGetValue("alert", out var alertNode))
        {
            if (fields.ContainsKey("record"))
                problems.Insert(0, RuleValidator.BothRecordAndAlert);
            var alert = Alert.Create(Text(alertNode)).Expr(expr);
            if (fields.TryGetValue("for", out var pending))
                alert = alert.For(Text(pending));
            if (fields.TryGetValue("keep_firing_for", out var keep))
                alert = alert.KeepFiringFor(Text(keep));
            foreach (var (name, value) in labels)
                alert = name == "severity" ? alert.Severity(value) : alert.Label(name, value);
            foreach (var (name, value) in annotations)
                alert = alert.Annotation(name, value);
            return alert.Rule with { InputProblems = alert.Rule.InputProblems.InsertRange(0, problems) };
        }

        if (fields.TryGetValue("record", out var recordNode))
        {
            if (fields.ContainsKey("for"))
                problems.Add("for: a recording rule cannot have for");
            if (fields.ContainsKey("keep_firing_for"))
                problems.Add("keep_firing_for: a recording rule cannot have keep_firing_for");
            if (fields.ContainsKey("annotations"))
                problems.Add("annotations: a recording rule cannot have annotations");
            var record = Recording.Create(Text(recordNode)).Expr(expr).Labels(labels);
            return record.Rule with { InputProblems = problems.ToImmutable() };
        }

        problems.Insert(0, RuleValidator.NeitherRecordNorAlert);
        return new RecordingRule { Record = "", Expr = expr, Labels = LabelSet.Empty.SetItems(labels), InputProblems = problems.ToImmutable() };
    }

    private static List<KeyValuePair<string, string>> Pairs(Dictionary<string, YamlNode> fields, string field, ImmutableArray<string>.Builder problems)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (!fields.TryGetValue(field, out var node))
            return pairs;
        if (node is not YamlMappingNode map || map.Children.Any(kv => kv.Value is not YamlScalarNode))
        {
            problems.Add($"{field}: expected a mapping of names to strings, found {Describe(node)}");
            return pairs;
        }

        foreach (var (key, value) in map.Children)
            pairs.Add(new(Text(key), Text(value)));
        return pairs;
    }

    private static string Text(YamlNode node) => node is YamlScalarNode scalar ? scalar.Value ?? "" : "";

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode { Value: null or "" or "null" or "~" } => "nothing",
        YamlScalarNode scalar => $"\"{scalar.Value}\"",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => node.NodeType.ToString(),
    };
}
