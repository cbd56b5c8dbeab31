using System.Globalization;
using System.Text;
using Npgsql;
using Observability.Rules.Conventions;
using Observability.TestSupport;
using Xunit.Sdk;

namespace Observability.EndToEnd.Tests.Harness;

/// <summary>
/// A real process of ours on one loopback port (a database, a cache, an exporter), waited for with a probe of its own
/// and stopped by process id (<see cref="ServerProcess"/>), restartable on the same port.
/// </summary>
public abstract class LoopbackProcess : IAsyncDisposable
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    protected LoopbackProcess(string name, string workingDirectory)
    {
        Name = name;
        WorkingDirectory = workingDirectory;
        Port = Loopback.FreePort();
        Directory.CreateDirectory(workingDirectory);
    }

    public string Name { get; }

    public int Port { get; }

    public string Address => Loopback.Address(Port);

    public string WorkingDirectory { get; }

    public ServerProcess? Process { get; private set; }

    public string RecentOutput => Process?.RecentOutput ?? "(not started)";

    /// <summary>The executable and its arguments (no shell).</summary>
    protected abstract (string Executable, IReadOnlyList<string> Arguments) Command();

    protected virtual IReadOnlyDictionary<string, string>? Environment => null;

    /// <summary>The signal that stops it gracefully.</summary>
    protected virtual int StopSignal => ServerProcess.SigTerm;

    /// <summary>True once it serves requests.</summary>
    protected abstract Task<bool> ReadyAsync();

    public async Task StartAsync()
    {
        if (Process is { HasExited: false })
            throw new InvalidOperationException($"{Name} is already running (pid {Process.Id}).");
        if (Process is not null)
            await Process.DisposeAsync().ConfigureAwait(false);

        var (executable, arguments) = Command();
        Process = ServerProcess.Start(Name, executable, arguments, WorkingDirectory, Environment);
        var process = Process;
        await Eventually.UntilTrue($"{Name} on {Address} to be ready", ReadyTimeout, async () =>
        {
            process.ThrowIfExited("starting");
            try
            {
                return await ReadyAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or NpgsqlException or TimeoutException)
            {
                return false;
            }
        }, () => process.RecentOutput).ConfigureAwait(false);
    }

    public async Task StopAsync()
    {
        if (Process is { } process)
            await process.StopAsync(StopSignal).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Process is { } process)
            {
                await process.StopAsync(StopSignal).ConfigureAwait(false);
                await process.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            Disposed();
            GC.SuppressFinalize(this);
        }
    }

    /// <summary>Releases what a subclass holds besides the process.</summary>
    protected virtual void Disposed()
    {
    }
}

/// <summary>
/// A throwaway PostgreSQL cluster (Debian's <c>postgresql</c>): <c>initdb</c> in a temporary folder, then the
/// <c>postgres</c> server on 127.0.0.1 only (no Unix socket), trust authentication for the superuser. PostgreSQL
/// refuses to run as root: as root (CI) both run as the <c>postgres</c> account the package creates, through
/// <c>setpriv</c>, which execs the server in place, so the process id we stop is the postmaster's own.
/// </summary>
public sealed class PostgresServer : LoopbackProcess
{
    public const string Superuser = "postgres";

    /// <summary>The operating-system account PostgreSQL runs as when the tests run as root.</summary>
    public const string ServiceAccount = "postgres";

    private readonly IReadOnlyDictionary<string, string> settings;

    private PostgresServer(string folder, IReadOnlyDictionary<string, string> settings)
        : base("postgresql", folder)
    {
        this.settings = settings;
        DataDirectory = Path.Combine(folder, "data");
    }

    public string DataDirectory { get; }

    /// <summary>Fast shutdown: ends open sessions (SIGTERM would wait for every client to disconnect).</summary>
    protected override int StopSignal => ServerProcess.SigInt;

    /// <summary>
    /// initdb and start, with server settings (<c>-c name=value</c>), e.g. <c>max_connections</c> or
    /// <c>shared_preload_libraries</c>.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(string folder, IReadOnlyDictionary<string, string>? settings = null)
    {
        var server = new PostgresServer(folder, settings ?? new Dictionary<string, string>());
        server.InitDb();
        await server.StartAsync().ConfigureAwait(false);
        return server;
    }

