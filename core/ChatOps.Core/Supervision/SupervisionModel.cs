namespace ChatOps.Core.Supervision;

/// <summary>What a tracked item is; the three share one life cycle (report → verify → close or return) and differ in who verifies.</summary>
public enum SupervisionKind
{
    /// <summary>问题清单: a finding of an inspection (省/州督查组, 暗访) on a county's list (seed 002); verified by the county's 督战组.</summary>
    Problem,

    /// <summary>社会监督: a complaint from the public (seed 000 第十八条); the reporter is never shown to units; verified by the 督战组.</summary>
    Complaint,

    /// <summary>督办: a decision, 领导批示 or meeting decision broken down into a unit's task (seed 000 第十七条); verified by the office.</summary>
    Task,
}

/// <summary>Where an item stands.</summary>
public enum ItemStatus
{
    /// <summary>Waiting for the responsible unit (new, or returned by the verifier).</summary>
    Open,

    /// <summary>The unit reported it rectified / done; waiting for the verifier.</summary>
    Submitted,

    /// <summary>Verified and closed (销号).</summary>
    Closed,
}

/// <summary>
/// One tracked item: a problem, complaint or task with its responsible unit (the directory unit whose liaison answers for
/// it) and deadline. <see cref="ReporterName"/> and <see cref="ReporterContact"/> are for the office only: every view a
/// unit gets goes through <see cref="ForUnits"/>.
/// </summary>
/// <param name="UnitCode">The directory unit (county, prefecture, department) answering for it.</param>
/// <param name="ResponsibleUnit">The unit named on the list as 责任单位 (e.g. 县住建局), as written.</param>
/// <param name="Source">Where it came from: 省督查组, 州督查组, 暗访, 社会监督平台, 领导批示, 会议议定 …</param>
/// <param name="DoneCriteria">Tasks: what counts as done.</param>
/// <param name="MeetingItemId">Tasks broken down from a meeting's agreed item (议定事项): that item's id.</param>
/// <param name="RequestedDeadline">A pending request for more time, with <see cref="ExtensionReason"/>.</param>
/// <param name="EscalationLevel">0 none, 1 the unit's leader was told it is overdue, 2 the office was told.</param>
public sealed record SupervisionItem(
    long Id,
    SupervisionKind Kind,
    string UnitCode,
    string? Place,
    string Description,
    string? ResponsibleUnit,
    DateOnly Deadline,
    string Source,
    string? DoneCriteria,
    long? MeetingItemId,
    string? ReporterName,
    string? ReporterContact,
    ItemStatus Status,
    DateOnly? RequestedDeadline,
    string? ExtensionReason,
    int EscalationLevel,
    DateTimeOffset? EscalatedAt,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string? ClosedBy,
    DateTimeOffset? ClosedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The item as units and supervisors may see it: without who reported it.</summary>
    public SupervisionItem ForUnits() => this with { ReporterName = null, ReporterContact = null };

    /// <summary>Past its deadline and not closed, on <paramref name="today"/> (office date).</summary>
    public bool IsOverdue(DateOnly today) => Status != ItemStatus.Closed && today > Deadline;
}

/// <summary>What happened to an item, in order: reports, progress, extension requests and decisions, returns, closing.</summary>
/// <param name="Action">progress, rectified, extension-requested, extension-approved, extension-refused, returned, closed.</param>
public sealed record SupervisionEntry(long Id, long ItemId, string Action, string PersonId, string Text, DateTimeOffset At);

/// <summary>A dated target the office sets: by <see cref="Date"/> every county's rectification rate should reach <see cref="Percent"/> (seed 002).</summary>
public sealed record RateMilestone(DateOnly Date, int Percent);

/// <summary>A county's rectification rate (closed ÷ total of its problems) against the milestone in force.</summary>
/// <param name="Milestone">The latest milestone on or before the day, if any.</param>
/// <param name="Next">The next milestone after the day, if any.</param>
/// <param name="Behind">The rate is below <see cref="Milestone"/>'s target.</param>
public sealed record CountyRate(string UnitCode, string UnitName, int Total, int Closed, int Overdue, RateMilestone? Milestone, RateMilestone? Next, bool Behind)
{
    /// <summary>Closed ÷ total as a percentage (100 for an empty list).</summary>
    public decimal Percent => Total == 0 ? 100m : Math.Round(Closed * 100m / Total, 1);
}

/// <summary>One row of an import (a problem or complaint), with the file line it came from.</summary>
public sealed record ItemDraft(
    int Line,
    string Unit,
    string? Place,
    string Description,
    string? ResponsibleUnit,
    string Deadline,
    string Source,
    string? ReporterName = null,
    string? ReporterContact = null);

/// <summary>A task the office breaks down (督办).</summary>
/// <param name="MeetingItemId">Link the task to a meeting's agreed item; unit, text and due date default from it.</param>
public sealed record TaskDraft(string? Unit, string? Description, string? Deadline, string? DoneCriteria, string Source, long? MeetingItemId = null);

/// <summary>The result of a use case: done or refused, the Chinese message to show, and the item as the actor may see it.</summary>
public sealed record SupervisionOutcome(bool Succeeded, string Message, SupervisionItem? Item = null)
{
    /// <summary>A refusal; nothing was changed.</summary>
    public static SupervisionOutcome Refused(string message) => new(false, message);
}

/// <summary>An import's result: every problem with its line, or how many items were stored.</summary>
public sealed record ImportOutcome(IReadOnlyList<string> Errors, int Imported)
{
    /// <summary>Nothing was wrong and everything was stored.</summary>
    public bool Succeeded => Errors.Count == 0;
}
