using System.Diagnostics;
using System.Globalization;
using Xunit.Sdk;

namespace Observability.EndToEnd.Tests.Harness;

/// <summary>Bounded polling: every wait in the suite has a timeout and, when it runs out, says what it last saw.</summary>
public static class Eventually
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Polls <paramref name="probe"/> until it returns a value (not null) or <paramref name="timeout"/> passes.
    /// <paramref name="describe"/> explains the last observed state in the failure message.
    /// </summary>
    public static async Task<T> Until<T>(string what, TimeSpan timeout, Func<Task<T?>> probe, Func<string>? describe = null)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        Exception? lastError = null;
        while (true)
        {
            try
            {
                if (await probe().ConfigureAwait(false) is { } value)
                    return value;
                lastError = null;
            }
            catch (HttpRequestException e)
            {
                lastError = e;
            }
            catch (TaskCanceledException e)
            {
                lastError = e;
            }

            if (clock.Elapsed >= timeout)
            {
                var seen = describe?.Invoke() ?? "";
                var error = lastError is null ? "" : $"\nLast error: {lastError.Message}";
                throw new XunitException(string.Create(CultureInfo.InvariantCulture,
                    $"Timed out after {timeout.TotalSeconds:0.#}s waiting for {what}.{error}\nLast seen:\n{seen}"));
            }

            await Task.Delay(PollInterval).ConfigureAwait(false);
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds.</summary>
    public static Task UntilTrue(string what, TimeSpan timeout, Func<Task<bool>> condition, Func<string>? describe = null) =>
        Until<object>(what, timeout, async () => await condition().ConfigureAwait(false) ? new object() : null, describe);
}
