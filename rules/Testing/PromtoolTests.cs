using System.Collections.Immutable;
using Observability.Rules.Model;

namespace Observability.Rules.Testing;

/// <summary>
/// A promtool unit-test file (<c>promtool test rules file.yaml</c>): the rule files under test and the test groups.
/// Compile it with <see cref="PromtoolTestYaml.ToYaml"/>.
/// </summary>
public sealed record PromtoolTestFile
{
    /// <summary>Rule files under test, relative to the test file's folder.</summary>
    public required ImmutableArray<string> RuleFiles { get; init; }

    /// <summary>How often rules are evaluated during the test (promtool's default: 1m).</summary>
    public Duration? EvaluationInterval { get; init; }

    /// <summary>Group names in evaluation order, when one group reads another's results.</summary>
    public ImmutableArray<string> GroupEvalOrder { get; init; } = [];

    public required ImmutableArray<PromtoolTestGroup> Tests { get; init; }
}

/// <summary>One test group: input series sampled every <see cref="Interval"/>, and the assertions over them.</summary>
public sealed record PromtoolTestGroup
{
    /// <summary>Shown by promtool when the group fails; written only when set.</summary>
    public string? Name { get; init; }

    /// <summary>Time between two values of an input series (promtool's default: the evaluation interval).</summary>
    public Duration Interval { get; init; } = Duration.Minutes(1);

    public ImmutableArray<InputSeries> InputSeries { get; init; } = [];

    public ImmutableArray<AlertRuleTest> AlertRuleTests { get; init; } = [];

    public ImmutableArray<PromQlExprTest> PromQlExprTests { get; init; } = [];

    /// <summary>Labels available to templates as <c>$externalLabels</c>.</summary>
    public ImmutableSortedDictionary<string, string> ExternalLabels { get; init; } = LabelSet.Empty;

    public string? ExternalUrl { get; init; }
}

/// <summary>An input series: its label text (<c>metric{a="b"}</c>) and its values.</summary>
public sealed record InputSeries(string Series, SeriesValues Values)
{
    /// <summary>An input series from a metric name and labels, written <c>metric{a="b", c="d"}</c> with escaped values.</summary>
    public static InputSeries Of(string metric, SeriesValues values, params ReadOnlySpan<(string Name, string Value)> labels) =>
        new(SeriesText.Format(metric, labels), values);
}

/// <summary>
/// Asserts which alerts named <see cref="AlertName"/> fire at <see cref="EvalTime"/>.
/// No expected alerts means the alert must be silent then.
/// </summary>
public sealed record AlertRuleTest
{
    public required Duration EvalTime { get; init; }

    public required string AlertName { get; init; }

    public ImmutableArray<ExpectedAlert> ExpAlerts { get; init; } = [];
}

/// <summary>One expected firing alert: every label (except <c>alertname</c>, which promtool adds) and every annotation.</summary>
public sealed record ExpectedAlert
{
    public ImmutableSortedDictionary<string, string> ExpLabels { get; init; } = LabelSet.Empty;

    public ImmutableSortedDictionary<string, string> ExpAnnotations { get; init; } = LabelSet.Empty;
}

/// <summary>Asserts the result of a PromQL expression at <see cref="EvalTime"/>; no expected samples means an empty result.</summary>
public sealed record PromQlExprTest
{
    public required string Expr { get; init; }

    public required Duration EvalTime { get; init; }

    public ImmutableArray<ExpectedSample> ExpSamples { get; init; } = [];
}

/// <summary>An expected sample: its series text (<c>{job="api"}</c> or <c>metric{job="api"}</c>) and value.</summary>
public sealed record ExpectedSample(string Labels, double Value)
{
    public static ExpectedSample Of(double value, params ReadOnlySpan<(string Name, string Value)> labels) =>
        new(SeriesText.Format("", labels), value);
}
