using System.Globalization;
using Npgsql;

namespace ChatOps.LoadTest;

/// <summary>
/// Where a scenario's bot keeps its data: a SQLite file in its data folder (default), or with <c>--postgres</c> a fresh
/// database on the PostgreSQL server of CHATOPS_TEST_POSTGRES (<c>source tests/postgres.sh</c>), dropped afterwards.
/// </summary>
internal sealed class LoadDatabase : IAsyncDisposable
{
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

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgreSqlServer);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
