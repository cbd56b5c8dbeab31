using System.Collections.Immutable;

namespace Observability.Rules.Model;

/// <summary>Sorted label and annotation maps, always ordered by ordinal string comparison.</summary>
public static class LabelSet
{
    public static ImmutableSortedDictionary<string, string> Empty { get; } =
        ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    public static ImmutableSortedDictionary<string, string> Of(params ReadOnlySpan<(string Name, string Value)> pairs)
    {
        var builder = Empty.ToBuilder();
        foreach (var (name, value) in pairs)
            builder[name] = value;
        return builder.ToImmutable();
    }
}

/// <summary>A rule of a group: an alert or a recording rule (exactly one of them, by construction).</summary>
public abstract record Rule
{
    /// <summary>The alert name or the recorded metric name.</summary>
    public abstract string Name { get; }

    /// <summary>The PromQL expression.</summary>
    public required string Expr { get; init; }

    /// <summary>Labels added to the result, sorted by name in the output.</summary>
    public ImmutableSortedDictionary<string, string> Labels { get; init; } = LabelSet.Empty;

    /// <summary>
    /// Problems found while building the rule from text (e.g. <c>.For("5 minutes")</c>, or a rule file read by
    /// <c>RuleFileReader</c>), each written <c>field: message</c>. <c>RuleValidator</c> reports them with the rule's path.
    /// </summary>
    public ImmutableArray<string> InputProblems { get; init; } = [];
}

/// <summary>An alerting rule. Severity, summary, description and runbook_url are required by validation.</summary>
public sealed record AlertRule : Rule
{
    public required string Alert { get; init; }

    public override string Name => Alert;

    public Duration? For { get; init; }

    public Duration? KeepFiringFor { get; init; }

    /// <summary>Written as the <c>severity</c> label; <c>null</c> only while a definition is incomplete (validation reports it).</summary>
    public Severity? Severity { get; init; }

    public string? Summary { get; init; }

    public string? Description { get; init; }

    public string? RunbookUrl { get; init; }

    public string? DashboardUrl { get; init; }

    /// <summary>Annotations other than summary, description, runbook_url and dashboard_url.</summary>
    public ImmutableSortedDictionary<string, string> ExtraAnnotations { get; init; } = LabelSet.Empty;

    /// <summary>Every annotation in output order: summary, description, runbook_url, dashboard_url, then the others by name.</summary>
    public IEnumerable<KeyValuePair<string, string>> Annotations()
    {
        if (Summary is not null)
            yield return new("summary", Summary);
        if (Description is not null)
            yield return new("description", Description);
        if (RunbookUrl is not null)
            yield return new("runbook_url", RunbookUrl);
        if (DashboardUrl is not null)
            yield return new("dashboard_url", DashboardUrl);
        foreach (var pair in ExtraAnnotations)
            yield return pair;
    }

    /// <summary>Every label in output order: severity first, then the others by name.</summary>
    public IEnumerable<KeyValuePair<string, string>> AllLabels()
    {
        if (Severity is { } severity)
            yield return new("severity", severity.ToLabel());
        foreach (var pair in Labels)
        {
            if (pair.Key != "severity")
                yield return pair;
        }
    }
}

/// <summary>A recording rule: <c>level:metric:operations</c> name, expression, labels. No <c>for</c>, no annotations.</summary>
public sealed record RecordingRule : Rule
{
    public required string Record { get; init; }

    public override string Name => Record;
}

/// <summary>A named group of rules evaluated together.</summary>
public sealed record RuleGroup
{
    public required string Name { get; init; }

    /// <summary>Evaluation interval; the server's global one when <c>null</c>.</summary>
    public Duration? Interval { get; init; }

    /// <summary>Maximum number of alerts or series the group may produce; unlimited when <c>null</c>.</summary>
    public int? Limit { get; init; }

    /// <summary>Problems found while building the group from text (e.g. <c>.WithInterval("1 minute")</c>); reported by <c>RuleValidator</c>.</summary>
    public ImmutableArray<string> InputProblems { get; init; } = [];

    public ImmutableArray<Rule> Rules { get; init; } = [];

    public static RuleGroup Create(string name) => new() { Name = name };

    public RuleGroup WithInterval(Duration interval) => this with { Interval = interval };

    /// <summary>The interval from text; text that is not a Prometheus duration is recorded as a problem for validation.</summary>
    public RuleGroup WithInterval(string text) =>
        Duration.TryParse(text, out var interval)
            ? WithInterval(interval)
            : this with { InputProblems = InputProblems.Add(InputText.NotADuration("interval", text)) };

    public RuleGroup WithLimit(int limit) => this with { Limit = limit };

    public RuleGroup Add(Rule rule) => this with { Rules = Rules.Add(rule) };

    public RuleGroup Add(Alert alert) => Add(alert.Rule);

    public RuleGroup Add(Recording record) => Add(record.Rule);

    public IEnumerable<AlertRule> Alerts => Rules.OfType<AlertRule>();

    public IEnumerable<RecordingRule> Records => Rules.OfType<RecordingRule>();
}

/// <summary>The messages of text input that does not parse, shared by the builders and the rule file reader.</summary>
public static class InputText
{
    public static string NotADuration(string field, string? text) =>
        $"{field}: \"{text}\" is not a Prometheus duration (expected e.g. 30s, 5m, 1h30m, 7d)";

    public static string NotASeverity(string? text) =>
        $"labels.severity: \"{text}\" is not a severity (expected one of {string.Join(", ", Enum.GetValues<Severity>().Select(s => s.ToLabel()))})";
}
