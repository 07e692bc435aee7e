using ChatOps.Core.Operations;

namespace ChatOps.Storage.Operations;

/// <summary>
/// The doctor's database check, without changing anything: reachable (one connection), migrations current (the
/// journal against the scripts this build carries), writable (a no-op UPDATE in a transaction that is rolled back).
/// For SQLite a missing file is not an error (the host creates it at first start) as long as its folder can be written.
/// </summary>
internal sealed class DatabaseDoctorCheck(Database db, Migrator migrator) : IDoctorCheck
{
    private const string Check = "database";

    public int Order => 10;

    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(CancellationToken cancellationToken = default)
    {
        var where = db.DataFile ?? "SQL Server";
        if (db.DataFile is { } file && !File.Exists(file))
        {
            return [FolderFinding(file)];
        }

        List<string> executed;
        try
        {
            await using var c = await db.OpenAsync(cancellationToken);
            executed = (await c.QueryAsync<string>(new CommandDefinition(db.Sql(HealthSql.SelectJournal), cancellationToken: cancellationToken))).ToList();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var missingJournal = ex.Message.Contains("SchemaVersions", StringComparison.OrdinalIgnoreCase);
            return missingJournal
                ? [DoctorFinding.Warning(Check,
                    OperationsText.DatabaseEmpty(where),
                    $"The database ({where}) is reachable but empty: the host creates the schema at first start.")]
                : [DoctorFinding.Blocking(Check,
                    OperationsText.DatabaseUnreachable(where, ex.Message),
                    $"The database ({where}) cannot be reached: {ex.Message}. Check ConnectionStrings:ChatOps, that the server runs, the firewall and the login.")];
        }

        var findings = new List<DoctorFinding>();
        var known = migrator.KnownScripts();
        var unknown = executed.Except(known, StringComparer.Ordinal).ToList();
        var pending = known.Except(executed, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            findings.Add(DoctorFinding.Blocking(Check,
                OperationsText.DatabaseNewer(unknown.Select(Short)),
                $"The database was migrated by a newer ChatOps ({string.Join(", ", unknown.Select(Short))}): run the newer version or restore a matching backup."));
        }
        else if (pending.Count > 0)
        {
            findings.Add(DoctorFinding.Warning(Check,
                OperationsText.MigrationsPending(pending.Count, pending.Select(Short)),
                $"{pending.Count} migration(s) pending ({string.Join(", ", pending.Select(Short))}); they run at the next start: back up the database first."));
        }
        else
        {
            findings.Add(DoctorFinding.Ok(Check,
                OperationsText.DatabaseCurrent(db.Provider, executed.Count),
                $"Database ({db.Provider}) reachable, schema current ({executed.Count} migrations applied)."));
        }

        findings.Add(await WritableAsync(where, cancellationToken));
        return findings;
    }

    private async Task<DoctorFinding> WritableAsync(string where, CancellationToken cancellationToken)
    {
        try
        {
            await using var c = await db.OpenAsync(cancellationToken);
            await using var t = await c.BeginTransactionAsync(cancellationToken);
            await c.ExecuteAsync(new CommandDefinition(db.Sql(OperationsSql.ProbeWrite), transaction: t, cancellationToken: cancellationToken));
            await t.RollbackAsync(cancellationToken);
            return DoctorFinding.Ok(Check, OperationsText.DatabaseWritable, "The database is writable.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return DoctorFinding.Blocking(Check,
                OperationsText.DatabaseNotWritable(where, ex.Message),
                $"The database ({where}) is not writable: {ex.Message}. Give the service account write access to the file and its folder, or the login write permission.");
        }
    }

    private static DoctorFinding FolderFinding(string file)
    {
        var folder = Path.GetDirectoryName(file)!;
        var existing = folder;
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }

        try
        {
            var probe = Path.Combine(existing, $".chatops-doctor-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return DoctorFinding.Warning(Check,
                OperationsText.DatabaseFileMissing(file),
                $"The database file {file} does not exist yet; the host creates it at first start. If data should be there, check Storage:DataFolder / ConnectionStrings:ChatOps.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return DoctorFinding.Blocking(Check,
                OperationsText.DatabaseFileCannotBeCreated(existing, ex.Message),
                $"The database file cannot be created in {existing}: {ex.Message}. Make the folder writable for the service account or change Storage:DataFolder.");
        }
    }

    private static string Short(string script) => script.Split('.')[^2];
}
