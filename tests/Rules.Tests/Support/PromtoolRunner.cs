using Observability.Rules.Model;
using Observability.Rules.Output;
using Observability.Rules.Testing;
using Observability.Rules.Validation;
using Observability.TestSupport;
using Xunit.Sdk;
using YamlDotNet.Serialization;

namespace Observability.Rules.Tests.Support;

/// <summary>
/// Runs <c>promtool test rules</c> on rule groups and a typed <see cref="PromtoolTestFile"/>. On failure the test fails
/// with promtool's output and both files, so the case can be reproduced by hand.
/// </summary>
/// <remarks>
/// Unless a test sets <c>group_eval_order</c>, the groups are evaluated in the order the rule files list them. Left
/// unset, promtool evaluates the groups of one timestamp in Go's random map order, so an alert that reads another
/// group's records sees them either fresh or one evaluation old, and a firing time asserted to the evaluation
/// flickers between runs (seen in CI: the SLO ticket, in the long-window group, reading the short group's 2h ratio).
/// </remarks>
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
        var testYaml = PromtoolTestYaml.ToYaml(InFileOrder(tests, [ruleFileYaml]) with { RuleFiles = [RuleFileName] });
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
        var testYaml = PromtoolTestYaml.ToYaml(InFileOrder(tests, [.. ruleFiles.Select(f => f.Yaml)]) with { RuleFiles = [.. ruleFiles.Select(f => f.Name)] });
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

    /// <summary>The tests with <c>group_eval_order</c> set to the groups of the rule files in order, unless they set it.</summary>
    private static PromtoolTestFile InFileOrder(PromtoolTestFile tests, IReadOnlyList<string> ruleFileYamls)
    {
        if (!tests.GroupEvalOrder.IsDefaultOrEmpty)
            return tests;
        var names = ruleFileYamls.SelectMany(GroupNames).ToList();
        // promtool keys the order by group name alone; with a name in two files it cannot be given, so it is left unset.
        return names.Count == names.Distinct(StringComparer.Ordinal).Count() ? tests with { GroupEvalOrder = [.. names] } : tests;
    }

    private static IEnumerable<string> GroupNames(string ruleFileYaml)
    {
        var file = new DeserializerBuilder().IgnoreUnmatchedProperties().Build().Deserialize<RuleFileNames>(ruleFileYaml);
        return file?.Groups?.Select(g => g.Name ?? "") ?? [];
    }

    private sealed class RuleFileNames
    {
        [YamlMember(Alias = "groups")]
        public List<GroupName>? Groups { get; set; }
    }

    private sealed class GroupName
    {
        [YamlMember(Alias = "name")]
        public string? Name { get; set; }
    }
}
