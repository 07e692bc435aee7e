using ChatOps.Core.Calendar;
using ChatOps.Core.Reports;

namespace ChatOps.Core.Meetings;

/// <summary>
/// How meetings read in Chinese, in one place so every notice says times, places and people the same way:
/// 12月1日（周二）9:00, 在省卫生健康委3楼会议室, 罗倩（省卫生健康委）. Times are in office time. Outside it stay only the
/// words and formats the parsers match (MeetingFeature's commands, MeetingInput, Recurrence, AttendeeResolver, the kinds' aliases).
/// </summary>
public static partial class MeetingText
{
    /// <summary>The verb of the 参加 button (its value: 参加 #id).</summary>
    public const string Attend = "参加";

    /// <summary>The verb of the 请假 button.</summary>
    public const string Leave = "请假";

    /// <summary>The 重新请假 button.</summary>
    public const string LeaveAgain = "重新请假";

    /// <summary>The verb of the host's 批准 button (批准请假 #id; a typed 批准 #id too).</summary>
    public const string ApproveLeave = "批准请假";

    /// <summary>批准.</summary>
    public const string Approve = "批准";

    /// <summary>不批准.</summary>
    public const string Reject = "不批准";

    /// <summary>名单 #id.</summary>
    public const string Roster = "名单";

    /// <summary>反馈 #id.</summary>
    public const string Feedback = "反馈";

    /// <summary>The button of an agreed item.</summary>
    public const string FeedbackButton = "反馈落实情况";

    /// <summary>照常召开 #id (a meeting flagged for a day off).</summary>
    public const string HoldAnyway = "照常召开";

    /// <summary>取消会议 #id.</summary>
    public const string CancelMeeting = "取消会议";

    /// <summary>The button of a substitute who cannot attend after all.</summary>
    public const string CannotAttend = "不能参加";

    /// <summary>The substitute's 参加 button.</summary>
    public const string SubstituteAttends = "收到，将按时参会";

    /// <summary>The button value that answers 参加 for a meeting.</summary>
    public static string AttendAction(long meetingId) => $"{Attend} #{meetingId}";

    /// <summary>The button value that starts a leave request.</summary>
    public static string LeaveAction(long meetingId) => $"{Leave} #{meetingId}";

    /// <summary>The button value by which a substitute declines.</summary>
    public static string DeclineAction(long meetingId) => $"{CannotAttend} #{meetingId}";

    /// <summary>The form of address that opens every notice: 曹海燕同志：.</summary>
    public static string Address(Person person) => $"{person?.Name}同志：\n";

    /// <summary>每周 in a recurrence rule (weekly:周二 is also 每周:周二).</summary>
    public const string EveryWeek = "每周";

    /// <summary>每月 in a recurrence rule.</summary>
    public const string EveryMonth = "每月";

    /// <summary>True when <paramref name="text"/> names <paramref name="day"/>: 周二 or 星期二.</summary>
    public static bool IsWeekdayName(string text, DayOfWeek day) => text == ChineseDates.Weekday(day) || text == "星期" + ChineseDates.Weekday(day)[1..];

    /// <summary>A recurrence in words: 每周二, 每月15日.</summary>
    public static string Rule(Recurrence rule) => rule.Kind == RecurrenceKind.Weekly ? $"每{ChineseDates.Weekday(rule.Weekday)}" : $"{EveryMonth}{rule.DayOfMonth}日";

    /// <summary>Why a day is off: 国庆节假期, 周六（休息日）.</summary>
    public static string DayOff(DateOnly date, string? holiday) => holiday is { } name ? $"{name}假期" : $"{ChineseDates.Weekday(date)}（休息日）";

    /// <summary>A date: 12月15日（周二）.</summary>
    public static string Date(DateOnly date) => ChineseDates.MonthDayWeekday(date);

    /// <summary>A time of day as people write it: 9:00, 14:30.</summary>
    public static string Clock(DateTime local) => local.ToString("H:mm", CultureInfo.InvariantCulture);

    /// <summary>An instant: 12月1日（周二）9:00.</summary>
    public static string When(DateTimeOffset instant, OfficeProfile office)
    {
        var local = office.Local(instant);
        return $"{Date(DateOnly.FromDateTime(local))}{Clock(local)}";
    }

    /// <summary>A meeting's time: 12月1日（周二）9:00—10:30 (the end's date only when it is another day).</summary>
    public static string Span(DateTimeOffset start, DateTimeOffset end, OfficeProfile office)
    {
        var s = office.Local(start);
        var e = office.Local(end);
        return s.Date == e.Date ? $"{When(start, office)}—{Clock(e)}" : $"{When(start, office)}至{When(end, office)}";
    }

