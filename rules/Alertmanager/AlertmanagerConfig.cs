using Observability.Rules.Model;

namespace Observability.Rules.Alertmanager;

/// <summary>SMTP settings shared by every email receiver (<c>global.smtp_*</c>).</summary>
public sealed record SmtpSettings
{
    /// <summary><c>host:port</c>, e.g. <c>smtp.example.org:587</c>.</summary>
    public required string Smarthost { get; init; }

    public required string From { get; init; }

    public string? AuthUsername { get; init; }

    /// <summary><c>smtp_auth_password_file</c>; required when <see cref="AuthUsername"/> is set.</summary>
    public SecretRef? AuthPassword { get; init; }

    public bool RequireTls { get; init; } = true;
}

/// <summary>The <c>global:</c> section.</summary>
public sealed record GlobalConfig
{
    public Duration? ResolveTimeout { get; init; }

    public SmtpSettings? Smtp { get; init; }
}

/// <summary>
/// A whole Alertmanager configuration (<c>alertmanager.yaml</c>) and the template files it loads.
/// Build it with the fluent methods; write it with <see cref="AlertmanagerYaml"/>; check it with <see cref="RoutingChecks"/>.
/// </summary>
public sealed record AlertmanagerConfig
{
    public GlobalConfig Global { get; init; } = new();

    public required Route Route { get; init; }

    public IReadOnlyList<Receiver> Receivers { get; init; } = [];

    public IReadOnlyList<InhibitRule> InhibitRules { get; init; } = [];

    public IReadOnlyList<TimeInterval> TimeIntervals { get; init; } = [];

    /// <summary>Globs of template files Alertmanager loads (<c>templates:</c>).</summary>
    public IReadOnlyList<string> Templates { get; init; } = [];

    /// <summary>
    /// Template files to ship beside the config, file name → content (kube-prometheus-stack
    /// <c>alertmanager.templateFiles</c>, mounted in <c>/etc/alertmanager/config/</c>). Not part of <c>alertmanager.yaml</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> TemplateFiles { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    public static AlertmanagerConfig Create(Route route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return new AlertmanagerConfig { Route = route };
    }

    public AlertmanagerConfig WithGlobal(GlobalConfig global) => this with { Global = global };

    public AlertmanagerConfig Receiver(Receiver receiver) => this with { Receivers = [.. Receivers, receiver] };

    public AlertmanagerConfig Inhibit(InhibitRule rule) => this with { InhibitRules = [.. InhibitRules, rule] };

    public AlertmanagerConfig TimeInterval(TimeInterval interval) => this with { TimeIntervals = [.. TimeIntervals, interval] };

    public AlertmanagerConfig Template(string glob) => this with { Templates = [.. Templates, glob] };

    public AlertmanagerConfig TemplateFile(string fileName, string content)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(content);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, text) in TemplateFiles)
            files[name] = text;
        files[fileName] = content;
        return this with { TemplateFiles = files };
    }

    /// <summary>Every secret the configuration reads, once each, ordered by Secret name then key.</summary>
    public IReadOnlyList<SecretRef> SecretReferences() =>
        Receivers.SelectMany(r => r.SecretReferences())
            .Concat(Global.Smtp?.AuthPassword is { } password ? [password] : [])
            .Distinct()
            .OrderBy(s => s.SecretName, StringComparer.Ordinal)
            .ThenBy(s => s.Key, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The Kubernetes Secrets to create and mount (Alertmanager <c>spec.secrets</c>), each with exactly the keys the
    /// configuration reads. Empty when the configuration needs no secret.
    /// </summary>
    public IReadOnlyList<RequiredSecret> RequiredSecrets() =>
        SecretReferences()
            .GroupBy(s => s.SecretName, StringComparer.Ordinal)
            .Select(g => new RequiredSecret(g.Key, g.Select(s => s.Key).Distinct(StringComparer.Ordinal).ToList()))
            .ToList();

    /// <summary>
    /// The receivers an alert with these labels is sent to, in the order Alertmanager notifies them
    /// (the same answer as <c>amtool config routes test</c>).
    /// </summary>
    public IReadOnlyList<string> ReceiversFor(IReadOnlyDictionary<string, string> labels) =>
        RouteResolver.Resolve(Route, labels).Select(m => m.Receiver).ToList();

    /// <summary>True when any of the firing <paramref name="sources"/> mutes <paramref name="target"/> through an inhibit rule.</summary>
    public bool IsInhibited(IReadOnlyDictionary<string, string> target, IEnumerable<IReadOnlyDictionary<string, string>> sources)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(sources);
        var firing = sources.ToList();
        return InhibitRules.Any(rule => firing.Any(source => rule.Inhibits(source, target)));
    }
}
