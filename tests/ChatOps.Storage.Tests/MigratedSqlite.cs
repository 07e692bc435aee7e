namespace ChatOps.Storage.Tests;

/// <summary>
/// One SQLite database with every migration applied, shared by the tests of a class that only read its schema
/// (<see cref="SqliteStatementTests"/>, <see cref="SqlitePlanTests"/>): migrating once per class, not once per statement.
/// </summary>
public sealed class MigratedSqlite : IAsyncLifetime
{
    private TestDatabase? _db;

    public Database Database => _db!.Database;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.SqliteAsync();

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }
}
