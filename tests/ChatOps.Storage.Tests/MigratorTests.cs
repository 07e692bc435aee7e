using ChatOps.Storage;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOps.Storage.Tests;

public class MigratorTests
{
    [Fact]
    public async Task MigrateAsync_FreshFolder_CreatesTheFileAndRunsEveryScript()
    {
        var folder = Path.Combine(Path.GetTempPath(), "chatops-mig-" + Guid.NewGuid().ToString("N"), "nested");
        var db = new Database(new StorageOptions { DataFolder = folder });
        var migrator = new Migrator(db, NullLogger<Migrator>.Instance);

        var ran = await migrator.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.True(File.Exists(Path.Combine(folder, "chatops.db")));
        Assert.Equal(migrator.KnownScripts(), ran);
        Assert.NotEmpty(ran);
        await using var c = await db.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal("wal", await c.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task MigrateAsync_Twice_RunsNothingTheSecondTime()
    {
        var folder = Directory.CreateTempSubdirectory("chatops-mig-").FullName;
        var options = new StorageOptions { DataFolder = folder };
        await new Migrator(new Database(options), NullLogger<Migrator>.Instance).MigrateAsync(TestContext.Current.CancellationToken);

        // A new process: a new migrator over the same file.
        var again = await new Migrator(new Database(options), NullLogger<Migrator>.Instance).MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Empty(again);
    }

    [Fact]
    public async Task MigrateAsync_DatabaseFromNewerCode_RefusesWithAClearMessage()
    {
        var folder = Directory.CreateTempSubdirectory("chatops-mig-").FullName;
        var db = new Database(new StorageOptions { DataFolder = folder });
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync(TestContext.Current.CancellationToken);
        await using (var c = await db.OpenAsync(TestContext.Current.CancellationToken))
        {
            await c.ExecuteAsync("INSERT INTO SchemaVersions (ScriptName, Applied) VALUES ('ChatOps.Storage.Migrations.Sqlite.9999_future.sql', '2030-01-01')");
        }

        var ex = await Assert.ThrowsAsync<DatabaseStartupException>(
            () => new Migrator(new Database(new StorageOptions { DataFolder = folder }), NullLogger<Migrator>.Instance).MigrateAsync(TestContext.Current.CancellationToken));

        Assert.Contains("newer ChatOps", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Sqlite.9999_future.sql", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public async Task MigrateAsync_FolderCannotBeCreated_SaysWhichFile()
    {
        var blocker = Path.GetTempFileName(); // a file where the data folder should be
        var db = new Database(new StorageOptions { DataFolder = Path.Combine(blocker, "data") });

        var ex = await Assert.ThrowsAsync<DatabaseStartupException>(
            () => new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync(TestContext.Current.CancellationToken));

        Assert.Contains("cannot be created or opened", ex.Message, StringComparison.Ordinal);
        Assert.Contains(blocker, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KnownScripts_EveryDialectHasTheSameNumberedScripts()
    {
        var sqlite = new Migrator(new Database(new StorageOptions { DataFolder = "x" }), NullLogger<Migrator>.Instance).KnownScripts();
        var sqlServer = new Migrator(
            new Database(new StorageOptions { Provider = StorageProviders.SqlServer, ConnectionString = "Server=none;Database=x" }),
            NullLogger<Migrator>.Instance).KnownScripts();

        var postgreSql = new Migrator(
            new Database(new StorageOptions { Provider = StorageProviders.PostgreSql, ConnectionString = "Host=none;Database=x" }),
            NullLogger<Migrator>.Instance).KnownScripts();

        static IEnumerable<string> Names(IEnumerable<string> scripts) => scripts.Select(s => s.Split('.')[^2]);
        Assert.Equal(Names(sqlite), Names(sqlServer));
        Assert.Equal(Names(sqlite), Names(postgreSql));
        Assert.All(Names(sqlite), n => Assert.Matches(@"^\d{4}_[a-z0-9_]+$", n));
    }
}
