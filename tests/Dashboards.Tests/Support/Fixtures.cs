using System.Collections.Immutable;
using Observability.Dashboards.Metrics;
using Observability.Dashboards.Platform;
using Observability.Rules.Model;
using Observability.Rules.Packs;
using Observability.Rules.Slo;

namespace Observability.Dashboards.Tests.Support;

/// <summary>The platform's dashboards as the stacks build them, and the catalogue to check their metrics.</summary>
public static class Fixtures
{
    /// <summary>The platform's SLOs as the SLO compiler describes them for dashboards.</summary>
    public static IReadOnlyList<SloDefinition> SloDefinitions { get; } = Rules.Slo.PlatformSlos.Build(new PlatformSloOptions());

    public static SloOptions SloOptions { get; } = new()
    {
        RunbookUrlPattern = RulePackOptions.Default.RunbookUrlPattern,
        GrafanaBaseUrl = RulePackOptions.Default.GrafanaBaseUrl,
    };

    public static DashboardOptions Options { get; } = new();

    /// <summary>The labels a caller gives the dashboard ConfigMaps (the stacks pass theirs; the value here is the tests' own).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ConfigMapLabels { get; } = [new("app.kubernetes.io/managed-by", "dashboards-tests")];

    public static IReadOnlyList<SloDashboardSpec> Slos { get; } = PlatformSlos();

    public static ImmutableArray<Dashboard> Dashboards { get; } = PlatformDashboards.Build(Options, Slos);

    public static IReadOnlyList<RuleGroup> RuleGroups { get; } = PlatformRuleGroups();

    public static MetricCatalogue Catalogue { get; } = MetricCatalogue.Create(RuleGroups, Slos);

    public static TheoryData<string> Uids()
    {
        var data = new TheoryData<string>();
        foreach (var dashboard in Dashboards)
            data.Add(dashboard.Uid);
        return data;
    }

    public static Dashboard ByUid(string uid) => Dashboards.Single(d => d.Uid == uid);

    private static IReadOnlyList<SloDashboardSpec> PlatformSlos() => SloCompiler.DashboardSpecs(SloDefinitions, SloOptions);

    /// <summary>The real rule groups: the platform's rule packs and the SLOs' recording rules.</summary>
    private static IReadOnlyList<RuleGroup> PlatformRuleGroups() =>
        [.. PlatformRules.Build(RulePackOptions.Default), .. SloCompiler.Compile(SloDefinitions, SloOptions)];
}
