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
                    $"数据库（{where}）可以连接，但尚未初始化：首次启动时将自动建表。",
                    $"The database ({where}) is reachable but empty: the host creates the schema at first start.")]
                : [DoctorFinding.Blocking(Check,
                    $"无法连接数据库（{where}）：{ex.Message}。请检查 ConnectionStrings:ChatOps、数据库服务是否运行、防火墙和账号密码。",
                    $"The database ({where}) cannot be reached: {ex.Message}. Check ConnectionStrings:ChatOps, that the server runs, the firewall and the login.")];
        }

        var findings = new List<DoctorFinding>();
        var known = migrator.KnownScripts();
        var unknown = executed.Except(known, StringComparer.Ordinal).ToList();
        var pending = known.Except(executed, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            findings.Add(DoctorFinding.Blocking(Check,
                $"数据库由更新版本的 ChatOps 升级过（{string.Join("、", unknown.Select(Short))}）：请运行新版本，或恢复与本版本匹配的备份。",
                $"The database was migrated by a newer ChatOps ({string.Join(", ", unknown.Select(Short))}): run the newer version or restore a matching backup."));
        }
        else if (pending.Count > 0)
        {
            findings.Add(DoctorFinding.Warning(Check,
                $"有 {pending.Count} 个数据库升级脚本待执行（{string.Join("、", pending.Select(Short))}），将在下次启动时自动执行：请先备份数据库。",
                $"{pending.Count} migration(s) pending ({string.Join(", ", pending.Select(Short))}); they run at the next start: back up the database first."));
        }
        else
        {
            findings.Add(DoctorFinding.Ok(Check,
                $"数据库（{db.Provider}）可连接，结构为最新（{executed.Count} 个升级脚本已执行）。",
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
            return DoctorFinding.Ok(Check, "数据库可写。", "The database is writable.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return DoctorFinding.Blocking(Check,
                $"数据库（{where}）不可写：{ex.Message}。请检查文件和所在目录的权限（运行服务的账号须可写），或数据库账号的写权限。",
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
                $"数据库文件 {file} 尚不存在，首次启动时将自动创建。如本应已有数据，请检查 Storage:DataFolder 或 ConnectionStrings:ChatOps 是否指向正确位置。",
                $"The database file {file} does not exist yet; the host creates it at first start. If data should be there, check Storage:DataFolder / ConnectionStrings:ChatOps.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return DoctorFinding.Blocking(Check,
                $"无法在 {existing} 创建数据库文件：{ex.Message}。请让运行服务的账号对该目录可写，或修改 Storage:DataFolder。",
                $"The database file cannot be created in {existing}: {ex.Message}. Make the folder writable for the service account or change Storage:DataFolder.");
        }
    }

    private static string Short(string script) => script.Split('.')[^2];
}
