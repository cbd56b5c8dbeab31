using Observability.Rules.Conventions;
using Observability.Rules.Model;
using Observability.Rules.PromQl;
using static Observability.Rules.Packs.PackAlert;

namespace Observability.Rules.Packs;

/// <summary>Grafana: gone entirely, failing its own requests, failing to reach a datasource.</summary>
public static class GrafanaRules
{
    public const string GroupName = "grafana";

    public static RuleGroup Build(RulePackOptions o)
    {
        var c = o.Conventions.Grafana;
        var t = o.Grafana;
        return RuleGroup.Create(GroupName)
            .Add(Create(o, AlertNames.GrafanaMissing,
                new PromExpr($"absent({c.Up})"),
                t.GrafanaMissingFor, Severity.Critical, PlatformPanels.GrafanaUp,
                "Grafana is gone",
                $"Prometheus has no Grafana target ({For(t.GrafanaMissingFor)}): no Grafana pod exists (scaled to zero, not schedulable) or its ServiceMonitor is gone. Dashboards are unavailable."))
            .Add(Create(o, AlertNames.GrafanaRequestErrors,
                c.RequestErrorRatio() > t.GrafanaRequestErrors.Value,
                t.GrafanaRequestErrors.For, Severity.Warning, PlatformPanels.GrafanaRequestErrors,
                "Grafana {{ $labels.job }} fails requests",
                $"{{{{ $value | humanizePercentage }}}} of the requests {{{{ $labels.job }}}} serves (datasource queries excluded) fail with 5xx (threshold {Percent(t.GrafanaRequestErrors.Value)}, {For(t.GrafanaRequestErrors.For)})."))
            .Add(Create(o, AlertNames.GrafanaDatasourceErrors,
                c.DatasourceErrorRatio() > t.GrafanaDatasourceErrors.Value,
                t.GrafanaDatasourceErrors.For, Severity.Warning, PlatformPanels.GrafanaDatasourceErrors,
                "Grafana's datasource {{ $labels.datasource }} fails",
                $"{{{{ $value | humanizePercentage }}}} of the requests of {{{{ $labels.job }}}} to datasource {{{{ $labels.datasource }}}} fail with 5xx (threshold {Percent(t.GrafanaDatasourceErrors.Value)}, {For(t.GrafanaDatasourceErrors.For)}); panels using it show errors."));
    }
}
