using System.Text;

namespace Observability.Dashboards;

/// <summary>
/// A dashboard as a Kubernetes ConfigMap that the Grafana dashboard sidecar of kube-prometheus-stack loads:
/// label <c>grafana_dashboard: "1"</c> (the chart's <c>sidecar.dashboards.label</c>/<c>labelValue</c>) and the folder in
/// annotation <see cref="FolderAnnotation"/> (set the chart's <c>sidecar.dashboards.folderAnnotation</c> to it, with
/// <c>sidecar.dashboards.provider.foldersFromFilesStructure: true</c>).
/// </summary>
public static class DashboardConfigMaps
{
    public const string DashboardLabel = "grafana_dashboard";
    public const string DashboardLabelValue = "1";
    public const string FolderAnnotation = "grafana_folder";

    /// <summary>A ConfigMap holds at most 1 MiB of data.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Client-side apply stores the object in an annotation, which may hold at most 262,144 bytes in total.</summary>
    public const int MaxAnnotationBytes = 262_144;

    public static string Name(Dashboard dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        return "grafana-dashboard-" + dashboard.Uid.ToLowerInvariant().Replace('_', '-');
    }

    public static string FileName(Dashboard dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        return dashboard.Uid + ".json";
    }

    /// <summary>The label naming what a dashboard ConfigMap is (beside the caller's labels).</summary>
    public const string ComponentLabel = "app.kubernetes.io/component";

    public const string ComponentValue = "dashboard";

    /// <summary>
    /// The ConfigMap as a tree (for <c>YamlText.Serialize</c> or a Pulumi ConfigMap's fields). Its labels are the sidecar's
    /// <see cref="DashboardLabel"/>, <see cref="ComponentLabel"/>, then <paramref name="commonLabels"/> in their order: the
    /// caller's conventions (the stacks pass the labels every object they create carries, managed-by among them).
    /// </summary>
    public static OrderedDictionary<string, object?> Tree(Dashboard dashboard, string @namespace, string folder, IEnumerable<KeyValuePair<string, string>> commonLabels) =>
        Tree(dashboard, DashboardJson.Serialize(dashboard), @namespace, folder, commonLabels);

    /// <summary>
    /// The ConfigMap as <see cref="Tree(Dashboard, string, string, IEnumerable{KeyValuePair{string, string}})"/> builds it, holding
    /// <paramref name="json"/>: the dashboard's <see cref="DashboardJson.Serialize"/>, for a caller that writes that JSON elsewhere
    /// too and serialises it once.
    /// </summary>
    public static OrderedDictionary<string, object?> Tree(Dashboard dashboard, string json, string @namespace, string folder, IEnumerable<KeyValuePair<string, string>> commonLabels)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(@namespace);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(commonLabels);
        var labels = new OrderedDictionary<string, object?>
        {
            [DashboardLabel] = DashboardLabelValue,
            [ComponentLabel] = ComponentValue,
        };
        foreach (var (key, value) in commonLabels)
        {
            if (!labels.TryAdd(key, value))
                throw new ArgumentException($"label \"{key}\" is set by the dashboard ConfigMap itself or given twice", nameof(commonLabels));
        }

        return new OrderedDictionary<string, object?>
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new OrderedDictionary<string, object?>
            {
                ["name"] = Name(dashboard),
                ["namespace"] = @namespace,
                ["labels"] = labels,
                ["annotations"] = new OrderedDictionary<string, object?>
                {
                    [FolderAnnotation] = folder,
                },
            },
            ["data"] = new OrderedDictionary<string, object?>
            {
                [FileName(dashboard)] = json,
            },
        };
    }

    /// <summary>The bytes the ConfigMap's data takes (UTF-8).</summary>
    public static int DataBytes(OrderedDictionary<string, object?> configMap)
    {
        ArgumentNullException.ThrowIfNull(configMap);
        return ((OrderedDictionary<string, object?>)configMap["data"]!).Sum(kv => Encoding.UTF8.GetByteCount(kv.Key) + Encoding.UTF8.GetByteCount((string)kv.Value!));
    }
}
