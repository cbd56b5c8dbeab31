using Observability.Rules.Output;

namespace Observability.Rules.Testing;

/// <summary>Compiles a <see cref="PromtoolTestFile"/> to the YAML <c>promtool test rules</c> reads, deterministically.</summary>
public static class PromtoolTestYaml
{
    public static string ToYaml(PromtoolTestFile file) => YamlText.Serialize(Tree(file));

    public static OrderedDictionary<string, object?> Tree(PromtoolTestFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.RuleFiles.IsDefaultOrEmpty)
            throw new ArgumentException("A promtool test file needs at least one rule file.", nameof(file));
        if (file.Tests.IsDefaultOrEmpty)
            throw new ArgumentException("A promtool test file needs at least one test group: an empty test proves nothing.", nameof(file));

        var tree = new OrderedDictionary<string, object?> { ["rule_files"] = file.RuleFiles.ToList<object?>() };
        if (file.EvaluationInterval is { } interval)
            tree["evaluation_interval"] = interval.ToString();
        if (!file.GroupEvalOrder.IsDefaultOrEmpty)
            tree["group_eval_order"] = file.GroupEvalOrder.ToList<object?>();
        tree["tests"] = file.Tests.Select(GroupTree).ToList<object?>();
        return tree;
    }

    private static OrderedDictionary<string, object?> GroupTree(PromtoolTestGroup group)
    {
        var tree = new OrderedDictionary<string, object?>();
        if (group.Name is not null)
            tree["name"] = group.Name;
        tree["interval"] = group.Interval.ToString();
        if (group.ExternalLabels.Count > 0)
            tree["external_labels"] = Map(group.ExternalLabels);
        if (group.ExternalUrl is not null)
            tree["external_url"] = group.ExternalUrl;
        tree["input_series"] = group.InputSeries.Select(s => (object?)new OrderedDictionary<string, object?>
        {
            ["series"] = s.Series,
            ["values"] = s.Values.ToString(),
        }).ToList();
        if (!group.AlertRuleTests.IsDefaultOrEmpty)
            tree["alert_rule_test"] = group.AlertRuleTests.Select(AlertTree).ToList<object?>();
        if (!group.PromQlExprTests.IsDefaultOrEmpty)
            tree["promql_expr_test"] = group.PromQlExprTests.Select(ExprTree).ToList<object?>();
        return tree;
    }

    private static OrderedDictionary<string, object?> AlertTree(AlertRuleTest test) => new()
    {
        ["eval_time"] = test.EvalTime.ToString(),
        ["alertname"] = test.AlertName,
        ["exp_alerts"] = test.ExpAlerts.Select(a =>
        {
            var alert = new OrderedDictionary<string, object?>();
            if (a.ExpLabels.Count > 0)
                alert["exp_labels"] = Map(a.ExpLabels);
            if (a.ExpAnnotations.Count > 0)
                alert["exp_annotations"] = Map(a.ExpAnnotations);
            return (object?)alert;
        }).ToList(),
    };

    private static OrderedDictionary<string, object?> ExprTree(PromQlExprTest test) => new()
    {
        ["expr"] = test.Expr,
        ["eval_time"] = test.EvalTime.ToString(),
        ["exp_samples"] = test.ExpSamples.Select(s => (object?)new OrderedDictionary<string, object?>
        {
            ["labels"] = s.Labels,
            ["value"] = s.Value,
        }).ToList(),
    };

    private static OrderedDictionary<string, object?> Map(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var map = new OrderedDictionary<string, object?>();
        foreach (var (key, value) in pairs)
            map[key] = value;
        return map;
    }
}
