using System.Globalization;
using System.Text;
using Observability.Stacks.Composition;

namespace Observability.Stacks.Rendering;

/// <summary>One file of a render: its path relative to the render folder (forward slashes) and its exact text.</summary>
public sealed record RenderedFile(string Path, string Content);

/// <summary>
/// Turns an <see cref="EnvironmentPlan"/> into files: <c>releases.yaml</c>, <c>rules/</c>, <c>dashboards/</c>, <c>alertmanager/</c>,
/// <c>values/&lt;release&gt;.yaml</c>, <c>manifests/&lt;namespace&gt;.&lt;kind&gt;.&lt;name&gt;.yaml</c>. Secrets appear only as placeholders.
/// </summary>
public static class Renderer
{
    /// <summary>The files of the render, in path order (pure: nothing is written).</summary>
    public static IReadOnlyList<RenderedFile> Files(EnvironmentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var files = new List<RenderedFile>();
        files.AddRange(plan.Artifacts.Select(a => new RenderedFile(a.Path, a.Content)));
        files.Add(new RenderedFile(ReleasesFile, Releases(plan)));
        files.AddRange(plan.Releases.Select(r => new RenderedFile($"values/{r.Name}.yaml", r.ValuesYaml())));
        files.AddRange(plan.Objects.Select(o => new RenderedFile(
            $"manifests/{(o.Namespace ?? "cluster")}.{o.Kind.ToLowerInvariant()}.{o.Name}.yaml", o.ToYaml())));
        var outside = files.Where(f => f.Path.Contains('/', StringComparison.Ordinal) && !RenderFolders.Contains(f.Path[..f.Path.IndexOf('/', StringComparison.Ordinal)])).Select(f => f.Path).ToList();
        if (outside.Count > 0)
            throw new InvalidOperationException($"Artifacts outside the render folders ({string.Join(", ", RenderFolders)}) would never be cleaned up: {string.Join(", ", outside)}");
        var duplicates = files.GroupBy(f => f.Path, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            throw new InvalidOperationException($"Two artifacts would be written to the same file: {string.Join(", ", duplicates)}");
        return files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>The file listing each Helm release's chart, version, repository and namespace (what a review compares).</summary>
    public const string ReleasesFile = "releases.yaml";

    private static string Releases(EnvironmentPlan plan) =>
        PlanTree.ToYaml(new OrderedDictionary<string, object?>
        {
            ["releases"] = plan.Releases.Select(r => (object?)new OrderedDictionary<string, object?>
            {
                ["name"] = r.Name,
                ["chart"] = r.Chart,
                ["version"] = r.Version,
                ["repository"] = r.Repository,
                ["namespace"] = r.Namespace,
            }).ToList(),
        });

    /// <summary>The file that marks a folder as render output (so that a later render may replace its folders).</summary>
    public const string MarkerFile = ".observability-render";

    /// <summary>The folders a render owns: a later render of the same folder replaces their whole content.</summary>
    public static IReadOnlyList<string> RenderFolders { get; } = ["rules", "dashboards", "alertmanager", "values", "manifests"];

    /// <summary>
    /// Writes the render to <paramref name="directory"/> and returns the files. A previous render there is brought up to
    /// date: files it had that this render has not are deleted (and folders left empty), files whose bytes change are
    /// rewritten, and files that stay the same are left alone (their times too, for tools that watch them).
    /// Refuses (<see cref="InvalidOperationException"/>) a folder that has other content and is not a previous render.
    /// </summary>
    public static IReadOnlyList<RenderedFile> Write(EnvironmentPlan plan, string directory)
    {
        var files = Files(plan);
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any() && !File.Exists(Path.Combine(directory, MarkerFile)))
        {
            throw new InvalidOperationException(
                $"{directory} is not empty and is not a previous render (no {MarkerFile}); choose an empty or new folder with --out.");
        }

        Directory.CreateDirectory(directory);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        WriteIfChanged(Path.Combine(directory, MarkerFile), utf8.GetBytes(MarkerText));
        var root = Path.GetFullPath(directory);
        var paths = files.Select(f => Path.Combine(root, f.Path.Replace('/', Path.DirectorySeparatorChar))).ToList();
        var wanted = paths.ToHashSet(StringComparer.Ordinal);
        foreach (var folder in RenderFolders.Select(f => Path.Combine(root, f)).Where(Directory.Exists))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).ToList())
            {
                if (!wanted.Contains(entry) && File.Exists(entry))
                    File.Delete(entry);
            }

            RemoveEmptyFolders(folder);
        }

        foreach (var (file, path) in files.Zip(paths))
        {
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            WriteIfChanged(path, utf8.GetBytes(file.Content));
        }

        return files;
    }

    private const string MarkerText = "Written by `dotnet run --project stacks -- render`; its folders are replaced on each render.\n";

    private static void WriteIfChanged(string path, byte[] bytes)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.Length == bytes.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
            return;
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Deletes the folders under <paramref name="folder"/> (and it) that hold no file; returns whether it is gone.</summary>
    private static bool RemoveEmptyFolders(string folder)
    {
        var empty = true;
        foreach (var child in Directory.EnumerateDirectories(folder).ToList())
            empty &= RemoveEmptyFolders(child);
        if (!empty || Directory.EnumerateFileSystemEntries(folder).Any())
            return false;
        Directory.Delete(folder);
        return true;
    }

    /// <summary>The short summary <c>render</c> prints.</summary>
    public static void WriteSummary(EnvironmentPlan plan, string directory, int fileCount, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(output);
        var s = plan.Settings;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Environment} (cluster {s.ClusterName}): {fileCount} files in {directory}"));
        output.WriteLine("releases:");
        var width = plan.Releases.Max(r => r.Name.Length);
        foreach (var release in plan.Releases)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {release.Name.PadRight(width)}  {release.Chart}@{release.Version}  namespace {release.Namespace}  {PolicyText(release.Policy)}"));
        var c = plan.Counts;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"alerts {c.Alerts}, recording rules {c.RecordingRules}, SLOs {c.Slos}, dashboards {c.Dashboards}, objects {c.Objects}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"kube-prometheus-stack defaults: alerts {c.ChartAlerts}, recording rules {c.ChartRecordingRules}, dashboards {c.ChartDashboards}"));
    }

    /// <summary>A release policy as the summary shows it, e.g. <c>timeout 600s, atomic, cleanup on fail</c>.</summary>
    public static string PolicyText(HelmReleasePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var parts = new List<string> { string.Create(CultureInfo.InvariantCulture, $"timeout {policy.TimeoutSeconds}s") };
        if (policy.Atomic)
            parts.Add("atomic");
        if (policy.CleanupOnFail)
            parts.Add("cleanup on fail");
        return string.Join(", ", parts);
    }
}
