using System.Collections.Immutable;
using Observability.Rules.Conventions;
using Observability.Rules.Model;
using Observability.Rules.Output;
using Observability.Rules.PromQl;
using Observability.Rules.Validation;

namespace Observability.Rules.Packs;

/// <summary>The platform's rule packs: one group per pack, validated, in a stable order.</summary>
public static class PlatformRules
{
    public const string WatchdogGroupName = "watchdog";

    /// <summary>
    /// Every enabled pack's group. Throws a <see cref="ValidationException"/> with every problem when the options
    /// or the resulting rules are invalid; never returns an empty list (the Watchdog or a pack must be enabled).
    /// </summary>
    public static ImmutableArray<RuleGroup> Build(RulePackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidationException.ThrowIfAny(options.Validate());

        var groups = ImmutableArray.CreateBuilder<RuleGroup>();
        if (options.Http.Enabled)
            groups.Add(HttpRules.Build(options));
        if (options.Agents.Enabled)
            groups.Add(AgentRules.Build(options));
        if (options.Postgres.Enabled)
            groups.Add(PostgresRules.Build(options));
        if (options.Redis.Enabled)
            groups.Add(RedisRules.Build(options));
        if (options.Nodes.Enabled)
            groups.Add(NodeRules.Build(options));
        if (options.Kubernetes.Enabled)
            groups.Add(KubernetesRules.Build(options));
        if (options.Loki.Enabled)
            groups.Add(LokiRules.Build(options));
        if (options.LogAgent.Enabled)
            groups.Add(LogAgentRules.Build(options));
        if (options.Tracing.Enabled)
            groups.Add(TracingRules.Build(options));
        if (options.Grafana.Enabled)
            groups.Add(GrafanaRules.Build(options));
        if (options.Watchdog)
            groups.Add(Watchdog(options));

        var result = groups.ToImmutable();
        ValidationException.ThrowIfAny(RuleValidator.Validate(result));
        return result;
    }

    /// <summary>The rule file (<c>groups:</c>) of <see cref="Build"/>.</summary>
    public static string ToRuleFile(RulePackOptions options) => RuleYaml.ToRuleFile(Build(options));

    /// <summary>The Watchdog: always firing, severity none. Alertmanager routes it to a dead man's switch.</summary>
    public static RuleGroup Watchdog(RulePackOptions o) =>
        RuleGroup.Create(WatchdogGroupName)
            .Add(PackAlert.Create(o, AlertNames.Watchdog,
                Prom.Vector(1),
                Duration.Zero, Severity.None, PlatformPanels.FiringAlerts,
                "Alerting pipeline heartbeat",
                "This alert always fires. It proves that Prometheus evaluates rules and Alertmanager delivers notifications; " +
                "the dead man's switch it is routed to pages when it stops arriving."));
}
