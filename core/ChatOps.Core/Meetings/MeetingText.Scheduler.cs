using System.Text;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports;

namespace ChatOps.Core.Meetings;

/// <summary>What the clock sends: the pending holiday decision, unanswered leave, absentees, item reminders and overdue items.</summary>
public static partial class MeetingText
{
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
