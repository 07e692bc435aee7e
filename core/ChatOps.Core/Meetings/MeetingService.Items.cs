using ChatOps.Core.Audit;

namespace ChatOps.Core.Meetings;

/// <summary>Agreed items (议定事项): office staff record them; the owner unit's liaison reports progress.</summary>
public sealed partial class MeetingService
{
    /// <summary>Records agreed items in a unit of work of its own.</summary>
    public Task<MeetingResult<IReadOnlyList<AgreedItem>>> RecordItemsAsync(Actor actor, long meetingId, IReadOnlyList<AgreedItemDraft>? items, CancellationToken cancellationToken = default) =>
        InOwnWorkAsync(work => RecordItemsAsync(actor, work, meetingId, items, cancellationToken), cancellationToken);

    /// <summary>Records agreed items (议定事项) from a meeting's minutes (office staff); each owner unit's liaison is told.</summary>
    public async Task<MeetingResult<IReadOnlyList<AgreedItem>>> RecordItemsAsync(
        Actor actor, IUnitOfWork work, long meetingId, IReadOnlyList<AgreedItemDraft>? items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(work);
        if (!actor.Has(Roles.OfficeStaff))
        {
            return MeetingRefusal.Forbidden(MeetingText.OnlyOfficeItems);
        }

        var now = time.GetUtcNow();
        var snapshot = await directory.LoadAsync(cancellationToken);
        var store = stores.For(work);
        if (await store.FindMeetingAsync(meetingId, cancellationToken) is not { } meeting)
        {
            return MeetingRefusal.NoMeeting(meetingId);
        }

        if (meeting.Status == MeetingStatus.Cancelled)
        {
            return MeetingRefusal.Conflict(MeetingText.NoItemsWhenCancelled(meeting));
        }

        if (items is null || items.Count == 0)
        {
            return MeetingRefusal.One("items", MeetingText.NoItems);
        }

        var parsed = ParseItems(items, snapshot, calendar.LocalDate(now));
        if (!parsed.Succeeded)
        {
            return parsed.Refusal!;
        }

        var recorded = new List<AgreedItem>();
        foreach (var (text, unit, due) in parsed.Value!)
        {
            var item = new AgreedItem(0, meetingId, text, unit.Code, due, AgreedItemStatus.Open, actor.Id, now, now);
            item = item with { Id = await store.InsertItemAsync(item, cancellationToken) };
            recorded.Add(item);
            await work.Audit.AppendAsync(AuditEntry.Of(now, actor.Id, "meeting.item", MeetingSteps.ItemSubject(item.Id),
                MeetingText.ItemAudit(meeting, item, unit), actor.Source), cancellationToken);
            var liaison = snapshot.People.FirstOrDefault(p => p.UnitCode == unit.Code && p.Roles.HasFlag(Roles.Liaison));
            if (liaison is null)
            {
                logger.LogWarning("Agreed item {Id}: unit {Unit} has no liaison to tell", item.Id, unit.Code);
                continue;
            }

            await notices.SendAsync(work, liaison, ItemNotice(meeting, item, unit), now,
                MeetingNotices.DedupeKey(MeetingSteps.ItemSubject(item.Id), "notice", liaison.Id), cancellationToken);
        }

        logger.LogInformation("{By} recorded {Count} agreed item(s) of meeting {Id}", actor.Id, recorded.Count, meetingId);
        return MeetingResult<IReadOnlyList<AgreedItem>>.Ok(recorded);
    }

    /// <summary>
    /// 议定事项: the open items with their feedback, overdue ones marked — every open item for office staff (when
    /// <paramref name="everyone"/>), otherwise those of the units the actor reports for.
    /// </summary>
    public async Task<IReadOnlyList<AgreedItemStanding>> OpenItemsAsync(Actor actor, IUnitOfWork work, bool everyone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var store = stores.For(work);
        var open = await store.ListOpenItemsAsync(cancellationToken);
        if (!(everyone && actor.Has(Roles.OfficeStaff)))
        {
            var units = (await directory.ListReportingUnitsAsync(actor.Id, cancellationToken)).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
            open = [.. open.Where(i => units.Contains(i.OwnerUnit))];
        }

        return await StandingsAsync(store, open, calendar.LocalDate(time.GetUtcNow()), cancellationToken);
    }

    /// <summary>Items with their feedback; overdue when past due and not done (office date).</summary>
    internal static async Task<IReadOnlyList<AgreedItemStanding>> StandingsAsync(IMeetingStore store, IEnumerable<AgreedItem> items, DateOnly today, CancellationToken cancellationToken)
    {
        var result = new List<AgreedItemStanding>();
        foreach (var item in items)
        {
            result.Add(new AgreedItemStanding(item, await store.ListFeedbackAsync(item.Id, cancellationToken), item.Status != AgreedItemStatus.Done && today > item.DueDate));
        }

        return result;
    }

    /// <summary>The notice of a new agreed item to the owner's liaison, with 反馈落实情况.</summary>
    public OutboundMessage ItemNotice(Meeting meeting, AgreedItem item, Unit unit) =>
        MeetingText.ItemNotice(calendar.LocalDate(meeting.StartsAt), meeting, item, unit);

