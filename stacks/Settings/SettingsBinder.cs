using System.Collections.Immutable;
using System.Globalization;
using Observability.Rules.Model;
using Observability.Rules.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Observability.Stacks.Settings;

/// <summary>Where a value came from, which decides what a secret value is.</summary>
internal enum SecretMode
{
    /// <summary>A stack file: <c>secure:</c> leaves are encrypted, plain leaves are known.</summary>
    StackFile,

    /// <summary>A config map (Pulumi): everything is decrypted; <c>IsSecret</c> marks whole keys.</summary>
    ConfigMap,
}

/// <summary>
/// Reads YAML/JSON nodes into the settings records through their generated metadata (<see cref="SettingsMetadata"/>:
/// camelCase keys, ranges and patterns from the records' attributes; no reflection), starting from each record's
/// defaults, collecting every problem with its key path.
/// A value without a default is a C# <c>required</c> member with a <see cref="RequiredSettingAttribute"/> hint: the binder
/// fills it or reports it missing, so a record it returns has every required value set (non-null).
/// </summary>
internal sealed class SettingsBinder(SecretMode mode, ICollection<Problem> problems, ICollection<string> warnings)
{
    private bool currentKeyIsSecret;

    /// <summary>Key paths of required value-type members (e.g. <c>observability:logAgent</c>) not bound (yet): null cannot mark them.</summary>
    private readonly HashSet<string> unset = new(StringComparer.Ordinal);

    /// <summary>The key paths of required value-type members left unset, for <see cref="CheckTree"/>.</summary>
    public IReadOnlySet<string> Unset => unset;


    /// <summary>
    /// The defaults a settings record starts from before its keys are read: every initializer applied, every required value
    /// unset (null, or for a value type listed in <see cref="Unset"/> under <paramref name="path"/>), and a required section
    /// without a hint of its own (e.g. <c>alertmanager</c>, its <c>receivers</c>) its own defaults in turn.
    /// </summary>
    public T Defaults<T>(string path, bool topLevel = false)
        where T : class => (T)Defaults(typeof(T), path, topLevel, unset);

    /// <summary>The defaults of <see cref="StackSettings"/> with every required value unset (for checks that need only some sections).</summary>
    public static StackSettings UnboundSettings() => (StackSettings)Defaults(typeof(StackSettings), StackSettings.ConfigNamespace, topLevel: true, unset: null);

    private static object Defaults(Type type, string path, bool topLevel, HashSet<string>? unset)
    {
        var record = Metadata(type).Create();
        foreach (var property in SettingProperties(type))
        {
            if (!property.IsRequired)
                continue;
            var childPath = topLevel ? $"{StackSettings.ConfigNamespace}:{property.Key}" : $"{path}.{property.Key}";
            if (property.RequiredHint is null && IsRecord(property.Type))
                record = property.With(record, Defaults(property.Type, childPath, topLevel: false, unset));
            else if (property.Type.IsValueType)
                unset?.Add(childPath);
        }

        return record;
    }

    /// <summary>The settable public properties of a settings record in declaration order, with what their attributes ask.</summary>
    public static ImmutableArray<SettingProperty> SettingProperties(Type type) => Metadata(type).Properties;

    private static SettingsRecord Metadata(Type type) =>
        SettingsMetadata.Record(type) ?? throw new InvalidOperationException($"{type.Name} is not a settings record reachable from {nameof(StackSettings)}.");

    /// <summary>Binds a top-level key's value onto <paramref name="settings"/> and returns the new settings.</summary>
    public StackSettings BindTopLevel(StackSettings settings, SettingProperty property, YamlNode node, string path, bool isSecret)
    {
        currentKeyIsSecret = isSecret;
        var value = Bind(property, property.Type, node, path, property.GetValue(settings));
        if (value is Failed)
            return settings;
        unset.Remove(path);
        return (StackSettings)property.With(settings, value);
    }

    /// <summary>
    /// Checks required keys and cross-key rules over a whole record tree (after binding). A required value is missing when it
    /// is null (code can pass <c>null!</c>) or, for a value type, when its key path is in <paramref name="unset"/>.
    /// </summary>
    public static void CheckTree(object record, string path, ICollection<Problem> problems, bool topLevel, IReadOnlySet<string>? unset = null)
    {
        foreach (var property in SettingProperties(record.GetType()))
        {
            var value = property.GetValue(record);
            var childPath = topLevel ? $"{StackSettings.ConfigNamespace}:{property.Key}" : $"{path}.{property.Key}";
            if ((value is null || unset?.Contains(childPath) == true) && property.IsRequired)
            {
                var expected = property.RequiredHint ?? Article(Describe(property.Type));
                problems.Add(new Problem(childPath, $"required, but not set: expected {expected}"));
            }

            CheckChild(value, childPath, problems, unset);
        }

        if (record is ICheckedSettings checkedSettings)
            checkedSettings.Check(topLevel ? StackSettings.ConfigNamespace : path, problems);
    }

