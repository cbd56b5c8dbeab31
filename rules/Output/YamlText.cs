using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Observability.Rules.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Observability.Rules.Output;

/// <summary>
/// Writes a tree of plain values as YAML, deterministically: LF line ends, two-space indentation,
/// keys in the order of an <see cref="OrderedDictionary{TKey,TValue}"/> (other dictionaries sorted by key, ordinal),
/// strings quoted only when YAML would otherwise read them as something else, multi-line strings as literal blocks.
/// Supported values: null, string, bool, integers, double, decimal, <see cref="Duration"/>, dictionaries with string keys, sequences.
/// </summary>
public static partial class YamlText
{
    public static string Serialize(object? tree)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(text, new EmitterSettings(
            bestIndent: 2,
            bestWidth: int.MaxValue,
            isCanonical: false,
            maxSimpleKeyLength: 1024,
            skipAnchorName: false,
            indentSequences: true,
            newLine: "\n"));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        try
        {
            Write(emitter, tree);
        }
        catch (UnwritableValueException e)
        {
            throw new ArgumentException($"${e.Path}: {e.Problem}", nameof(tree));
        }

        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    /// <summary>Writes several documents separated by <c>---</c>.</summary>
    public static string SerializeAll(IEnumerable<object?> documents)
    {
        var builder = new StringBuilder();
        var first = true;
        foreach (var document in documents)
        {
            if (!first)
                builder.Append("---\n");
            builder.Append(Serialize(document));
            first = false;
        }

        return builder.ToString();
    }

    private static void Write(IEmitter emitter, object? value)
    {
        switch (value)
        {
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case string s:
                WriteString(emitter, s);
                break;
            case bool b:
                emitter.Emit(new Scalar(null, null, b ? "true" : "false", ScalarStyle.Plain, true, false));
                break;
            case int or long or short or byte or uint or ulong:
                emitter.Emit(new Scalar(null, null, Convert.ToString(value, CultureInfo.InvariantCulture)!, ScalarStyle.Plain, true, false));
                break;
            case double d:
                emitter.Emit(new Scalar(null, null, FormatDouble(d), ScalarStyle.Plain, true, false));
                break;
            case decimal m:
                emitter.Emit(new Scalar(null, null, PromQl.PromExpr.Number(m), ScalarStyle.Plain, true, false));
                break;
            case Duration duration:
                WriteString(emitter, duration.ToString());
                break;
            case IDictionary dictionary:
                WriteMapping(emitter, dictionary);
                break;
            case IEnumerable sequence:
                emitter.Emit(new SequenceStart(null, null, false, SequenceStyle.Block));
                var index = 0;
                foreach (var item in sequence)
                {
                    try
                    {
                        Write(emitter, item);
                    }
                    catch (UnwritableValueException e)
                    {
                        throw e.Under(string.Create(CultureInfo.InvariantCulture, $"[{index}]"));
                    }

                    index++;
                }

                emitter.Emit(new SequenceEnd());
                break;
            default:
                throw new UnwritableValueException($"a value of type {value.GetType().Name} cannot be written as YAML");
        }
    }

    private static void WriteMapping(IEmitter emitter, IDictionary dictionary)
    {
        var entries = new DictionaryEntry[dictionary.Count];
        var count = 0;
        var enumerator = dictionary.GetEnumerator();
        while (enumerator.MoveNext())
        {
            var entry = enumerator.Entry;
            if (entry.Key is not string)
                throw new UnwritableValueException($"mapping keys must be strings, found {entry.Key.GetType().Name}");
            entries[count++] = entry;
        }

        var type = dictionary.GetType();
        if (!(type.IsGenericType && type.GetGenericTypeDefinition() == typeof(OrderedDictionary<,>)))
            Array.Sort(entries, 0, count, KeyOrder.Instance);

        emitter.Emit(new MappingStart(null, null, false, MappingStyle.Block));
        for (var i = 0; i < count; i++)
        {
            var key = (string)entries[i].Key;
            WriteString(emitter, key);
            try
            {
                Write(emitter, entries[i].Value);
            }
            catch (UnwritableValueException e)
            {
                throw e.Under("." + key);
            }
        }

        emitter.Emit(new MappingEnd());
    }

    /// <summary>Mapping entries by key, ordinal (the keys are strings: <see cref="WriteMapping"/> checks).</summary>
    private sealed class KeyOrder : IComparer<DictionaryEntry>
    {
        public static readonly KeyOrder Instance = new();

        public int Compare(DictionaryEntry x, DictionaryEntry y) => string.CompareOrdinal((string)x.Key, (string)y.Key);
    }

    /// <summary>
    /// A value the tree holds that YAML cannot: raised where it is found, given its path on the way out (so that
    /// writing a valid tree builds no path strings), and turned into an <see cref="ArgumentException"/> at the top.
    /// </summary>
    private sealed class UnwritableValueException(string problem, string path = "") : Exception(problem)
    {
        public string Problem { get; } = problem;

        public string Path { get; } = path;

        public UnwritableValueException Under(string segment) => new(Problem, segment + Path);
    }

    private static string FormatDouble(double d) =>
        double.IsPositiveInfinity(d) ? ".inf"
        : double.IsNegativeInfinity(d) ? "-.inf"
        : double.IsNaN(d) ? ".nan"
        : d.ToString("R", CultureInfo.InvariantCulture);

    private static void WriteString(IEmitter emitter, string s)
    {
        ScalarStyle style;
        if (s.AsSpan().IndexOfAny('\r', '\u0085') >= 0)
            style = ScalarStyle.DoubleQuoted; // a reader turns these into line feeds anywhere but in an escape
        else if (s.Contains('\n', StringComparison.Ordinal) && !HasTrailingSpaceOnALine(s))
            style = ScalarStyle.Literal;
        else if (s.Length == 0 || char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1]) || ReadsAsNonString(s))
            style = ScalarStyle.DoubleQuoted;
        else
            style = ScalarStyle.Any;

        emitter.Emit(new Scalar(null, null, s, style, true, true));
    }

    private static bool HasTrailingSpaceOnALine(string s)
    {
        for (var end = s.IndexOf('\n', StringComparison.Ordinal); end >= 0; end = s.IndexOf('\n', end + 1))
        {
            if (end > 0 && s[end - 1] != '\n' && char.IsWhiteSpace(s[end - 1]))
                return true;
        }

        return s.Length > 0 && s[^1] != '\n' && char.IsWhiteSpace(s[^1]);
    }

    /// <summary>True for strings a YAML 1.1 or 1.2 reader would resolve to a boolean, null or number.</summary>
    private static bool ReadsAsNonString(string s) => NonStringPattern().IsMatch(s);

    [GeneratedRegex(
        @"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF" +
        @"|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?" +
        @"|0x[0-9a-fA-F_]+|0o[0-7]+|0b[01_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)" +
        @"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex NonStringPattern();
}
