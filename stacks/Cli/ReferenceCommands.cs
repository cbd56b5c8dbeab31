using System.CommandLine;
using System.Globalization;
using Observability.Stacks.ReferenceData;

namespace Observability.Stacks.Cli;

/// <summary>
/// <c>reference fetch [--out DIR] [--mirror URL]</c>: fetches the tests' reference data from upstream and checks it
/// against the lock; <c>reference verify [--dir DIR]</c>: checks a folder against the lock. Exit codes: 0 ok, 1 a file
/// failed its check or could not be fetched, 2 usage.
/// </summary>
internal static class ReferenceCommands
{
    /// <summary>Where <c>reference fetch</c> writes by default, below the repository root; the tests read it first.</summary>
    public const string CacheFolder = ".cache/reference";

    /// <summary>The variable that points the tests (and the default of these commands) at another folder.</summary>
    public const string EnvironmentVariable = "OBSERVABILITY_REFERENCE";

    public static Command Build(TextWriter stdout, TextWriter stderr, string workingDirectory, Option<string?> rootOption)
    {
        var outOption = new Option<string?>("--out")
        {
            Description = $"The folder to write (default: $OBSERVABILITY_REFERENCE, else {CacheFolder} under the repository root, where the tests look).",
        };
        var mirrorOption = new Option<string?>("--mirror")
        {
            Description = "Fetch every URL through this base instead: https://host/path becomes <mirror>/host/path (an artifact proxy or a local copy).",
        };
        var timeoutOption = new Option<int>("--timeout") { Description = "Seconds allowed for each download.", DefaultValueFactory = _ => 120 };
        var dirOption = new Option<string?>("--dir") { Description = "The folder to check (default as for fetch --out)." };

        var fetch = new Command("fetch", "Fetch the reference data the tests read (chart values and schemas, CRD and Kubernetes schemas) from upstream, derive the schemas, and check every file against stacks/ReferenceData/reference.lock.json.")
        {
            outOption, mirrorOption, timeoutOption, rootOption,
        };
        var verify = new Command("verify", "Check a reference data folder against stacks/ReferenceData/reference.lock.json.") { dirOption, rootOption };
        var command = new Command("reference", "The upstream reference data the tests validate against.") { fetch, verify };

        fetch.SetAction((parse, cancel) => FetchAsync(parse, stdout, stderr, workingDirectory, rootOption, outOption, mirrorOption, timeoutOption, cancel));
        verify.SetAction(parse =>
        {
            if (Folder(parse.GetValue(dirOption), parse.GetValue(rootOption), workingDirectory, stderr) is not { } dir)
                return StacksCli.Usage;
            var problems = ReferenceFetcher.Verify(ReferenceLock.Embedded, dir);
            return Report(problems, stdout, stderr, string.Create(CultureInfo.InvariantCulture, $"{dir}: {ReferenceLock.Embedded.Files.Count()} files match the lock."));
        });
        return command;
    }

    private static async Task<int> FetchAsync(
        ParseResult parse, TextWriter stdout, TextWriter stderr, string workingDirectory, Option<string?> rootOption,
        Option<string?> outOption, Option<string?> mirrorOption, Option<int> timeoutOption, CancellationToken cancel)
    {
        if (Folder(parse.GetValue(outOption), parse.GetValue(rootOption), workingDirectory, stderr) is not { } outDir)
            return StacksCli.Usage;
        Uri? mirror = null;
        if (parse.GetValue(mirrorOption) is { } mirrorText && (!Uri.TryCreate(mirrorText, UriKind.Absolute, out mirror) || mirror.Scheme is not ("http" or "https")))
        {
            stderr.WriteLine($"error: --mirror: expected an http(s) URL, found \"{mirrorText}\"");
            return StacksCli.Usage;
        }

        var timeout = parse.GetValue(timeoutOption);
        if (timeout is < 1 or > 3600)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: --timeout: expected seconds from 1 to 3600, found {timeout}"));
            return StacksCli.Usage;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(timeout) };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("observability-reference-fetch/1");
        stdout.WriteLine(mirror is null ? $"Fetching the reference data into {outDir}" : $"Fetching the reference data into {outDir} through {mirror}");
        var result = await new ReferenceFetcher(http, stdout) { Mirror = mirror }.FetchAsync(ReferenceLock.Embedded, outDir, cancel).ConfigureAwait(false);
        return Report(result.Problems, stdout, stderr, string.Create(CultureInfo.InvariantCulture, $"{outDir}: {result.Written.Count} files written, each matching its sha256 in the lock."));
    }

    private static int Report(IReadOnlyList<string> problems, TextWriter stdout, TextWriter stderr, string success)
    {
        if (problems.Count == 0)
        {
            stdout.WriteLine(success);
            return StacksCli.Ok;
        }

        stderr.WriteLine(problems.Count == 1
            ? "error: the reference data has 1 problem (nothing was written):"
            : string.Create(CultureInfo.InvariantCulture, $"error: the reference data has {problems.Count} problems (nothing was written):"));
        foreach (var problem in problems)
            stderr.WriteLine($"  {problem}");
        return StacksCli.InvalidSettings;
    }

    /// <summary>The explicit folder, else $OBSERVABILITY_REFERENCE, else the cache folder under the repository root.</summary>
    private static string? Folder(string? explicitDir, string? explicitRoot, string workingDirectory, TextWriter stderr)
    {
        if (explicitDir is not null)
            return Path.GetFullPath(explicitDir, workingDirectory);
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
            return Path.GetFullPath(configured, workingDirectory);
        var root = explicitRoot is not null ? Path.GetFullPath(explicitRoot, workingDirectory) : StacksCli.FindRepositoryRoot(workingDirectory);
        if (root is null)
        {
            stderr.WriteLine($"error: no Pulumi.yaml in {workingDirectory} or above; run from the repository, or pass --out <dir> or --root <dir>.");
            return null;
        }

        return Path.Combine(root, CacheFolder.Replace('/', Path.DirectorySeparatorChar));
    }
}
