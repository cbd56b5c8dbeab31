using System.Collections.Immutable;
using System.Globalization;
using Observability.Rules.PromQl;

namespace Observability.Rules.Testing;

/// <summary>
/// The values of a promtool input series, in promtool's expanding notation, built from typed segments:
/// <c>0+10x60</c> (61 values: 0, 10, ..., 600), <c>_</c> (no sample), <c>stale</c> (a staleness marker).
/// Each segment covers a known number of intervals (<see cref="Count"/>), so test times can be computed from it.
/// </summary>
public sealed record SeriesValues
{
    private SeriesValues(ImmutableArray<string> segments, int count)
    {
        Segments = segments;
        Count = count;
    }

    /// <summary>The segments, e.g. <c>["0+10x60", "_x3", "stale"]</c>.</summary>
    public ImmutableArray<string> Segments { get; }

    /// <summary>How many samples (or gaps) the segments expand to.</summary>
    public int Count { get; }

    public static SeriesValues Empty { get; } = new([], 0);

    /// <summary>Explicit values, one per interval.</summary>
    public static SeriesValues Of(params ReadOnlySpan<double> values) => Empty.Then(values);

    /// <summary><paramref name="start"/>, then <paramref name="times"/> more values each <paramref name="step"/> apart: <c>start+stepxtimes</c>.</summary>
    public static SeriesValues Linear(double start, double step, int times) => Empty.ThenLinear(start, step, times);

    /// <summary>The same value <paramref name="times"/> + 1 times: <c>value+0xtimes</c>.</summary>
    public static SeriesValues Constant(double value, int times) => Empty.ThenLinear(value, 0, times);

    /// <summary>Appends explicit values.</summary>
    public SeriesValues Then(params ReadOnlySpan<double> values)
    {
        var builder = Segments.ToBuilder();
        foreach (var value in values)
            builder.Add(Format(value));
        return new(builder.ToImmutable(), Count + values.Length);
    }

    /// <summary>Appends <c>start+stepxtimes</c> (or <c>start-|step|xtimes</c>): <paramref name="times"/> + 1 values.</summary>
    public SeriesValues ThenLinear(double start, double step, int times)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(times);
        if (double.IsNaN(step) || double.IsInfinity(step))
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be a finite number.");
        var sign = step < 0 || (step == 0 && double.IsNegative(step)) ? "-" : "+";
        var segment = string.Create(CultureInfo.InvariantCulture, $"{Format(start)}{sign}{Format(Math.Abs(step))}x{times}");
        return new(Segments.Add(segment), Count + times + 1);
    }

    /// <summary>Appends the same value <paramref name="times"/> + 1 times.</summary>
    public SeriesValues ThenConstant(double value, int times) => ThenLinear(value, 0, times);

    /// <summary>Appends <paramref name="count"/> intervals without a sample (<c>_</c> or <c>_xN</c>, which is N gaps).</summary>
    public SeriesValues ThenMissing(int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var segment = count == 1 ? "_" : string.Create(CultureInfo.InvariantCulture, $"_x{count}");
        return new(Segments.Add(segment), Count + count);
    }

    /// <summary>Appends a staleness marker: the series ends there.</summary>
    public SeriesValues ThenStale() => new(Segments.Add("stale"), Count + 1);

    /// <summary>The text promtool reads, e.g. <c>0+10x60 _x3 stale</c>.</summary>
    public override string ToString() => string.Join(' ', Segments);

    private static string Format(double value) => PromExpr.Number(value);
}

/// <summary>Writes series identifiers the way PromQL reads them: <c>metric{a="b", c="d"}</c>, values escaped.</summary>
public static class SeriesText
{
    public static string Format(string metric, params ReadOnlySpan<(string Name, string Value)> labels)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (labels.Length == 0)
            return metric.Length == 0 ? "{}" : metric;

        var sorted = labels.ToArray();
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Name, b.Name));
        var parts = sorted.Select(l => $"{l.Name}={PromQl.Matcher.Quote(l.Value)}");
        return $"{metric}{{{string.Join(", ", parts)}}}";
    }
}
