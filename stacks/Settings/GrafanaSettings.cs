using Observability.Rules.Validation;

namespace Observability.Stacks.Settings;

/// <summary>Grafana (kube-prometheus-stack's grafana subchart). The admin password is never admin: it comes from a Secret.</summary>
public sealed record GrafanaSettings : ICheckedSettings
{
    [Range(1, 10)]
    public int Replicas { get; init; } = 1;

    [Pattern("^[a-zA-Z0-9._@-]{3,64}$", "3 to 64 letters, digits or ._@-")]
    public string AdminUser { get; init; } = "grafana-admin";

    /// <summary>The admin password; when absent the deployment generates one (Pulumi.Random) and exports it as a secret.</summary>
    public SecretValue? AdminPassword { get; init; }

    public GrafanaIngress Ingress { get; init; } = new();

    public GrafanaPersistence Persistence { get; init; } = new();

    /// <summary>An external database for Grafana's state (required with more than one replica: each pod would otherwise keep its own SQLite file).</summary>
    public GrafanaDatabase? Database { get; init; }

    public ResourceSettings Resources { get; init; } = new()
    {
        Requests = new() { Cpu = "100m", Memory = "256Mi" },
        Limits = new() { Cpu = null, Memory = "512Mi" },
    };

    public void Check(string path, ICollection<Problem> problems)
    {
        if (string.Equals(AdminUser, "admin", StringComparison.OrdinalIgnoreCase))
            problems.Add(new Problem($"{path}.adminUser", "expected a user other than the well-known \"admin\", found \"admin\""));
        if (Replicas > 1 && Database is null)
            problems.Add(new Problem($"{path}.database", $"expected an external database with {Replicas} replicas (each pod would otherwise keep its own SQLite state), found none"));
        if (Replicas > 1 && Persistence.Enabled)
            problems.Add(new Problem($"{path}.persistence.enabled", $"expected false with {Replicas} replicas (a ReadWriteOnce volume cannot be shared; use an external database), found true"));
    }
}

public enum GrafanaDatabaseType
{
    Postgres,
    Mysql,
}

/// <summary>Grafana's external database; the password is a secret (read from an environment variable, never from values).</summary>
public sealed record GrafanaDatabase
{
    public GrafanaDatabaseType Type { get; init; } = GrafanaDatabaseType.Postgres;

    [RequiredSetting("the database server as host:port, e.g. grafana-db.data.svc:5432")]
    [Pattern(@"^[a-zA-Z0-9]([-a-zA-Z0-9.]*[a-zA-Z0-9])?:[0-9]{1,5}$", "host:port like grafana-db.data.svc:5432")]
    public required string Host { get; init; }

    [Pattern("^[a-zA-Z0-9_]{1,63}$", "a database name")]
    public string Name { get; init; } = "grafana";

    [Pattern("^[a-zA-Z0-9_.-]{1,63}$", "a database user")]
    public string User { get; init; } = "grafana";

    [RequiredSetting("the database password: pulumi config set --secret --path 'grafana.database.password' <password>")]
    public required SecretValue Password { get; init; }

    /// <summary>Postgres ssl_mode (disable, require, verify-full).</summary>
    [Pattern("^(disable|require|verify-ca|verify-full)$", "disable, require, verify-ca or verify-full")]
    public string SslMode { get; init; } = "require";
}

/// <summary>Grafana's ingress.</summary>
public sealed record GrafanaIngress : ICheckedSettings
{
    public bool Enabled { get; init; }

    [Pattern(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$", "a host name like grafana.example.com")]
    public string? Host { get; init; }

    [Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", "an IngressClass name like nginx")]
    public string? ClassName { get; init; }

    /// <summary>The TLS Secret (e.g. from cert-manager); null serves plain HTTP.</summary>
    [Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", "a Secret name like grafana-tls")]
    public string? TlsSecretName { get; init; }

    public void Check(string path, ICollection<Problem> problems)
    {
        if (Enabled && Host is null)
            problems.Add(new Problem($"{path}.host", "expected a host name when the ingress is enabled, found none"));
    }
}

/// <summary>Grafana's own volume (for its SQLite database).</summary>
public sealed record GrafanaPersistence
{
    public bool Enabled { get; init; }

    [Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", "a StorageClass name like gp3")]
    public string? StorageClass { get; init; }

    [Quantity]
    public string Size { get; init; } = "10Gi";
}
