using Observability.Stacks.Cli;
using Observability.TestSupport;

namespace Observability.Stacks.Tests.Cli;

/// <summary>
/// Each file in bad/ is a malformed stack file whose leading <c># expect:</c> lines give messages the CLI must print.
/// Every one must fail with exit code 1, print each expected message, and never a stack trace.
/// </summary>
public sealed class BadStackFileTests
{
    private static string Folder => Repo.PathOf("tests", "Stacks.Tests", "bad");

    public static TheoryData<string> Files() =>
        new(Directory.EnumerateFiles(Folder, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Fact]
    public void There_are_at_least_thirty_bad_stack_files_each_with_an_expectation()
    {
        var files = Directory.EnumerateFiles(Folder, "*.yaml").ToList();
        Assert.True(files.Count >= 30, $"expected at least 30 bad stack files, found {files.Count}");
        foreach (var file in files)
            Assert.NotEmpty(Expectations(file));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Validate_reports_the_expected_problem_with_exit_code_1(string file)
    {
        var path = Path.Combine(Folder, file);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = StacksCli.Run(["validate", "--stack-file", path], stdout, stderr, Repo.Root);

        var output = stderr.ToString();
        Assert.True(exit == 1, $"exit code {exit}, output:\n{stdout}{output}");
        foreach (var expected in Expectations(path))
            Assert.True(output.Contains(expected, StringComparison.Ordinal), $"expected \"{expected}\" in:\n{output}");
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    private static List<string> Expectations(string path) =>
        File.ReadLines(path)
            .TakeWhile(line => line.StartsWith('#'))
            .Where(line => line.StartsWith("# expect: ", StringComparison.Ordinal))
            .Select(line => line["# expect: ".Length..])
            .ToList();
}
