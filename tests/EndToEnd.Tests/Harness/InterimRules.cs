using Observability.Rules.Output;
using Observability.Rules.Packs;
using Observability.Rules.Slo;
using Observability.Stacks.Settings;

namespace Observability.EndToEnd.Tests.Harness;

/// <summary>
/// Bridge while the stacks' composition renders no rule files yet: writes <c>rules/platform.yaml</c> and
/// <c>rules/slos.yaml</c> from the stack's settings through the rules' own entry points (<see cref="PlatformRules.Build"/>,
/// <see cref="SloCompiler.Compile"/>), mapping the stack's overrides the way the settings document them. Used only
/// when the render has no <c>rules/</c> folder; remove once the composition writes the rules.
/// </summary>
public static class InterimRules
{
    public static void Write(StackSettings settings, string output)
    {
        var runbooks = settings.Rules.RunbookBaseUrl + RulePackOptions.AlertNamePlaceholder + ".md";
        var packs = PlatformRules.Build(PackOptions(settings) with { RunbookUrlPattern = runbooks });
        Write(output, "rules/platform.yaml", RuleYaml.ToRuleFile(packs));

        var slos = PlatformSlos.Build(new PlatformSloOptions()).Select(slo =>
            settings.Slos.Objectives.TryGetValue(slo.Name, out var o)
                ? slo with { ObjectivePercent = o.Objective ?? slo.ObjectivePercent, PageFor = o.PageFor ?? slo.PageFor, TicketFor = o.TicketFor ?? slo.TicketFor }
                : slo);
        var groups = SloCompiler.Compile(slos, new SloOptions { RunbookUrlPattern = runbooks, GrafanaBaseUrl = "http://localhost:3000" });
        Write(output, "rules/slos.yaml", RuleYaml.ToRuleFile(groups));
    }

    private static RulePackOptions PackOptions(StackSettings settings)
    {
        var http = RulePackOptions.Default.Http;
        foreach (var (name, value) in settings.Rules.Alerts)
        {
            http = name switch
            {
                "HighErrorRate" => http with { HighErrorRate = Override(http.HighErrorRate, value) },
                "HighErrorCount" => http with { HighErrorCount = Override(http.HighErrorCount, value) },
                "SlowResponseTime" => http with { SlowResponseTime = Override(http.SlowResponseTime, value) },
                "ServiceDown" => http with { ServiceDownFor = value.For ?? http.ServiceDownFor },
                _ => http,
            };
        }

        return RulePackOptions.Default with { Http = http };
    }

    private static AlertThreshold Override(AlertThreshold threshold, AlertOverride value) =>
        new(value.Threshold is { } t ? (double)t : threshold.Value, value.For ?? threshold.For);

    private static void Write(string output, string relativePath, string content)
    {
        var path = Path.Combine(output, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