    /// <summary>Where: 在省卫生健康委3楼会议室, or 以视频方式 when there is only a link.</summary>
    public static string Venue(Meeting m) => m.Place is { Length: > 0 } place ? $"在{place}" : "以视频方式";

    /// <summary>A person with their unit: 罗倩（省卫生健康委）; the name alone for people without a unit.</summary>
    public static string Label(Person? person, DirectorySnapshot directory, string fallbackId = "")
    {
        if (person is null)
        {
            return fallbackId;
        }

        var unit = person.UnitCode is { } code ? directory.Units.FirstOrDefault(u => u.Code == code)?.Name : null;
        return unit is null ? person.Name : $"{person.Name}（{unit}）";
    }

    /// <summary>A person by id with their unit.</summary>
    public static string Label(string personId, DirectorySnapshot directory) =>
        Label(directory.People.FirstOrDefault(p => p.Id == personId), directory, personId);

    /// <summary>The substitute named in a leave request: 王建华（省委宣传部） or 张伟（电话13800000000，不在名录中）.</summary>
    public static string Substitute(LeaveRequest request, DirectorySnapshot directory) =>
        request.SubstitutePersonId is { } id
            ? Label(id, directory)
            : $"{request.SubstituteName}（电话{request.SubstitutePhone}）";

    /// <summary>The lines that follow the first sentence of a notice: host, agenda, link.</summary>
    public static string Details(Meeting m, DirectorySnapshot directory)
    {
        var sb = new StringBuilder();
        sb.Append("主持人：").Append(Label(m.HostId, directory));
        if (m.Link is { Length: > 0 } link)
        {
            sb.Append("\n线上参会链接：").Append(link);
        }

        if (m.Agenda is { Length: > 0 } agenda)
        {
            sb.Append("\n会议议题：").Append(agenda);
        }

        return sb.ToString();
    }

    /// <summary>The invitation (会议通知) with 参加 / 请假.</summary>
    public static OutboundMessage Invitation(Meeting m, DirectorySnapshot directory, OfficeProfile office) =>
        OutboundMessage.Card("会议通知",
            $"定于{Span(m.StartsAt, m.EndsAt, office)}{Venue(m)}召开{m.Title}，请准时参加。\n{Details(m, directory)}\n" +
            "如因特殊原因不能出席，请在会前向主持人请假，并指定代为参会人员。",
            new Choice("参加", AttendAction(m.Id)), new Choice("请假", LeaveAction(m.Id)));

    /// <summary>The invitation of a substitute (代为参会通知).</summary>
    public static OutboundMessage SubstituteInvitation(Meeting m, LeaveRequest request, DirectorySnapshot directory, OfficeProfile office) =>
        OutboundMessage.Card("代为参会通知",
            $"{Label(request.PersonId, directory)}因故（事由：{request.Reason}）不能出席{m.Title}，经主持人{Label(m.HostId, directory)}同意，由您代为参会，" +
            $"并承担会议确定的相关工作任务。会议定于{Span(m.StartsAt, m.EndsAt, office)}{Venue(m)}召开，请准时参加。\n{Details(m, directory)}\n" +
            "如因故不能代为参会，请点击“不能参加”并说明事由。",
            new Choice("收到，将按时参会", AttendAction(m.Id)), new Choice(CannotAttend, DeclineAction(m.Id)));

    /// <summary>A reminder before the meeting; with buttons while the person has not answered.</summary>
    public static OutboundMessage Reminder(Meeting m, Attendee a, bool dayBefore, DirectorySnapshot directory, OfficeProfile office)
    {
        var local = office.Local(m.StartsAt);
        var when = dayBefore
            ? $"明天（{Date(DateOnly.FromDateTime(local))}）{Clock(local)}"
            : $"今天{Clock(local)}";
        var text = $"{m.Title}将于{when}{Venue(m)}召开，请准时参加。\n{Details(m, directory)}";
        if (a.Role == AttendeeRole.Substitute)
        {
            text += $"\n您代{Label(a.SubstituteFor ?? "", directory)}参会。";
            return a.Answer == AttendanceAnswer.Attending
                ? OutboundMessage.Card("会议提醒", text)
                : OutboundMessage.Card("会议提醒", text, new Choice("收到，将按时参会", AttendAction(m.Id)), new Choice(CannotAttend, DeclineAction(m.Id)));
        }

        return a.Answer == AttendanceAnswer.Attending
            ? OutboundMessage.Card("会议提醒", text + "\n您已确认参加。")
            : OutboundMessage.Card("会议提醒", text + "\n请确认是否参加；如不能出席，请及时请假并指定代为参会人员。",
                new Choice("参加", AttendAction(m.Id)), new Choice("请假", LeaveAction(m.Id)));
    }

