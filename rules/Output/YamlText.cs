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
        Write(emitter, tree, "$");
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

    private static void Write(IEmitter emitter, object? value, string path)
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
                WriteMapping(emitter, dictionary, path);
                break;
            case IEnumerable sequence:
                emitter.Emit(new SequenceStart(null, null, false, SequenceStyle.Block));
                var index = 0;
                foreach (var item in sequence)
                    Write(emitter, item, $"{path}[{index++}]");
                emitter.Emit(new SequenceEnd());
                break;
            default:
                throw new ArgumentException($"{path}: a value of type {value.GetType().Name} cannot be written as YAML", nameof(value));
        }
    }

    private static void WriteMapping(IEmitter emitter, IDictionary dictionary, string path)
    {
        var list = new List<DictionaryEntry>(dictionary.Count);
        var enumerator = dictionary.GetEnumerator();
        while (enumerator.MoveNext())
            list.Add(enumerator.Entry);
        IEnumerable<DictionaryEntry> entries = list;
        var ordered = dictionary.GetType().IsGenericType &&
                      dictionary.GetType().GetGenericTypeDefinition() == typeof(OrderedDictionary<,>);
        if (!ordered)
            entries = entries.OrderBy(e => (string)e.Key, StringComparer.Ordinal);

        emitter.Emit(new MappingStart(null, null, false, MappingStyle.Block));
        foreach (var entry in entries)
        {
            if (entry.Key is not string key)
                throw new ArgumentException($"{path}: mapping keys must be strings, found {entry.Key.GetType().Name}", nameof(dictionary));
            WriteString(emitter, key);
            Write(emitter, entry.Value, $"{path}.{key}");
        }

        emitter.Emit(new MappingEnd());
    }

    private static string FormatDouble(double d) =>
        double.IsPositiveInfinity(d) ? ".inf"
        : double.IsNegativeInfinity(d) ? "-.inf"
        : double.IsNaN(d) ? ".nan"
        : d.ToString("R", CultureInfo.InvariantCulture);

    private static void WriteString(IEmitter emitter, string s)
    {
        ScalarStyle style;
        if (s.Contains('\n', StringComparison.Ordinal) && !HasTrailingSpaceOnALine(s))
            style = ScalarStyle.Literal;
        else if (s.Length == 0 || ReadsAsNonString(s) || s != s.Trim())
            style = ScalarStyle.DoubleQuoted;
        else
            style = ScalarStyle.Any;

        emitter.Emit(new Scalar(null, null, s, style, true, true));
    }

    private static bool HasTrailingSpaceOnALine(string s) =>
        s.Split('\n').Any(line => line.Length > 0 && char.IsWhiteSpace(line[^1]));

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
