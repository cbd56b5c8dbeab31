using Observability.Rules.Upstream;
using Observability.Stacks.Composition;
using Observability.Stacks.Modules;
using Observability.Stacks.Settings;
using Observability.Stacks.Tests.Support;

namespace Observability.Stacks.Tests.Composition;

/// <summary>
/// The environment is the fold of its modules: every release and object comes from exactly one enabled module, each module's
/// pins are the settings' defaults, and its references to rule groups and dashboards name ones that exist.
/// </summary>
public sealed class ModuleTests
{
    public static TheoryData<string> Stacks() => [.. TestStacks.Names];

    [Theory]
    [MemberData(nameof(Stacks))]
    public void The_plan_is_the_fold_of_the_enabled_modules(string stack)
    {
        var plan = TestStacks.Plan(stack);
        var enabled = ModuleCatalog.All.Where(m => m.IsEnabled(plan.Settings)).ToList();

        Assert.Equal(enabled.Select(m => m.Name), plan.Modules.Select(m => m.Name));
        Assert.Equal(plan.Modules.SelectMany(m => m.Releases), plan.Releases);
        Assert.Equal(plan.Modules.SelectMany(m => m.Objects), plan.Objects.Where(o => o.Component != PlanComponent.Foundation));
        Assert.All(plan.Objects.Where(o => o.Component == PlanComponent.Foundation), o => Assert.Equal("Namespace", o.Kind));
        Assert.Equal(plan.Objects.Count, plan.Counts.Objects);
        foreach (var module in plan.Modules)
        {
            var definition = ModuleCatalog.All.Single(m => m.Name == module.Name);
            Assert.All(module.Releases, r => Assert.Equal(definition.Component, r.Component));
            Assert.All(module.Objects, o => Assert.Equal(definition.Component, o.Component));
            Assert.All(module.Releases, r => Assert.Contains(definition.Charts, c => c.Chart == r.Chart && c.Release == r.Name));
        }
    }

    [Fact]
    public void A_disabled_module_contributes_nothing()
    {
        var plan = TestStacks.Plan("dev");
        Assert.Contains(ModuleCatalog.All, m => !m.IsEnabled(plan.Settings));   // dev turns an optional module off
        foreach (var module in ModuleCatalog.All.Where(m => !m.IsEnabled(plan.Settings)))
        {
            Assert.DoesNotContain(plan.Modules, m => m.Name == module.Name);
            Assert.DoesNotContain(plan.Objects, o => o.Component == module.Component);
        }
    }

    [Fact]
    public void Module_names_components_charts_and_releases_are_unique()
    {
        Assert.Equal(ModuleCatalog.All.Count, ModuleCatalog.All.Select(m => m.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ModuleCatalog.All.Count, ModuleCatalog.All.Select(m => m.Component).Distinct().Count());
        Assert.DoesNotContain(ModuleCatalog.All, m => m.Component == PlanComponent.Foundation);
        var charts = ModuleCatalog.Charts.ToList();
        Assert.Equal(charts.Count, charts.Select(c => c.Chart).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(charts.Count, charts.Select(c => c.Release).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_chart_settings_default_to_the_modules_pins()
    {
        var defaults = new ChartSettings();
        Assert.Equal(MetricsModule.Chart.Pin, defaults.KubePrometheusStack);
        Assert.Equal(LokiModule.Chart.Pin, defaults.Loki);
        Assert.Equal(LogAgentModule.Alloy.Pin, defaults.Alloy);
        Assert.Equal(LogAgentModule.Promtail.Pin, defaults.Promtail);
        Assert.Equal(TracingModule.Chart.Pin, defaults.Jaeger);
        Assert.All(ModuleCatalog.Charts, c => Assert.Matches(@"^[0-9]+\.[0-9]+\.[0-9]+$", c.Version));
    }

    [Fact]
    public void The_typed_table_of_the_charts_default_rules_is_of_the_pinned_kube_prometheus_stack()
    {
        // rules/Upstream/KubePrometheusStackRules.cs was written down from this version's render: a bump re-checks it.
        Assert.Equal(KubePrometheusStackRules.ChartVersion, MetricsModule.Chart.Version);
    }

    [Fact]
    public void Every_allow_list_entry_belongs_to_a_chart_of_its_module()
    {
        foreach (var module in ModuleCatalog.All)
        {
            foreach (var path in module.FreeFormValues.Concat(module.IgnoredValues))
                Assert.True(module.Charts.Any(c => c.Chart == path.Chart), $"{module.Name}: {path.Chart} {path.Path} names a chart the module does not install");
        }
    }

    [Fact]
    public void Every_rule_group_and_dashboard_a_module_names_exists()
    {
        var plan = TestStacks.Plan("full");
        var groups = Rules().ToHashSet(StringComparer.Ordinal);
        var uids = plan.Artifacts.Where(a => a.Path.StartsWith("dashboards/", StringComparison.Ordinal))
            .Select(a => System.Text.Json.JsonDocument.Parse(a.Content).RootElement.GetProperty("uid").GetString()!)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var module in ModuleCatalog.All)
        {
            Assert.All(module.RuleGroups, g => Assert.True(groups.Contains(g), $"{module.Name}: no rule group named {g} in the full stack"));
            Assert.All(module.Dashboards, d => Assert.True(uids.Contains(d), $"{module.Name}: no dashboard with uid {d} in the full stack"));
        }

        IEnumerable<string> Rules() =>
            RuleComposition.Build(plan.Settings, EnvironmentComposer.GrafanaPublicUrl(plan.Settings)).Select(g => g.Name);
    }
}