    public static string BinDirectory
    {
        get
        {
            var root = "/usr/lib/postgresql";
            var dirs = Directory.Exists(root)
                ? Directory.GetDirectories(root).Where(d => File.Exists(Path.Combine(d, "bin", "postgres")))
                    .OrderByDescending(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
                    .ToList()
                : [];
            if (dirs.Count > 0)
                return Path.Combine(dirs[0], "bin");
            var onPath = (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .FirstOrDefault(d => File.Exists(Path.Combine(d, "postgres")) && File.Exists(Path.Combine(d, "initdb")));
            return onPath ?? throw new XunitException(
                "PostgreSQL's server binaries (postgres, initdb) were not found in /usr/lib/postgresql/*/bin or on PATH. " +
                "Install them: Debian/Ubuntu `sudo apt-get install -y postgresql`.");
        }
    }

    private static bool IsRoot => string.Equals(System.Environment.UserName, "root", StringComparison.Ordinal);

    /// <summary>The command line for <paramref name="executable"/>, as the service account when we are root.</summary>
    private static (string Executable, IReadOnlyList<string> Arguments) AsServiceAccount(string executable, IEnumerable<string> arguments) =>
        IsRoot
            ? (ExternalTool.Find("setpriv"), [$"--reuid={ServiceAccount}", $"--regid={ServiceAccount}", "--init-groups", "--", executable, .. arguments])
            : (executable, [.. arguments]);

    private void InitDb()
    {
        Directory.CreateDirectory(DataDirectory);
        if (IsRoot)
        {
            var chown = ExternalTool.Run(ExternalTool.Find("chown"), [$"{ServiceAccount}:", DataDirectory]);
            if (chown.ExitCode != 0)
            {
                throw new XunitException(
                    $"chown {ServiceAccount}: {DataDirectory} failed ({chown.Output.Trim()}): PostgreSQL refuses to run as root, and its " +
                    $"package creates the '{ServiceAccount}' account it runs as here. Install it: `apt-get install -y postgresql`.");
            }
        }

        var (executable, arguments) = AsServiceAccount(Path.Combine(BinDirectory, "initdb"),
            ["--pgdata", DataDirectory, "--username", Superuser, "--auth", "trust", "--encoding", "UTF8", "--locale", "C", "--no-sync"]);
        var result = ExternalTool.Run(executable, arguments, WorkingDirectory, TimeSpan.FromSeconds(60));
        if (result.ExitCode != 0)
            throw new XunitException($"initdb exited {result.ExitCode}:\n{result.Output}");
    }

    protected override (string Executable, IReadOnlyList<string> Arguments) Command()
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["listen_addresses"] = Loopback.Host,
            ["unix_socket_directories"] = "",
            ["fsync"] = "off",
            ["synchronous_commit"] = "off",
            ["full_page_writes"] = "off",
        };
        foreach (var (key, value) in settings)
            options[key] = value;
        return AsServiceAccount(Path.Combine(BinDirectory, "postgres"),
        [
            "-D", DataDirectory, "-p", Port.ToString(CultureInfo.InvariantCulture),
            .. options.OrderBy(o => o.Key, StringComparer.Ordinal).SelectMany(o => new[] { "-c", $"{o.Key}={o.Value}" }),
        ]);
    }

    protected override async Task<bool> ReadyAsync()
    {
        await using var connection = await OpenAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>The DSN postgres-exporter reads from <c>DATA_SOURCE_NAME</c>.</summary>
    public string Dsn(string database = "postgres") =>
        $"postgresql://{Superuser}@{Loopback.Host}:{Port.ToString(CultureInfo.InvariantCulture)}/{database}?sslmode=disable";

    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = Loopback.Host,
        Port = Port,
        Username = Superuser,
        Database = database,
        Pooling = false,
        Timeout = 5,
        CommandTimeout = 60,
        SslMode = SslMode.Disable,
    }.ConnectionString;

