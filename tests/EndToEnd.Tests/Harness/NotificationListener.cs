using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Observability.EndToEnd.Tests.Harness;

/// <summary>
/// Stands in for every notification service on 127.0.0.1: Alertmanager's receivers post here, each on its own
/// path (<c>/pagerduty</c>, <c>/slack-critical</c>, <c>/heartbeat</c>, ...). Every request is recorded with its
/// path and JSON body, readable as the payload its integration sends (webhook, PagerDuty Events v2, Slack).
/// </summary>
public sealed class NotificationListener : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Lock gate = new();
    private readonly List<Delivery> received = [];
    private readonly List<Delivery> refused = [];
    private readonly Dictionary<string, int> failing = new(StringComparer.Ordinal);
    private readonly Task serving;

    public NotificationListener()
    {
        Port = Loopback.FreePort();
        listener.Prefixes.Add(Loopback.Url(Port).ToString());
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>The URL a receiver posts to, e.g. <c>Url("/pagerduty")</c>.</summary>
    public string Url(string path) => Loopback.Url(Port, path).ToString();

    /// <summary>Every delivery so far, in arrival order.</summary>
    public IReadOnlyList<Delivery> Received
    {
        get
        {
            lock (gate)
                return [.. received];
        }
    }

    /// <summary>
    /// The requests answered with an error status (<see cref="Fail"/>), in arrival order: attempts the sender must count
    /// as failed, never deliveries.
    /// </summary>
    public IReadOnlyList<Delivery> Refused
    {
        get
        {
            lock (gate)
                return [.. refused];
        }
    }

    /// <summary>From now on, every request to <paramref name="path"/> is answered <paramref name="status"/> (e.g. 500) and not recorded as received.</summary>
    public void Fail(string path, int status = 500)
    {
        lock (gate)
            failing[path] = status;
    }

    /// <summary>The deliveries to one path.</summary>
    public IReadOnlyList<Delivery> At(string path) => [.. Received.Where(d => d.Path == path)];

    /// <summary>Every delivery so far as readable lines, for failure messages.</summary>
    public string Describe()
    {
        var all = Received;
        var text = all.Count == 0 ? "  (nothing received)" : string.Join('\n', all.Select(n => "  " + n));
        var errors = Refused;
        return errors.Count == 0 ? text : text + "\n  refused with an error status:\n" + string.Join('\n', errors.Select(n => "    " + n));
    }

    /// <summary>Waits until a delivery matching <paramref name="match"/> arrived, and returns it.</summary>
    public Task<Delivery> WaitFor(string what, TimeSpan timeout, Func<Delivery, bool> match) =>
        Eventually.Until(what, timeout, () => Task.FromResult(Received.FirstOrDefault(match)), Describe);

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await serving.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                await HandleAsync(context).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The sender went away mid-request (e.g. Alertmanager stopped by a restart test): nothing to answer.
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var response = context.Response;
        string body;
        using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            body = await reader.ReadToEndAsync().ConfigureAwait(false);

        JsonElement json;
        try
        {
            using var document = JsonDocument.Parse(body);
            json = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            response.StatusCode = 400;
            return;
        }

        var delivery = new Delivery(
            context.Request.Url?.AbsolutePath ?? "",
            DateTimeOffset.UtcNow,
            context.Request.Headers["Authorization"],
            json);
        int? failure;
        lock (gate)
        {
            failure = failing.TryGetValue(delivery.Path, out var status) ? status : null;
            (failure is null ? received : refused).Add(delivery);
        }

        if (failure is { } code)
        {
            response.StatusCode = code;
            return;
        }

        // PagerDuty's Events API answers 202 with a small JSON body; Slack and webhooks take any 2xx.
        response.StatusCode = 202;
        response.ContentType = "application/json";
        var answer = """{"status":"success","message":"Event processed"}"""u8.ToArray();
        await response.OutputStream.WriteAsync(answer).ConfigureAwait(false);
    }
}

