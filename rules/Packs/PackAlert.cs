using System.Globalization;
using Observability.Rules.Model;
using Observability.Rules.PromQl;

namespace Observability.Rules.Packs;

/// <summary>
/// Builds a declared alert: name, severity, <c>for</c>, runbook and dashboard links come from its
/// <see cref="AlertDeclaration"/> and the options, common labels from the options; the pack gives expression and text.
/// </summary>
internal static class PackAlert
{
    /// <summary>An alert without a threshold (only its <c>for</c> can change).</summary>
    public static Alert Create(RulePackOptions options, AlertDeclaration declaration, PromExpr expr, string summary, string description)
    {
        var pending = options.For(declaration);
        var alert = Alert.Create(declaration.Name)
            .Expr(expr)
            .Severity(declaration.Severity)
            .Summary(summary)
            .Description(description)
            .RunbookUrl(options.RunbookUrl(declaration.Name))
            .DashboardUrl(options.DashboardUrl(declaration.Panel));
        if (pending.Milliseconds > 0)
            alert = alert.For(pending);
        foreach (var (label, value) in options.AlertLabels)
            alert = alert.Label(label, value);
        return alert;
    }

    /// <summary>An alert on a threshold: the expression and description read the environment's threshold and <c>for</c>.</summary>
    public static Alert Create(
        RulePackOptions options,
        AlertDeclaration declaration,
        Func<AlertThreshold, PromExpr> expr,
        string summary,
        Func<AlertThreshold, string> description)
    {
        var threshold = options.Threshold(declaration);
        return Create(options, declaration, expr(threshold), summary, description(threshold));
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
