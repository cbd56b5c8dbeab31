using System.Collections.Immutable;
using Observability.Rules.Model;
using Observability.Rules.Slo;
using Observability.Rules.Validation;

namespace Observability.Stacks.Settings;

/// <summary>The platform SLOs (rules/Slo): objectives, periods and the <c>for</c> of their alerts.</summary>
public sealed record SloSettings : ICheckedSettings
{
    /// <summary>Default <c>for</c> of page (fast-burn) alerts.</summary>
    [DurationRange("0s", "1h")]
    public Duration PageFor { get; init; } = Duration.Minutes(2);

    /// <summary>Default <c>for</c> of ticket (slow-burn) alerts.</summary>
    [DurationRange("0s", "6h")]
    public Duration TicketFor { get; init; } = Duration.Minutes(10);

    /// <summary>Default <c>for</c> of no-data alerts.</summary>
    [DurationRange("0s", "6h")]
    public Duration NoDataFor { get; init; } = Duration.Minutes(10);

    /// <summary>Per SLO (api-availability, api-latency, api-error-rate, agent-success).</summary>
    [Pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", "an SLO name like api-availability")]
    public ImmutableSortedDictionary<string, SloOverride> Objectives { get; init; } = ImmutableSortedDictionary<string, SloOverride>.Empty;

    /// <summary>Each objective names a platform SLO (<see cref="PlatformSlos.Names"/>).</summary>
    public void Check(string path, ICollection<Problem> problems)
    {
        foreach (var name in Objectives.Keys.Where(n => !PlatformSlos.Names.Contains(n)))
            problems.Add(new Problem($"{path}.objectives.{name}", $"unknown SLO{SettingsBinder.Suggest(name, PlatformSlos.Names)} (expected one of {string.Join(", ", PlatformSlos.Names)})"));
    }
}

/// <summary>One SLO's overrides.</summary>
public sealed record SloOverride
{
    /// <summary>The objective in percent, e.g. 99.9.</summary>
    [Range(50, 99.999)]
    public decimal? Objective { get; init; }

    /// <summary>The SLO period (e.g. 30d, 28d, 7d).</summary>
    [DurationRange("1d", "90d")]
    public Duration? Period { get; init; }

    /// <summary>The <c>for</c> of the page (fast-burn) alert.</summary>
    [DurationRange("0s", "1h")]
    public Duration? PageFor { get; init; }

    /// <summary>The <c>for</c> of the ticket (slow-burn) alert.</summary>
    [DurationRange("0s", "6h")]
    public Duration? TicketFor { get; init; }
}
