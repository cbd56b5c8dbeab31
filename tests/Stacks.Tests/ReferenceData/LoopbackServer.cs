using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Observability.Stacks.Tests.ReferenceData;

/// <summary>
/// A static HTTP server on 127.0.0.1 (a port the kernel picks) serving fixed bytes by path, recording every request;
/// 404 for anything else. Stopped on dispose.
/// </summary>
internal sealed class LoopbackServer : IDisposable
{
    private readonly HttpListener listener;
    private readonly IReadOnlyDictionary<string, byte[]> files;
    private readonly Task loop;

    public LoopbackServer(IReadOnlyDictionary<string, byte[]> files)
    {
        this.files = files;
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var candidate = new HttpListener();
            candidate.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                candidate.Start();
                listener = candidate;
                BaseUrl = new Uri($"http://127.0.0.1:{port}/");
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                candidate.Close();
            }
        }

        loop = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; }

    /// <summary>Every path requested, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

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

            var path = context.Request.Url!.AbsolutePath;
            Requests.Enqueue(path);
            using var response = context.Response;
            if (files.TryGetValue(path, out var body))
            {
                response.StatusCode = 200;
                response.ContentLength64 = body.Length;
                await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
            }
            else
            {
                response.StatusCode = 404;
            }
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }
}
