using ChatOps.Storage;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOps.Testing;

/// <summary>A migrated database for one test class: a real SQLite file in a temp folder, or a fresh SQL Server or PostgreSQL database.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>The environment variable that turns the SQL Server runs on.</summary>
    public const string SqlServerVariable = "CHATOPS_TEST_SQLSERVER";

    private readonly Func<ValueTask> _cleanup;

    private TestDatabase(Database database, Func<ValueTask> cleanup)
    {
        Database = database;
        _cleanup = cleanup;
    }

    public Database Database { get; }

    /// <summary>A new SQLite file under a fresh temp folder, migrated.</summary>
    public static async Task<TestDatabase> SqliteAsync()
    {
        var folder = Directory.CreateTempSubdirectory("chatops-test-");
        var db = new Database(new StorageOptions { Provider = StorageProviders.Sqlite, DataFolder = folder.FullName });
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();
        return new TestDatabase(db, () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>A new database on the server named by CHATOPS_TEST_SQLSERVER, migrated; the test is skipped without it.</summary>
    public static async Task<TestDatabase> SqlServerAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(SqlServerVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Assert.Skip($"{SqlServerVariable} is not set: set it to a SQL Server connection string to run the repository tests on SQL Server.");
        }

        var name = "chatops_test_" + Guid.NewGuid().ToString("N")[..12];
        var master = new SqlConnectionStringBuilder(connectionString) { InitialCatalog = "master" }.ToString();
        await ExecuteAsync(master, $"CREATE DATABASE [{name}]");
        var db = new Database(new StorageOptions
        {
            Provider = StorageProviders.SqlServer,
            ConnectionString = new SqlConnectionStringBuilder(connectionString) { InitialCatalog = name }.ToString(),
        });
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();
        return new TestDatabase(db, async () =>
        {
            SqlConnection.ClearAllPools();
            await ExecuteAsync(master, $"ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]");
        });
    }

    /// <summary>The environment variable that turns the PostgreSQL runs on (tests/postgres.sh sets it).</summary>
    public const string PostgreSqlVariable = PostgresServer.Variable;

    /// <summary>A new database on the server named by CHATOPS_TEST_POSTGRES, migrated; the test is skipped without it.</summary>
    public static async Task<TestDatabase> PostgreSqlAsync()
    {
        var server = PostgresServer.RequireOrSkip();
        var name = await server.CreateDatabaseAsync();
        var db = new Database(new StorageOptions { Provider = StorageProviders.PostgreSql, ConnectionString = server.ConnectionStringFor(name) });
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();
        return new TestDatabase(db, () => server.DropDatabaseAsync(name));
    }

    /// <summary>A migrated database of the given provider (the dialect-parameterised tests).</summary>
    public static Task<TestDatabase> CreateAsync(string provider) => provider switch
    {
        StorageProviders.Sqlite => SqliteAsync(),
        StorageProviders.SqlServer => SqlServerAsync(),
        StorageProviders.PostgreSql => PostgreSqlAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown provider"),
    };

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync(); // closes SQLite's write-turn connection, so the folder goes with every handle closed
        await _cleanup();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var c = new SqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new SqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }
}
