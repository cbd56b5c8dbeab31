using System.Text.Json;
using System.Text.Json.Serialization;

namespace Observability.Stacks.ReferenceData;

/// <summary>
/// The committed lock (stacks/ReferenceData/reference.lock.json, embedded): which chart packages and which OpenAPI document
/// the reference data comes from, and the sha256 of every file <c>reference fetch</c> writes.
/// </summary>
public sealed record ReferenceLock
{
    public required IReadOnlyList<LockedChart> Charts { get; init; }

    public required LockedKubernetes Kubernetes { get; init; }

    /// <summary>Every file the lock names, with its digest.</summary>
    public IEnumerable<LockedFile> Files =>
        Charts.SelectMany(c => c.Files.Cast<LockedFile>().Concat((c.Crds ?? []).SelectMany(crd => new[] { crd.Faithful, crd.Strict })))
            .Concat(Kubernetes.Schemas);

    /// <summary>The lock this build carries.</summary>
    public static ReferenceLock Embedded { get; } = Load();

    private static ReferenceLock Load()
    {
        using var stream = typeof(ReferenceLock).Assembly.GetManifestResourceStream("Observability.Stacks.ReferenceData.reference.lock.json")
            ?? throw new InvalidOperationException("the embedded reference.lock.json is missing");
        return Parse(stream);
    }

    public static ReferenceLock Parse(Stream json) =>
        JsonSerializer.Deserialize(json, ReferenceLockJson.Default.ReferenceLock) ?? throw new InvalidDataException("reference.lock.json is empty");
}

/// <summary>A file the command writes: its path under the output folder and its sha256 (lower-case hex).</summary>
public record LockedFile
{
    public required string Path { get; init; }

    public required string Sha256 { get; init; }
}

/// <summary>A file copied byte for byte from a chart package (<c>entry</c> is its path inside the chart folder).</summary>
public sealed record LockedChartFile : LockedFile
{
    public required string Entry { get; init; }
}

/// <summary>A CRD manifest in a chart package, and the faithful and strict schemas derived from it.</summary>
public sealed record LockedCrd
{
    public required string Entry { get; init; }

    public required string Kind { get; init; }

    public required LockedFile Faithful { get; init; }

    public required LockedFile Strict { get; init; }
}

/// <summary>A pinned chart: its Helm repository (index.yaml → .tgz) and what is taken from its package.</summary>
public sealed record LockedChart
{
    public required string Name { get; init; }

    public required string Version { get; init; }

    public required string Repository { get; init; }

    public required IReadOnlyList<LockedChartFile> Files { get; init; }

    public IReadOnlyList<LockedCrd>? Crds { get; init; }
}

/// <summary>The Kubernetes OpenAPI v2 document (its URL and sha256) and the schemas derived from its definitions.</summary>
public sealed record LockedKubernetes
{
    public required string Openapi { get; init; }

    public required string Sha256 { get; init; }

    public required IReadOnlyList<LockedSchema> Schemas { get; init; }
}

/// <summary>A Kubernetes schema: the OpenAPI definition it is derived from.</summary>
public sealed record LockedSchema : LockedFile
{
    public required string Definition { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(ReferenceLock))]
internal sealed partial class ReferenceLockJson : JsonSerializerContext;