    /// <summary>A new client connection (the caller disposes it: each open one is a PostgreSQL backend).</summary>
    public async Task<NpgsqlConnection> OpenAsync(string database = "postgres")
    {
        var connection = new NpgsqlConnection(ConnectionString(database));
        try
        {
            await connection.OpenAsync().ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task ExecuteAsync(string sql, string database = "postgres")
    {
        await using var connection = await OpenAsync(database).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}

/// <summary>Debian's <c>redis-server</c> on 127.0.0.1, without persistence.</summary>
public sealed class RedisServer : LoopbackProcess
{
    private readonly string maxMemory;

    /// <param name="maxMemory">Redis' <c>maxmemory</c>, e.g. <c>4mb</c>, or <c>0</c> (unlimited, Redis' default).</param>
    public RedisServer(string folder, string maxMemory)
        : base("redis-server", folder) =>
        this.maxMemory = maxMemory;

    protected override (string Executable, IReadOnlyList<string> Arguments) Command() =>
    (
        ExternalToolOrHint("redis-server", "redis-server"),
        [
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", Loopback.Host, "--dir", WorkingDirectory,
            "--save", "", "--appendonly", "no", "--maxmemory", maxMemory, "--maxmemory-policy", "noeviction",
        ]
    );

    protected override async Task<bool> ReadyAsync() => await CommandAsync("PING").ConfigureAwait(false) is "PONG";

    /// <summary>One command over a fresh connection (RESP); returns the reply as text (an error reply throws).</summary>
    public Task<string?> CommandAsync(params string[] command) => Resp.CommandAsync(Port, command);

    internal static string ExternalToolOrHint(string name, string package)
    {
        try
        {
            return ExternalTool.Find(name);
        }
        catch (XunitException)
        {
            throw new XunitException($"{name} was not found on PATH. Install it: Debian/Ubuntu `sudo apt-get install -y {package}`.");
        }
    }
}

/// <summary>A minimal RESP (Redis protocol) client: enough for PING, SET, FLUSHALL, CONFIG and INFO.</summary>
public static class Resp
{
    public static async Task<string?> CommandAsync(int port, params string[] command)
    {
        using var client = new System.Net.Sockets.TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(Loopback.Host, port, timeout.Token).ConfigureAwait(false);
        var stream = client.GetStream();
        var request = new StringBuilder();
        request.Append(CultureInfo.InvariantCulture, $"*{command.Length}\r\n");
        foreach (var part in command)
            request.Append(CultureInfo.InvariantCulture, $"${Encoding.UTF8.GetByteCount(part)}\r\n{part}\r\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), timeout.Token).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        return await ReadReplyAsync(reader, timeout.Token).ConfigureAwait(false);
    }

    private static async Task<string?> ReadReplyAsync(StreamReader reader, CancellationToken cancel)
    {
        var line = await reader.ReadLineAsync(cancel).ConfigureAwait(false) ?? throw new IOException("Redis closed the connection.");
        switch (line[0])
        {
            case '+':
            case ':':
                return line[1..];
            case '-':
                throw new IOException("Redis answered an error: " + line[1..]);
            case '$':
                var length = int.Parse(line[1..], CultureInfo.InvariantCulture);
                if (length < 0)
                    return null;
                var buffer = new char[length + 2];
                var read = 0;
                while (read < buffer.Length)
                {
                    var n = await reader.ReadAsync(buffer.AsMemory(read), cancel).ConfigureAwait(false);
                    if (n == 0)
                        throw new IOException("Redis closed the connection mid-reply.");
                    read += n;
                }

                return new string(buffer, 0, length);
            case '*':
                var count = int.Parse(line[1..], CultureInfo.InvariantCulture);
                var items = new List<string?>();
                for (var i = 0; i < count; i++)
                    items.Add(await ReadReplyAsync(reader, cancel).ConfigureAwait(false));
                return string.Join('\n', items);
            default:
                throw new IOException("Unexpected RESP reply: " + line);
        }
    }
}

/// <summary>
/// An exporter binary (Debian's prometheus-*-exporter) on 127.0.0.1, ready when <c>/metrics</c> answers 200.
/// <see cref="Target"/> is what Prometheus scrapes, and so the <c>instance</c> label of its series.
/// </summary>
public sealed class ExporterServer : LoopbackProcess
{
    private readonly HttpClient http = Loopback.CreateClient();
    private readonly Func<ExporterServer, IReadOnlyList<string>> arguments;
    private readonly IReadOnlyDictionary<string, string>? environment;
    private readonly string executable;

    private ExporterServer(ExporterInfo exporter, string folder, Func<ExporterServer, IReadOnlyList<string>> arguments,
        IReadOnlyDictionary<string, string>? environment = null)
        : base(exporter.DebianPackage, folder)
    {
        Exporter = exporter;
        executable = RedisServer.ExternalToolOrHint(exporter.DebianPackage, exporter.DebianPackage);
        var version = System.Text.RegularExpressions.Regex.Match(ExternalTool.Run(executable, ["--version"]).Output, @"\d+\.\d+\.\d+");
        Version = version.Success ? version.Value : "unknown";
        this.arguments = arguments;
        this.environment = environment;
    }

    public ExporterInfo Exporter { get; }

    public string Target => Address;

    /// <summary>The binary's version (<c>--version</c>), e.g. <c>0.11.1</c>.</summary>
    public string Version { get; }

    protected override IReadOnlyDictionary<string, string>? Environment => environment;

    protected override (string Executable, IReadOnlyList<string> Arguments) Command() => (executable, arguments(this));

    protected override async Task<bool> ReadyAsync()
    {
        using var response = await http.GetAsync(Loopback.Url(Port, "/metrics")).ConfigureAwait(false);
        return response.IsSuccessStatusCode;
    }

    /// <summary>The exporter's own <c>/metrics</c> text (for failure messages).</summary>
    public async Task<string> MetricsAsync() => await http.GetStringAsync(Loopback.Url(Port, "/metrics")).ConfigureAwait(false);

    /// <summary>
    /// postgres-exporter for <paramref name="postgres"/>, with the statement statistics the stack deploys: the
    /// <c>stat_statements</c> collector where the binary has it (0.12 and later, as deployed), otherwise (Debian's 0.11.1)
    /// the collector's own query as a user query file, which yields the same metric names and labels (see the catalogue).
    /// </summary>
    public static ExporterServer Postgres(PostgresServer postgres, string folder)
    {
        var exporter = PostgresExporterMetrics.Exporter;
        var binary = RedisServer.ExternalToolOrHint(exporter.DebianPackage, exporter.DebianPackage);
        var help = ExternalTool.Run(binary, ["--help"]);
        var statementFlags = help.Output.Contains(PostgresExporterMetrics.StatStatementsFlag[2..], StringComparison.Ordinal)
            ? new[] { PostgresExporterMetrics.StatStatementsFlag }
            : ["--extend.query-path=" + WriteStatStatementsQueries(folder)];
        return new ExporterServer(exporter, folder,
            self => [$"--web.listen-address={self.Address}", .. statementFlags],
            new Dictionary<string, string>(StringComparer.Ordinal) { ["DATA_SOURCE_NAME"] = postgres.Dsn() });
    }

    public static ExporterServer Redis(RedisServer redis, string folder) =>
        new(RedisExporterMetrics.Exporter, folder,
            self => [$"--redis.addr=redis://{redis.Address}", $"--web.listen-address={self.Address}"]);

    public static ExporterServer Node(string folder) =>
        new(NodeExporterMetrics.Exporter, folder, self => [$"--web.listen-address={self.Address}"]);

    /// <summary>
    /// The query of postgres_exporter v0.17.1's stat_statements collector (collector/pg_stat_statements.go, the
    /// PostgreSQL 13–16 variant) in the user-query format of older exporters: namespace <c>pg_stat_statements</c> and
    /// column names give exactly the collector's metric names (<c>pg_stat_statements_calls_total</c>, ...) and labels.
    /// </summary>
    private static string WriteStatStatementsQueries(string folder)
    {
        const string query =
            "SELECT pg_get_userbyid(userid) as user, pg_database.datname, pg_stat_statements.queryid, " +
            "pg_stat_statements.calls as calls_total, pg_stat_statements.total_exec_time / 1000.0 as seconds_total, " +
            "pg_stat_statements.rows as rows_total, pg_stat_statements.blk_read_time / 1000.0 as block_read_seconds_total, " +
            "pg_stat_statements.blk_write_time / 1000.0 as block_write_seconds_total " +
            "FROM pg_stat_statements JOIN pg_database ON pg_database.oid = pg_stat_statements.dbid " +
            "WHERE total_exec_time > (SELECT percentile_cont(0.1) WITHIN GROUP (ORDER BY total_exec_time) FROM pg_stat_statements) " +
            "ORDER BY seconds_total DESC LIMIT 100";
        static OrderedDictionary<string, object?> Column(string name, string usage, string description) =>
            new() { [name] = new OrderedDictionary<string, object?> { ["usage"] = usage, ["description"] = description } };
        var file = new OrderedDictionary<string, object?>
        {
            ["pg_stat_statements"] = new OrderedDictionary<string, object?>
            {
                ["query"] = query,
                ["master"] = true,
                ["metrics"] = new List<object?>
                {
                    Column("user", "LABEL", "The user who executed the statement"),
                    Column("datname", "LABEL", "The database in which the statement was executed"),
                    Column("queryid", "LABEL", "Internal hash code, computed from the statement's parse tree"),
                    Column("calls_total", "COUNTER", "Number of times executed"),
                    Column("seconds_total", "COUNTER", "Total time spent in the statement, in seconds"),
                    Column("rows_total", "COUNTER", "Total number of rows retrieved or affected by the statement"),
                    Column("block_read_seconds_total", "COUNTER", "Total time the statement spent reading blocks, in seconds"),
                    Column("block_write_seconds_total", "COUNTER", "Total time the statement spent writing blocks, in seconds"),
                },
            },
        };
        var path = Path.Combine(folder, "stat-statements-queries.yaml");
        Directory.CreateDirectory(folder);
        File.WriteAllText(path, Observability.Rules.Output.YamlText.Serialize(file));
        return path;
    }

    protected override void Disposed() => http.Dispose();
}