    /// <summary>
    /// Checks the values of a record tree built in code against the attributes the reader applies to text: ranges, patterns
    /// (of strings, list items and map keys), duration ranges, URLs and quantities. Problems carry the same key paths.
    /// </summary>
    public static void CheckValues(object record, ICollection<Problem> problems)
    {
        ArgumentNullException.ThrowIfNull(record);
        new SettingsBinder(SecretMode.ConfigMap, problems, new List<string>()).CheckRecordValues(record, StackSettings.ConfigNamespace, topLevel: true);
    }

    private void CheckRecordValues(object record, string path, bool topLevel)
    {
        foreach (var property in SettingProperties(record.GetType()))
        {
            var childPath = topLevel ? $"{StackSettings.ConfigNamespace}:{property.Key}" : $"{path}.{property.Key}";
            CheckValue(property, property.GetValue(record), childPath);
        }
    }

    private void CheckValue(SettingProperty? property, object? value, string path)
    {
        switch (value)
        {
            case null or SecretValue or bool or Enum:
                return;
            case string text:
                CheckString(property, text, path);
                return;
            case int i:
                CheckRange(property, i, path);
                return;
            case decimal d:
                CheckRange(property, (double)d, path);
                return;
            case Duration duration:
                CheckDuration(property, duration, path);
                return;
            case System.Collections.IDictionary map:
                var pattern = property?.Pattern;
                foreach (System.Collections.DictionaryEntry entry in map)
                {
                    var key = entry.Key as string ?? "";
                    if (pattern is not null && !pattern.Regex.IsMatch(key))
                        Fail($"{path}.{key}", $"expected a key that is {pattern.Expected}, found \"{key}\"");
                    CheckValue(null, entry.Value, $"{path}.{key}");
                }

                return;
            case System.Collections.IEnumerable list:
                if (SettingsMetadata.List(value.GetType())?.IsDefault(value) == true)
                {
                    Fail(path, "expected a list, found an uninitialized ImmutableArray (use [] for none)");
                    return;
                }

                var index = 0;
                foreach (var item in list)
                {
                    CheckValue(item is string ? property : null, item, $"{path}[{index}]");
                    index++;
                }

                return;
            default:
                if (IsRecord(value.GetType()))
                    CheckRecordValues(value, path, topLevel: false);
                return;
        }
    }

    private static void CheckChild(object? value, string path, ICollection<Problem> problems, IReadOnlySet<string>? unset)
    {
        switch (value)
        {
            case null or string or SecretValue:
                return;
            case System.Collections.IDictionary map:
                foreach (System.Collections.DictionaryEntry entry in map)
                    CheckChild(entry.Value, $"{path}.{entry.Key}", problems, unset);
                return;
            case System.Collections.IEnumerable list:
                var index = 0;
                foreach (var item in list)
                    CheckChild(item, $"{path}[{index++}]", problems, unset);
                return;
            default:
                if (IsRecord(value.GetType()))
                    CheckTree(value, path, problems, topLevel: false, unset);
                return;
        }
    }

    /// <summary>Marker for a value that could not be read (its problem is already recorded).</summary>
    private sealed class Failed
    {
        public static readonly Failed Instance = new();
    }

    private object? Bind(SettingProperty? property, Type type, YamlNode node, string path, object? current)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        var nullable = !type.IsValueType || Nullable.GetUnderlyingType(type) is not null;

        if (IsSecure(node, out var secureText))
        {
            if (underlying != typeof(SecretValue))
                return Fail(path, $"expected a plain {Describe(underlying)} (this setting is not secret; set it without --secret), found a secure value");
            return mode == SecretMode.StackFile && secureText is not null
                ? SecretValue.Encrypted(path)
                : SecretValue.Known(path, secureText ?? "");
        }

