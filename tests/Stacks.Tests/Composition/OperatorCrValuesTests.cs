using Observability.Rules.Output;
using Observability.Stacks.Composition;
using Observability.Stacks.Tests.Support;
using Observability.TestSupport;

namespace Observability.Stacks.Tests.Composition;

/// <summary>
/// kube-prometheus-stack copies <c>prometheus.prometheusSpec</c> into <c>Prometheus.spec</c> and
/// <c>alertmanager.alertmanagerSpec</c> into <c>Alertmanager.spec</c> (templates/prometheus/prometheus.yaml and
/// templates/alertmanager/alertmanager.yaml at 88.5.3). The API server validates those CRs against the CRD, not our
/// values: so the spec the chart builds from our subtree must pass the strict CRD schema (unknown fields, patterns such as
/// the Alertmanager retention's h/m/s/ms-only form).
/// </summary>
public sealed class OperatorCrValuesTests
{
    /// <summary>How the chart turns one values subtree into a CR spec.</summary>
    private sealed record CrMapping(
        string Kind,
        string ValuesPath,
        IReadOnlyDictionary<string, string> Renames,
        IReadOnlySet<string> ChartOnlyKeys,
        Func<string, object, IEnumerable<(string Field, object Value)>?>? Transform = null);

    private static readonly CrMapping Prometheus = new(
        "Prometheus",
        "prometheus.prometheusSpec",
        // prometheus.yaml: `storage: {{ toYaml .Values.prometheus.prometheusSpec.storageSpec }}`.
        new Dictionary<string, string> { ["storageSpec"] = "storage" },
        // Read by the template's own logic, never copied into the spec.
        new HashSet<string>
        {
            "ruleSelectorNilUsesHelmValues", "serviceMonitorSelectorNilUsesHelmValues", "podMonitorSelectorNilUsesHelmValues",
            "probeSelectorNilUsesHelmValues", "scrapeConfigSelectorNilUsesHelmValues",
            "replicaExternalLabelNameClear", "prometheusExternalLabelNameClear",
        },
        (key, value) => key switch
        {
            // `podAntiAffinity: hard` becomes affinity.podAntiAffinity.requiredDuringScheduling... with the chart's selector.
            "podAntiAffinity" => [("affinity", AntiAffinity(value, "prometheus"))],
            // `additionalScrapeConfigsSecret.{enabled,name,key}` becomes `additionalScrapeConfigs: {name, key}` when enabled.
            "additionalScrapeConfigsSecret" => value is OrderedDictionary<string, object?> secret && secret.GetValueOrDefault("enabled") is true
                ? [("additionalScrapeConfigs", new OrderedDictionary<string, object?> { ["name"] = secret["name"], ["key"] = secret["key"] })]
                : [],
            _ => null,
        });

