using System.Collections.Immutable;
using Observability.Rules.Model;

namespace Observability.Stacks.Settings;

/// <summary>
/// What the binder knows of the settings types, generated at compile time from the records themselves
/// (stacks/Generators, <c>SettingsMetadataGenerator</c>): no reflection over the records at run time.
/// </summary>
internal static partial class SettingsMetadata
{
    /// <summary>The settings record <paramref name="type"/> (reachable from <see cref="StackSettings"/>), or null for any other type.</summary>
    public static SettingsRecord? Record(Type type) => RecordTable.GetValueOrDefault(type);

    /// <summary>Every settings record, <see cref="StackSettings"/> first, then in the order its properties reach them.</summary>
    public static IEnumerable<SettingsRecord> Records => RecordTable.Values;

    /// <summary>The list type <paramref name="type"/> (an <c>ImmutableArray&lt;T&gt;</c> some setting has), or null.</summary>
    public static SettingsListType? List(Type type) => ListTable.GetValueOrDefault(type);

    /// <summary>Creates the map type <paramref name="type"/> (an <c>ImmutableSortedDictionary&lt;string, T&gt;</c> some setting has) from its entries, or null.</summary>
    public static Func<IReadOnlyList<KeyValuePair<string, object?>>, object>? Map(Type type) => MapTable.GetValueOrDefault(type);
}

/// <summary>A settings record: how to create one with every required member unset, and its properties in declaration order.</summary>
internal sealed class SettingsRecord(Type type, Func<object> create, ImmutableArray<SettingProperty> properties)
{
    public Type Type { get; } = type;

    /// <summary>A new record: every initializer applied, every <c>required</c> member null or default.</summary>
    public object Create() => create();

    public ImmutableArray<SettingProperty> Properties { get; } = properties;
}

/// <summary>An <c>ImmutableArray&lt;T&gt;</c> of settings: its factory and its uninitialized-value test.</summary>
internal sealed class SettingsListType(Func<IReadOnlyList<object?>, object> create, Func<object, bool> isDefault)
{
    public object Create(IReadOnlyList<object?> items) => create(items);

    /// <summary>True for <c>default(ImmutableArray&lt;T&gt;)</c>, which code can pass and nothing can enumerate.</summary>
    public bool IsDefault(object value) => isDefault(value);
}

/// <summary>One property of a settings record, with what its attributes ask of its value.</summary>
internal sealed class SettingProperty(string key, Type type, Func<object, object?> get, Func<object, object?, object> with)
{
    /// <summary>The camelCase key.</summary>
    public string Key { get; } = key;

    public Type Type { get; } = type;

    /// <summary>The value on <paramref name="record"/>.</summary>
    public object? GetValue(object record) => get(record);

    /// <summary>A copy of <paramref name="record"/> with this property set to <paramref name="value"/> (a <c>with</c> expression).</summary>
    public object With(object record, object? value) => with(record, value);

    /// <summary>A C# <c>required</c> member: a value with no default, set by code or filled by the binder.</summary>
    public bool IsRequired { get; init; }

    /// <summary>What to set when it is missing (<see cref="RequiredSettingAttribute"/>); null for a required section with defaults of its own.</summary>
    public string? RequiredHint { get; init; }

    public PatternAttribute? Pattern { get; init; }

    public bool IsUrl { get; init; }

    public bool IsQuantity { get; init; }

    public RangeAttribute? Range { get; init; }

    public (Duration Min, Duration Max)? DurationRange { get; init; }
}
