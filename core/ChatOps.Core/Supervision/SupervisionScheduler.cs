namespace ChatOps.Core.Supervision;

/// <summary>
/// What falls due for problem lists, complaints and tasks, run every minute by the host's one due-work job: from 09:00
/// office time, a reminder to the liaison in the three days before a deadline; once overdue, one escalation step at a
/// time — first the unit's 分管领导 (with the liaison), then, three days later, the office; every Monday the weekly
/// summary of each county's list to its 督战组 and the office until the list is cleared (每周一分析、一报告); on the first
/// of a month the draft 通报 of the last month's tasks for the office. Each step is recorded with its messages in one
/// transaction (insert-if-absent), so a second run or instance sends nothing twice and an extension re-arms the steps.
/// </summary>
public sealed class SupervisionScheduler(
    ISupervisionStoreFactory stores,
    IUnitOfWorkFactory works,
    IDirectoryRepository directory,
    SupervisionService service,
    TaskCircularDrafter drafter,
    ILogger<SupervisionScheduler> logger) : IDueWork
{
    /// <summary>How long after the leader was told the office is told.</summary>
    public static readonly TimeSpan OfficeAfter = TimeSpan.FromDays(3);

    private static readonly TimeOnly StartOfDay = new(9, 0);

    /// <inheritdoc/>
    public string Name => "supervision";

    /// <inheritdoc/>
    public async Task<int> RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var local = service.Local(now);
        if (TimeOnly.FromDateTime(local) < StartOfDay)
        {
            return 0;
        }

        await using var work = await works.BeginAsync(cancellationToken);
        var store = stores.For(work);
        var snapshot = await directory.LoadAsync(cancellationToken);
        var today = DateOnly.FromDateTime(local);
        var open = await store.ListOpenItemsAsync(cancellationToken);
        var sent = 0;
        foreach (var item in open.Where(i => i.Status == ItemStatus.Open))
        {
            sent += await StepAsync(work, store, snapshot, item, today, now, cancellationToken);
        }

        if (local.DayOfWeek == DayOfWeek.Monday)
        {
            sent += await WeeklyAsync(work, store, snapshot, today, now, cancellationToken);
        }

        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        if ((await store.ListItemsAsync(cancellationToken)).Any(i => i.Kind == SupervisionKind.Task && i.CreatedAt < now.AddDays(-today.Day + 1))
            && await store.TryMarkDoneAsync("monthly-circular", lastMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture), now, cancellationToken))
        {
            sent += await drafter.DraftForSchedulerAsync(work, lastMonth.Year, lastMonth.Month, now, cancellationToken);
        }

        await work.CommitAsync(cancellationToken);
        if (sent > 0)
        {
            logger.LogInformation("Supervision: {Count} messages queued", sent);
        }

        return sent;
    }

    private async Task<int> StepAsync(IUnitOfWork work, ISupervisionStore store, DirectorySnapshot snapshot, SupervisionItem item, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var subject = $"item:{item.Id}";
        var deadline = item.Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var unitName = SupervisionService.UnitName(snapshot, item.UnitCode);
        var liaison = SupervisionService.Liaison(snapshot, item.UnitCode);
        var shown = item.ForUnits();
        if (today <= item.Deadline)
        {
            if (today >= item.Deadline.AddDays(-3) && await store.TryMarkDoneAsync(subject, $"remind:{deadline}", now, cancellationToken))
            {
                await service.NotifyAsync(work, liaison, SupervisionText.ReminderCard(shown, unitName), now, null, cancellationToken);
                return 1;
            }

            return 0;
        }

        if (item.EscalationLevel == 0 && await store.TryMarkDoneAsync(subject, $"escalate1:{deadline}", now, cancellationToken))
        {
            var leaders = snapshot.People.Where(p => p.UnitCode == item.UnitCode && p.Roles.HasFlag(Roles.ReviewingLeader)).ToList();
            foreach (var to in leaders.Append(liaison))
            {
                await service.NotifyAsync(work, to, OutboundMessage.Plain(SupervisionText.OverdueToLeader(shown, unitName)), now, null, cancellationToken);
            }

            await store.UpdateItemAsync(item with { EscalationLevel = 1, EscalatedAt = now, UpdatedAt = now }, cancellationToken);
            return leaders.Count + 1;
        }

        if (item.EscalationLevel == 1 && item.EscalatedAt is { } at && now - at >= OfficeAfter
            && await store.TryMarkDoneAsync(subject, $"escalate2:{deadline}", now, cancellationToken))
        {
            var office = snapshot.People.Where(p => p.Roles.HasFlag(Roles.OfficeStaff)).ToList();
            foreach (var to in office)
            {
                await service.NotifyAsync(work, to, OutboundMessage.Plain(SupervisionText.OverdueToOffice(item, unitName, today.DayNumber - item.Deadline.DayNumber)), now, null, cancellationToken);
            }

            await store.UpdateItemAsync(item with { EscalationLevel = 2, UpdatedAt = now }, cancellationToken);
            return office.Count;
        }

        return 0;
    }

    private async Task<int> WeeklyAsync(IUnitOfWork work, ISupervisionStore store, DirectorySnapshot snapshot, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var problems = (await store.ListItemsAsync(cancellationToken)).Where(i => i.Kind != SupervisionKind.Task).ToList();
        var milestones = await store.ListMilestonesAsync(cancellationToken);
        var assignments = await store.ListAssignmentsAsync(cancellationToken);
        var week = string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(today.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(today.ToDateTime(TimeOnly.MinValue)):00}");
        var office = snapshot.People.Where(p => p.Roles.HasFlag(Roles.OfficeStaff)).ToList();
        var sent = 0;
        foreach (var unit in problems.GroupBy(p => p.UnitCode).Where(g => g.Any(p => p.Status != ItemStatus.Closed)))
        {
            if (!await store.TryMarkDoneAsync($"weekly:{unit.Key}", week, now, cancellationToken))
            {
                continue;
            }

            var rate = SupervisionService.Rates([.. unit.Where(p => p.Kind == SupervisionKind.Problem)], milestones, snapshot, today).FirstOrDefault()
                ?? new CountyRate(unit.Key, SupervisionService.UnitName(snapshot, unit.Key), 0, 0, 0, null, null, false);
            var overdue = unit.Where(p => p.IsOverdue(today) && p.Status == ItemStatus.Open)
                .Select(p => SupervisionText.Line(p.ForUnits(), rate.UnitName, today)).ToList();
            var text = SupervisionText.Weekly(rate with { Overdue = overdue.Count }, overdue, unit.Count(p => p.Status == ItemStatus.Submitted), today.Year);
            var supervisors = snapshot.People.Where(p => assignments.Contains((unit.Key, p.Id)));
            foreach (var to in supervisors.Concat(office).DistinctBy(p => p.Id))
            {
                await service.NotifyAsync(work, to, OutboundMessage.Markdown(text, SupervisionText.WeeklyTitle), now, $"supervision-weekly:{unit.Key}:{week}:{to.Id}", cancellationToken);
                sent++;
            }
        }

        return sent;
    }
}
