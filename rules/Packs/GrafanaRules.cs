using Observability.Rules.Conventions;
using Observability.Rules.Model;
using Observability.Rules.PromQl;
using static Observability.Rules.Packs.PackAlert;

namespace Observability.Rules.Packs;

/// <summary>Grafana: gone entirely, failing its own requests, failing to reach a datasource.</summary>
public static class GrafanaRules
{
    public const string GroupName = "grafana";

    public static RulePack Pack { get; } = new(GroupName, Build);

    /// <summary>No Grafana target at all for 5m (a scraped Grafana that is down is ServiceDown's).</summary>
    public static AlertDeclaration GrafanaMissing { get; } =
        Pack.Alert("GrafanaMissing", Severity.Critical, Duration.Minutes(5), PlatformPanels.GrafanaUp);

    /// <summary>More than 10% of Grafana's own requests (datasource queries excluded) answered 5xx for 5m.</summary>
    public static AlertDeclaration GrafanaRequestErrors { get; } =
        Pack.Alert("GrafanaRequestErrors", Severity.Warning, Duration.Minutes(5), PlatformPanels.GrafanaRequestErrors, ThresholdSpec.Ratio(0.10));

    /// <summary>More than 10% of Grafana's requests to a datasource answered 5xx for 10m.</summary>
    public static AlertDeclaration GrafanaDatasourceErrors { get; } =
        Pack.Alert("GrafanaDatasourceErrors", Severity.Warning, Duration.Minutes(10), PlatformPanels.GrafanaDatasourceErrors, ThresholdSpec.Ratio(0.10));

    public static RuleGroup Build(RulePackOptions o)
    {
        var c = o.Conventions.Grafana;
        return RuleGroup.Create(GroupName)
            .Add(Create(o, GrafanaMissing,
                new PromExpr($"absent({c.Up})"),
                "Grafana is gone",
                $"Prometheus has no Grafana target ({For(o.For(GrafanaMissing))}): no Grafana pod exists (scaled to zero, not schedulable) or its ServiceMonitor is gone. Dashboards are unavailable."))
            .Add(Create(o, GrafanaRequestErrors,
                t => c.RequestErrorRatio() > t.Value,
                "Grafana {{ $labels.job }} fails requests",
                t => $"{{{{ $value | humanizePercentage }}}} of the requests {{{{ $labels.job }}}} serves (datasource queries excluded) fail with 5xx (threshold {Percent(t.Value)}, {For(t.For)})."))
            .Add(Create(o, GrafanaDatasourceErrors,
                t => c.DatasourceErrorRatio() > t.Value,
                "Grafana's datasource {{ $labels.datasource }} fails",
                t => $"{{{{ $value | humanizePercentage }}}} of the requests of {{{{ $labels.job }}}} to datasource {{{{ $labels.datasource }}}} fail with 5xx (threshold {Percent(t.Value)}, {For(t.For)}); panels using it show errors."));
    }
}
