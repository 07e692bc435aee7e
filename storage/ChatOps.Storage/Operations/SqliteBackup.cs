using Microsoft.Data.Sqlite;

namespace ChatOps.Storage.Operations;

/// <summary>The outcome of a backup: the copy's path, size and how many migrations it carries.</summary>
public sealed record BackupResult(string Path, long Bytes, int Migrations);

/// <summary>
/// Copies the SQLite database with SQLite's online backup API (sqlite3_backup, through Microsoft.Data.Sqlite's
/// <c>BackupDatabase</c>): a consistent snapshot taken while the host keeps running — in WAL mode writers are not blocked
/// and the copy holds every committed transaction up to its start. The copy is switched to a self-contained rollback
/// journal and checked with <c>PRAGMA integrity_check</c> before it is reported done. SQL Server and PostgreSQL are
/// backed up with their own tools (docs/operations.md).
/// </summary>
public sealed class SqliteBackup(Database db)
{
    /// <summary>Writes a copy to <paramref name="target"/>, which must not exist yet (nothing is overwritten).</summary>
    /// <exception cref="InvalidOperationException">Not SQLite, the database file is missing, or the target exists.</exception>
    public async Task<BackupResult> BackupAsync(string target, CancellationToken cancellationToken = default)
    {
        if (db.DataFile is null)
        {
            throw new InvalidOperationException($"backup copies SQLite databases only; back up {db.Provider} with its own tools (docs/operations.md).");
        }

        if (!File.Exists(db.DataFile))
        {
            throw new InvalidOperationException($"the database file {db.DataFile} does not exist.");
        }

        var full = Path.GetFullPath(target);
        if (File.Exists(full))
        {
            throw new InvalidOperationException($"{full} already exists; choose a new file name (nothing was overwritten).");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var destination = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
        try
        {
            await using (var source = (SqliteConnection)await db.OpenAsync(cancellationToken))
            await using (var copy = new SqliteConnection(destination))
            {
                await copy.OpenAsync(cancellationToken);
                source.BackupDatabase(copy);
                await copy.ExecuteAsync("PRAGMA journal_mode = DELETE;");
                var check = await copy.ExecuteScalarAsync<string>("PRAGMA integrity_check;");
                if (!string.Equals(check, "ok", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"the copy failed its integrity check: {check}");
                }

                var migrations = await copy.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM SchemaVersions;");
                return new BackupResult(full, new FileInfo(full).Length, migrations);
            }
        }
        catch
        {
            SqliteConnection.ClearAllPools();
            TryDelete(full);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the operator: the error says the backup failed.
        }
    }
}
