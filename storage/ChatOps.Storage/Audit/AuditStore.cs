using ChatOps.Core.Audit;

namespace ChatOps.Storage.Audit;

/// <summary>The audit log's statements.</summary>
internal static class AuditSql
{
    public static readonly SqlStatement Insert = SqlStatement.Portable(nameof(Insert), """
        INSERT INTO audit_log (acted_at, actor_id, action, subject, detail, source)
        VALUES (@At, @ActorId, @Action, @Subject, @Detail, @Source)
        """);

    // No NULL parameters (PostgreSQL cannot type an untyped NULL in "@p IS NULL"): absent criteria are passed as values
    // that match everything — the widest instants, '' for "any", '%' for any action, the largest id.
    private const string Where = """
        WHERE acted_at >= @From AND acted_at < @To
          AND (@ActorId = '' OR actor_id = @ActorId) AND action LIKE @ActionLike
          AND (@Subject = '' OR subject = @Subject) AND id < @BeforeId
        """;

    public static readonly SqlStatement Select = new(nameof(Select),
        $"SELECT id, acted_at AS At, actor_id AS ActorId, action, subject, detail, source FROM audit_log {Where} ORDER BY id DESC LIMIT @Limit",
        $"SELECT TOP (@Limit) id, acted_at AS At, actor_id AS ActorId, action, subject, detail, source FROM audit_log {Where} ORDER BY id DESC");
}

/// <summary>Appends inside a unit of work's transaction.</summary>
internal sealed class AuditLog(Session s) : IAuditLog
{
    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(AuditSql.Insert, new
        {
            entry.At,
            entry.ActorId,
            Action = Clip(entry.Action, 64),
            Subject = Clip(entry.Subject, 200),
            Detail = Clip(entry.Detail, 2000),
            Source = Clip(entry.Source, 200),
        }, cancellationToken);

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>Reads the audit log, each call its own connection.</summary>
internal sealed class AuditQuery(Database db) : IAuditQuery
{
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(AuditFilter filter, CancellationToken cancellationToken = default)
    {
        return await db.QueryAsync<AuditEntry>(AuditSql.Select, new
        {
            From = filter.From ?? DateTimeOffset.UnixEpoch,
            To = filter.To ?? new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero),
            ActorId = filter.ActorId ?? "",
            ActionLike = (filter.ActionPrefix ?? "").Replace("%", "", StringComparison.Ordinal) + "%",
            Subject = filter.Subject ?? "",
            BeforeId = filter.BeforeId ?? long.MaxValue,
            Limit = Math.Clamp(filter.Limit, 1, 10_000),
        }, cancellationToken);
    }
}
