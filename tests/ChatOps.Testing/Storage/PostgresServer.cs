using Npgsql;

namespace ChatOps.Testing;

/// <summary>
/// The PostgreSQL server named by <c>CHATOPS_TEST_POSTGRES</c> (started by <c>source tests/postgres.sh</c>; CI does it):
/// each test class gets a database of its own, created here and dropped after, so classes run in parallel. Without
/// the variable the PostgreSQL runs skip with that reason.
/// </summary>
public sealed class PostgresServer
{
    /// <summary>The environment variable holding a connection string to a server where we may create databases.</summary>
    public const string Variable = "CHATOPS_TEST_POSTGRES";

    private PostgresServer(string connectionString) => AdminConnectionString = connectionString;

    /// <summary>The configured connection string (to a maintenance database such as <c>postgres</c>).</summary>
    public string AdminConnectionString { get; }

    /// <summary>The server, or null when <c>CHATOPS_TEST_POSTGRES</c> is not set.</summary>
    public static PostgresServer? Find()
    {
        var cs = Environment.GetEnvironmentVariable(Variable);
        return string.IsNullOrWhiteSpace(cs) ? null : new PostgresServer(cs);
    }

    /// <summary>The server; skips the running test (with the reason) when it is not configured.</summary>
    public static PostgresServer RequireOrSkip()
    {
        var server = Find();
        if (server is null)
        {
            Assert.Skip($"{Variable} is not set: run `source tests/postgres.sh` (it starts a throwaway PostgreSQL) to run the PostgreSQL tests.");
        }

        return server;
    }

    /// <summary>Creates an empty database with a fresh name and returns the name.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "chatops_test_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync($"CREATE DATABASE {name}");
        return name;
    }

    /// <summary>The connection string of a database on this server.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ToString();

    /// <summary>Drops a database, closing whatever connections are still open on it.</summary>
    public async ValueTask DropDatabaseAsync(string database)
    {
        await using (var c = new NpgsqlConnection(ConnectionStringFor(database)))
        {
            NpgsqlConnection.ClearPool(c);
        }

        await ExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var c = new NpgsqlConnection(AdminConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }
}