        if (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } nullNode && IsNull(nullNode))
        {
            if (nullable && property?.IsRequired != true)
                return null;
            return Fail(path, $"expected {Article(Describe(underlying))}, found null");
        }

        if (underlying == typeof(SecretValue))
        {
            if (node is not YamlScalarNode secretScalar)
                return Fail(path, $"expected a secret string (pulumi config set --secret), found {Found(node)}");
            if (mode == SecretMode.StackFile || !currentKeyIsSecret)
                warnings.Add($"{path}: a secret stored in plain text in the stack file; encrypt it with `pulumi config set --secret --path '{path}' <value>`.");
            return SecretValue.Known(path, secretScalar.Value ?? "");
        }

        if (underlying == typeof(string))
        {
            if (node is not YamlScalarNode scalar)
                return Fail(path, $"expected a string, found {Found(node)}");
            var text = scalar.Value ?? "";
            return CheckString(property, text, path) ? text : Failed.Instance;
        }

        if (underlying == typeof(bool))
        {
            if (node is YamlScalarNode { Value: "true" or "false" } b)
                return b.Value == "true";
            return Fail(path, $"expected true or false, found {Found(node)}");
        }

        if (underlying == typeof(int))
        {
            if (node is YamlScalarNode s && int.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
                return CheckRange(property, i, path) ? i : Failed.Instance;
            return Fail(path, $"expected an integer, found {Found(node)}");
        }

        if (underlying == typeof(decimal))
        {
            if (node is YamlScalarNode s && decimal.TryParse(s.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d))
                return CheckRange(property, (double)d, path) ? d : Failed.Instance;
            return Fail(path, $"expected a number, found {Found(node)}");
        }

        if (underlying == typeof(Duration))
        {
            if (node is YamlScalarNode s && Duration.TryParse(s.Value, out var duration))
                return CheckDuration(property, duration, path) ? duration : Failed.Instance;
            return Fail(path, $"expected a duration like 30s, 5m, 1h or 7d, found {Found(node)}");
        }

        if (underlying.IsEnum)
        {
            var names = Enum.GetNames(underlying).Select(n => n.ToLowerInvariant()).ToList();
            if (node is YamlScalarNode s && names.Contains(s.Value ?? ""))
                return Enum.Parse(underlying, s.Value!, ignoreCase: true);
            var found = node is YamlScalarNode sc ? $"\"{sc.Value}\"" : Found(node);
            return Fail(path, $"expected one of {string.Join(", ", names)}, found {found}{Suggest((node as YamlScalarNode)?.Value, names)}");
        }

        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
            return BindList(property, underlying, node, path);

        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(ImmutableSortedDictionary<,>))
            return BindMap(property, underlying, node, path);

        if (IsRecord(underlying))
            return BindRecord(underlying, node, path, current);

        throw new InvalidOperationException($"Settings type {underlying.Name} at {path} is not supported by the binder.");
    }

    private object BindList(SettingProperty? property, Type listType, YamlNode node, string path)
    {
        var itemType = listType.GetGenericArguments()[0];
        if (node is not YamlSequenceNode sequence)
            return Fail(path, $"expected a list, found {Found(node)}");
        var items = new List<object?>();
        var ok = true;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            var value = itemType == typeof(string)
                ? (sequence.Children[i] is YamlScalarNode s && !IsNull(s) ? (CheckString(property, s.Value ?? "", itemPath) ? s.Value : Failed.Instance) : Fail(itemPath, $"expected a string, found {Found(sequence.Children[i])}"))
                : Bind(null, itemType, sequence.Children[i], itemPath, null);
            if (value is Failed)
                ok = false;
            else
                items.Add(value);
        }

        if (!ok)
            return Failed.Instance;
        return (SettingsMetadata.List(listType) ?? throw new InvalidOperationException($"{listType.Name} at {path} has no generated list factory.")).Create(items);
    }

    private object BindMap(SettingProperty? property, Type mapType, YamlNode node, string path)
    {
        var valueType = mapType.GetGenericArguments()[1];
        if (node is not YamlMappingNode mapping)
            return Fail(path, $"expected a map, found {Found(node)}");
        var pattern = property?.Pattern;
        var entries = new List<KeyValuePair<string, object?>>();
        var ok = true;
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var entryPath = $"{path}.{key}";
            if (pattern is not null && !pattern.Regex.IsMatch(key))
            {
                ok = false;
                Fail(entryPath, $"expected a key that is {pattern.Expected}, found \"{key}\"");
                continue;
            }

            object? value;
            if (valueType == typeof(string))
                value = valueNode is YamlScalarNode s && !IsNull(s) ? s.Value ?? "" : Fail(entryPath, $"expected a string, found {Found(valueNode)}");
            else
                value = Bind(null, valueType, valueNode, entryPath, null);
            if (value is Failed)
                ok = false;
            else
                entries.Add(new(key, value));
        }

        if (!ok)
            return Failed.Instance;
        return (SettingsMetadata.Map(mapType) ?? throw new InvalidOperationException($"{mapType.Name} at {path} has no generated map factory."))(entries);
    }

    private object BindRecord(Type type, YamlNode node, string path, object? current)
    {
        if (node is not YamlMappingNode mapping)
            return Fail(path, $"expected a map of settings ({string.Join(", ", SettingProperties(type).Select(p => p.Key))}), found {Found(node)}");

        var record = current ?? Defaults(type, path, topLevel: false, unset);
        var all = SettingProperties(type);
        var properties = all.ToDictionary(p => p.Key, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var keyPath = $"{path}.{key}";
            if (!seen.Add(key))
            {
                ok = false;
                Fail(keyPath, "expected each key once, found it twice");
                continue;
            }

            if (!properties.TryGetValue(key, out var property))
            {
                ok = false;
                var keys = all.Select(p => p.Key).ToList();
                Fail(keyPath, $"unknown key{Suggest(key, keys)} (expected one of {string.Join(", ", keys)})");
                continue;
            }

            var value = Bind(property, property.Type, valueNode, keyPath, property.GetValue(record));
            if (value is Failed)
            {
                ok = false;
            }
            else
            {
                record = property.With(record, value);
                unset.Remove(keyPath);
            }
        }

        return ok ? record : Failed.Instance;
    }

    private bool CheckString(SettingProperty? property, string text, string path)
    {
        if (property is null)
            return true;
        if (property.Pattern is { } pattern && !pattern.Regex.IsMatch(text))
        {
            Fail(path, $"expected {pattern.Expected}, found \"{text}\"");
            return false;
        }

        if (property.IsUrl &&
            !(Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0))
        {
            Fail(path, $"expected an absolute http(s) URL, found \"{text}\"");
            return false;
        }

        if (property.IsQuantity && !Quantity.IsValid(text))
        {
            Fail(path, $"expected a Kubernetes quantity like 500m, 2Gi or 10Gi, found \"{text}\"");
            return false;
        }

        return true;
    }

    private bool CheckRange(SettingProperty? property, double value, string path)
    {
        if (property?.Range is not { } range || (value >= range.Min && value <= range.Max))
            return true;
        Fail(path, string.Create(CultureInfo.InvariantCulture, $"expected a number from {range.Min} to {range.Max}, found {value}"));
        return false;
    }

    private bool CheckDuration(SettingProperty? property, Duration value, string path)
    {
        if (property?.DurationRange is not { } range)
            return true;
        var (min, max) = range;
        if (value >= min && value <= max)
            return true;
        Fail(path, $"expected a duration from {min} to {max}, found {value}");
        return false;
    }

    private Failed Fail(string path, string message)
    {
        problems.Add(new Problem(path, message));
        return Failed.Instance;
    }

    private static bool IsSecure(YamlNode node, out string? text)
    {
        text = null;
        if (node is YamlMappingNode { Children.Count: 1 } mapping &&
            mapping.Children.First() is { Key: YamlScalarNode { Value: "secure" }, Value: YamlScalarNode value })
        {
            text = value.Value;
            return true;
        }

        return false;
    }

    private static bool IsNull(YamlScalarNode node) =>
        node.Style is ScalarStyle.Plain or ScalarStyle.Any && node.Value is null or "" or "~" or "null" or "Null" or "NULL";

    internal static bool IsRecord(Type type) => SettingsMetadata.Record(type) is not null;

    private static string Describe(Type type) =>
        type == typeof(string) ? "string"
        : type == typeof(int) ? "integer"
        : type == typeof(decimal) ? "number"
        : type == typeof(bool) ? "boolean"
        : type == typeof(Duration) ? "duration"
        : type.IsEnum ? "choice"
        : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>) ? "list"
        : type.IsGenericType ? "map"
        : "map of settings";

    private static string Article(string noun) => noun[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? $"an {noun}" : $"a {noun}";

    private static string Found(YamlNode node) => node switch
    {
        YamlScalarNode s when IsNull(s) => "null",
        YamlScalarNode s => $"\"{s.Value}\"",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a map",
        _ => node.NodeType.ToString(),
    };

    /// <summary>" (did you mean \"x\"?)" when a candidate is close to <paramref name="found"/>, else "".</summary>
    internal static string Suggest(string? found, IEnumerable<string> candidates, string prefix = "")
    {
        if (string.IsNullOrEmpty(found))
            return "";
        var best = candidates
            .Select(c => (Candidate: c, Distance: Levenshtein(found.ToLowerInvariant(), c.ToLowerInvariant())))
            .OrderBy(c => c.Distance).ThenBy(c => c.Candidate, StringComparer.Ordinal)
            .FirstOrDefault();
        var limit = Math.Max(2, found.Length / 3);
        return best.Candidate is not null && best.Distance <= limit ? $" (did you mean \"{prefix}{best.Candidate}\"?)" : "";
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}

/// <summary>Kubernetes resource quantities (<c>500m</c>, <c>2Gi</c>, <c>1.5</c>).</summary>
internal static partial class Quantity
{
    public static bool IsValid(string text) => Pattern().IsMatch(text);

    [System.Text.RegularExpressions.GeneratedRegex(@"^[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Pattern();
}
