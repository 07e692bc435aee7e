using System.Globalization;
using Npgsql;

namespace ChatOps.LoadTest;

/// <summary>
/// Where a scenario's bot keeps its data: a SQLite file in its data folder (default), or with <c>--postgres</c> a fresh
/// database on the PostgreSQL server of CHATOPS_TEST_POSTGRES (<c>source tests/postgres.sh</c>), dropped afterwards.
/// </summary>
internal sealed class LoadDatabase : IAsyncDisposable
{
    private static (int Postmaster, long Affinity)? _pinned;

    private readonly string? _name;

    private LoadDatabase(string? name, IReadOnlyDictionary<string, string> settings)
    {
        _name = name;
        Settings = settings;
    }

    /// <summary>The server (null: SQLite).</summary>
    public static string? PostgreSqlServer { get; set; }

    /// <summary>"SQLite" or "PostgreSQL", printed with each figure.</summary>
    public static string Kind => PostgreSqlServer is null ? "SQLite" : "PostgreSQL";

    /// <summary>The settings that point the bot at it, with ':' separators (environment form: <see cref="EnvironmentSettings"/>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>The same settings as environment variables (<c>__</c> separators).</summary>
    public IEnumerable<KeyValuePair<string, string>> EnvironmentSettings =>
        Settings.Select(kv => KeyValuePair.Create(kv.Key.Replace(":", "__", StringComparison.Ordinal), kv.Value));

    public static async Task<LoadDatabase> CreateAsync()
    {
        if (PostgreSqlServer is null)
        {
            return new LoadDatabase(null, new Dictionary<string, string>());
        }

        var name = "chatops_load_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync($"CREATE DATABASE {name}");
        var builder = new NpgsqlConnectionStringBuilder(PostgreSqlServer) { Database = name };
        return new LoadDatabase(name, new Dictionary<string, string>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["ConnectionStrings:ChatOps"] = builder.ConnectionString,
        });
    }

    /// <summary>Adds to the bot's environment <paramref name="settings"/> what points it at this database; returns them.</summary>
    public Dictionary<string, string> PointBotAt(Dictionary<string, string> settings)
    {
        foreach (var (key, value) in EnvironmentSettings)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Whether the bot keeps its data in a PostgreSQL database (else a SQLite file in its data folder).</summary>
    public bool IsPostgreSql => _name is not null;

    /// <summary>The first column of a query on this PostgreSQL database, as strings.</summary>
    public async Task<IReadOnlyList<string>> QueryStringsAsync(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgreSqlServer) { Database = _name ?? throw new InvalidOperationException("not on PostgreSQL") };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>The PostgreSQL server processes connected to this database (none on SQLite), for the idle measurement.</summary>
    public async Task<IReadOnlyList<int>> BackendPidsAsync()
    {
        var pids = new List<int>();
        if (_name is null)
        {
            return pids;
        }

        await using var connection = new NpgsqlConnection(PostgreSqlServer);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = @Name", connection);
        command.Parameters.AddWithValue("Name", _name);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            pids.Add(reader.GetInt32(0));
        }

        return pids;
    }

    public async ValueTask DisposeAsync()
    {
        if (_name is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)"));
        }
    }

    /// <summary>
    /// What a commit costs on the PostgreSQL server: its own setting, and the test server of tests/postgres.sh turns it
    /// off (start a durable one with CHATOPS_PG_DURABLE=1). SQLite's is fixed by the bot (<see cref="PrintServerAsync"/>).
    /// </summary>
    private static async Task<string> DurabilityAsync(NpgsqlConnection connection)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var name in new[] { "fsync", "synchronous_commit", "full_page_writes", "wal_sync_method", "server_version" })
        {
            await using var command = new NpgsqlCommand($"SHOW {name}", connection);
            settings[name] = (string?)await command.ExecuteScalarAsync();
        }

        // synchronous_commit flushes the local WAL before a commit returns at every value but off.
        var durable = settings["fsync"] == "on" && settings["synchronous_commit"] != "off";
        return $"PostgreSQL: {string.Join(", ", settings.Select(kv => $"{kv.Key} {kv.Value}"))} — "
            + (durable ? "durable: a commit returns once it is flushed to disk" : "NOT durable: commits are not flushed, figures are faster than a production server's (CHATOPS_PG_DURABLE=1 source tests/postgres.sh)");
    }

    /// <summary>Prints what the figures ran against: the database's durability and, on PostgreSQL, where its server runs.</summary>
    public static async Task PrintServerAsync()
    {
        if (PostgreSqlServer is null)
        {
            Harness.Print("SQLite: WAL, synchronous FULL (every commit fsyncs the WAL)");
            return;
        }

        await using var connection = new NpgsqlConnection(PostgreSqlServer);
        await connection.OpenAsync();
        Harness.Print(await DurabilityAsync(connection));
        if (await PinServerAsync(connection) is { } pinned)
        {
            Harness.Print(pinned);
        }
    }

    /// <summary>
    /// With pinning, a PostgreSQL server on this machine is moved to the harness's core (its postmaster, and so every
    /// backend it starts later, and the processes it has already started), leaving the bot's core to the bot as a server
    /// on its own machine would; <c>--no-pin</c> leaves it where the kernel puts it. Null when nothing was pinned.
    /// <see cref="UnpinServer"/> gives it back the cores it had when the harness ends.
    /// </summary>
    private static async Task<string?> PinServerAsync(NpgsqlConnection connection)
    {
        if (!Harness.Pin || !OperatingSystem.IsLinux())
        {
            return null;
        }

        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = (int)(await command.ExecuteScalarAsync())!;
        if (ParentOf(backend) is not { } postmaster || !IsPostgres(postmaster))
        {
            return "PostgreSQL server not pinned: it is not on this machine";
        }

        using (var process = System.Diagnostics.Process.GetProcessById(postmaster))
        {
            _pinned = (postmaster, process.ProcessorAffinity);
        }

        var pinned = SetServerAffinity(postmaster, 1);
        return string.Create(CultureInfo.InvariantCulture, $"PostgreSQL server (postmaster {postmaster}, {pinned} processes) pinned to core 0 with the harness: the bot's core is the bot's alone");
    }

    /// <summary>Gives the server pinned by <see cref="PinServerAsync"/>, if any, the cores it had before.</summary>
    public static void UnpinServer()
    {
        if (_pinned is var (postmaster, affinity) && OperatingSystem.IsLinux())
        {
            SetServerAffinity(postmaster, affinity);
            _pinned = null;
        }
    }

    /// <summary>Sets the affinity of the postmaster and its processes; how many were set.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static int SetServerAffinity(int postmaster, long mask)
    {
        var set = 0;
        foreach (var pid in Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Select(n => int.TryParse(n, out var id) ? id : 0))
        {
            if (pid == postmaster || (pid > 0 && ParentOf(pid) == postmaster))
            {
                try
                {
                    using var process = System.Diagnostics.Process.GetProcessById(pid);
                    process.ProcessorAffinity = (nint)mask;
                    set++;
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // gone meanwhile
                }
            }
        }

        return set;
    }

    /// <summary>Whether a process of this machine is a PostgreSQL server process (a pid seen by a remote server may exist here too).</summary>
    private static bool IsPostgres(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() is "postgres" or "postmaster";
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The parent process id from /proc/PID/stat (null when the process is not visible here).</summary>
    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgreSqlServer);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
