namespace ChatOps.Core.Audit;

/// <summary>
/// One line of the office's audit log: who did what to which thing, when, and from where. Written in the same unit of
/// work as the change it records, so a change is never without its line and a line never without its change.
/// </summary>
/// <param name="Id">Assigned by the store; 0 before.</param>
/// <param name="At">When, in UTC.</param>
/// <param name="ActorId">The directory person who acted (or a system name such as "scheduler").</param>
/// <param name="Action">What was done, dotted and stable (<c>report.approve</c>, <c>circular.issue</c>, …).</param>
/// <param name="Subject">What it was done to (<c>report:42</c>, <c>unit:wjw</c>), or empty.</param>
/// <param name="Detail">A short human-readable detail (reason, old → new), or empty.</param>
/// <param name="Source">Where from: <c>chat:wecom</c>, <c>console 10.1.2.3</c>, <c>cli</c>, <c>api 10.1.2.3</c>.</param>
public sealed record AuditEntry(long Id, DateTimeOffset At, string ActorId, string Action, string Subject, string Detail, string Source)
{
    /// <summary>A new line to append (the store assigns the id).</summary>
    public static AuditEntry Of(DateTimeOffset at, string actorId, string action, string subject, string detail, string source) =>
        new(0, at, actorId, action, subject, detail, source);
}

/// <summary>Appends to the audit log inside a unit of work.</summary>
public interface IAuditLog
{
    /// <summary>Appends one line (one INSERT in the unit of work's transaction).</summary>
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default);
}

/// <summary>Which lines to list: every criterion is optional; newest first.</summary>
public sealed record AuditFilter(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? ActorId = null,
    string? ActionPrefix = null,
    string? Subject = null,
    int Limit = 200,
    long? BeforeId = null);

/// <summary>Reads the audit log (the console's 审计 page, exports).</summary>
public interface IAuditQuery
{
    /// <summary>Lines matching the filter, newest first, at most <see cref="AuditFilter.Limit"/> (capped at 10,000); page on with <see cref="AuditFilter.BeforeId"/>.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(AuditFilter filter, CancellationToken cancellationToken = default);
}
