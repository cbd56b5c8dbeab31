using System.Collections.Immutable;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Xunit.Sdk;

namespace Observability.EndToEnd.Tests.Harness;

/// <summary>Prometheus' HTTP API (<c>/api/v1/rules</c>, <c>/api/v1/alerts</c>, <c>/api/v1/query</c>).</summary>
public sealed class PrometheusApi(HttpClient http, Uri baseUrl)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<RuleGroupStatus>> RulesAsync() =>
        (await GetAsync<RulesData>("/api/v1/rules").ConfigureAwait(false)).Groups;

    public async Task<IReadOnlyList<ActiveAlert>> AlertsAsync() =>
        (await GetAsync<AlertsData>("/api/v1/alerts").ConfigureAwait(false)).Alerts;

    /// <summary>The URLs of the Alertmanagers Prometheus currently sends to (<c>/api/v1/alertmanagers</c>, active ones).</summary>
    public async Task<IReadOnlyList<string>> ActiveAlertmanagersAsync() =>
        [.. (await GetAsync<AlertmanagersData>("/api/v1/alertmanagers").ConfigureAwait(false)).ActiveAlertmanagers.Select(a => a.Url)];

    /// <summary>An instant query; returns each series' labels and value.</summary>
    public async Task<IReadOnlyList<(ImmutableDictionary<string, string> Labels, double Value)>> QueryAsync(string promql)
    {
        var data = await GetAsync<QueryData>("/api/v1/query?query=" + Uri.EscapeDataString(promql)).ConfigureAwait(false);
        return data.Result
            .Select(r => (r.Metric, ParseSample(r.Value[1].GetString()!)))
            .ToList();
    }

    /// <summary>Every value of a label across all series, e.g. every metric name (<c>__name__</c>).</summary>
    public async Task<IReadOnlyList<string>> LabelValuesAsync(string label) =>
        await GetAsync<ImmutableArray<string>>($"/api/v1/label/{Uri.EscapeDataString(label)}/values").ConfigureAwait(false);

    /// <summary>A sample value as Prometheus writes it (<c>NaN</c>, <c>+Inf</c> and <c>-Inf</c> included).</summary>
    public static double ParseSample(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };

    private async Task<T> GetAsync<T>(string path)
    {
        var envelope = await http.GetFromJsonAsync<Envelope<T>>(new Uri(baseUrl, path), Json).ConfigureAwait(false);
        if (envelope is not { Status: "success", Data: { } data })
            throw new XunitException($"GET {path} answered status {envelope?.Status}: {envelope?.Error}");
        return data;
    }

    private sealed record Envelope<T>(string Status, T? Data, string? Error);

    private sealed record RulesData(ImmutableArray<RuleGroupStatus> Groups);

    private sealed record AlertsData(ImmutableArray<ActiveAlert> Alerts);

    private sealed record AlertmanagersData(ImmutableArray<AlertmanagerUrl> ActiveAlertmanagers);

    private sealed record AlertmanagerUrl(string Url);

    private sealed record QueryData(string ResultType, ImmutableArray<QuerySample> Result);

    private sealed record QuerySample(ImmutableDictionary<string, string> Metric, ImmutableArray<JsonElement> Value);
}

/// <summary>A rule group as <c>/api/v1/rules</c> reports it.</summary>
public sealed record RuleGroupStatus
{
    public required string Name { get; init; }

    public string File { get; init; } = "";

    public double Interval { get; init; }

    public ImmutableArray<RuleStatus> Rules { get; init; } = [];
}

/// <summary>One rule as <c>/api/v1/rules</c> reports it: <c>type</c> is <c>alerting</c> or <c>recording</c>.</summary>
public sealed record RuleStatus
{
    public required string Name { get; init; }

    public required string Type { get; init; }

    public string Query { get; init; } = "";

    public string Health { get; init; } = "";

    public string? LastError { get; init; }

