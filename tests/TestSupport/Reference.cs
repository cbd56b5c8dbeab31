namespace Observability.TestSupport;

/// <summary>
/// The upstream reference data (pinned charts' values.yaml, CRD and Kubernetes schemas): the folder named by
/// OBSERVABILITY_REFERENCE, else the cache that `dotnet run --project stacks -- reference fetch` fills
/// (.cache/reference in the repository), else ../shared/reference beside the repository.
/// </summary>
public static class Reference
{
    public const string EnvironmentVariable = "OBSERVABILITY_REFERENCE";

    /// <summary>Where `reference fetch` writes by default, relative to the repository root (the same constant as the command's).</summary>
    public const string CacheFolder = ".cache/reference";

    public const string HowToGet =
        "Fetch it from upstream (Helm repositories and the Kubernetes OpenAPI document, checked against " +
        "stacks/ReferenceData/reference.lock.json): `dotnet run --project stacks -- reference fetch`, which fills .cache/reference; " +
        "or set OBSERVABILITY_REFERENCE to a folder holding it.";

    public static string Directory { get; } = Locate();

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
            return Path.GetFullPath(configured);
        var cache = Path.GetFullPath(Path.Combine(Repo.Root, CacheFolder));
        return System.IO.Directory.Exists(cache) ? cache : Path.GetFullPath(Path.Combine(Repo.Root, "..", "shared", "reference"));
    }

    public static bool Available => System.IO.Directory.Exists(Directory);

    /// <summary>Null when the rendered snapshot is there; else why the tests that read it are skipped.</summary>
    public static string? RenderedSkipReason()
    {
        var rendered = Path.Combine(Directory, "rendered");
        if (System.IO.Directory.Exists(rendered))
            return null;
        if (!Available && Repo.IsCi)
            return null; // no reference data at all under CI: run and fail, as every reference test does
        return $"No rendered snapshot at {rendered}: it comes only with the team's reference folder (../shared/reference/rendered, " +
            "made with Helm from the pinned charts) and `reference fetch` cannot make it. Set OBSERVABILITY_REFERENCE to a folder that has it.";
    }

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

/// <summary>
/// A fact that reads the rendered snapshot (<c>rendered/</c>: what the pinned charts render from our values, made with a
/// real Helm, with kube-prometheus-stack's default rules and dashboards). Unlike the rest of the reference data it cannot be
/// fetched (`reference fetch` has no Helm to render with), so where the folder lacks it the test reports itself skipped,
/// with the reason, under CI too; the project's own CI has it (../shared/reference) and runs these tests.
/// </summary>
public sealed class RenderedFactAttribute : FactAttribute
{
    public RenderedFactAttribute() => Skip = Reference.RenderedSkipReason();
}

/// <summary>The theory form of <see cref="RenderedFactAttribute"/>.</summary>
public sealed class RenderedTheoryAttribute : TheoryAttribute
{
    public RenderedTheoryAttribute() => Skip = Reference.RenderedSkipReason();
}