    /// <summary>The notice of a new time or place (会议时间调整, 会议地点调整), built per attendee (null: the host).</summary>
    public static OutboundMessage Changed(Meeting m, Meeting before, Attendee? a, DirectorySnapshot directory, OfficeProfile office)
    {
        var timeChanged = m.StartsAt != before.StartsAt || m.EndsAt != before.EndsAt;
        var placeChanged = m.Place != before.Place;
        var title = placeChanged ? (timeChanged ? "会议安排调整" : "会议地点调整") : "会议时间调整";
        var text = (placeChanged
            ? $"原定{Span(before.StartsAt, before.EndsAt, office)}{Venue(before)}召开的{m.Title}，调整为{Span(m.StartsAt, m.EndsAt, office)}{Venue(m)}召开，请准时参加。"
            : $"原定{Span(before.StartsAt, before.EndsAt, office)}召开的{m.Title}，调整为{Span(m.StartsAt, m.EndsAt, office)}{Venue(m)}召开，请准时参加。") +
            $"\n{Details(m, directory)}";
        return a is { Role: AttendeeRole.Invitee }
            ? OutboundMessage.Card(title, text + "\n如调整后不能出席，请及时请假并指定代为参会人员。",
                new Choice("参加", AttendAction(m.Id)), new Choice("请假", LeaveAction(m.Id)))
            : OutboundMessage.Card(title, text);
    }

    /// <summary>The notice of a cancellation (会议取消), built per attendee (null: the host).</summary>
    public static OutboundMessage Cancelled(Meeting m, string? reason, Attendee? a, DirectorySnapshot directory, OfficeProfile office) =>
        OutboundMessage.Card("会议取消",
            $"原定{Span(m.StartsAt, m.EndsAt, office)}召开的{m.Title}取消" + (string.IsNullOrWhiteSpace(reason) ? "。" : $"（{reason}）。") +
            "已提交的请假申请不再办理。");

    /// <summary>The leave request as the host receives it, with 批准 / 不批准.</summary>
    public static OutboundMessage LeaveToHost(Meeting m, LeaveRequest r, DirectorySnapshot directory, OfficeProfile office, bool replaces) =>
        OutboundMessage.Card("请假申请",
            $"{Label(r.PersonId, directory)}因故（事由：{r.Reason}）不能出席{When(m.StartsAt, office)}召开的{m.Title}，申请请假。" + (replaces ? "（重新提交，原申请作废）" : "") +
            $"\n代为参会：{Substitute(r, directory)}\n请在会前审批。",
            new Choice("批准", $"批准请假 #{r.Id}"), new Choice("不批准", $"不批准 #{r.Id}"));

    /// <summary>Tells the attendee the host approved.</summary>
    public static OutboundMessage LeaveApproved(Meeting m, LeaveRequest r, DirectorySnapshot directory, OfficeProfile office) =>
        OutboundMessage.Card("请假已批准",
            $"您请假不出席{When(m.StartsAt, office)}召开的{m.Title}，已获主持人{Label(m.HostId, directory)}批准，由{Substitute(r, directory)}代为参会。" +
            (r.SubstitutePersonId is null
                ? $"\n{r.SubstituteName}不在本系统名录中，请您将会议时间、地点告知本人（{r.SubstitutePhone}），并做好工作交接。"
                : $"\n已通知{r.SubstituteName}参会，请做好工作交接。"));

    /// <summary>Tells the attendee the host did not approve, with the host's comment.</summary>
    public static OutboundMessage LeaveRejected(Meeting m, LeaveRequest r, DirectorySnapshot directory, OfficeProfile office) =>
        OutboundMessage.Card("请假未获批准",
            $"您请假不出席{When(m.StartsAt, office)}召开的{m.Title}，未获主持人{Label(m.HostId, directory)}批准。\n主持人意见：{r.HostComment}\n" +
            "请按时参会；如确有特殊情况，可重新提交请假申请。",
            new Choice("参加", AttendAction(m.Id)), new Choice("重新请假", LeaveAction(m.Id)));