    /// <summary>反馈 #id: whether the actor reports for the item's owner unit; the outcome's message asks for the progress.</summary>
    public async Task<MeetingOutcome> CanFeedBackAsync(Actor actor, IUnitOfWork work, long itemId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var item = await stores.For(work).FindItemAsync(itemId, cancellationToken);
        if (item is null)
        {
            return MeetingOutcome.Refuse(MeetingText.NoItem(itemId));
        }

        var units = await directory.ListReportingUnitsAsync(actor.Id, cancellationToken);
        if (!units.Any(u => u.Code == item.OwnerUnit))
        {
            var owner = await directory.FindUnitAsync(item.OwnerUnit, cancellationToken);
            return MeetingOutcome.Refuse(MeetingText.NotItemOwner(owner?.Name ?? item.OwnerUnit));
        }

        return MeetingOutcome.Ok(MeetingText.AskFeedback(item));
    }

    /// <summary>Records the owner unit's progress on an item; the office staff member who recorded it (or the office) is told.</summary>
    public async Task<MeetingOutcome> FeedBackAsync(Actor actor, IUnitOfWork work, long itemId, string text, bool done, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(work);
        var allowed = await CanFeedBackAsync(actor, work, itemId, cancellationToken);
        if (!allowed.Succeeded)
        {
            return allowed;
        }

        text = (text ?? "").Trim();
        if (CheckFeedback(text) is { } badFeedback)
        {
            return MeetingOutcome.Refuse(badFeedback);
        }

        var now = time.GetUtcNow();
        var store = stores.For(work);
        var item = (await store.FindItemAsync(itemId, cancellationToken))!;
        await store.AddFeedbackAsync(new ItemFeedback(0, item.Id, actor.Id, text, done, now), cancellationToken);
        await store.UpdateItemAsync(item with { Status = done ? AgreedItemStatus.Done : AgreedItemStatus.InProgress, UpdatedAt = now }, cancellationToken);
        await work.Audit.AppendAsync(AuditEntry.Of(now, actor.Id, "meeting.item.feedback", MeetingSteps.ItemSubject(item.Id),
            MeetingText.ItemStatusName(done ? AgreedItemStatus.Done : AgreedItemStatus.InProgress), actor.Source), cancellationToken);
        var snapshot = await directory.LoadAsync(cancellationToken);
        var unit = snapshot.Units.FirstOrDefault(u => u.Code == item.OwnerUnit)?.Name ?? item.OwnerUnit;
        var notice = MeetingText.FeedbackNotice(unit, actor.Name, item, text, done);
        var recorder = snapshot.People.FirstOrDefault(p => p.Id == item.RecordedBy && p.Roles.HasFlag(Roles.OfficeStaff));
        if (recorder is not null)
        {
            await notices.SendAsync(work, recorder, notice, now, null, cancellationToken);
        }
        else
        {
            await notices.ToOfficeAsync(work, snapshot, notice, now, null, cancellationToken);
        }

        return MeetingOutcome.Ok(MeetingText.FeedbackRecorded(item, done));
    }

    /// <summary>Checks a unit's feedback as typed; null when acceptable, else what to say.</summary>
    public static string? CheckFeedback(string text) => Prompt.CheckText(text, MeetingLimits.Feedback, MeetingText.FeedbackField);

    private static MeetingResult<List<(string Text, Unit Unit, DateOnly Due)>> ParseItems(IReadOnlyList<AgreedItemDraft> items, DirectorySnapshot snapshot, DateOnly today)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var parsed = new List<(string Text, Unit Unit, DateOnly Due)>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var n = i + 1;
            var text = item.Text?.Trim() ?? "";
            if (text.Length == 0)
            {
                errors[$"items[{i}].text"] = MeetingText.NoItemText(n);
            }
            else if (text.Length > MeetingLimits.Item)
            {
                errors[$"items[{i}].text"] = MeetingText.ItemTooLong(n, MeetingLimits.Item, text.Length);
            }

            var owner = item.Owner?.Trim() ?? "";
            var unit = snapshot.Units.FirstOrDefault(u => u.Code == owner) ?? snapshot.Units.FirstOrDefault(u => u.Name == owner);
            if (owner.Length == 0)
            {
                errors[$"items[{i}].owner"] = MeetingText.NoItemOwner(n);
            }
            else if (unit is null)
            {
                errors[$"items[{i}].owner"] = MeetingText.UnknownItemOwner(n, owner);
            }

            if (string.IsNullOrWhiteSpace(item.Due))
            {
                errors[$"items[{i}].due"] = MeetingText.NoItemDue(n);
            }
            else if (!MeetingInput.TryParseDate(item.Due, out var due))
            {
                errors[$"items[{i}].due"] = MeetingText.BadItemDue(n, item.Due);
            }
            else if (due < today)
            {
                errors[$"items[{i}].due"] = MeetingText.ItemDuePassed(n, due);
            }
            else if (unit is not null && text.Length is > 0 and <= MeetingLimits.Item)
            {
                parsed.Add((text, unit, due));
            }
        }

        return errors.Count > 0 ? MeetingRefusal.Invalid(errors) : parsed;
    }
}
