using System.Reflection;

namespace Observability.TestSupport;

/// <summary>Where the repository and the shared reference data are, wherever the tests were built.</summary>
public static class Repo
{
    /// <summary>The repository root, recorded at build time (tests/Directory.Build.props).</summary>
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string FindRoot()
    {
        foreach (var assembly in new[] { Assembly.GetEntryAssembly(), Assembly.GetExecutingAssembly() }.Concat(AppDomain.CurrentDomain.GetAssemblies()))
        {
            var root = assembly?.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
            if (!string.IsNullOrEmpty(root) && Directory.Exists(root))
                return Path.GetFullPath(root);
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Observability.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (no Observability.slnx above the test binaries).");
    }
}
