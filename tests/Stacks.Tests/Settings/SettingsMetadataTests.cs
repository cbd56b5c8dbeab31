using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using Observability.Rules.Model;
using Observability.Stacks.Settings;

namespace Observability.Stacks.Tests.Settings;

/// <summary>
/// The binder reads generated tables (stacks/Generators) instead of reflecting over the settings records at run time. Here
/// reflection, which the binder no longer uses, checks the tables against the records: every record reachable from
/// <see cref="StackSettings"/>, every settable property in declaration order with its key, type, <c>required</c> and
/// attributes, and the generated getters, setters, constructors and collection factories behave as the records do.
/// </summary>
public sealed class SettingsMetadataTests
{
    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.SetMethod is { IsPublic: true })
            .OrderBy(p => p.MetadataToken);

    /// <summary>The settings records reachable from <see cref="StackSettings"/> through properties, lists and maps.</summary>
    private static HashSet<Type> ReachableRecords()
    {
        var found = new HashSet<Type>();
        var queue = new Queue<Type>([typeof(StackSettings)]);
        while (queue.TryDequeue(out var type))
        {
            if (!found.Add(type))
                continue;
            foreach (var property in Settable(type))
            {
                foreach (var reached in Leaves(property.PropertyType))
                {
                    if (reached.IsClass && reached.Namespace == typeof(StackSettings).Namespace && reached.GetMethod("<Clone>$") is not null)
                        queue.Enqueue(reached);
                }
            }
        }

        return found;
    }

    private static IEnumerable<Type> Leaves(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(ImmutableArray<>) || type.GetGenericTypeDefinition() == typeof(ImmutableSortedDictionary<,>)))
            return Leaves(type.GetGenericArguments()[^1]);
        return [type];
    }

    [Fact]
    public void Every_reachable_record_has_generated_metadata_and_no_other_type_does()
    {
        var reachable = ReachableRecords();
        Assert.True(reachable.Count >= 40, $"expected the settings records, found {reachable.Count}");
        Assert.Equal(reachable.Select(t => t.FullName).Order(StringComparer.Ordinal), SettingsMetadata.Records.Select(r => r.Type.FullName).Order(StringComparer.Ordinal));
        Assert.Equal(typeof(StackSettings), SettingsMetadata.Records.First().Type);
        Assert.Null(SettingsMetadata.Record(typeof(SecretValue)));
        Assert.Null(SettingsMetadata.Record(typeof(string)));
    }

    [Fact]
    public void Each_records_properties_match_its_declaration_keys_types_required_and_attributes()
    {
        foreach (var record in SettingsMetadata.Records)
        {
            var declared = Settable(record.Type).ToList();
            Assert.Equal(declared.Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]), record.Properties.Select(p => p.Key));
            foreach (var (info, property) in declared.Zip(record.Properties))
            {
                var name = $"{record.Type.Name}.{info.Name}";
                Assert.True(info.PropertyType == property.Type, $"{name}: type {property.Type} is not {info.PropertyType}");
                Assert.True(info.IsDefined(typeof(RequiredMemberAttribute)) == property.IsRequired, $"{name}: required");
                Assert.True(info.GetCustomAttribute<RequiredSettingAttribute>()?.Hint == property.RequiredHint, $"{name}: hint");
                var pattern = info.GetCustomAttribute<PatternAttribute>();
                Assert.True(pattern?.Regex.ToString() == property.Pattern?.Regex.ToString() && pattern?.Expected == property.Pattern?.Expected, $"{name}: pattern");
                Assert.True(info.IsDefined(typeof(UrlAttribute)) == property.IsUrl, $"{name}: url");
                Assert.True(info.IsDefined(typeof(QuantityAttribute)) == property.IsQuantity, $"{name}: quantity");
                var range = info.GetCustomAttribute<RangeAttribute>();
                Assert.True((range?.Min, range?.Max) == (property.Range?.Min, property.Range?.Max), $"{name}: range");
                var durations = info.GetCustomAttribute<DurationRangeAttribute>();
                Assert.True(
                    (durations is null ? null : ((Duration, Duration)?)(Duration.Parse(durations.Min), Duration.Parse(durations.Max))) == property.DurationRange,
                    $"{name}: duration range");
            }
        }
    }

    [Fact]
    public void Generated_accessors_read_and_copy_the_records_as_reflection_does()
    {
        var settings = SettingsInCodeTests.Minimal();
        var environment = SettingsBinder.SettingProperties(typeof(StackSettings)).Single(p => p.Key == "environment");
        Assert.Equal("platform", environment.GetValue(settings));
        var renamed = (StackSettings)environment.With(settings, "staging");
        Assert.Equal("staging", renamed.Environment);
        Assert.Equal("platform", settings.Environment);
        Assert.Equal(settings with { Environment = "staging" }, renamed);

        foreach (var record in SettingsMetadata.Records)
        {
            var created = record.Create();
            Assert.IsType(record.Type, created);
            foreach (var (info, property) in Settable(record.Type).Zip(record.Properties))
                Assert.Equal(info.GetValue(created), property.GetValue(created));
        }
    }

    [Fact]
    public void List_and_map_factories_build_the_declared_collection_types()
    {
        var strings = SettingsMetadata.List(typeof(ImmutableArray<string>));
        Assert.NotNull(strings);
        Assert.Equal(["a", "b"], ((ImmutableArray<string>)strings.Create(["a", "b"])).ToArray());
        Assert.True(strings.IsDefault(default(ImmutableArray<string>)));
        Assert.False(strings.IsDefault(ImmutableArray<string>.Empty));

        var map = SettingsMetadata.Map(typeof(ImmutableSortedDictionary<string, string>));
        Assert.NotNull(map);
        var built = (ImmutableSortedDictionary<string, string>)map([new("b", "2"), new("a", "1")]);
        Assert.Equal(["a", "b"], built.Keys);
        Assert.Same(StringComparer.Ordinal, built.KeyComparer);

        foreach (var property in SettingsMetadata.Records.SelectMany(r => r.Properties))
        {
            var type = Nullable.GetUnderlyingType(property.Type) ?? property.Type;
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
                Assert.True(SettingsMetadata.List(type) is not null, $"{property.Key}: no list factory for {type}");
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableSortedDictionary<,>))
                Assert.True(SettingsMetadata.Map(type) is not null, $"{property.Key}: no map factory for {type}");
        }
    }
}
