using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Observability.Rules.Model;

/// <summary>
/// A Prometheus duration (<c>5m</c>, <c>1h30m</c>, <c>30d</c>), held exactly in milliseconds.
/// Parsing follows Prometheus' <c>model.ParseDuration</c>: units y, w, d, h, m, s, ms, largest first, each at most once.
/// </summary>
public readonly partial record struct Duration : IComparable<Duration>
{
    private static readonly (string Unit, long Millis)[] Units =
    [
        ("y", 365L * 24 * 3600 * 1000),
        ("w", 7L * 24 * 3600 * 1000),
        ("d", 24L * 3600 * 1000),
        ("h", 3600L * 1000),
        ("m", 60L * 1000),
        ("s", 1000L),
        ("ms", 1L),
    ];

    private Duration(long milliseconds) => Milliseconds = milliseconds;

    public long Milliseconds { get; }

    public static Duration Zero => default;

    public static Duration FromMilliseconds(long milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds);
        return new Duration(milliseconds);
    }

    public static Duration Seconds(long seconds) => FromMilliseconds(checked(seconds * 1000));

    public static Duration Minutes(long minutes) => FromMilliseconds(checked(minutes * 60_000));

    public static Duration Hours(long hours) => FromMilliseconds(checked(hours * 3_600_000));

    public static Duration Days(long days) => FromMilliseconds(checked(days * 86_400_000));

    public TimeSpan ToTimeSpan() => TimeSpan.FromMilliseconds(Milliseconds);

    public double TotalSeconds => Milliseconds / 1000.0;

    public static bool TryParse(string? text, out Duration duration)
    {
        duration = default;
        if (string.IsNullOrEmpty(text))
            return false;
        if (text == "0")
            return true;

        var match = DurationPattern().Match(text);
        if (!match.Success)
            return false;

        long total = 0;
        for (var i = 0; i < Units.Length; i++)
        {
            var group = match.Groups[i + 1];
            if (!group.Success)
                continue;
            if (!long.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                return false;
            try
            {
                total = checked(total + checked(count * Units[i].Millis));
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        duration = new Duration(total);
        return true;
    }

    /// <summary>Parses a Prometheus duration; the exception message quotes the bad text.</summary>
    public static Duration Parse(string text) =>
        TryParse(text, out var duration)
            ? duration
            : throw new FormatException($"\"{text}\" is not a Prometheus duration (expected e.g. 30s, 5m, 1h30m, 7d)");

    /// <summary>Canonical Prometheus text: days, hours, minutes, seconds, milliseconds, largest first (<c>0s</c> for zero).</summary>
    public override string ToString()
    {
        if (Milliseconds == 0)
            return "0s";

        var builder = new StringBuilder();
        var rest = Milliseconds;
        foreach (var (unit, millis) in Units)
        {
            if (unit is "y" or "w")
                continue; // 30d reads better than 4w2d, and Prometheus accepts both.
            var count = rest / millis;
            if (count == 0)
                continue;
            builder.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
            rest -= count * millis;
        }

        return builder.ToString();
    }

    /// <summary>
    /// The same duration in hours, minutes, seconds and milliseconds only (<c>120h</c>, not <c>5d</c>; <c>0s</c> for zero):
    /// the form of Go's <c>time.ParseDuration</c>, which fields such as the Alertmanager CRD's <c>retention</c>
    /// (pattern <c>^(0|(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$</c>) accept, where Prometheus' own d/w/y are rejected.
    /// </summary>
    public string ToHoursString()
    {
        if (Milliseconds == 0)
            return "0s";

        var builder = new StringBuilder();
        var rest = Milliseconds;
        foreach (var (unit, millis) in Units)
        {
            if (unit is "y" or "w" or "d")
                continue;
            var count = rest / millis;
            if (count == 0)
                continue;
            builder.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
            rest -= count * millis;
        }

        return builder.ToString();
    }

    public int CompareTo(Duration other) => Milliseconds.CompareTo(other.Milliseconds);

    public static bool operator <(Duration left, Duration right) => left.Milliseconds < right.Milliseconds;

    public static bool operator >(Duration left, Duration right) => left.Milliseconds > right.Milliseconds;

    public static bool operator <=(Duration left, Duration right) => left.Milliseconds <= right.Milliseconds;

    public static bool operator >=(Duration left, Duration right) => left.Milliseconds >= right.Milliseconds;

    public static Duration operator *(Duration duration, long factor) => FromMilliseconds(checked(duration.Milliseconds * factor));

    public static Duration operator +(Duration left, Duration right) => FromMilliseconds(checked(left.Milliseconds + right.Milliseconds));

    [GeneratedRegex(@"^(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
