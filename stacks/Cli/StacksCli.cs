using System.CommandLine;
using System.Globalization;
using Observability.Rules.Validation;
using Observability.Stacks.Settings;

namespace Observability.Stacks.Cli;

/// <summary>
/// The <c>stacks</c> command line: <c>render --stack &lt;name&gt; [--out &lt;dir&gt;]</c> and <c>validate --stack &lt;name&gt;</c>.
/// Exit codes: 0 ok, 1 invalid settings, 2 usage. Problems are printed one per line, never as a stack trace.
/// </summary>
public static class StacksCli
{
    public const int Ok = 0;
    public const int InvalidSettings = 1;
    public const int Usage = 2;

    /// <summary>Runs the command line with explicit output streams and working directory (the program's and the tests' entry point).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        var stackOption = new Option<string?>("--stack") { Description = "The stack (environment) to use: reads Pulumi.<stack>.yaml at the repository root." };
        var fileOption = new Option<string?>("--stack-file") { Description = "Read this stack file instead (any path); the stack name defaults to its file name." };
        var outOption = new Option<string?>("--out") { Description = "The folder to write (default out/<stack> under the repository root): empty, new, or a previous render, whose folders are replaced." };
        var rootOption = new Option<string?>("--root") { Description = "The repository root (default: the nearest folder above the working directory holding Pulumi.yaml)." };

        var compareOption = new Option<string?>("--compare") { Description = "A previous render (e.g. of the base branch): print the review summary of what changes from it to this render, as Markdown, instead of the plain summary." };
        var render = new Command("render", "Compose the environment and write every artifact (rules, dashboards, alertmanager, values, manifests) to a folder.")
        {
            stackOption, fileOption, outOption, rootOption, compareOption,
        };
        var validate = new Command("validate", "Check the stack's settings (and that they compose), without writing anything.") { stackOption, fileOption, rootOption };
        var referenceCommand = ReferenceCommands.Build(stdout, stderr, workingDirectory, rootOption);
        var diff = ReviewCommand.Build(stdout, stderr, workingDirectory);
        var root = new RootCommand("Observability stacks: validate and render an environment's settings.") { render, validate, diff, referenceCommand };

        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr };
        render.SetAction(parse => Execute(parse, stdout, stderr, workingDirectory, stackOption, fileOption, rootOption, parse.GetValue(outOption), write: true, parse.GetValue(compareOption)));
        validate.SetAction(parse => Execute(parse, stdout, stderr, workingDirectory, stackOption, fileOption, rootOption, null, write: false, compare: null));

        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
                stderr.WriteLine($"error: {error.Message}");
            stderr.WriteLine("Run with --help for usage.");
            return Usage;
        }

        return result.Invoke(invocation);
    }

    private static int Execute(
        ParseResult parse, TextWriter stdout, TextWriter stderr, string workingDirectory,
        Option<string?> stackOption, Option<string?> fileOption, Option<string?> rootOption, string? outDir, bool write, string? compare)
    {
        var stack = parse.GetValue(stackOption);
        var stackFile = parse.GetValue(fileOption);
        if ((stack is null) == (stackFile is null))
        {
            stderr.WriteLine("error: give exactly one of --stack <name> or --stack-file <path>.");
            return Usage;
        }

        var rootDir = parse.GetValue(rootOption) is { } explicitRoot
            ? Path.GetFullPath(explicitRoot, workingDirectory)
            : FindRepositoryRoot(workingDirectory);
        if (stack is not null && rootDir is null)
        {
            stderr.WriteLine($"error: no Pulumi.yaml in {workingDirectory} or above; run from the repository or pass --root <dir>.");
            return Usage;
        }

        var result = stack is not null
            ? SettingsLoader.FromRepository(rootDir!, stack)
            : SettingsLoader.FromStackFile(Path.GetFullPath(stackFile!, workingDirectory));
        foreach (var warning in result.Warnings)
            stderr.WriteLine($"warning: {warning}");
        if (!result.IsValid)
        {
            ReportProblems(stderr, result.Problems);
            return InvalidSettings;
        }

        var settings = result.Settings!;
        var outPath = outDir is not null
            ? Path.GetFullPath(outDir, workingDirectory)
            : Path.Combine(rootDir ?? workingDirectory, "out", stack ?? settings.Environment);
        if (compare is null)
            return Compose(settings, write ? outPath : null, stdout, stderr);

        var basePath = Path.GetFullPath(compare, workingDirectory);
        if (string.Equals(basePath.TrimEnd(Path.DirectorySeparatorChar), outPath.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
        {
            stderr.WriteLine("error: --compare names the folder this render writes; render the base into another folder.");
            return Usage;
        }

        var rendered = Compose(settings, outPath, TextWriter.Null, stderr);
        return rendered != Ok ? rendered : ReviewCommand.Compare(basePath, outPath, $"Review summary: {settings.Environment}", stdout, stderr);
    }

    /// <summary>Composes (which checks what only the composition can: rule packs, SLOs, routing); writes when <paramref name="outPath"/> is set.</summary>
    private static int Compose(StackSettings settings, string? outPath, TextWriter stdout, TextWriter stderr)
    {
        Composition.EnvironmentPlan plan;
        try
        {
            plan = Composition.EnvironmentComposer.Compose(settings);
        }
        catch (ValidationException e)
        {
            ReportProblems(stderr, e.Problems);
            return InvalidSettings;
        }

        foreach (var warning in plan.Warnings)
            stderr.WriteLine($"warning: {warning}");
        if (outPath is null)
        {
            var c = plan.Counts;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{settings.Environment}: settings are valid ({c.Releases} releases, {c.Alerts} alerts, {c.RecordingRules} recording rules, {c.Slos} SLOs, {c.Objects} objects; kube-prometheus-stack defaults: {c.ChartAlerts} alerts, {c.ChartRecordingRules} recording rules, {c.ChartDashboards} dashboards)."));
            return Ok;
        }

        IReadOnlyList<Rendering.RenderedFile> files;
        try
        {
            files = Rendering.Renderer.Write(plan, outPath);
        }
        catch (InvalidOperationException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return Usage;
        }
        Rendering.Renderer.WriteSummary(plan, outPath, files.Count, stdout);
        return Ok;
    }

    private static void ReportProblems(TextWriter stderr, IReadOnlyList<Problem> problems)
    {
        stderr.WriteLine(problems.Count == 1
            ? "error: the settings have 1 problem:"
            : string.Create(CultureInfo.InvariantCulture, $"error: the settings have {problems.Count} problems:"));
        foreach (var problem in problems)
            stderr.WriteLine($"  {problem}");
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> holding Pulumi.yaml, or null.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")))
                return dir.FullName;
        }

        return null;
    }
}
