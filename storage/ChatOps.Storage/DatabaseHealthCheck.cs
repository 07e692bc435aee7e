using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatOps.Storage;

/// <summary>
/// /healthz's database check: opens a connection, reads the migration journal and then attempts a real small write
/// that it rolls back (an update of the journal's newest row to its own value, inside a transaction), so the check is
/// Unhealthy (503) not only when the database cannot be reached (the SQLite file is gone, SQL Server is down) but also
/// when it cannot be written: a read-only file or database, a full transaction log, a write lock held for longer than
/// the busy timeout. One limit: SQLite in WAL mode keeps a rolled-back change in memory, so a full disk shows only once
/// a committed write needs new space; the probe does not commit, so it never changes the database.
/// </summary>
internal sealed class DatabaseHealthCheck(Database db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["provider"] = db.Provider };
        if (db.DataFile is not null)
        {
            data["file"] = db.DataFile;
        }

        System.Data.Common.DbConnection c;
        List<string> scripts;
        try
        {
            c = await db.OpenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            data["error"] = ex.Message;
            return HealthCheckResult.Unhealthy("database unreachable", ex, data);
        }

        await using (c)
        {
            try
            {
                scripts = (await c.QueryAsync<string>(new CommandDefinition(db.Sql(HealthSql.SelectJournal), cancellationToken: cancellationToken))).ToList();
                data["migrations"] = scripts.Count;
                data["schema"] = scripts.Count == 0 ? "none" : scripts[^1].Split('.')[^2];
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                data["error"] = ex.Message;
                return HealthCheckResult.Unhealthy("database unreachable", ex, data);
            }

            try
            {
                await using var tx = await c.BeginTransactionAsync(cancellationToken);
                var probe = new CommandDefinition(db.Sql(HealthSql.ProbeWrite), new { Script = scripts.Count == 0 ? "" : scripts[^1] }, tx, cancellationToken: cancellationToken);
                await c.ExecuteAsync(probe);
                await tx.RollbackAsync(cancellationToken);
                return HealthCheckResult.Healthy("database reachable and writable", data);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                data["error"] = ex.Message;
                return HealthCheckResult.Unhealthy("database not writable", ex, data);
            }
        }
    }
}

/// <summary>Statements of <see cref="DatabaseHealthCheck"/>. DbUp's journal table is <c>SchemaVersions</c> in every dialect.</summary>
internal static class HealthSql
{
    public static readonly SqlStatement SelectJournal = SqlStatement.Portable(nameof(SelectJournal),
        "SELECT ScriptName FROM SchemaVersions ORDER BY ScriptName");

    /// <summary>The write probe: a real update (taking the database's write lock) that the check rolls back.</summary>
    public static readonly SqlStatement ProbeWrite = SqlStatement.Portable(nameof(ProbeWrite),
        "UPDATE SchemaVersions SET ScriptName = ScriptName WHERE ScriptName = @Script");
}
