using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Meetings;

/// <summary>What creating a meeting did.</summary>
/// <param name="Meeting">The (first) meeting, already invited.</param>
/// <param name="Series">The series, for a recurring meeting.</param>
/// <param name="Invited">Invitations queued.</param>
/// <param name="Warnings">Things to check that did not stop it (a day off, an unreachable attendee).</param>
public sealed record MeetingCreated(Meeting Meeting, MeetingSeries? Series, int Invited, IReadOnlyList<string> Warnings);

/// <summary>
/// The office's meeting use cases (seed 000 第十一~十三条): create a one-off or recurring meeting and invite its
/// attendees, move it (attendees are told), cancel it (attendees are told, open leave requests are closed), record the
/// agreed items of its minutes (the owner's liaison is told), and read its roster. Every change and its notices are
/// written in one transaction; refusals carry a Chinese message per field.
/// </summary>
public sealed class MeetingService(
    IUnitOfWorkFactory units,
    IMeetingStoreFactory stores,
    IDirectoryRepository directory,
    MeetingNotices notices,
    MeetingCalendar calendar,
    TimeProvider time,
    ILogger<MeetingService> logger)
{
    private const int MaxTitle = 100;
    private const int MaxPlace = 200;
    private const int MaxAgenda = 2000;
    private const int MaxItem = 500;

    /// <summary>Creates a meeting (and its series when recurring) and sends the invitations.</summary>
    public async Task<MeetingCreated> CreateAsync(MeetingDraft draft, string by, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var snapshot = await directory.LoadAsync(cancellationToken);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var warnings = new List<string>();

        if (!MeetingKinds.TryParse(draft.Kind, out var kind))
        {
            errors["kind"] = string.IsNullOrWhiteSpace(draft.Kind)
                ? $"请填写会议类型（{MeetingKinds.Choices}）。"
                : $"会议类型“{draft.Kind}”无效，应为{MeetingKinds.Choices}之一。";
        }

        var title = draft.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            errors["title"] = "请填写会议名称。";
        }
        else if (title.Length > MaxTitle)
        {
            errors["title"] = $"会议名称过长（最多{MaxTitle}字，现为{title.Length}字）。";
        }

        Person? host = null;
        if (string.IsNullOrWhiteSpace(draft.Host))
        {
            errors["host"] = "请指定主持人（人员编号或姓名）。";
        }
        else if ((host = AttendeeResolver.FindPerson(snapshot, draft.Host, out var hostProblem)) is null)
        {
            errors["host"] = $"主持人：{hostProblem}";
        }

        var (start, end) = ParseTimes(draft.Start, draft.End, now, errors);
        var (place, link) = CheckVenue(draft.Place, draft.Link, errors);
        var agenda = string.IsNullOrWhiteSpace(draft.Agenda) ? null : draft.Agenda.Trim();
        if (agenda?.Length > MaxAgenda)
        {
            errors["agenda"] = $"会议议题过长（最多{MaxAgenda}字，现为{agenda.Length}字）。";
        }

        var specs = (draft.Attendees ?? []).SelectMany(AttendeeSpec.Split).ToList();
        AttendeeResolution? resolution = null;
        if (specs.Count == 0)
        {
            errors["attendees"] = "请指定参会人员，如 unit:wjw（单位联络员）、role:联络员 或 person:人员编号。";
        }
        else
        {
            resolution = AttendeeResolver.Resolve(specs, snapshot, host?.Id);
            if (resolution.Errors.Count > 0)
            {
                errors["attendees"] = string.Join("\n", resolution.Errors);
            }
            else if (resolution.People.Count == 0)
            {
                errors["attendees"] = "参会人员为空（主持人不计入参会人员）。";
            }
        }

        Recurrence? rule = null;
        if (!string.IsNullOrWhiteSpace(draft.Recurrence))
        {
            rule = Recurrence.Parse(draft.Recurrence);
            if (rule is null)
            {
                errors["recurrence"] = "重复规则应为 weekly:TUE（每周二）或 monthly:15（每月15日）。";
            }
            else if (start is { } s && !rule.Matches(calendar.LocalDate(s)))
            {
                errors["recurrence"] = $"开始日期{MeetingText.Date(calendar.LocalDate(s))}与重复规则“{rule.Describe()}”不一致，请以第一次会议的日期作为开始时间。";
            }
        }

        if (errors.Count > 0)
        {
            throw new MeetingValidationException(errors);
        }

        var firstDate = calendar.LocalDate(start!.Value);
        var day = calendar.Calendar.Describe(firstDate);
        if (!day.IsWorkingDay)
        {
            warnings.Add($"{MeetingText.Date(firstDate)}为{(day.Name is { } n ? $"{n}假期" : "休息日")}，请确认会议日期。");
        }

        if (!day.HasOfficialData)
        {
            warnings.Add($"尚未载入{firstDate.Year}年的节假日安排，无法判断该日是否放假。");
        }

        await using var work = await units.BeginAsync(cancellationToken);
        var store = stores.For(work);
        MeetingSeries? series = null;
        if (rule is not null)
        {
            var local = notices.Office.Local(start.Value);
            series = new MeetingSeries(0, kind, title, host!.Id, rule, firstDate, TimeOnly.FromDateTime(local), (int)(end!.Value - start.Value).TotalMinutes,
                place, link, agenda, specs, by, now);
            series = series with { Id = await store.InsertSeriesAsync(series, cancellationToken) };
        }

        var meeting = new Meeting(0, series?.Id, series is null ? null : firstDate, kind, title, host!.Id, start.Value, end!.Value, place, link, agenda, specs,
            MeetingStatus.Scheduled, by, now, now);
        meeting = meeting with { Id = await store.InsertMeetingAsync(meeting, cancellationToken) };
        await AddInviteesAsync(store, meeting, resolution!.People, cancellationToken);
        var invited = await notices.InviteAsync(work, store, meeting, snapshot, now, cancellationToken);
        warnings.AddRange(Unreachable(resolution.People.Count, invited));
        await work.CommitAsync(cancellationToken);
        logger.LogInformation("{By} created meeting {Id} ({Title}) at {Start:o}{Series}; {Count} invitation(s) queued",
            by, meeting.Id, title, meeting.StartsAt, series is null ? "" : $", series {series.Id} {series.Rule}", invited);
        return new MeetingCreated(meeting, series, invited, warnings);
    }

    /// <summary>Moves a meeting; attendees and the host are told (or invited, when its invitations were on hold).</summary>
    /// <param name="end">The new end; null keeps the meeting's length.</param>
    public async Task<Meeting> EditTimeAsync(long id, string? start, string? end, string by, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var work = await units.BeginAsync(cancellationToken);
        var store = stores.For(work);
        var meeting = await OpenMeetingAsync(store, id, now, "调整时间", cancellationToken);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var (newStart, newEnd) = ParseTimes(start, end, now, errors, keepLength: meeting.EndsAt - meeting.StartsAt);
        if (errors.Count == 0 && newStart == meeting.StartsAt && newEnd == meeting.EndsAt)
        {
            errors["start"] = "新时间与原时间相同，无需调整。";
        }

        if (errors.Count > 0)
        {
            throw new MeetingValidationException(errors);
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        var wasHeld = meeting.AwaitingConfirmation;
        var moved = meeting with
        {
            StartsAt = newStart!.Value,
            EndsAt = newEnd!.Value,
            TimeVersion = meeting.TimeVersion + 1,
            TimeSetAt = now,
            AwaitingConfirmation = false,
            HolidayNote = null,
        };
        await store.UpdateMeetingAsync(moved, cancellationToken);
        var queued = wasHeld && !(await store.ListDoneStepsAsync([MeetingSteps.Subject(meeting)], cancellationToken)).Contains((MeetingSteps.Subject(meeting), MeetingSteps.Invite))
            ? await notices.InviteAsync(work, store, moved, snapshot, now, cancellationToken)
            : await notices.ToEveryoneAsync(work, store, moved, snapshot,
                a => MeetingText.TimeChanged(moved, meeting.StartsAt, meeting.EndsAt, a, snapshot, notices.Office), now,
                MeetingSteps.Timed("time-changed", moved), cancellationToken);
        await work.CommitAsync(cancellationToken);
        logger.LogInformation("{By} moved meeting {Id} from {Old:o} to {New:o}; {Count} notice(s) queued", by, id, meeting.StartsAt, moved.StartsAt, queued);
        return moved;
    }

    /// <summary>Cancels a meeting (and, with <paramref name="wholeSeries"/>, its series from then on); attendees are told.</summary>
    public async Task<IReadOnlyList<Meeting>> CancelAsync(long id, string? reason, bool wholeSeries, string by, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var work = await units.BeginAsync(cancellationToken);
        var cancelled = await CancelAsync(work, id, reason, wholeSeries, by, now, cancellationToken);
        await work.CommitAsync(cancellationToken);
        return cancelled;
    }

    /// <summary>Cancels inside an existing unit of work (the chat's 取消会议 #id).</summary>
    public async Task<IReadOnlyList<Meeting>> CancelAsync(IUnitOfWork work, long id, string? reason, bool wholeSeries, string by, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var store = stores.For(work);
        var meeting = await OpenMeetingAsync(store, id, now, "取消", cancellationToken);
        if (reason?.Trim().Length > 200)
        {
            throw MeetingValidationException.One("reason", "取消原因过长（最多200字）。");
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        var targets = new List<Meeting> { meeting };
        if (wholeSeries && meeting.SeriesId is { } seriesId)
        {
            targets.AddRange((await store.ListScheduledOccurrencesAsync(seriesId, meeting.StartsAt, cancellationToken)).Where(m => m.Id != meeting.Id));
            await store.CancelSeriesAsync(seriesId, now, cancellationToken);
        }

        var cancelled = new List<Meeting>();
        foreach (var m in targets)
        {
            var done = m with { Status = MeetingStatus.Cancelled, CancelledAt = now, CancelReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim() };
            await store.UpdateMeetingAsync(done, cancellationToken);
            foreach (var request in (await store.ListLeaveAsync(m.Id, cancellationToken)).Where(r => r.Status == LeaveStatus.Pending))
            {
                await store.UpdateLeaveAsync(request with { Status = LeaveStatus.Closed, DecidedAt = now, DecidedBy = by }, cancellationToken);
            }

            var invited = (await store.ListDoneStepsAsync([MeetingSteps.Subject(m)], cancellationToken)).Contains((MeetingSteps.Subject(m), MeetingSteps.Invite));
            if (invited)
            {
                await notices.ToEveryoneAsync(work, store, done, snapshot, _ => MeetingText.Cancelled(done, done.CancelReason, notices.Office), now, "cancelled", cancellationToken);
            }

            cancelled.Add(done);
        }

        logger.LogInformation("{By} cancelled meeting(s) {Ids}{Series}", by, string.Join(", ", cancelled.Select(m => m.Id)), wholeSeries && meeting.SeriesId is not null ? $" and series {meeting.SeriesId}" : "");
        return cancelled;
    }

    /// <summary>
    /// 照常召开: the office confirms a recurring meeting that falls on a day off; its invitations go out now (inside the
    /// chat's unit of work).
    /// </summary>
    public async Task<Meeting> ConfirmAsync(IUnitOfWork work, long id, string by, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var store = stores.For(work);
        var meeting = await OpenMeetingAsync(store, id, now, "确认", cancellationToken);
        if (!meeting.AwaitingConfirmation)
        {
            throw MeetingValidationException.One("id", $"{meeting.Title}无需确认，通知已按原计划发送。", MeetingProblemKind.Conflict);
        }

        var confirmed = meeting with { AwaitingConfirmation = false, TimeSetAt = now };
        await store.UpdateMeetingAsync(confirmed, cancellationToken);
        await notices.InviteAsync(work, store, confirmed, await directory.LoadAsync(cancellationToken), now, cancellationToken);
        logger.LogInformation("{By} confirmed meeting {Id} on a day off ({Note})", by, id, meeting.HolidayNote);
        return confirmed;
    }

    /// <summary>Records agreed items (议定事项) from a meeting's minutes; each owner unit's liaison is told.</summary>
    public async Task<IReadOnlyList<AgreedItem>> RecordItemsAsync(long meetingId, IReadOnlyList<AgreedItemDraft>? items, string by, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var snapshot = await directory.LoadAsync(cancellationToken);
        await using var work = await units.BeginAsync(cancellationToken);
        var store = stores.For(work);
        var meeting = await store.FindMeetingAsync(meetingId, cancellationToken) ?? throw MeetingValidationException.NoMeeting(meetingId);
        if (meeting.Status == MeetingStatus.Cancelled)
        {
            throw MeetingValidationException.One("id", $"{meeting.Title}已取消，不能登记议定事项。", MeetingProblemKind.Conflict);
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (items is null || items.Count == 0)
        {
            throw MeetingValidationException.One("items", "请至少登记一项议定事项。");
        }

        var today = calendar.LocalDate(now);
        var parsed = new List<(string Text, Unit Unit, DateOnly Due)>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var n = i + 1;
            var text = item.Text?.Trim() ?? "";
            if (text.Length == 0)
            {
                errors[$"items[{i}].text"] = $"请填写第{n}项议定事项的内容。";
            }
            else if (text.Length > MaxItem)
            {
                errors[$"items[{i}].text"] = $"第{n}项议定事项过长（最多{MaxItem}字，现为{text.Length}字）。";
            }

            var owner = item.Owner?.Trim() ?? "";
            var unit = snapshot.Units.FirstOrDefault(u => u.Code == owner) ?? snapshot.Units.FirstOrDefault(u => u.Name == owner);
            if (owner.Length == 0)
            {
                errors[$"items[{i}].owner"] = $"请填写第{n}项的牵头单位（单位代码或名称）。";
            }
            else if (unit is null)
            {
                errors[$"items[{i}].owner"] = $"第{n}项：名录中没有代码或名称为“{owner}”的单位。";
            }

            if (string.IsNullOrWhiteSpace(item.Due))
            {
                errors[$"items[{i}].due"] = $"请填写第{n}项的完成时限，如“2026-12-15”。";
            }
            else if (!MeetingInput.TryParseDate(item.Due, out var due))
            {
                errors[$"items[{i}].due"] = $"第{n}项的完成时限“{item.Due}”格式不正确，应为“2026-12-15”。";
            }
            else if (due < today)
            {
                errors[$"items[{i}].due"] = $"第{n}项的完成时限{MeetingText.Date(due)}已过，请核对。";
            }
            else if (unit is not null && text.Length is > 0 and <= MaxItem)
            {
                parsed.Add((text, unit, due));
            }
        }

        if (errors.Count > 0)
        {
            throw new MeetingValidationException(errors);
        }

        var recorded = new List<AgreedItem>();
        foreach (var (text, unit, due) in parsed)
        {
            var item = new AgreedItem(0, meetingId, text, unit.Code, due, AgreedItemStatus.Open, by, now, now);
            item = item with { Id = await store.InsertItemAsync(item, cancellationToken) };
            recorded.Add(item);
            var liaison = snapshot.People.FirstOrDefault(p => p.UnitCode == unit.Code && p.Roles.HasFlag(Roles.Liaison));
            if (liaison is null)
            {
                logger.LogWarning("Agreed item {Id}: unit {Unit} has no liaison to tell", item.Id, unit.Code);
                continue;
            }

            await notices.SendAsync(work, liaison, ItemNotice(meeting, item, unit), now,
                MeetingNotices.DedupeKey(MeetingSteps.ItemSubject(item.Id), "notice", liaison.Id), cancellationToken);
        }

        await work.CommitAsync(cancellationToken);
        logger.LogInformation("{By} recorded {Count} agreed item(s) of meeting {Id}", by, recorded.Count, meetingId);
        return recorded;
    }

    /// <summary>
    /// Scheduled meetings that have not ended more than a week ago, soonest first: every meeting for the office, a
    /// host's own meetings otherwise (the console's 会议 page).
    /// </summary>
    public async Task<IReadOnlyList<Meeting>> ListForAsync(Person viewer, CancellationToken cancellationToken = default)
    {
        await using var work = await units.BeginAsync(cancellationToken);
        var meetings = await stores.For(work).ListScheduledEndingAfterAsync(time.GetUtcNow() - TimeSpan.FromDays(7), cancellationToken);
        return [.. meetings.Where(m => viewer.Roles.HasFlag(Roles.OfficeStaff) || m.HostId == viewer.Id).OrderBy(m => m.StartsAt)];
    }

    /// <summary>The roster of a meeting.</summary>
    public async Task<Roster> RosterAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var work = await units.BeginAsync(cancellationToken);
        var store = stores.For(work);
        var meeting = await store.FindMeetingAsync(id, cancellationToken) ?? throw MeetingValidationException.NoMeeting(id);
        return Roster.Build(meeting, await store.ListAttendeesAsync(id, cancellationToken), await store.ListLeaveAsync(id, cancellationToken),
            await directory.LoadAsync(cancellationToken));
    }

    /// <summary>The notice of a new agreed item to the owner's liaison, with 反馈落实情况.</summary>
    public OutboundMessage ItemNotice(Meeting meeting, AgreedItem item, Unit unit) =>
        OutboundMessage.Card("议定事项",
            $"{MeetingText.Date(calendar.LocalDate(meeting.StartsAt))}召开的{meeting.Title}议定：{item.Text}\n" +
            $"牵头单位：{unit.Name}\n完成时限：{MeetingText.Date(item.DueDate)}\n请认真抓好落实，并及时反馈落实情况。",
            new Choice("反馈落实情况", $"反馈 #{item.Id}"));

    private static async Task AddInviteesAsync(IMeetingStore store, Meeting meeting, IEnumerable<ResolvedAttendee> people, CancellationToken cancellationToken)
    {
        foreach (var p in people)
        {
            await store.SaveAttendeeAsync(new Attendee(meeting.Id, p.PersonId, AttendeeRole.Invitee, p.UnitCode, p.Source), cancellationToken);
        }
    }

    /// <summary>Adds the invitees of a new occurrence of a series (resolved again against today's directory).</summary>
    internal static Task AddInviteesForOccurrenceAsync(IMeetingStore store, Meeting meeting, IEnumerable<ResolvedAttendee> people, CancellationToken cancellationToken) =>
        AddInviteesAsync(store, meeting, people, cancellationToken);

    private static IEnumerable<string> Unreachable(int people, int invited) =>
        invited < people ? [$"有{people - invited}名参会人员没有可用的消息渠道，未能发送会议通知，请另行通知。"] : [];

    private static async Task<Meeting> OpenMeetingAsync(IMeetingStore store, long id, DateTimeOffset now, string what, CancellationToken cancellationToken)
    {
        var meeting = await store.FindMeetingAsync(id, cancellationToken) ?? throw MeetingValidationException.NoMeeting(id);
        if (meeting.Status == MeetingStatus.Cancelled)
        {
            throw MeetingValidationException.One("id", $"{meeting.Title}已经取消，不能{what}。", MeetingProblemKind.Conflict);
        }

        return meeting.HasStarted(now)
            ? throw MeetingValidationException.One("id", $"{meeting.Title}已经开始，不能{what}。", MeetingProblemKind.Conflict)
            : meeting;
    }

    private (DateTimeOffset? Start, DateTimeOffset? End) ParseTimes(
        string? startText, string? endText, DateTimeOffset now, Dictionary<string, string> errors, TimeSpan? keepLength = null)
    {
        DateTimeOffset? start = null, end = null;
        if (string.IsNullOrWhiteSpace(startText))
        {
            errors["start"] = "请填写开始时间，如“2026-12-01 09:00”。";
        }
        else if (!MeetingInput.TryParseTime(startText, calendar.Zone, out var s))
        {
            errors["start"] = $"开始时间“{startText}”格式不正确，应为“2026-12-01 09:00”。";
        }
        else if (s <= now)
        {
            errors["start"] = $"开始时间{MeetingText.When(s, notices.Office)}已过，请核对。";
        }
        else
        {
            start = s;
        }

        if (string.IsNullOrWhiteSpace(endText) && keepLength is { } length)
        {
            end = start + length;
        }
        else if (string.IsNullOrWhiteSpace(endText))
        {
            errors["end"] = "请填写结束时间，如“2026-12-01 10:30”。";
        }
        else if (!MeetingInput.TryParseTime(endText, calendar.Zone, out var e))
        {
            errors["end"] = $"结束时间“{endText}”格式不正确，应为“2026-12-01 10:30”。";
        }
        else if (start is { } st && e <= st)
        {
            errors["end"] = "结束时间须晚于开始时间。";
        }
        else if (start is { } st2 && e - st2 > TimeSpan.FromHours(12))
        {
            errors["end"] = "会议时长超过12小时，请核对结束时间。";
        }
        else
        {
            end = e;
        }

        return (start, end);
    }

    private static (string? Place, string? Link) CheckVenue(string? placeText, string? linkText, Dictionary<string, string> errors)
    {
        var place = string.IsNullOrWhiteSpace(placeText) ? null : placeText.Trim();
        var link = string.IsNullOrWhiteSpace(linkText) ? null : linkText.Trim();
        if (place is null && link is null)
        {
            errors["place"] = "请填写会议地点或线上参会链接。";
        }
        else if (place?.Length > MaxPlace)
        {
            errors["place"] = $"会议地点过长（最多{MaxPlace}字）。";
        }

        if (link is not null && !(Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            errors["link"] = "线上参会链接须是以 http:// 或 https:// 开头的网址。";
        }

        return (place, link);
    }
}
