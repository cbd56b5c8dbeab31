using Observability.Rules.Model;
using Observability.Rules.Validation;

namespace Observability.Stacks.Settings;

public enum JaegerStorageType
{
    Memory,
    Badger,
    Elasticsearch,
    Opensearch,
}

/// <summary>Jaeger v2 (OTLP gRPC 4317, HTTP 4318).</summary>
public sealed record JaegerSettings : ICheckedSettings
{
    /// <summary>The retention when <see cref="Retention"/> is not set (Badger, Elasticsearch and OpenSearch).</summary>
    public static readonly Duration DefaultRetention = Duration.Days(3);

    /// <summary>
    /// How long traces are kept: the TTL of Badger's spans, the number of daily indices the index cleaner keeps for
    /// Elasticsearch/OpenSearch (whole days). Memory storage cannot honour a retention (it keeps the newest
    /// <see cref="JaegerStorage.MaxTraces"/> traces and loses them on restart), so setting one there is an error.
    /// Unset means <see cref="DefaultRetention"/>.
    /// </summary>
    [DurationRange("1h", "365d")]
    public Duration? Retention { get; init; }

    [Range(1, 10)]
    public int Replicas { get; init; } = 1;

    public JaegerStorage Storage { get; init; } = new();

    public ResourceSettings Resources { get; init; } = new()
    {
        Requests = new() { Cpu = "100m", Memory = "256Mi" },
        Limits = new() { Cpu = null, Memory = "1Gi" },
    };

    /// <summary>True for Elasticsearch and OpenSearch (shared, external storage).</summary>
    public bool ExternalStorage => Storage.Type is JaegerStorageType.Elasticsearch or JaegerStorageType.Opensearch;

    /// <summary>The retention in force (<see cref="Retention"/> or <see cref="DefaultRetention"/>).</summary>
    public Duration EffectiveRetention => Retention ?? DefaultRetention;

    public void Check(string path, ICollection<Problem> problems)
    {
        var type = Storage.Type.ToString().ToLowerInvariant();
        if (Storage.Type == JaegerStorageType.Badger && Replicas != 1)
            problems.Add(new Problem($"{path}.replicas", $"expected 1 with badger storage (one writer holds the volume and its directory lock, so it can neither run twice nor roll), found {Replicas}"));
        if (Storage.Type == JaegerStorageType.Memory && Replicas != 1)
            problems.Add(new Problem($"{path}.replicas", $"expected 1 with memory storage (it lives inside one pod), found {Replicas}"));
        if (Storage.Type == JaegerStorageType.Memory && Retention is { } retention)
            problems.Add(new Problem($"{path}.retention", $"expected no retention with memory storage (it keeps the newest storage.maxTraces traces and loses them on restart; use badger for a TTL), found {retention}"));
        if (ExternalStorage && Retention is { } days && days.Milliseconds % Duration.Days(1).Milliseconds != 0)
            problems.Add(new Problem($"{path}.retention", $"expected a whole number of days with {type} storage (the index cleaner deletes daily indices), found {days}"));
        if (ExternalStorage && Storage.Elasticsearch is null)
            problems.Add(new Problem($"{path}.storage.elasticsearch", $"expected the cluster settings (url, username, password) for {type} storage, found none"));
    }
}

/// <summary>Where Jaeger keeps traces.</summary>
public sealed record JaegerStorage
{
    public JaegerStorageType Type { get; init; } = JaegerStorageType.Memory;

    /// <summary>Traces kept in memory (memory storage).</summary>
    [Range(1000, 10_000_000)]
    public int MaxTraces { get; init; } = 100_000;

    /// <summary>Volume size for Badger.</summary>
    [Quantity]
    public string Size { get; init; } = "10Gi";

    [Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", "a StorageClass name like gp3")]
    public string? StorageClass { get; init; }

    /// <summary>Elasticsearch or OpenSearch cluster (same settings for both).</summary>
    public ElasticsearchStorage? Elasticsearch { get; init; }
}

/// <summary>An Elasticsearch/OpenSearch cluster; the password is a secret.</summary>
public sealed record ElasticsearchStorage
{
    [RequiredSetting("the cluster URL, e.g. https://opensearch.example:9200")]
    [Url]
    public required string Url { get; init; }

    [Pattern("^[a-zA-Z0-9._-]{1,64}$", "a user name")]
    public string Username { get; init; } = "jaeger";

    [RequiredSetting("the password: pulumi config set --secret --path 'jaeger.storage.elasticsearch.password' <password>")]
    public required SecretValue Password { get; init; }

    [Pattern("^[a-z0-9][a-z0-9_-]{0,30}$", "a lowercase index prefix")]
    public string IndexPrefix { get; init; } = "jaeger";
}
