using ChatOps.Core.Circulars;

namespace ChatOps.Core.Supervision;

/// <summary>
/// The monthly 通报 on 督办 tasks (落实情况每月进行通报, seed 000 第十七条), drafted from the data as a circular draft through
/// <see cref="CircularService"/>: the office edits, has it signed and sends it with the circulars' own flow.
/// </summary>
public sealed class TaskCircularDrafter(ISupervisionStoreFactory stores, IDirectoryRepository directory, CircularService circulars, RecipientRouter router)
{
    /// <summary>Who the scheduler drafts as (the draft names it; the office signs and sends).</summary>
    public static readonly Actor SchedulerActor = new("scheduler", SupervisionText.SchedulerName, Roles.OfficeStaff, null, "scheduler");

    /// <summary>Drafts the 通报 of <paramref name="month"/> for an office member.</summary>
    public async Task<CircularOutcome> DraftAsync(IUnitOfWork work, Actor actor, int year, int month, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Has(Roles.OfficeStaff))
        {
            return CircularOutcome.Fail(CircularErrorKind.Forbidden, "person", SupervisionText.OnlyOffice);
        }

        return await ComposeAsync(work, actor, year, month, now, cancellationToken);
    }

    /// <summary>The scheduler's monthly draft; tells the office staff. Returns the messages queued.</summary>
    internal async Task<int> DraftForSchedulerAsync(IUnitOfWork work, int year, int month, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var outcome = await ComposeAsync(work, SchedulerActor, year, month, now, cancellationToken);
        if (outcome.Circular is not { } draft)
        {
            return 0;
        }

        var sent = 0;
        foreach (var office in (await directory.LoadAsync(cancellationToken)).People.Where(p => p.Roles.HasFlag(Roles.OfficeStaff)))
        {
            if (router.To(office, OutboundMessage.Plain(SupervisionText.CircularDrafted(year, month, draft.Number)), now) is { } item)
            {
                await work.Outbox.EnqueueAsync(item, cancellationToken);
                sent++;
            }
        }

        return sent;
    }

    private async Task<CircularOutcome> ComposeAsync(IUnitOfWork work, Actor by, int year, int month, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var tasks = (await stores.For(work).ListItemsAsync(cancellationToken)).Where(i => i.Kind == SupervisionKind.Task).ToList();
        if (tasks.Count == 0)
        {
            return CircularOutcome.Fail(CircularErrorKind.Invalid, "tasks", SupervisionText.NoTasksToCircular);
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        var end = new DateOnly(year, month, 1).AddMonths(1).AddDays(-1);
        var title = SupervisionText.CircularTitle(year, month);
        return await circulars.CreateAsync(by, work, new CircularDraft("circular", title, Body(tasks, snapshot, year, month, end),
            [.. tasks.Select(t => t.UnitCode).Distinct().Select(u => new CircularTarget(TargetKind.Unit, u))]), now, cancellationToken);
    }

    /// <summary>The body: overall figures, the month's due tasks, what is overdue, and what is asked next.</summary>
    public static string Body(IReadOnlyList<SupervisionItem> tasks, DirectorySnapshot snapshot, int year, int month, DateOnly end)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var closed = tasks.Count(t => t.Status == ItemStatus.Closed);
        var dueInMonth = tasks.Where(t => t.Deadline.Year == year && t.Deadline.Month == month).ToList();
        var onTime = dueInMonth.Count(t => t.Status == ItemStatus.Closed && t.ClosedAt is { } c && DateOnly.FromDateTime(c.UtcDateTime.AddHours(8)) <= t.Deadline);
        var overdue = tasks.Where(t => t.Status != ItemStatus.Closed && t.Deadline <= end).Select(t => (SupervisionService.UnitName(snapshot, t.UnitCode), t)).ToList();
        return SupervisionText.CircularBody(year, month, end, tasks.Count, closed, dueInMonth.Count, onTime, overdue);
    }
}