/// <summary>One notification: the path it was posted to, when, its Authorization header and its JSON body.</summary>
public sealed record Delivery(string Path, DateTimeOffset ReceivedAt, string? Authorization, JsonElement Body)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The body as Alertmanager's webhook payload (version 4).</summary>
    public WebhookPayload AsWebhook() => Body.Deserialize<WebhookPayload>(Json) ?? throw new JsonException($"{Path}: empty webhook body");

    /// <summary>The body as a PagerDuty Events API v2 event.</summary>
    public PagerDutyEvent AsPagerDuty() => Body.Deserialize<PagerDutyEvent>(Json) ?? throw new JsonException($"{Path}: empty PagerDuty body");

    /// <summary>The body as a Slack incoming-webhook message.</summary>
    public SlackMessage AsSlack() => Body.Deserialize<SlackMessage>(Json) ?? throw new JsonException($"{Path}: empty Slack body");

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{ReceivedAt:HH:mm:ss.fff} {Path} {Body.GetRawText()}");
}

/// <summary>Alertmanager's webhook body (version 4).</summary>
public sealed record WebhookPayload
{
    public required string Version { get; init; }

    public required string Receiver { get; init; }

    public required string Status { get; init; }

    public string GroupKey { get; init; } = "";

    public ImmutableDictionary<string, string> GroupLabels { get; init; } = ImmutableDictionary<string, string>.Empty;

    public ImmutableDictionary<string, string> CommonLabels { get; init; } = ImmutableDictionary<string, string>.Empty;

    public ImmutableDictionary<string, string> CommonAnnotations { get; init; } = ImmutableDictionary<string, string>.Empty;

    public ImmutableArray<WebhookAlert> Alerts { get; init; } = [];

    public bool IsFor(string alertName) => Alerts.Any(a => a.Name == alertName);
}

public sealed record WebhookAlert
{
    public required string Status { get; init; }

    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;

    public ImmutableDictionary<string, string> Annotations { get; init; } = ImmutableDictionary<string, string>.Empty;

    public DateTimeOffset StartsAt { get; init; }

    public DateTimeOffset EndsAt { get; init; }

    public string GeneratorUrl { get; init; } = "";

    public string Fingerprint { get; init; } = "";

    [JsonIgnore]
    public string Name => Labels.GetValueOrDefault("alertname", "");
}

/// <summary>A PagerDuty Events API v2 event as Alertmanager sends it.</summary>
public sealed record PagerDutyEvent
{
    [JsonPropertyName("routing_key")]
    public string RoutingKey { get; init; } = "";

    [JsonPropertyName("dedup_key")]
    public string DedupKey { get; init; } = "";

    /// <summary><c>trigger</c> or <c>resolve</c>.</summary>
    [JsonPropertyName("event_action")]
    public string EventAction { get; init; } = "";

    public PagerDutyPayload? Payload { get; init; }
}

public sealed record PagerDutyPayload
{
    public string Summary { get; init; } = "";

    public string Severity { get; init; } = "";

    public string Source { get; init; } = "";

    /// <summary>Alertmanager's default details: <c>firing</c>/<c>resolved</c> list each alert's labels and annotations as text.</summary>
    [JsonPropertyName("custom_details")]
    public ImmutableDictionary<string, JsonElement> CustomDetails { get; init; } = ImmutableDictionary<string, JsonElement>.Empty;

    public string Detail(string key) =>
        CustomDetails.TryGetValue(key, out var value) ? (value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText()) : "";
}

/// <summary>A Slack incoming-webhook message as Alertmanager sends it.</summary>
public sealed record SlackMessage
{
    public string Channel { get; init; } = "";

    public ImmutableArray<SlackAttachment> Attachments { get; init; } = [];
}

public sealed record SlackAttachment
{
    public string Title { get; init; } = "";

    public string Text { get; init; } = "";

    public string Color { get; init; } = "";
}
