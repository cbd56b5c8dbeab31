using System.Net;
using System.Net.Sockets;

namespace Observability.EndToEnd.Tests.Harness;

/// <summary>Everything the tests start listens on 127.0.0.1, on ports the operating system hands out at run time.</summary>
public static class Loopback
{
    public const string Host = "127.0.0.1";

    /// <summary>A port free on 127.0.0.1 right now (the kernel picks it; the listener is closed again at once).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static string Address(int port) => $"{Host}:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static Uri Url(int port, string path = "/") => new($"http://{Address(port)}{path}");

    /// <summary>An HTTP client for loopback servers: no proxy (environment proxies never see test traffic), short timeout.</summary>
    public static HttpClient CreateClient() =>
        new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromSeconds(5) })
        {
            Timeout = TimeSpan.FromSeconds(5),
        };
}
