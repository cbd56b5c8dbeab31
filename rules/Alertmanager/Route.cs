using Observability.Rules.PromQl;
namespace Observability.Rules.Alertmanager;

/// <summary>
/// A node of the routing tree. Unset values (receiver, group_by, timings) are inherited from the parent, as in Alertmanager.
/// </summary>
public sealed record Route
{
    public string? Receiver { get; init; }

    public IReadOnlyList<Matcher> Matchers { get; init; } = [];

    /// <summary><c>null</c> inherits the parent's grouping.</summary>
    public IReadOnlyList<string>? GroupBy { get; init; }

    public bool Continue { get; init; }

    public Model.Duration? GroupWait { get; init; }

    public Model.Duration? GroupInterval { get; init; }

    public Model.Duration? RepeatInterval { get; init; }

    public IReadOnlyList<string> MuteTimeIntervals { get; init; } = [];

    public IReadOnlyList<string> ActiveTimeIntervals { get; init; } = [];

    public IReadOnlyList<Route> Routes { get; init; } = [];

    /// <summary>A route that sends what it matches to <paramref name="receiver"/>.</summary>
    public static Route To(string receiver)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(receiver);
        return new Route { Receiver = receiver };
    }

    /// <summary>A route that only groups or splits and inherits its receiver.</summary>
    public static Route Inheriting() => new();

    public Route Match(params Matcher[] matchers) => this with { Matchers = [.. Matchers, .. matchers] };

    /// <summary>Adds <c>name="value"</c>.</summary>
    public Route Where(string name, string value) => Match(Matcher.Eq(name, value));

    public Route ContinueMatching(bool value = true) => this with { Continue = value };

    public Route GroupedBy(params string[] labels) => this with { GroupBy = [.. labels] };

    public Route WithGroupWait(Model.Duration value) => this with { GroupWait = value };

    public Route WithGroupInterval(Model.Duration value) => this with { GroupInterval = value };

    public Route WithRepeatInterval(Model.Duration value) => this with { RepeatInterval = value };

    public Route MutedDuring(string timeInterval) => this with { MuteTimeIntervals = [.. MuteTimeIntervals, timeInterval] };

    public Route ActiveDuring(string timeInterval) => this with { ActiveTimeIntervals = [.. ActiveTimeIntervals, timeInterval] };

    public Route Child(Route route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return this with { Routes = [.. Routes, route] };
    }

    /// <summary>True when every matcher of this route accepts the labels.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels) => Matchers.All(m => m.Matches(labels));
}
