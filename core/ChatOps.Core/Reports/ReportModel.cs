namespace ChatOps.Core.Reports;

/// <summary>Where a unit's report for a period stands.</summary>
public enum ReportStatus
{
    /// <summary>Being filled in by the liaison (or returned by the reviewer and being revised).</summary>
    Draft,

    /// <summary>Submitted by the liaison, waiting for the reviewing leader (上报审核).</summary>
    PendingReview,

    /// <summary>Counts as submitted: approved, or submitted by a unit without review.</summary>
    Submitted,
}

/// <summary>
/// One unit's report for one period: exactly one row per (cycle, period, unit) — 不得多头报送. Answers are kept per
/// template field as a list of strings (several items for list fields, one value otherwise).
/// <see cref="Version"/> grows with every stored change (optimistic concurrency: a change based on an older version is
/// refused); <see cref="UpdatedBy"/> is who made the last change and <see cref="Editors"/> everyone who ever wrote its
/// content (none of them may review it).
/// </summary>
public sealed record Report(
    long Id,
    string CycleKey,
    string PeriodKey,
    string UnitCode,
    ReportStatus Status,
    string AuthorId,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Answers,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt = null,
    bool IsLate = false,
    int Revision = 0,
    string? ReviewerId = null,
    string? ReviewComment = null,
    DateTimeOffset? ReviewedAt = null,
    int Version = 0,
    string? UpdatedBy = null,
    IReadOnlyList<string>? Editors = null)
{
    /// <summary>Everyone who wrote the content (the author included), never null.</summary>
    public IReadOnlyList<string> EditorIds => Editors is { Count: > 0 } ? Editors : [AuthorId];

    /// <summary>True when <paramref name="personId"/> submitted or edited the report.</summary>
    public bool IsEditedBy(string personId) => AuthorId == personId || EditorIds.Contains(personId, StringComparer.Ordinal);

    /// <summary>The editors with <paramref name="personId"/> added.</summary>
    public IReadOnlyList<string> WithEditor(string personId) =>
        EditorIds.Contains(personId, StringComparer.Ordinal) ? EditorIds : [.. EditorIds, personId];

    /// <summary>True once it counts for the office (approved or not subject to review).</summary>
    public bool CountsAsSubmitted => Status == ReportStatus.Submitted;
}

/// <summary>A submitted version of a report, kept when the liaison revises it.</summary>
public sealed record ReportRevision(long ReportId, int Revision, string AuthorId, IReadOnlyDictionary<string, IReadOnlyList<string>> Answers, DateTimeOffset SubmittedAt, bool IsLate);

/// <summary>A report as its reviewer sent it back: the comment and the answers at that moment (to show what changed on resubmission).</summary>
public sealed record ReportReturn(
    long ReportId, int Version, int Revision, string ReviewerId, string Comment, IReadOnlyDictionary<string, IReadOnlyList<string>> Answers, DateTimeOffset ReturnedAt);

/// <summary>Reports inside a unit of work.</summary>
public interface IReportStore
{
    /// <summary>The unit's report for a period, if any.</summary>
    Task<Report?> FindAsync(string cycleKey, string periodKey, string unitCode, CancellationToken cancellationToken = default);

    /// <summary>A report by id.</summary>
    Task<Report?> FindByIdAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Creates a report (a draft); the unique (cycle, period, unit) key refuses a second one.</summary>
    Task<long> InsertAsync(Report report, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves a report's state if nobody changed it since it was read: the row must still be at
    /// <see cref="Report.Version"/>, and becomes <see cref="Report.Version"/> + 1. False (nothing written) otherwise.
    /// </summary>
    Task<bool> UpdateAsync(Report report, CancellationToken cancellationToken = default);

    /// <summary>Keeps a submitted version.</summary>
    Task AddRevisionAsync(ReportRevision revision, CancellationToken cancellationToken = default);

    /// <summary>Every submitted version of a report, oldest first.</summary>
    Task<IReadOnlyList<ReportRevision>> ListRevisionsAsync(long reportId, CancellationToken cancellationToken = default);

    /// <summary>Every report of a period.</summary>
    Task<IReadOnlyList<Report>> ListForPeriodAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default);

    /// <summary>Every report waiting for review, the longest waiting first.</summary>
    Task<IReadOnlyList<Report>> ListPendingReviewAsync(CancellationToken cancellationToken = default);

    /// <summary>Records that a reviewer sent a report back, with its answers at that moment.</summary>
    Task AddReturnAsync(ReportReturn returned, CancellationToken cancellationToken = default);

    /// <summary>The report's latest return, if it was ever sent back.</summary>
    Task<ReportReturn?> LastReturnAsync(long reportId, CancellationToken cancellationToken = default);

    /// <summary>Drops a draft the liaison cancelled (only drafts that were never submitted).</summary>
    Task DeleteDraftAsync(long id, CancellationToken cancellationToken = default);
}

/// <summary>Scheduled steps (prompts, reminders, overdue notices) and exemptions, inside a unit of work.</summary>
public interface IScheduleStore
{
    /// <summary>Records a step as done; false when it was done before — so a step runs once across restarts and instances.</summary>
    Task<bool> TryMarkDoneAsync(string cycleKey, string periodKey, string step, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>People exempt from chasing for a period (on leave, like WeCom 汇报's white list).</summary>
    Task<IReadOnlyList<string>> ListExemptAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default);

    /// <summary>Exempts a person for a period.</summary>
    Task AddExemptionAsync(string cycleKey, string periodKey, string personId, string reason, string by, DateTimeOffset at, CancellationToken cancellationToken = default);
}
