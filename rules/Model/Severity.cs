namespace Observability.Rules.Model;

/// <summary>How urgent an alert is. A closed set: Alertmanager routes on these exact label values.</summary>
public enum Severity
{
    Critical,
    Warning,
    Info,
    None,
}

public static class SeverityExtensions
{
    /// <summary>The value of the <c>severity</c> label.</summary>
    public static string ToLabel(this Severity severity) => severity switch
    {
        Severity.Critical => "critical",
        Severity.Warning => "warning",
        Severity.Info => "info",
        Severity.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity."),
    };

    public static bool TryParse(string label, out Severity severity)
    {
        foreach (var candidate in Enum.GetValues<Severity>())
        {
            if (candidate.ToLabel() == label)
            {
                severity = candidate;
                return true;
            }
        }

        severity = default;
        return false;
    }
}
