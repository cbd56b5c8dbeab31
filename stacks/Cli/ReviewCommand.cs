using System.CommandLine;
using Observability.Stacks.Review;

namespace Observability.Stacks.Cli;

/// <summary>
/// <c>diff --base DIR --head DIR [--title TEXT]</c>: the review summary (Markdown) of two renders, e.g. of a pull
/// request's base and head. Exit codes: 0 (whether or not anything changed), 2 a folder is not a render.
/// </summary>
internal static class ReviewCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        var baseOption = new Option<string>("--base") { Description = "The render to compare from (e.g. of the pull request's base).", Required = true };
        var headOption = new Option<string>("--head") { Description = "The render to compare to (e.g. of the pull request's head).", Required = true };
        var titleOption = new Option<string?>("--title") { Description = "The summary's heading (default: \"Review summary\")." };
        var command = new Command("diff", "Print the review summary of two renders as Markdown: releases, alerts and recording rules, SLOs, dashboards, Kubernetes objects.")
        {
            baseOption, headOption, titleOption,
        };
        command.SetAction(parse => Compare(
            Path.GetFullPath(parse.GetValue(baseOption)!, workingDirectory),
            Path.GetFullPath(parse.GetValue(headOption)!, workingDirectory),
            parse.GetValue(titleOption) ?? "Review summary", stdout, stderr));
        return command;
    }

    public static int Compare(string baseDir, string headDir, string title, TextWriter stdout, TextWriter stderr)
    {
        RenderSnapshot before, after;
        try
        {
            before = RenderSnapshot.Read(baseDir);
            after = RenderSnapshot.Read(headDir);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or YamlDotNet.Core.YamlException or System.Text.Json.JsonException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return StacksCli.Usage;
        }

        stdout.Write(ReviewSummary.Markdown(before, after, title));
        return StacksCli.Ok;
    }
}