    /// <summary>For alerting rules: <c>inactive</c>, <c>pending</c> or <c>firing</c>.</summary>
    public string? State { get; init; }

    /// <summary>For alerting rules: the <c>for</c> duration in seconds.</summary>
    public double Duration { get; init; }

    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;

    public ImmutableDictionary<string, string> Annotations { get; init; } = ImmutableDictionary<string, string>.Empty;

    public ImmutableArray<ActiveAlert> Alerts { get; init; } = [];
}

/// <summary>An alert as <c>/api/v1/alerts</c> reports it (<c>state</c> is <c>pending</c> or <c>firing</c>).</summary>
public sealed record ActiveAlert
{
    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;

    public ImmutableDictionary<string, string> Annotations { get; init; } = ImmutableDictionary<string, string>.Empty;

    public required string State { get; init; }

    public DateTimeOffset? ActiveAt { get; init; }

    public string Value { get; init; } = "";

    [JsonIgnore]
    public string Name => Labels.GetValueOrDefault("alertname", "");

    public override string ToString() =>
        $"{State} {{{string.Join(", ", Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\""))}}} value={Value}";
}

/// <summary>Alertmanager's v2 API: its alerts (with inhibition and silence state) and silences.</summary>
public sealed class AlertmanagerApi(HttpClient http, Uri baseUrl)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<AmAlert>> AlertsAsync() =>
        await http.GetFromJsonAsync<ImmutableArray<AmAlert>>(new Uri(baseUrl, "/api/v2/alerts"), Json).ConfigureAwait(false);

    public async Task<IReadOnlyList<AmSilence>> SilencesAsync() =>
        await http.GetFromJsonAsync<ImmutableArray<AmSilence>>(new Uri(baseUrl, "/api/v2/silences"), Json).ConfigureAwait(false);

    /// <summary>Creates a silence of exact-match <paramref name="matchers"/> for <paramref name="duration"/>; returns its id.</summary>
    public async Task<string> CreateSilenceAsync(IReadOnlyDictionary<string, string> matchers, TimeSpan duration, string comment)
    {
        var now = DateTimeOffset.UtcNow;
        var body = new
        {
            matchers = matchers.Select(m => new { name = m.Key, value = m.Value, isRegex = false, isEqual = true }).ToArray(),
            startsAt = now,
            endsAt = now + duration,
            createdBy = "observability end-to-end tests",
            comment,
        };
        using var response = await http.PostAsJsonAsync(new Uri(baseUrl, "/api/v2/silences"), body, Json).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new XunitException($"Creating a silence failed with {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("silenceID").GetString()!;
    }
}

public sealed record AmAlert
{
    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;

    public ImmutableDictionary<string, string> Annotations { get; init; } = ImmutableDictionary<string, string>.Empty;

    public required AmAlertStatus Status { get; init; }

    public ImmutableArray<AmReceiver> Receivers { get; init; } = [];

    [JsonIgnore]
    public string Name => Labels.GetValueOrDefault("alertname", "");

    public override string ToString() =>
        $"{Status.State} inhibitedBy=[{string.Join(',', Status.InhibitedBy)}] silencedBy=[{string.Join(',', Status.SilencedBy)}] " +
        $"{{{string.Join(", ", Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\""))}}}";
}

/// <summary><c>state</c> is <c>active</c>, <c>suppressed</c> or <c>unprocessed</c>.</summary>
public sealed record AmAlertStatus(string State, ImmutableArray<string> InhibitedBy, ImmutableArray<string> SilencedBy);

public sealed record AmReceiver(string Name);

public sealed record AmSilence
{
    public required string Id { get; init; }

    public required AmSilenceStatus Status { get; init; }

    public string Comment { get; init; } = "";

    public ImmutableArray<AmMatcher> Matchers { get; init; } = [];
}

public sealed record AmSilenceStatus(string State);

public sealed record AmMatcher(string Name, string Value, bool IsRegex, bool IsEqual);