    private static readonly CrMapping Alertmanager = new(
        "Alertmanager",
        "alertmanager.alertmanagerSpec",
        new Dictionary<string, string>(),
        // useExistingSecret only stops the chart from creating its own alertmanager Secret.
        new HashSet<string> { "useExistingSecret" },
        (key, value) => key switch
        {
            "podAntiAffinity" => [("affinity", AntiAffinity(value, "alertmanager"))],
            _ => null,
        });

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var stack in TestStacks.Names)
        {
            data.Add(stack, Prometheus.Kind);
            data.Add(stack, Alertmanager.Kind);
        }

        return data;
    }

    [ReferenceTheory]
    [MemberData(nameof(Cases))]
    public void The_spec_the_chart_copies_from_our_values_is_valid_against_the_strict_crd(string stack, string kind)
    {
        var mapping = kind == Prometheus.Kind ? Prometheus : Alertmanager;
        var values = TestStacks.Plan(stack).Release(StackConventions.KubePrometheusStackRelease).Values;

        var cr = new OrderedDictionary<string, object?>
        {
            ["apiVersion"] = "monitoring.coreos.com/v1",
            ["kind"] = kind,
            ["metadata"] = new OrderedDictionary<string, object?> { ["name"] = $"{StackConventions.KpsFullname}-{kind.ToLowerInvariant()}", ["namespace"] = "monitoring" },
            ["spec"] = Spec(mapping, values),
        };

        SchemaCheck.AssertYamlValid(Reference.StrictCrdSchema(kind), YamlText.Serialize(cr), $"{stack}: {kind} spec built from {mapping.ValuesPath}");
    }

    /// <summary>Fields our values set today that the values at cc97025 (what rendered/ shows) did not.</summary>
    private static readonly HashSet<string> FieldsAddedSinceTheRender = ["enableFeatures", "exemplars", "replicaExternalLabelName"];

    [RenderedTheory]
    [InlineData("dev", "Prometheus")]
    [InlineData("prod", "Prometheus")]
    [InlineData("dev", "Alertmanager")]
    [InlineData("prod", "Alertmanager")]
    public void The_mapping_names_the_fields_the_chart_really_rendered(string stack, string kind)
    {
        // rendered/cc97025/<stack>/kube-prometheus-stack.yaml: what Helm made of that commit's values. Every spec field our
        // mapping predicts (renames and transforms included) must be a field of the CR the chart really rendered.
        var mapping = kind == Prometheus.Kind ? Prometheus : Alertmanager;
        var values = TestStacks.Plan(stack).Release(StackConventions.KubePrometheusStackRelease).Values;
        var text = File.ReadAllText(Reference.PathOf("rendered", "cc97025", stack, StackConventions.KubePrometheusStackRelease + ".yaml"));
        var document = System.Text.RegularExpressions.Regex.Split(text, "^---[^\\n]*\\n", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Single(d => System.Text.RegularExpressions.Regex.IsMatch(d, $"^kind: {kind}\\r?$", System.Text.RegularExpressions.RegexOptions.Multiline));
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(document));
        var root = (YamlDotNet.RepresentationModel.YamlMappingNode)stream.Documents[0].RootNode;
        var renderedSpec = (YamlDotNet.RepresentationModel.YamlMappingNode)root.Children[new YamlDotNet.RepresentationModel.YamlScalarNode("spec")];
        var rendered = renderedSpec.Children.Keys.Cast<YamlDotNet.RepresentationModel.YamlScalarNode>().Select(k => k.Value!).ToHashSet(StringComparer.Ordinal);

        var missing = Spec(mapping, values).Keys.Where(f => !rendered.Contains(f) && !FieldsAddedSinceTheRender.Contains(f)).ToList();

        Assert.True(missing.Count == 0, $"{stack}: {kind}.spec fields the mapping predicts but the chart did not render: {string.Join(", ", missing)} (rendered: {string.Join(", ", rendered.Order(StringComparer.Ordinal))})");
    }

    [ReferenceFact]
    public void The_check_rejects_a_retention_in_days_for_alertmanager()
    {
        // The form the composer wrote before: the Alertmanager CRD accepts h/m/s/ms only (Prometheus' CRD accepts d/w/y too).
        var am = new OrderedDictionary<string, object?> { ["apiVersion"] = "monitoring.coreos.com/v1", ["kind"] = "Alertmanager", ["metadata"] = new OrderedDictionary<string, object?> { ["name"] = "x" }, ["spec"] = new OrderedDictionary<string, object?> { ["retention"] = "5d" } };
        var prometheus = new OrderedDictionary<string, object?> { ["apiVersion"] = "monitoring.coreos.com/v1", ["kind"] = "Prometheus", ["metadata"] = new OrderedDictionary<string, object?> { ["name"] = "x" }, ["spec"] = new OrderedDictionary<string, object?> { ["retention"] = "5d" } };

        Assert.NotEmpty(SchemaCheck.Errors(Reference.StrictCrdSchema("Alertmanager"), SchemaCheck.YamlToJson(YamlText.Serialize(am))));
        Assert.Empty(SchemaCheck.Errors(Reference.StrictCrdSchema("Prometheus"), SchemaCheck.YamlToJson(YamlText.Serialize(prometheus))));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Alertmanager_retention_is_written_in_hours(string stack)
    {
        var values = TestStacks.Plan(stack).Release(StackConventions.KubePrometheusStackRelease).Values;

        Assert.Equal("120h", Find(values, "alertmanager.alertmanagerSpec.retention"));
    }

    /// <summary>The CR spec the chart renders from our subtree (only what comes from our values; the chart adds more).</summary>
    private static OrderedDictionary<string, object?> Spec(CrMapping mapping, OrderedDictionary<string, object?> values)
    {
        var subtree = Find(values, mapping.ValuesPath) as OrderedDictionary<string, object?>
            ?? throw new Xunit.Sdk.XunitException($"{mapping.ValuesPath} is not set");
        var spec = new OrderedDictionary<string, object?>();
        foreach (var (key, value) in subtree)
        {
            if (value is null || mapping.ChartOnlyKeys.Contains(key))
                continue;
            if (mapping.Transform?.Invoke(key, value) is { } fields)
            {
                foreach (var (field, fieldValue) in fields)
                    spec[field] = fieldValue;
                continue;
            }

            spec[mapping.Renames.GetValueOrDefault(key, key)] = WithoutNulls(value);
        }

        return spec;
    }

    /// <summary>Helm drops null values when it merges ours over the chart's, so the CR never carries them.</summary>
    private static object? WithoutNulls(object? value) => value switch
    {
        OrderedDictionary<string, object?> map => map.Where(kv => kv.Value is not null)
            .Aggregate(new OrderedDictionary<string, object?>(), (acc, kv) => { acc[kv.Key] = WithoutNulls(kv.Value); return acc; }),
        List<object?> list => list.Select(WithoutNulls).ToList(),
        _ => value,
    };

    private static OrderedDictionary<string, object?> AntiAffinity(object value, string name)
    {
        var term = new OrderedDictionary<string, object?>
        {
            ["topologyKey"] = "kubernetes.io/hostname",
            ["labelSelector"] = new OrderedDictionary<string, object?>
            {
                ["matchExpressions"] = new List<object?>
                {
                    new OrderedDictionary<string, object?> { ["key"] = "app.kubernetes.io/name", ["operator"] = "In", ["values"] = new List<object?> { name } },
                },
            },
        };
        var podAntiAffinity = value as string == "soft"
            ? new OrderedDictionary<string, object?> { ["preferredDuringSchedulingIgnoredDuringExecution"] = new List<object?> { new OrderedDictionary<string, object?> { ["weight"] = 100, ["podAffinityTerm"] = term } } }
            : new OrderedDictionary<string, object?> { ["requiredDuringSchedulingIgnoredDuringExecution"] = new List<object?> { term } };
        return new OrderedDictionary<string, object?> { ["podAntiAffinity"] = podAntiAffinity };
    }

    private static object? Find(OrderedDictionary<string, object?> tree, string dotted)
    {
        object? node = tree;
        foreach (var part in dotted.Split('.'))
        {
            if (node is not OrderedDictionary<string, object?> map || !map.TryGetValue(part, out node))
                return null;
        }

        return node;
    }
}
