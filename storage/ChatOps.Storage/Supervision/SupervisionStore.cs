using ChatOps.Core.Supervision;

namespace ChatOps.Storage.Supervision;

/// <summary>Problems, complaints, tasks, history, milestones, assignments and steps inside a unit of work (Dapper, both dialects).</summary>
internal sealed class SupervisionStore(Session s) : ISupervisionStore
{
    public async Task<long> InsertItemAsync(SupervisionItem item, CancellationToken cancellationToken = default) =>
        await s.ExecuteScalarAsync<long>(SupervisionSql.InsertItem, Parameters(item), cancellationToken);

    public async Task<SupervisionItem?> FindItemAsync(long id, CancellationToken cancellationToken = default) =>
        await s.QuerySingleOrDefaultAsync<SupervisionItem>(SupervisionSql.SelectItem, new { Id = id }, cancellationToken);

    public Task UpdateItemAsync(SupervisionItem item, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(SupervisionSql.UpdateItem, Parameters(item), cancellationToken);

    public async Task<IReadOnlyList<SupervisionItem>> ListItemsAsync(CancellationToken cancellationToken = default) =>
        [.. await s.QueryAsync<SupervisionItem>(SupervisionSql.SelectItems, null, cancellationToken)];

    public async Task<IReadOnlyList<SupervisionItem>> ListOpenItemsAsync(CancellationToken cancellationToken = default) =>
        [.. await s.QueryAsync<SupervisionItem>(SupervisionSql.SelectOpenItems, null, cancellationToken)];

    public Task AddEntryAsync(SupervisionEntry entry, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(SupervisionSql.InsertEntry, new { entry.ItemId, entry.Action, entry.PersonId, entry.Text, entry.At }, cancellationToken);

    public async Task<IReadOnlyList<SupervisionEntry>> ListEntriesAsync(long itemId, CancellationToken cancellationToken = default) =>
        [.. await s.QueryAsync<SupervisionEntry>(SupervisionSql.SelectEntries, new { ItemId = itemId }, cancellationToken)];

    public async Task SetMilestoneAsync(RateMilestone milestone, string setBy, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await s.ExecuteAsync(SupervisionSql.DeleteMilestone, new { DueDate = milestone.Date }, cancellationToken);
        await s.ExecuteAsync(SupervisionSql.InsertMilestone, new { DueDate = milestone.Date, Target = milestone.Percent, SetBy = setBy, SetAt = at }, cancellationToken);
    }

    public async Task<IReadOnlyList<RateMilestone>> ListMilestonesAsync(CancellationToken cancellationToken = default) =>
        (await s.QueryAsync<(DateOnly Date, int Percent)>(SupervisionSql.SelectMilestones, null, cancellationToken)).Select(r => new RateMilestone(r.Date, r.Percent)).ToList();

    public Task AssignSupervisorAsync(string unitCode, string personId, string assignedBy, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(SupervisionSql.InsertSupervisor, new { UnitCode = unitCode, PersonId = personId, AssignedBy = assignedBy, AssignedAt = at }, cancellationToken);

    public async Task<IReadOnlyList<(string UnitCode, string PersonId)>> ListAssignmentsAsync(CancellationToken cancellationToken = default) =>
        [.. await s.QueryAsync<(string UnitCode, string PersonId)>(SupervisionSql.SelectSupervisors, null, cancellationToken)];

    public async Task<bool> TryMarkDoneAsync(string subject, string step, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        await s.ExecuteAsync(SupervisionSql.InsertStep, new { Subject = subject, Step = step, At = at }, cancellationToken) == 1;

    private static object Parameters(SupervisionItem i) => new
    {
        i.Id,
        Kind = i.Kind.ToString(),
        i.UnitCode,
        i.Place,
        i.Description,
        i.ResponsibleUnit,
        i.Deadline,
        i.Source,
        i.DoneCriteria,
        i.MeetingItemId,
        i.ReporterName,
        i.ReporterContact,
        Status = i.Status.ToString(),
        i.RequestedDeadline,
        i.ExtensionReason,
        i.EscalationLevel,
        i.EscalatedAt,
        i.CreatedBy,
        i.CreatedAt,
        i.ClosedBy,
        i.ClosedAt,
        i.UpdatedAt,
    };
}
