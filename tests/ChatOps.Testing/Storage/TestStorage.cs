using ChatOps.Storage;

namespace ChatOps.Testing;

/// <summary>
/// The database a host test runs on, by dialect (bitwarden's DatabaseDataAttribute idea): SQLite always (the harness's
/// temp folder), PostgreSQL on a fresh database of the CHATOPS_TEST_POSTGRES server, dropped when the test ends; the
/// test is skipped with that reason when the server is not configured. Test classes run once per dialect by a
/// subclass that overrides their provider (e.g. <c>PostgreSqlReportDialogTests</c>).
/// </summary>
public sealed class TestStorage : IAsyncDisposable
{
    private readonly Func<ValueTask> _drop;

    private TestStorage(IDictionary<string, string?> settings, Func<ValueTask> drop)
    {
        Settings = settings;
        _drop = drop;
    }

    /// <summary>The configuration that points a host at this database (empty for SQLite: the harness picks a folder).</summary>
    public IDictionary<string, string?> Settings { get; }

    /// <summary>A fresh database for <paramref name="provider"/>.</summary>
    public static async Task<TestStorage> CreateAsync(string provider)
    {
        switch (provider)
        {
            case StorageProviders.Sqlite:
                return new TestStorage(new Dictionary<string, string?>(), () => ValueTask.CompletedTask);
            case StorageProviders.PostgreSql:
                var server = PostgresServer.RequireOrSkip();
                var name = await server.CreateDatabaseAsync();
                return new TestStorage(
                    new Dictionary<string, string?>
                    {
                        ["Storage:Provider"] = StorageProviders.PostgreSql,
                        ["ConnectionStrings:ChatOps"] = server.ConnectionStringFor(name),
                    },
                    () => server.DropDatabaseAsync(name));
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "no test database for this provider");
        }
    }

    /// <summary>Drops the database (PostgreSQL).</summary>
    public ValueTask DisposeAsync() => _drop();
}
