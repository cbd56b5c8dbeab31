namespace Observability.Rules.Validation;

/// <summary>One thing wrong with an input, with the path that leads to it.</summary>
/// <param name="Path">Where the problem is, e.g. <c>group "http", rule 3 "HighErrorRate"</c> or <c>observability:prometheus.retention</c>.</param>
/// <param name="Message">What was expected and what was found.</param>
public sealed record Problem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>Thrown when an input has problems; carries every problem found, never only the first.</summary>
public sealed class ValidationException : Exception
{
    public ValidationException(IReadOnlyList<Problem> problems)
        : base(Describe(problems))
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
            throw new ArgumentException("A ValidationException needs at least one problem.", nameof(problems));
        Problems = problems;
    }

    public IReadOnlyList<Problem> Problems { get; }

    private static string Describe(IReadOnlyList<Problem> problems) =>
        problems.Count == 1
            ? problems[0].ToString()
            : $"{problems.Count} problems:{Environment.NewLine}" +
              string.Join(Environment.NewLine, problems.Select(p => "  " + p));

    /// <summary>Throws a <see cref="ValidationException"/> when <paramref name="problems"/> is not empty.</summary>
    public static void ThrowIfAny(IReadOnlyList<Problem> problems)
    {
        if (problems.Count > 0)
            throw new ValidationException(problems);
    }
}