    /// <summary>Tells a substitute they are no longer needed.</summary>
    public static OutboundMessage SubstituteReleased(Meeting m, string forLabel, OfficeProfile office) =>
        OutboundMessage.Plain($"{forLabel}的参会安排已有调整，您无需代为出席{When(m.StartsAt, office)}召开的{m.Title}。");

    /// <summary>The holiday flag to the office: the occurrence's notices are held until the office decides.</summary>
    public static OutboundMessage HolidayFlag(Meeting m, MeetingSeries series, OfficeProfile office) =>
        OutboundMessage.Card("会议日期提醒",
            $"{m.Title}（{Rule(series.Rule)}）下次会议应于{When(m.StartsAt, office)}召开，当天为{m.HolidayNote}。\n" +
            "为避免误发，本次会议的通知和提醒暂不发送。请确认照常召开，或取消本次会议；如需调整时间，请回复“调整会议”，调整后通知随即发出。",
            new Choice("照常召开", $"照常召开 #{m.Id}"), new Choice("取消本次会议", $"取消会议 #{m.Id}"));

    /// <summary>A roster as Markdown, for the host and the office.</summary>
    public static OutboundMessage RosterMessage(Roster roster, OfficeProfile office)
    {
        var m = roster.Meeting;
        var sb = new StringBuilder();
        sb.Append("**").Append(m.Title).AppendLine("**");
        sb.Append("时间：").AppendLine(Span(m.StartsAt, m.EndsAt, office));
        if (m.Place is { Length: > 0 })
        {
            sb.Append("地点：").AppendLine(m.Place);
        }

        sb.Append("主持人：").AppendLine(roster.HostLabel);
        if (m.Status == MeetingStatus.Cancelled)
        {
            sb.AppendLine("（本次会议已取消）");
        }

        sb.Append("应参会").Append(roster.Entries.Count).Append("人：参加").Append(roster.Count(RosterCategory.Attending))
            .Append("人，请假").Append(roster.Count(RosterCategory.OnLeave)).Append("人，请假待批").Append(roster.Count(RosterCategory.LeavePending))
            .Append("人，未答复").Append(roster.Count(RosterCategory.NoAnswer)).Append('人');
        if (roster.Count(RosterCategory.LeaveRejected) > 0)
        {
            sb.Append("，请假未获批准").Append(roster.Count(RosterCategory.LeaveRejected)).Append('人');
        }

        if (roster.Count(RosterCategory.LeaveUnanswered) > 0)
        {
            sb.Append("，请假未获答复").Append(roster.Count(RosterCategory.LeaveUnanswered)).Append('人');
        }

        sb.AppendLine("。");
        foreach (var category in Enum.GetValues<RosterCategory>())
        {
            var entries = roster.In(category);
            if (entries.Count == 0)
            {
                continue;
            }

            sb.AppendLine().Append("**").Append(CategoryName(category)).Append('（').Append(entries.Count).AppendLine("）**");
            if (category is RosterCategory.Attending or RosterCategory.NoAnswer)
            {
                sb.AppendLine(string.Join("、", entries.Select(e => e.Label)));
                continue;
            }

            var n = 0;
            foreach (var e in entries)
            {
                sb.Append(++n).Append(". ").Append(e.Label);
                if (e.Leave is { } leave)
                {
                    sb.Append("：").Append(leave.Reason).Append("；");
                    sb.Append(category == RosterCategory.OnLeave ? "由" : "拟由").Append(e.SubstituteLabel).Append("代为参会");
                    if (category == RosterCategory.OnLeave && leave.SubstitutePersonId is not null)
                    {
                        sb.Append(SubstituteState(e));
                    }

                    if (category == RosterCategory.LeaveRejected && leave.HostComment is { } comment)
                    {
                        sb.Append("；主持人意见：").Append(comment);
                    }
                }

                sb.AppendLine();
            }
        }

        return OutboundMessage.Markdown(sb.ToString().TrimEnd(), "参会名单");
    }

    /// <summary>Where a directory substitute stands: （已确认）, （未确认）, or ；代为参会人员因故（事由：…）不能出席.</summary>
    public static string SubstituteState(RosterEntry e) =>
        e.SubstituteDeclined is { } reason ? $"；代为参会人员因故（事由：{reason}）不能出席" : e.SubstituteConfirmed ? "（已确认）" : "（未确认）";

