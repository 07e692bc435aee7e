namespace ChatOps.Storage.Operations;

/// <summary>Statements of the doctor's database check and the outbox gauges.</summary>
internal static class OperationsSql
{
    /// <summary>A write that changes nothing, run in a transaction that is rolled back: proves the login (or file) may write.</summary>
    public static readonly SqlStatement ProbeWrite = SqlStatement.Portable(nameof(ProbeWrite),
        "UPDATE SchemaVersions SET ScriptName = ScriptName WHERE ScriptName = (SELECT MIN(ScriptName) FROM SchemaVersions)");

    /// <summary>Messages waiting to be sent and the oldest one's creation time.</summary>
    public static readonly SqlStatement OutboxStats = SqlStatement.Portable(nameof(OutboxStats),
        "SELECT COUNT(*) AS Pending, MIN(created_at) AS Oldest FROM outbox WHERE status = 'Pending'");
}
