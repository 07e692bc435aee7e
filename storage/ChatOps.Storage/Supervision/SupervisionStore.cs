using System.Globalization;
using ChatOps.Core.Conversations;
using ChatOps.Core.Supervision;
using ChatOps.Storage.Repositories;

namespace ChatOps.Storage.Supervision;

/// <summary>Gives the supervision store of one of storage's own units of work, on its connection and transaction.</summary>
internal sealed class SupervisionStoreFactory : ISupervisionStoreFactory
{
    public ISupervisionStore For(IUnitOfWork work) => work is UnitOfWork own
        ? new SupervisionStore(own.Session)
        : throw new ArgumentException($"The supervision store needs a unit of work of ChatOps.Storage (got {work.GetType().Name}).", nameof(work));
}

/// <summary>Problems, complaints, tasks, history, milestones, assignments and steps inside a unit of work (Dapper, both dialects).</summary>
internal sealed class SupervisionStore(Session s) : ISupervisionStore
{
    private const string DateFormat = "yyyy-MM-dd";

    public async Task<long> InsertItemAsync(SupervisionItem item, CancellationToken cancellationToken = default) =>
        await s.ExecuteScalarAsync<long>(SupervisionSql.InsertItem, Parameters(item), cancellationToken);

    public async Task<SupervisionItem?> FindItemAsync(long id, CancellationToken cancellationToken = default) =>
        (await s.QuerySingleOrDefaultAsync<ItemRow>(SupervisionSql.SelectItem, new { Id = id }, cancellationToken))?.ToItem();

    public Task UpdateItemAsync(SupervisionItem item, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(SupervisionSql.UpdateItem, Parameters(item), cancellationToken);

    public async Task<IReadOnlyList<SupervisionItem>> ListItemsAsync(CancellationToken cancellationToken = default) =>
        (await s.QueryAsync<ItemRow>(SupervisionSql.SelectItems, null, cancellationToken)).Select(r => r.ToItem()).ToList();

    public async Task<IReadOnlyList<SupervisionItem>> ListOpenItemsAsync(CancellationToken cancellationToken = default) =>
        (await s.QueryAsync<ItemRow>(SupervisionSql.SelectOpenItems, null, cancellationToken)).Select(r => r.ToItem()).ToList();

    public Task AddEntryAsync(SupervisionEntry entry, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(SupervisionSql.InsertEntry, new { entry.ItemId, entry.Action, entry.PersonId, entry.Text, entry.At }, cancellationToken);

    public async Task<IReadOnlyList<SupervisionEntry>> ListEntriesAsync(long itemId, CancellationToken cancellationToken = default) =>
        (await s.QueryAsync<EntryRow>(SupervisionSql.SelectEntries, new { ItemId = itemId }, cancellationToken))
            .Select(r => new SupervisionEntry(r.Id, r.ItemId, r.Action, r.PersonId, r.Text, r.At)).ToList();

    public async Task SetMilestoneAsync(RateMilestone milestone, string setBy, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var date = Date(milestone.Date);
        await s.ExecuteAsync(SupervisionSql.DeleteMilestone, new { DueDate = date }, cancellationToken);
        await s.ExecuteAsync(SupervisionSql.InsertMilestone, new { DueDate = date, Target = milestone.Percent, SetBy = setBy, SetAt = at }, cancellationToken);
    }

    public async Task<IReadOnlyList<RateMilestone>> ListMilestonesAsync(CancellationToken cancellationToken = default) =>
        (await s.QueryAsync<MilestoneRow>(SupervisionSql.SelectMilestones, null, cancellationToken)).Select(r => new RateMilestone(ParseDate(r.DueDate), r.Target)).ToList();

    public Task AssignSupervisorAsync(string unitCode, string personId, string assignedBy, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(SupervisionSql.InsertSupervisor, new { UnitCode = unitCode, PersonId = personId, AssignedBy = assignedBy, AssignedAt = at }, cancellationToken);

    public async Task<IReadOnlyList<(string UnitCode, string PersonId)>> ListAssignmentsAsync(CancellationToken cancellationToken = default) =>
        (await s.QueryAsync<AssignmentRow>(SupervisionSql.SelectSupervisors, null, cancellationToken)).Select(r => (r.UnitCode, r.PersonId)).ToList();

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
        Deadline = Date(i.Deadline),
        i.Source,
        i.DoneCriteria,
        i.MeetingItemId,
        i.ReporterName,
        i.ReporterContact,
        Status = i.Status.ToString(),
        RequestedDeadline = i.RequestedDeadline is { } r ? Date(r) : null,
        i.ExtensionReason,
        i.EscalationLevel,
        i.EscalatedAt,
        i.CreatedBy,
        i.CreatedAt,
        i.ClosedBy,
        i.ClosedAt,
        i.UpdatedAt,
    };

    private static string Date(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, DateFormat, CultureInfo.InvariantCulture);

    private sealed class ItemRow
    {
        public long Id { get; set; }

        public string Kind { get; set; } = "";

        public string UnitCode { get; set; } = "";

        public string? Place { get; set; }

        public string Description { get; set; } = "";

        public string? ResponsibleUnit { get; set; }

        public string Deadline { get; set; } = "";

        public string Source { get; set; } = "";

        public string? DoneCriteria { get; set; }

        public long? MeetingItemId { get; set; }

        public string? ReporterName { get; set; }

        public string? ReporterContact { get; set; }

        public string Status { get; set; } = "";

        public string? RequestedDeadline { get; set; }

        public string? ExtensionReason { get; set; }

        public int EscalationLevel { get; set; }

        public DateTimeOffset? EscalatedAt { get; set; }

        public string CreatedBy { get; set; } = "";

        public DateTimeOffset CreatedAt { get; set; }

        public string? ClosedBy { get; set; }

        public DateTimeOffset? ClosedAt { get; set; }

        public DateTimeOffset UpdatedAt { get; set; }

        public SupervisionItem ToItem() => new(
            Id, Enum.Parse<SupervisionKind>(Kind), UnitCode, Place, Description, ResponsibleUnit, ParseDate(Deadline), Source, DoneCriteria, MeetingItemId,
            ReporterName, ReporterContact, Enum.Parse<ItemStatus>(Status), RequestedDeadline is null ? null : ParseDate(RequestedDeadline), ExtensionReason,
            EscalationLevel, EscalatedAt, CreatedBy, CreatedAt, ClosedBy, ClosedAt, UpdatedAt);
    }

    private sealed class EntryRow
    {
        public long Id { get; set; }

        public long ItemId { get; set; }

        public string Action { get; set; } = "";

        public string PersonId { get; set; } = "";

        public string Text { get; set; } = "";

        public DateTimeOffset At { get; set; }
    }

    private sealed class MilestoneRow
    {
        public string DueDate { get; set; } = "";

        public int Target { get; set; }
    }

    private sealed class AssignmentRow
    {
        public string UnitCode { get; set; } = "";

        public string PersonId { get; set; } = "";
    }
}
