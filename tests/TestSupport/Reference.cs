namespace Observability.TestSupport;

/// <summary>
/// The upstream reference data (pinned charts' values.yaml, CRD and Kubernetes schemas).
/// Its folder comes from OBSERVABILITY_REFERENCE, by default ../shared/reference beside the repository.
/// </summary>
public static class Reference
{
    public const string EnvironmentVariable = "OBSERVABILITY_REFERENCE";

    public const string HowToGet =
        "Set OBSERVABILITY_REFERENCE to a folder with charts/<chart>/<version>/values.yaml " +
        "(`helm show values <chart> --version <version>`), crds/strict/<Kind>.json and kubernetes/<Kind>.json " +
        "(see ../shared/reference/README.md for their sources).";

    public static string Directory { get; } =
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.GetFullPath(Path.Combine(Repo.Root, "..", "shared", "reference"));

    public static bool Available => System.IO.Directory.Exists(Directory);

    /// <summary>A file of the reference data; fails (never silently passes) when it is missing.</summary>
    public static string PathOf(params string[] parts)
    {
        var path = Path.Combine([Directory, .. parts]);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Reference file {path} is missing. {HowToGet}", path);
        return path;
    }

    public static string ChartValues(string chart, string version) => PathOf("charts", chart, version, "values.yaml");

    public static string StrictCrdSchema(string kind) => PathOf("crds", "strict", kind + ".json");

    public static string KubernetesSchema(string kind) => PathOf("kubernetes", kind + ".json");
}

/// <summary>
/// A fact that needs the reference data. Outside CI it reports itself skipped, saying how to get the data,
/// when the folder is absent; under CI=true it runs and fails, because absence there is a broken checkout.
/// </summary>
public sealed class ReferenceFactAttribute : FactAttribute
{
    public ReferenceFactAttribute()
    {
        if (!Reference.Available && !Repo.IsCi)
            Skip = $"No reference data at {Reference.Directory}. {Reference.HowToGet}";
    }
}

/// <summary>The theory form of <see cref="ReferenceFactAttribute"/>.</summary>
public sealed class ReferenceTheoryAttribute : TheoryAttribute
{
    public ReferenceTheoryAttribute()
    {
        if (!Reference.Available && !Repo.IsCi)
            Skip = $"No reference data at {Reference.Directory}. {Reference.HowToGet}";
    }
}
