using Observability.Rules.Model;

namespace Observability.Rules.Output;

/// <summary>
/// Compiles rule groups to Prometheus' rule file format and to prometheus-operator PrometheusRule objects.
/// Callers validate first (<c>RuleValidator</c>); this only shapes the output.
/// </summary>
public static class RuleYaml
{
    /// <summary>The <c>groups:</c> list shared by both outputs.</summary>
    public static List<object?> GroupsTree(IEnumerable<RuleGroup> groups) =>
        groups.Select(GroupTree).ToList<object?>();

    /// <summary>A Prometheus rule file (<c>groups:</c>) that <c>promtool check rules</c> accepts.</summary>
    public static string ToRuleFile(IEnumerable<RuleGroup> groups) =>
        YamlText.Serialize(RuleFileTree(groups));

    public static OrderedDictionary<string, object?> RuleFileTree(IEnumerable<RuleGroup> groups) =>
        new() { ["groups"] = GroupsTree(groups) };

    /// <summary>A <c>monitoring.coreos.com/v1</c> PrometheusRule; <paramref name="labels"/> decide which Prometheus selects it.</summary>
    public static OrderedDictionary<string, object?> PrometheusRuleTree(
        string name,
        string @namespace,
        IEnumerable<KeyValuePair<string, string>> labels,
        IEnumerable<RuleGroup> groups)
    {
        var metadata = new OrderedDictionary<string, object?>
        {
            ["name"] = name,
            ["namespace"] = @namespace,
        };
        var labelMap = new OrderedDictionary<string, object?>();
        foreach (var (key, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
            labelMap[key] = value;
        if (labelMap.Count > 0)
            metadata["labels"] = labelMap;

        return new OrderedDictionary<string, object?>
        {
            ["apiVersion"] = "monitoring.coreos.com/v1",
            ["kind"] = "PrometheusRule",
            ["metadata"] = metadata,
            ["spec"] = new OrderedDictionary<string, object?> { ["groups"] = GroupsTree(groups) },
        };
    }

    public static string ToPrometheusRule(
        string name,
        string @namespace,
        IEnumerable<KeyValuePair<string, string>> labels,
        IEnumerable<RuleGroup> groups) =>
        YamlText.Serialize(PrometheusRuleTree(name, @namespace, labels, groups));

    /// <summary>
    /// The largest PrometheusRule object written by <see cref="ToPrometheusRules"/> by default: well under the 1 MiB
    /// object limit and under client-side apply's 262,144-byte annotation limit.
    /// </summary>
    public const int DefaultMaxObjectBytes = 200_000;

    /// <summary>
    /// The groups as one PrometheusRule object named <paramref name="name"/>, or, when they would exceed
    /// <paramref name="maxBytes"/>, as several named <c>name-1</c>, <c>name-2</c>, ... (whole groups each, order kept).
    /// A single group larger than the limit is a <see cref="Validation.ValidationException"/>.
    /// </summary>
    public static IReadOnlyList<PrometheusRuleObject> ToPrometheusRules(
        string name,
        string @namespace,
        IEnumerable<KeyValuePair<string, string>> labels,
        IEnumerable<RuleGroup> groups,
        int maxBytes = DefaultMaxObjectBytes)
    {
        var labelList = labels.ToList();
        var groupList = groups.ToList();
        var whole = ToPrometheusRule(name, @namespace, labelList, groupList);
        if (System.Text.Encoding.UTF8.GetByteCount(whole) <= maxBytes)
            return [new PrometheusRuleObject(name, whole)];

        var chunks = new List<List<RuleGroup>>();
        var problems = new List<Validation.Problem>();
        var current = new List<RuleGroup>();
        foreach (var group in groupList)
        {
            var candidate = current.Append(group).ToList();
            var size = System.Text.Encoding.UTF8.GetByteCount(ToPrometheusRule(name + "-00", @namespace, labelList, candidate));
            if (size <= maxBytes)
            {
                current = candidate;
                continue;
            }

            if (current.Count > 0)
                chunks.Add(current);
            current = [group];
            var alone = System.Text.Encoding.UTF8.GetByteCount(ToPrometheusRule(name + "-00", @namespace, labelList, current));
            if (alone > maxBytes)
            {
                problems.Add(new Validation.Problem(
                    $"group \"{group.Name}\"",
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"is {alone} bytes as a PrometheusRule object, over the limit of {maxBytes} bytes; split it into smaller groups")));
            }
        }

        if (current.Count > 0)
            chunks.Add(current);
        Validation.ValidationException.ThrowIfAny(problems);
        return chunks.Select((chunk, i) =>
        {
            var chunkName = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name}-{i + 1}");
            return new PrometheusRuleObject(chunkName, ToPrometheusRule(chunkName, @namespace, labelList, chunk));
        }).ToList();
    }

    private static OrderedDictionary<string, object?> GroupTree(RuleGroup group)
    {
        var tree = new OrderedDictionary<string, object?> { ["name"] = group.Name };
        if (group.Interval is { } interval)
            tree["interval"] = interval.ToString();
        if (group.Limit is { } limit)
            tree["limit"] = limit;
        tree["rules"] = group.Rules.Select(RuleTree).ToList<object?>();
        return tree;
    }

    private static OrderedDictionary<string, object?> RuleTree(Rule rule)
    {
        switch (rule)
        {
            case AlertRule alert:
            {
                var tree = new OrderedDictionary<string, object?> { ["alert"] = alert.Alert, ["expr"] = alert.Expr };
                if (alert.For is { } pending)
                    tree["for"] = pending.ToString();
                if (alert.KeepFiringFor is { } keep)
                    tree["keep_firing_for"] = keep.ToString();
                var labels = ToMap(alert.AllLabels());
                if (labels.Count > 0)
                    tree["labels"] = labels;
                var annotations = ToMap(alert.Annotations());
                if (annotations.Count > 0)
                    tree["annotations"] = annotations;
                return tree;
            }

            case RecordingRule record:
            {
                var tree = new OrderedDictionary<string, object?> { ["record"] = record.Record, ["expr"] = record.Expr };
                if (record.Labels.Count > 0)
                    tree["labels"] = ToMap(record.Labels);
                return tree;
            }

            default:
                throw new ArgumentException($"Unknown rule type {rule.GetType().Name}", nameof(rule));
        }
    }

    private static OrderedDictionary<string, object?> ToMap(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var map = new OrderedDictionary<string, object?>();
        foreach (var (key, value) in pairs)
            map[key] = value;
        return map;
    }
}

/// <summary>One PrometheusRule object: its metadata name and its YAML.</summary>
public sealed record PrometheusRuleObject(string Name, string Yaml);
