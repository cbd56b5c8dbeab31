using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace Observability.TestSupport;

/// <summary>
/// Compares compiled artifacts with golden files kept beside the test that names them.
/// To accept new output, run the tests with UPDATE_GOLDEN=1 and review the diff in git: an explicit, reviewable act.
/// </summary>
public static class Golden
{
    public const string UpdateVariable = "UPDATE_GOLDEN";

    private static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <param name="actual">The compiled text.</param>
    /// <param name="relativePath">The golden file, relative to the calling test file's folder (e.g. <c>golden/http.yaml</c>).</param>
    /// <param name="callerFile">Filled in by the compiler.</param>
    public static void Matches(string actual, string relativePath, [CallerFilePath] string callerFile = "")
    {
        ArgumentNullException.ThrowIfNull(actual);
        var path = Path.Combine(Path.GetDirectoryName(callerFile)!, relativePath);
        if (!File.Exists(callerFile))
            path = Path.Combine(Repo.Root, relativePath); // built elsewhere: fall back to a repository-relative path

        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual.ReplaceLineEndings("\n"));
            return;
        }

        if (!File.Exists(path))
            throw new XunitException($"Golden file {path} does not exist. Run the tests with {UpdateVariable}=1 to create it, then review it.");

        var expected = File.ReadAllText(path);
        if (expected == actual)
            return;

        throw new XunitException(
            $"Output differs from golden file {path}.{Environment.NewLine}{FirstDifference(expected, actual)}{Environment.NewLine}" +
            $"If the change is intended, run the tests with {UpdateVariable}=1 and review the diff.");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end of file>";
            var al = i < a.Length ? a[i] : "<end of file>";
            if (el != al)
                return $"First difference at line {i + 1}:{Environment.NewLine}  golden: {el}{Environment.NewLine}  actual: {al}";
        }

        return "The files differ only in line endings or a trailing newline.";
    }
}
