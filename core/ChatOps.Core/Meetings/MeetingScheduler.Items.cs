namespace ChatOps.Core.Meetings;

/// <summary>The clock's part of agreed items: reminders to the owner unit before the due date, the overdue list after it.</summary>
public sealed partial class MeetingScheduler
{
    /// <summary>Agreed items: reminders to the owner before the due date, then the overdue list to the office.</summary>
    private async Task RunItemsAsync(Run run, IReadOnlyList<AgreedItem> items, IReadOnlySet<(string, string)> done, CancellationToken cancellationToken)
    {
        var overdue = new List<AgreedItem>();
        foreach (var item in items)
        {
            var subject = MeetingSteps.ItemSubject(item.Id);
            var overdueAt = calendar.ToInstant(item.DueDate.AddDays(1), _options.ItemNoticeAt);
            if (run.Now >= overdueAt)
            {
                if (!done.Contains((subject, "overdue")))
                {
                    overdue.Add(item);
                }

                continue;
            }

            var reminders = new[] { _options.FirstItemReminderDays, _options.LastItemReminderDays }
                .Distinct()
                .Select(d => (Step: $"reminder-{d}d", Days: d, At: calendar.ToInstant(item.DueDate.AddDays(-d), _options.ItemNoticeAt)))
                .OrderBy(r => r.At)
                .Where(r => r.At <= run.Now && r.At > item.RecordedAt && !done.Contains((subject, r.Step)))
                .ToList();
            if (reminders.Count == 0)
            {
                continue;
            }

            var latest = reminders[^1];
            await using var work = await units.BeginAsync(cancellationToken);
            var store = stores.For(work);
            if (!await store.TryMarkDoneAsync(subject, latest.Step, run.Now, cancellationToken))
            {
                continue;
            }

            foreach (var earlier in reminders.Take(reminders.Count - 1))
            {
                await store.TryMarkDoneAsync(subject, earlier.Step, run.Now, cancellationToken);
            }

            var snapshot = await run.DirectoryAsync(cancellationToken);
            var current = await store.FindItemAsync(item.Id, cancellationToken);
            var liaison = snapshot.People.FirstOrDefault(p => p.UnitCode == item.OwnerUnit && p.Roles.HasFlag(Roles.Liaison));
            if (current is { Status: not AgreedItemStatus.Done } && liaison is not null &&
                await notices.SendAsync(work, liaison, await ItemReminderAsync(store, current, latest.Days, cancellationToken), run.Now,
                    MeetingNotices.DedupeKey(subject, latest.Step, liaison.Id), cancellationToken) is true)
            {
                run.Queued++;
            }

            await work.CommitAsync(cancellationToken);
        }

        if (overdue.Count > 0)
        {
            await OverdueAsync(run, overdue, cancellationToken);
        }
    }

    private async Task<OutboundMessage> ItemReminderAsync(IMeetingStore store, AgreedItem item, int days, CancellationToken cancellationToken)
    {
        var meeting = await store.FindMeetingAsync(item.MeetingId, cancellationToken);
        return MeetingText.ItemReminder(meeting, item, days);
    }

    private async Task OverdueAsync(Run run, List<AgreedItem> overdue, CancellationToken cancellationToken)
    {
        await using var work = await units.BeginAsync(cancellationToken);
        var store = stores.For(work);
        var listed = new List<AgreedItem>();
        foreach (var item in overdue)
        {
            if (await store.TryMarkDoneAsync(MeetingSteps.ItemSubject(item.Id), "overdue", run.Now, cancellationToken) &&
                await store.FindItemAsync(item.Id, cancellationToken) is { Status: not AgreedItemStatus.Done } current)
            {
                listed.Add(current);
            }
        }

        if (listed.Count > 0)
        {
            var snapshot = await run.DirectoryAsync(cancellationToken);
            var lines = new List<string>();
            foreach (var item in listed.OrderBy(i => i.DueDate).ThenBy(i => i.Id))
            {
                lines.Add(MeetingText.ItemLine(item, snapshot, (await store.ListFeedbackAsync(item.Id, cancellationToken)).LastOrDefault()));
            }

            run.Queued += await notices.ToOfficeAsync(work, snapshot, MeetingText.OverdueItems(lines), run.Now,
                $"items-overdue:{run.Now.UtcDateTime:yyyyMMddHHmmss}:{listed[0].Id}", cancellationToken);
        }

        await work.CommitAsync(cancellationToken);
        logger.LogInformation("Agreed items: {Count} newly overdue item(s) listed for the office at {Now:o}", listed.Count, run.Now);
    }
}
