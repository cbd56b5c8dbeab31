using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Xunit.Sdk;

namespace Observability.EndToEnd.Tests.Harness;

/// <summary>
/// One server process the tests started (prometheus, prometheus-alertmanager). It is always stopped by its
/// process id: by <see cref="StopAsync"/>/<see cref="DisposeAsync"/> (SIGTERM, then SIGKILL after a timeout),
/// and, should the test host end without disposing it (a crash, an abandoned test), by the process-exit hook,
/// and by handlers of SIGINT/SIGTERM/SIGQUIT/SIGHUP, which send SIGKILL to every process id still registered as running. (No finaliser: the registry keeps each
/// running server reachable, so one could never run while it mattered.)
/// Its output is kept (the last lines) so a failing test can show what the server said.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    public const int SigInt = 2;
    public const int SigTerm = 15;
    private const int SigKill = 9;
    private const int KeptLines = 200;

    private static readonly ConcurrentDictionary<int, ServerProcess> Running = new();

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private volatile bool exited;

    // Kept alive for the life of the test host: a signal that ends the host (Ctrl+C, a CI runner's SIGTERM) ends the servers first.
    private static readonly PosixSignalRegistration[] SignalHandlers =
    [
        .. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT, PosixSignal.SIGHUP }
            .Select(signal => PosixSignalRegistration.Create(signal, _ => KillAllStillRunning())),
    ];

    static ServerProcess()
    {
        // The last line of defence: whatever a test did, no server outlives the test host.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAllStillRunning();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAllStillRunning();
        GC.KeepAlive(SignalHandlers);
    }

    private ServerProcess(string name, Process process)
    {
        Name = name;
        this.process = process;
        Id = process.Id;
    }

    /// <summary>A short name for messages, e.g. <c>prometheus</c>.</summary>
    public string Name { get; }

    /// <summary>The operating-system process id.</summary>
    public int Id { get; }

    public bool HasExited => exited;

    /// <summary>The last lines the process wrote to stdout and stderr.</summary>
    public string RecentOutput => string.Join('\n', output);

    /// <summary>Starts <paramref name="executable"/> with <paramref name="arguments"/> (no shell) and records its process id.</summary>
    public static ServerProcess Start(string name, string executable, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            startInfo.Environment[key] = value;

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        ServerProcess? server = null;
        process.OutputDataReceived += (_, e) => server?.Record(e.Data);
        process.ErrorDataReceived += (_, e) => server?.Record(e.Data);
        process.Exited += (_, _) =>
        {
            if (server is null)
                return;
            server.exited = true;
            Running.TryRemove(server.Id, out _);
        };

        if (!process.Start())
            throw new XunitException($"Could not start {executable}.");
        server = new ServerProcess(name, process);
        Running[server.Id] = server;
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (process.HasExited)
            server.exited = true;
        return server;
    }

    /// <summary>
    /// Stops the process gracefully (SIGTERM, so Prometheus and Alertmanager write their state to disk),
    /// and kills it (SIGKILL) when it has not exited after <paramref name="grace"/>.
    /// </summary>
    public async Task StopAsync(TimeSpan? grace = null) => await StopAsync(SigTerm, grace).ConfigureAwait(false);

    /// <summary>
    /// Stops the process with <paramref name="signal"/> (e.g. <see cref="SigInt"/>: PostgreSQL's fast shutdown, which
    /// ends the open sessions, where SIGTERM would wait for every client to leave), then SIGKILL after <paramref name="grace"/>.
    /// </summary>
    public async Task StopAsync(int signal, TimeSpan? grace = null)
    {
        if (!exited && !process.HasExited)
        {
            _ = Kill(Id, signal);
            using var timeout = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                using var killTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await process.WaitForExitAsync(killTimeout.Token).ConfigureAwait(false);
            }
        }

        exited = true;
        Running.TryRemove(Id, out _);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>Fails with the server's recent output when it has exited on its own (a bad flag or config).</summary>
    public void ThrowIfExited(string context)
    {
        if (exited || process.HasExited)
        {
            throw new XunitException(
                string.Create(CultureInfo.InvariantCulture, $"{Name} (pid {Id}) exited while {context}. Its last output:\n{RecentOutput}"));
        }
    }

    private void Record(string? line)
    {
        if (line is null)
            return;
        output.Enqueue(line);
        while (output.Count > KeptLines)
            output.TryDequeue(out _);
    }

    private static void KillAllStillRunning()
    {
        foreach (var server in Running.Values)
        {
            if (!server.exited)
                _ = Kill(server.Id, SigKill);
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Name} (pid {Id})");
        if (exited)
            text.Append(" [exited]");
        return text.ToString();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
