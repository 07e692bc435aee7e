using ChatOps.Core.Reports;

namespace ChatOps.Storage.Reports;

/// <summary>Reports inside a unit of work. Answers are stored as JSON; the unique index makes one report per unit and period.</summary>
internal sealed class ReportStore(Session s) : IReportStore
{
    public async Task<Report?> FindAsync(string cycleKey, string periodKey, string unitCode, CancellationToken cancellationToken = default) =>
        await s.QuerySingleOrDefaultAsync<Report>(ReportSql.SelectByUnit, new { CycleKey = cycleKey, PeriodKey = periodKey, UnitCode = unitCode }, cancellationToken);

    public async Task<Report?> FindByIdAsync(long id, CancellationToken cancellationToken = default) =>
        await s.QuerySingleOrDefaultAsync<Report>(ReportSql.SelectById, new { Id = id }, cancellationToken);

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
        [.. await s.QueryAsync<ReportRevision>(ReportSql.SelectRevisions, new { ReportId = reportId }, cancellationToken)];

    public async Task<IReadOnlyList<Report>> ListForPeriodAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default) =>
        [.. await s.QueryAsync<Report>(ReportSql.SelectForPeriod, new { CycleKey = cycleKey, PeriodKey = periodKey }, cancellationToken)];

    public async Task<IReadOnlyList<Report>> ListPendingReviewAsync(CancellationToken cancellationToken = default) =>
        [.. await s.QueryAsync<Report>(ReportSql.SelectPendingReview, null, cancellationToken)];

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
        (await s.QueryAsync<ReportReturn>(ReportSql.SelectReturns, new { ReportId = reportId }, cancellationToken)).LastOrDefault();

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
