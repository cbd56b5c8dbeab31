using System.Globalization;
using Observability.Rules.Conventions;
using Observability.Rules.Model;
using Observability.Rules.PromQl;

namespace Observability.Rules.Packs;

/// <summary>The parts every pack alert shares: runbook and dashboard links from one pattern, common labels, threshold text.</summary>
internal static class PackAlert
{
    public static Alert Create(
        RulePackOptions options,
        string name,
        PromExpr expr,
        Duration pending,
        Severity severity,
        PanelRef panel,
        string summary,
        string description)
    {
        var alert = Alert.Create(name)
            .Expr(expr)
            .Severity(severity)
            .Summary(summary)
            .Description(description)
            .RunbookUrl(options.RunbookUrl(name))
            .DashboardUrl(options.DashboardUrl(panel));
        if (pending.Milliseconds > 0)
            alert = alert.For(pending);
        foreach (var (label, value) in options.AlertLabels)
            alert = alert.Label(label, value);
        return alert;
    }

    /// <summary>The recorded series named <paramref name="record"/>, as an expression.</summary>
    public static PromExpr Recorded(string record) => new(record);

    /// <summary>0.05 → "5%", 0.955 → "95.5%".</summary>
    public static string Percent(double ratio) => (ratio * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>1000000 → "1,000,000", 0.5 → "0.5".</summary>
    public static string Number(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>"for 5m", or "immediately" for a zero <c>for</c>.</summary>
    public static string For(Duration pending) => pending.Milliseconds > 0 ? $"for {pending}" : "immediately";
}
