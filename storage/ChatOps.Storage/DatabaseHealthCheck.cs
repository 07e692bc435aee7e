using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatOps.Storage;

/// <summary>
/// /healthz's database check: opens a connection and reads the migration journal (one round trip). Unhealthy
/// (503) when the database cannot be reached, e.g. the SQLite file is gone or SQL Server is down.
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

        try
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var scripts = (await c.QueryAsync<string>(new CommandDefinition(db.Sql(HealthSql.SelectJournal), cancellationToken: cancellationToken))).ToList();
            data["migrations"] = scripts.Count;
            data["schema"] = scripts.Count == 0 ? "none" : scripts[^1].Split('.')[^2];
            return HealthCheckResult.Healthy("database reachable", data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            data["error"] = ex.Message;
            return HealthCheckResult.Unhealthy("database unreachable", ex, data);
        }
    }
}

/// <summary>Statements of <see cref="DatabaseHealthCheck"/>. DbUp's journal table is <c>SchemaVersions</c> in both dialects.</summary>
internal static class HealthSql
{
    public static readonly SqlStatement SelectJournal = SqlStatement.Portable(nameof(SelectJournal),
        "SELECT ScriptName FROM SchemaVersions ORDER BY ScriptName");
}
