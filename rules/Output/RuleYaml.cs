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
