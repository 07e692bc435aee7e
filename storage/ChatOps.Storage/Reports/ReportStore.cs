using ChatOps.Core.Conversations;
using ChatOps.Core.Reports;

namespace ChatOps.Storage.Reports;

/// <summary>Reports inside a unit of work. Answers are stored as JSON; the unique index makes one report per unit and period.</summary>
internal sealed class ReportStore(Session s) : IReportStore
{
    public async Task<Report?> FindAsync(string cycleKey, string periodKey, string unitCode, CancellationToken cancellationToken = default) =>
        (await s.QuerySingleOrDefaultAsync<ReportRow>(ReportSql.SelectByUnit, new { CycleKey = cycleKey, PeriodKey = periodKey, UnitCode = unitCode }, cancellationToken))?.ToReport();

    public async Task<Report?> FindByIdAsync(long id, CancellationToken cancellationToken = default) =>
        (await s.QuerySingleOrDefaultAsync<ReportRow>(ReportSql.SelectById, new { Id = id }, cancellationToken))?.ToReport();

    public async Task<long> InsertAsync(Report report, CancellationToken cancellationToken = default) =>
        await s.ExecuteScalarAsync<long>(ReportSql.Insert, Parameters(report), cancellationToken);

    public async Task<bool> UpdateAsync(Report report, CancellationToken cancellationToken = default) =>
        await s.ExecuteAsync(ReportSql.Update, Parameters(report), cancellationToken) == 1;

    public Task AddRevisionAsync(ReportRevision revision, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(ReportSql.InsertRevision, new
        {
            revision.ReportId,
            revision.Revision,
            revision.AuthorId,
            Answers = ChatOpsJson.Serialize(revision.Answers),
            revision.SubmittedAt,
            revision.IsLate,
        }, cancellationToken);

    public async Task<IReadOnlyList<ReportRevision>> ListRevisionsAsync(long reportId, CancellationToken cancellationToken = default) =>
        (await s.QueryAsync<RevisionRow>(ReportSql.SelectRevisions, new { ReportId = reportId }, cancellationToken))
            .Select(r => new ReportRevision(r.ReportId, r.Revision, r.AuthorId, ReportRow.ParseAnswers(r.Answers), r.SubmittedAt, r.IsLate))
            .ToList();

    public async Task<IReadOnlyList<Report>> ListForPeriodAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default) =>
        (await s.QueryAsync<ReportRow>(ReportSql.SelectForPeriod, new { CycleKey = cycleKey, PeriodKey = periodKey }, cancellationToken))
            .Select(r => r.ToReport()).ToList();

    public async Task<IReadOnlyList<Report>> ListPendingReviewAsync(CancellationToken cancellationToken = default) =>
        (await s.QueryAsync<ReportRow>(ReportSql.SelectPendingReview, null, cancellationToken)).Select(r => r.ToReport()).ToList();

    public Task AddReturnAsync(ReportReturn returned, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(ReportSql.InsertReturn, new
        {
            returned.ReportId,
            returned.Version,
            returned.Revision,
            returned.ReviewerId,
            returned.Comment,
            Answers = ChatOpsJson.Serialize(returned.Answers),
            returned.ReturnedAt,
        }, cancellationToken);

    public async Task<ReportReturn?> LastReturnAsync(long reportId, CancellationToken cancellationToken = default) =>
        (await s.QueryAsync<ReturnRow>(ReportSql.SelectReturns, new { ReportId = reportId }, cancellationToken))
            .Select(r => new ReportReturn(r.ReportId, r.Version, r.Revision, r.ReviewerId, r.Comment, ReportRow.ParseAnswers(r.Answers), r.ReturnedAt))
            .LastOrDefault();

    public Task DeleteDraftAsync(long id, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(ReportSql.DeleteDraft, new { Id = id }, cancellationToken);

    private static object Parameters(Report r) => new
    {
        r.Id,
        r.CycleKey,
        r.PeriodKey,
        r.UnitCode,
        Status = r.Status.ToString(),
        r.AuthorId,
        Answers = ChatOpsJson.Serialize(r.Answers),
        r.CreatedAt,
        r.UpdatedAt,
        r.SubmittedAt,
        r.IsLate,
        r.Revision,
        r.ReviewerId,
        r.ReviewComment,
        r.ReviewedAt,
        r.Version,
        r.UpdatedBy,
        Editors = string.Join(',', r.EditorIds),
    };

    /// <summary>A reports row as Dapper reads it (also <see cref="ReportLedger"/>'s, which leaves out the answers).</summary>
    internal sealed class ReportRow
    {
        public long Id { get; set; }

        public string CycleKey { get; set; } = "";

        public string PeriodKey { get; set; } = "";

        public string UnitCode { get; set; } = "";

        public string Status { get; set; } = "";

        public string AuthorId { get; set; } = "";

        public string Answers { get; set; } = "{}";

        public DateTimeOffset CreatedAt { get; set; }

        public DateTimeOffset UpdatedAt { get; set; }

        public DateTimeOffset? SubmittedAt { get; set; }

        public bool IsLate { get; set; }

        public int Revision { get; set; }

        public string? ReviewerId { get; set; }

        public string? ReviewComment { get; set; }

        public DateTimeOffset? ReviewedAt { get; set; }

        public int Version { get; set; }

        public string? UpdatedBy { get; set; }

        public string Editors { get; set; } = "";

        public Report ToReport() => new(
            Id, CycleKey, PeriodKey, UnitCode, Enum.Parse<ReportStatus>(Status), AuthorId, ParseAnswers(Answers), CreatedAt, UpdatedAt,
            SubmittedAt, IsLate, Revision, ReviewerId, ReviewComment, ReviewedAt, Version, UpdatedBy,
            Editors.Split(',', StringSplitOptions.RemoveEmptyEntries));

        public static IReadOnlyDictionary<string, IReadOnlyList<string>> ParseAnswers(string json) =>
            ChatOpsJson.Deserialize<Dictionary<string, List<string>>>(json)
                .ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal);
    }

    private sealed class ReturnRow
    {
        public long ReportId { get; set; }

        public int Version { get; set; }

        public int Revision { get; set; }

        public string ReviewerId { get; set; } = "";

        public string Comment { get; set; } = "";

        public string Answers { get; set; } = "{}";

        public DateTimeOffset ReturnedAt { get; set; }
    }

    private sealed class RevisionRow
    {
        public long ReportId { get; set; }

        public int Revision { get; set; }

        public string AuthorId { get; set; } = "";

        public string Answers { get; set; } = "{}";

        public DateTimeOffset SubmittedAt { get; set; }

        public bool IsLate { get; set; }
    }
}

internal sealed class ScheduleStore(Session s) : IScheduleStore
{
    public async Task<bool> TryMarkDoneAsync(string cycleKey, string periodKey, string step, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        await s.ExecuteAsync(ReportSql.InsertStep, new { CycleKey = cycleKey, PeriodKey = periodKey, Step = step, At = at }, cancellationToken) == 1;

    public async Task<IReadOnlyList<string>> ListExemptAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default) =>
        (await s.QueryAsync<string>(ReportSql.SelectExempt, new { CycleKey = cycleKey, PeriodKey = periodKey }, cancellationToken)).ToList();

    public Task AddExemptionAsync(string cycleKey, string periodKey, string personId, string reason, string by, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(ReportSql.UpsertExemption, new { CycleKey = cycleKey, PeriodKey = periodKey, PersonId = personId, Reason = reason, By = by, At = at }, cancellationToken);
}
