namespace ChatOps.Core.Supervision;

/// <summary>
/// Problems, complaints, tasks, their history, the office's milestones and the 督战组 assignments inside one unit of work,
/// so a change, its audit line and the messages it causes commit together.
/// </summary>
public interface ISupervisionStore : ISupervisionReads
{
    /// <summary>Stores a new item; returns its id.</summary>
    Task<long> InsertItemAsync(SupervisionItem item, CancellationToken cancellationToken = default);

    /// <summary>Writes an item's status, deadline, extension request and escalation.</summary>
    Task UpdateItemAsync(SupervisionItem item, CancellationToken cancellationToken = default);

    /// <summary>Every item, by unit and id (the lists are hundreds, not millions).</summary>
    Task<IReadOnlyList<SupervisionItem>> ListItemsAsync(CancellationToken cancellationToken = default);

    /// <summary>Items not closed, by deadline.</summary>
    Task<IReadOnlyList<SupervisionItem>> ListOpenItemsAsync(CancellationToken cancellationToken = default);

    /// <summary>Appends to an item's history.</summary>
    Task AddEntryAsync(SupervisionEntry entry, CancellationToken cancellationToken = default);

    /// <summary>An item's history, oldest first.</summary>
    Task<IReadOnlyList<SupervisionEntry>> ListEntriesAsync(long itemId, CancellationToken cancellationToken = default);

    /// <summary>Sets the target of a date (replacing one set before).</summary>
    Task SetMilestoneAsync(RateMilestone milestone, string setBy, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The milestones by date.</summary>
    Task<IReadOnlyList<RateMilestone>> ListMilestonesAsync(CancellationToken cancellationToken = default);

    /// <summary>Makes a person one of a unit's 督战组 (idempotent).</summary>
    Task AssignSupervisorAsync(string unitCode, string personId, string assignedBy, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Records a scheduled step done; false when it was done before (insert-if-absent, decided by the database).</summary>
    Task<bool> TryMarkDoneAsync(string subject, string step, DateTimeOffset at, CancellationToken cancellationToken = default);
}

/// <summary>
/// The reads that decide who may see an item: inside a unit of work (<see cref="ISupervisionStore"/>) or, registered on its
/// own, each call on a connection of its own without a write transaction (the attachment downloads' permission check).
/// </summary>
public interface ISupervisionReads
{
    /// <summary>An item by id (with the reporter: callers strip it for units).</summary>
    Task<SupervisionItem?> FindItemAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Every (unit, supervisor) pair.</summary>
    Task<IReadOnlyList<(string UnitCode, string PersonId)>> ListAssignmentsAsync(CancellationToken cancellationToken = default);
}

/// <summary>The supervision store of a unit of work, on its connection and transaction (implemented by storage).</summary>
public interface ISupervisionStoreFactory
{
    /// <summary>The store that writes in <paramref name="work"/>'s transaction.</summary>
    ISupervisionStore For(IUnitOfWork work);
}
