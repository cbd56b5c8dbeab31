using Observability.Rules.Model;
using Observability.Rules.Validation;

namespace Observability.Stacks.Settings;

public enum LokiMode
{
    /// <summary>One binary (SingleBinary), filesystem or object storage.</summary>
    Monolithic,

    /// <summary>Microservices (Distributed), object storage only.</summary>
    Distributed,
}

public enum LokiStorageType
{
    Filesystem,
    S3,
}

/// <summary>Loki: schema v13 with the tsdb index, always.</summary>
public sealed record LokiSettings : ICheckedSettings
{
    public LokiMode Mode { get; init; } = LokiMode.Monolithic;

    /// <summary>How long logs are kept (a whole number of days: the index period is 24h).</summary>
    [DurationRange("1d", "3650d")]
    public Duration Retention { get; init; } = Duration.Days(7);

    /// <summary>Replicas of each Loki component (ingester, distributor, querier, ...); monolithic with filesystem storage needs 1.</summary>
    [Range(1, 10)]
    public int Replicas { get; init; } = 1;

    public LokiStorage Storage { get; init; } = new();

    public ResourceSettings Resources { get; init; } = new()
    {
        Requests = new() { Cpu = "100m", Memory = "256Mi" },
        Limits = new() { Cpu = null, Memory = "1Gi" },
    };

    /// <summary>The memcached chunks cache in front of object storage (distributed mode).</summary>
    public LokiCacheSettings ChunksCache { get; init; } = new() { MemoryMb = 1024 };

    /// <summary>The memcached cache of query results (distributed mode).</summary>
    public LokiCacheSettings ResultsCache { get; init; } = new() { MemoryMb = 256 };

    public void Check(string path, ICollection<Problem> problems)
    {
        if (Retention.Milliseconds % Duration.Days(1).Milliseconds != 0)
            problems.Add(new Problem($"{path}.retention", $"expected a whole number of days (Loki's index period is 24h), found {Retention}"));
        if (Mode == LokiMode.Distributed && Storage.Type != LokiStorageType.S3)
            problems.Add(new Problem($"{path}.storage.type", "expected s3 for the distributed mode (object storage shared by every component), found filesystem"));
        if (Storage.Type == LokiStorageType.Filesystem && Replicas != 1)
            problems.Add(new Problem($"{path}.replicas", $"expected 1 with filesystem storage (one volume, one writer), found {Replicas}"));
        if (Storage.Type == LokiStorageType.S3 && Storage.S3 is null)
            problems.Add(new Problem($"{path}.storage.s3", "expected the bucket settings (endpoint, region, buckets, credentials) for s3 storage, found none"));
    }
}

/// <summary>One of Loki's memcached caches (the chart's <c>chunksCache</c> / <c>resultsCache</c>), deployed in the distributed mode.</summary>
public sealed record LokiCacheSettings
{
    /// <summary>Memory for cached items in MiB (memcached's <c>-m</c>); each pod requests and is limited to 1.2 × this.</summary>
    [Range(64, 65536)]
    public int MemoryMb { get; init; } = 1024;

    [Range(1, 10)]
    public int Replicas { get; init; } = 1;
}

/// <summary>Where Loki keeps chunks and index.</summary>
public sealed record LokiStorage
{
    public LokiStorageType Type { get; init; } = LokiStorageType.Filesystem;

    /// <summary>Size of the volume for filesystem storage (and otherwise of each ingester's write-ahead log volume and the compactor's working volume).</summary>
    [Quantity]
    public string Size { get; init; } = "10Gi";

    [Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", "a StorageClass name like gp3")]
    public string? StorageClass { get; init; }

    public S3Storage? S3 { get; init; }
}

/// <summary>An S3-compatible bucket (AWS S3, MinIO, Ceph, R2...). Credentials are secrets.</summary>
public sealed record S3Storage
{
    /// <summary>The endpoint; null means AWS S3 in <see cref="Region"/>.</summary>
    [Url]
    public string? Endpoint { get; init; }

    [Pattern("^[a-z0-9-]{2,32}$", "a region like eu-west-1")]
    public string Region { get; init; } = "us-east-1";

    [RequiredSetting("the bucket for chunks and index, e.g. acme-loki-chunks")]
    [Pattern("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", "an S3 bucket name")]
    public required string ChunksBucket { get; init; }

    [RequiredSetting("the bucket for ruler state, e.g. acme-loki-ruler")]
    [Pattern("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", "an S3 bucket name")]
    public required string RulerBucket { get; init; }

    public bool ForcePathStyle { get; init; }

    [RequiredSetting("the access key id: pulumi config set --secret --path 'loki.storage.s3.accessKeyId' <id>")]
    public required SecretValue AccessKeyId { get; init; }

    [RequiredSetting("the secret access key: pulumi config set --secret --path 'loki.storage.s3.secretAccessKey' <key>")]
    public required SecretValue SecretAccessKey { get; init; }
}

public enum LogAgentKind
{
    /// <summary>Grafana Alloy, Promtail's successor.</summary>
    Alloy,

    /// <summary>Promtail: end of life since 2026-03-02; still what the operator docs describe.</summary>
    Promtail,
}
