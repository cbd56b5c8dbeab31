using System.Globalization;
using System.Text.RegularExpressions;

namespace Observability.Rules.Alertmanager;

/// <summary>A <c>times</c> entry: from <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive), <c>HH:MM</c>, <c>24:00</c> allowed as end.</summary>
public sealed partial record TimeRange
{
    public TimeRange(string start, string end)
    {
        var startMinute = Minute(start, nameof(start));
        var endMinute = Minute(end, nameof(end));
        if (startMinute >= endMinute)
            throw new ArgumentException($"time range \"{start}\"-\"{end}\": the start must be before the end (a range cannot cross midnight; split it in two)", nameof(end));
        Start = start;
        End = end;
    }

    public string Start { get; }

    public string End { get; }

    private static int Minute(string text, string parameter)
    {
        ArgumentNullException.ThrowIfNull(text, parameter);
        var match = ClockPattern().Match(text);
        if (!match.Success)
            throw new ArgumentException($"\"{text}\" is not a time of day (expected HH:MM between 00:00 and 24:00)", parameter);
        var minute = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * 60 + int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (minute > 24 * 60)
            throw new ArgumentException($"\"{text}\" is not a time of day (expected HH:MM between 00:00 and 24:00)", parameter);
        return minute;
    }

    [GeneratedRegex("^([01][0-9]|2[0-4]):([0-5][0-9])$", RegexOptions.CultureInvariant)]
    private static partial Regex ClockPattern();
}

/// <summary>One entry of a time interval: all its set fields must hold at once (an empty field means "any").</summary>
public sealed record TimePeriod
{
    public IReadOnlyList<TimeRange> Times { get; init; } = [];

    public IReadOnlyList<DayOfWeek> Weekdays { get; init; } = [];

    /// <summary>Day-of-month ranges as Alertmanager writes them, e.g. <c>1:7</c> or <c>-1</c>.</summary>
    public IReadOnlyList<string> DaysOfMonth { get; init; } = [];

    /// <summary>Month ranges as Alertmanager writes them, e.g. <c>december</c> or <c>1:3</c>.</summary>
    public IReadOnlyList<string> Months { get; init; } = [];

    /// <summary>IANA time zone, e.g. <c>Europe/Berlin</c>; null means UTC.</summary>
    public string? Location { get; init; }

    /// <summary>Every week on <paramref name="day"/> from <paramref name="start"/> to <paramref name="end"/> (HH:MM).</summary>
    public static TimePeriod Weekly(DayOfWeek day, string start, string end, string? location = null) =>
        new() { Weekdays = [day], Times = [new TimeRange(start, end)], Location = location };
}

/// <summary>A named <c>time_intervals</c> entry, referenced by routes' mute/active time intervals.</summary>
public sealed record TimeInterval
{
    public required string Name { get; init; }

    public IReadOnlyList<TimePeriod> Periods { get; init; } = [];

    public static TimeInterval Create(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new TimeInterval { Name = name };
    }

    public TimeInterval Period(TimePeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return this with { Periods = [.. Periods, period] };
    }
}