    /// <summary>The heading of a roster category.</summary>
    public static string CategoryName(RosterCategory category) => category switch
    {
        RosterCategory.Attending => "参加",
        RosterCategory.OnLeave => "请假（已批准）",
        RosterCategory.LeavePending => "请假待批",
        RosterCategory.LeaveRejected => "请假未获批准、未确认参会",
        RosterCategory.LeaveUnanswered => "请假未获主持人答复",
        _ => "未答复",
    };

    /// <summary>A list of agreed items as Markdown lines, with due dates and the latest feedback.</summary>
    public static string ItemLine(AgreedItem item, DirectorySnapshot directory, ItemFeedback? latest)
    {
        var unit = directory.Units.FirstOrDefault(u => u.Code == item.OwnerUnit)?.Name ?? item.OwnerUnit;
        var line = $"#{item.Id} {item.Text}（{unit}，完成时限{Date(item.DueDate)}，{ItemStatusName(item.Status)}）";
        return latest is null ? line : $"{line}\n   最近反馈：{latest.Text}";
    }

    /// <summary>The day before a meeting held for a day off: still not decided.</summary>
    public static OutboundMessage HolidayStillPending(Meeting m, OfficeProfile office) =>
        OutboundMessage.Card("会议日期待确认",
            $"{m.Title}原定{When(m.StartsAt, office)}召开，当天为{m.HolidayNote}，至今尚未确认是否照常召开，会议通知和提醒均未发送。",
            new Choice("照常召开", $"照常召开 #{m.Id}"), new Choice("取消本次会议", $"取消会议 #{m.Id}"));

    /// <summary>To an attendee whose request the host never answered.</summary>
    public static OutboundMessage HostNeverAnswered(Meeting m) =>
        OutboundMessage.Plain($"主持人未在{m.Title}开始前答复您的请假申请，已告知领导小组办公室。请与主持人或办公室联系确认。");

    /// <summary>To the office at the start: the requests the host never answered.</summary>
    public static OutboundMessage UnansweredRequests(Meeting m, IReadOnlyList<LeaveRequest> pending, DirectorySnapshot directory, OfficeProfile office)
    {
        var sb = new StringBuilder($"{m.Title}（{When(m.StartsAt, office)}）已开始，主持人{Label(m.HostId, directory)}未在会前答复以下请假申请：\n");
        var n = 0;
        foreach (var r in pending)
        {
            sb.Append(++n).Append(". ").Append(Label(r.PersonId, directory)).Append("：").Append(r.Reason)
                .Append("；拟由").Append(Substitute(r, directory)).AppendLine("代为参会");
        }

        sb.Append("请与主持人核实参会安排。");
        return OutboundMessage.Markdown(sb.ToString(), "请假未获答复");
    }

    /// <summary>To the office after the end: invitees without approved leave who did not confirm.</summary>
    public static OutboundMessage Absentees(Roster roster, OfficeProfile office)
    {
        var m = roster.Meeting;
        var missing = roster.WithoutApprovedLeave;
        var sb = new StringBuilder($"{m.Title}（{Span(m.StartsAt, m.EndsAt, office)}）已结束。");
        if (missing.Count == 0)
        {
            sb.Append($"应参会{roster.Entries.Count}人均已确认参会或经批准请假。");
        }
        else
        {
            sb.Append("以下").Append(missing.Count).AppendLine("人未经批准请假，也未确认参会，请核实是否缺席：");
            var n = 0;
            foreach (var e in missing)
            {
                sb.Append(++n).Append(". ").Append(e.Label).Append("（").Append(CategoryName(e.Category)).AppendLine("）");
            }
        }

        return OutboundMessage.Markdown(sb.ToString().TrimEnd(), "会议缺席情况");
    }

    /// <summary>To the owner's liaison before an item's due date.</summary>
    public static OutboundMessage ItemReminder(Meeting? meeting, AgreedItem item, int days) =>
        OutboundMessage.Card("议定事项提醒",
            $"{meeting?.Title}议定的“{item.Text}”完成时限为{Date(item.DueDate)}，{(days == 1 ? "明天到期" : $"还有{days}天到期")}。请抓紧落实，并及时反馈落实情况。",
            new Choice("反馈落实情况", FeedbackAction(item.Id)));

    /// <summary>To the office: the items newly past their due date.</summary>
    public static OutboundMessage OverdueItems(IReadOnlyList<string> lines) =>
        OutboundMessage.Markdown("以下议定事项已超过完成时限，尚未反馈完成：\n" + string.Concat(lines.Select((l, i) => $"{i + 1}. {l}\n")) + "请督促相关单位抓紧落实。",
            "议定事项逾期提醒");
}
