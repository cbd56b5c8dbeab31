using Observability.Rules.Model;
using Observability.Rules.Output;
using Observability.Rules.Testing;
using Observability.Rules.Validation;
using Observability.TestSupport;
using Xunit.Sdk;

namespace Observability.Rules.Tests.Support;

/// <summary>
/// Runs <c>promtool test rules</c> on rule groups and a typed <see cref="PromtoolTestFile"/>. On failure the test fails
/// with promtool's output and both files, so the case can be reproduced by hand.
/// </summary>
public static class PromtoolRunner
{
    public const string RuleFileName = "rules.yaml";

    /// <summary>
    /// Validates <paramref name="groups"/>, writes them as <see cref="RuleFileName"/> and the tests beside them
    /// (their <c>rule_files</c> set to that file), runs promtool and returns its output. Fails the test on any problem.
    /// </summary>
    public static string TestRules(IEnumerable<RuleGroup> groups, PromtoolTestFile tests)
    {
        ArgumentNullException.ThrowIfNull(tests);
        var list = groups.ToList();
        var problems = RuleValidator.Validate(list);
        if (problems.Count > 0)
            throw new XunitException("The rules under test are not valid:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", problems));
        return TestRuleFile(RuleYaml.ToRuleFile(list), tests);
    }

    /// <summary>Runs promtool on a compiled rule file (YAML text) and the tests; use <see cref="TestRules"/> for typed groups.</summary>
    public static string TestRuleFile(string ruleFileYaml, PromtoolTestFile tests)
    {
        ArgumentNullException.ThrowIfNull(tests);
        using var dir = new TempDir("promtool-test");
        dir.Write(RuleFileName, ruleFileYaml);
        var testYaml = PromtoolTestYaml.ToYaml(tests with { RuleFiles = [RuleFileName] });
        var testFile = dir.Write("tests.yaml", testYaml);

        var result = ExternalTool.Run(ExternalTool.Promtool, ["test", "rules", testFile], workingDirectory: dir.Path);
        if (result.ExitCode != 0)
        {
            throw new XunitException(
                $"promtool test rules exited {result.ExitCode}:{Environment.NewLine}{result.Output}{Environment.NewLine}" +
                $"--- {RuleFileName} ---{Environment.NewLine}{ruleFileYaml}{Environment.NewLine}--- tests.yaml ---{Environment.NewLine}{testYaml}");
        }

        return result.Output;
    }

    /// <summary>
    /// Runs promtool on several rule files (name and YAML text; e.g. ours beside a reference tool's) in one run, every
    /// test group seeing all of them; <c>rule_files</c> of <paramref name="tests"/> is set to their names.
    /// </summary>
    public static string TestRuleFiles(IReadOnlyList<(string Name, string Yaml)> ruleFiles, PromtoolTestFile tests, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(ruleFiles);
        ArgumentNullException.ThrowIfNull(tests);
        using var dir = new TempDir("promtool-test");
        foreach (var (name, yaml) in ruleFiles)
            dir.Write(name, yaml);
        var testYaml = PromtoolTestYaml.ToYaml(tests with { RuleFiles = [.. ruleFiles.Select(f => f.Name)] });
        var testFile = dir.Write("tests.yaml", testYaml);

        var result = ExternalTool.Run(ExternalTool.Promtool, ["test", "rules", testFile], workingDirectory: dir.Path, timeout: timeout);
        if (result.ExitCode != 0)
            throw new XunitException($"promtool test rules exited {result.ExitCode}:{Environment.NewLine}{result.Output}");
        return result.Output;
    }

    /// <summary>Runs <c>promtool check rules</c> on compiled rule YAML; fails with its output unless it succeeds.</summary>
    public static string CheckRules(string ruleFileYaml)
    {
        using var dir = new TempDir("promtool-check");
        var file = dir.Write(RuleFileName, ruleFileYaml);
        return ExternalTool.RunOk(ExternalTool.Promtool, "check", "rules", file).Output;
    }
}
