using System.Collections.Immutable;
using Observability.Rules.PromQl;

namespace Observability.Rules.Model;

/// <summary>Immutable builder for an <see cref="AlertRule"/>: every method returns a new value.</summary>
public sealed record Alert
{
    private Alert(AlertRule rule) => Rule = rule;

    public AlertRule Rule { get; }

    public static Alert Create(string name) => new(new AlertRule { Alert = name, Expr = "" });

    public Alert Expr(PromExpr expr) => new(Rule with { Expr = expr.Text });

    public Alert For(Duration duration) => new(Rule with { For = duration });

    public Alert KeepFiringFor(Duration duration) => new(Rule with { KeepFiringFor = duration });

    /// <summary><c>for</c> from text (e.g. a settings file); text that is not a Prometheus duration is recorded as a problem for validation.</summary>
    public Alert For(string text) =>
        Duration.TryParse(text, out var duration) ? For(duration) : WithProblem(InputText.NotADuration("for", text));

    /// <summary><c>keep_firing_for</c> from text; text that is not a Prometheus duration is recorded as a problem for validation.</summary>
    public Alert KeepFiringFor(string text) =>
        Duration.TryParse(text, out var duration) ? KeepFiringFor(duration) : WithProblem(InputText.NotADuration("keep_firing_for", text));

    /// <summary>The severity from its label text (critical, warning, info, none); anything else is recorded as a problem.</summary>
    public Alert Severity(string label) =>
        SeverityExtensions.TryParse(label, out var severity) ? Severity(severity) : WithProblem(InputText.NotASeverity(label));

    private Alert WithProblem(string problem) => new(Rule with { InputProblems = Rule.InputProblems.Add(problem) });

    public Alert Severity(Severity severity) => new(Rule with { Severity = severity });

    public Alert Summary(string summary) => new(Rule with { Summary = summary });

    public Alert Description(string description) => new(Rule with { Description = description });

    public Alert RunbookUrl(string url) => new(Rule with { RunbookUrl = url });

    public Alert DashboardUrl(string url) => new(Rule with { DashboardUrl = url });

    public Alert Label(string name, string value) => new(Rule with { Labels = Rule.Labels.SetItem(name, value) });

    public Alert Annotation(string name, string value) => name switch
    {
        "summary" => Summary(value),
        "description" => Description(value),
        "runbook_url" => RunbookUrl(value),
        "dashboard_url" => DashboardUrl(value),
        _ => new(Rule with { ExtraAnnotations = Rule.ExtraAnnotations.SetItem(name, value) }),
    };

    public static implicit operator AlertRule(Alert alert) => alert.Rule;
}

/// <summary>Immutable builder for a <see cref="RecordingRule"/>.</summary>
public sealed record Recording
{
    private Recording(RecordingRule rule) => Rule = rule;

    public RecordingRule Rule { get; }

    public static Recording Create(string name) => new(new RecordingRule { Record = name, Expr = "" });

    public Recording Expr(PromExpr expr) => new(Rule with { Expr = expr.Text });

    public Recording Label(string name, string value) => new(Rule with { Labels = Rule.Labels.SetItem(name, value) });

    public Recording Labels(IEnumerable<KeyValuePair<string, string>> labels) =>
        new(Rule with { Labels = Rule.Labels.SetItems(labels) });

    public static implicit operator RecordingRule(Recording record) => record.Rule;
}
