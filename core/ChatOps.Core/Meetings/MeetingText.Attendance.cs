using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports;

namespace ChatOps.Core.Meetings;

/// <summary>Attendance: 参加, 请假 with a substitute, the host's decision.</summary>
public static partial class MeetingText
{
    /// <summary>不能再确认参会.</summary>
    public const string AttendVerb = "确认参会";

    /// <summary>不能再请假.</summary>
    public const string LeaveVerb = "请假";

    public const string EmptyReason = "请假事由不能为空，请说明不能出席的原因。";
    public const string VagueReason = "请具体说明请假事由（如：参加省政府专题会议）。";
    public const string SubstituteGone = "该同志已不在名录中，请重新输入姓名。";
    public const string SubstituteIsSelf = "不能指定本人代为参会，请另行指定。";
    public const string NoLeaveRequest = "找不到这份请假申请。";
    public const string OnlyHostDecides = "只有会议主持人可以审批这份请假申请。";
    public const string AskRejectComment = "请输入不批准的意见（将转告请假人），或回复“取消”。";
    public const string EmptyComment = "意见不能为空，请输入不批准的意见。";

    /// <summary>“12月1日（周二）9:00在省卫生健康委3楼会议室召开的领导小组办公室会议”.</summary>
    public static string Held(Meeting m, OfficeProfile office) => $"{When(m.StartsAt, office)}{Venue(m)}召开的{m.Title}";

    public static string HostNeedNotAttend(Meeting m) => $"您是{m.Title}的主持人，无需确认参会。";

    public static string NotOnRosterAttend(Meeting m) => $"您不在{m.Title}的参会名单中。如需参会，请联系领导小组办公室。";

    public static string AlreadyAttending(Meeting m, OfficeProfile office) => $"您已确认参加{Held(m, office)}，无需重复确认。";

    public static string SubstituteAudit(Attendee me, DirectorySnapshot directory) => $"代{Label(me.SubstituteFor ?? "", directory)}参会";

    public static string SubstituteConfirmed(Meeting m, Attendee me, DirectorySnapshot directory, OfficeProfile office) =>
        $"已确认：您将代{Label(me.SubstituteFor ?? "", directory)}参加{Held(m, office)}。";

    public static OutboundMessage LeaveWithdrawn(Meeting m, string personId, IReadOnlyList<LeaveRequest> withdrawn, DirectorySnapshot directory, OfficeProfile office) =>
        OutboundMessage.Plain($"{Label(personId, directory)}撤回请假申请，将本人参加{Held(m, office)}。" +
            (withdrawn.FirstOrDefault(r => r.Status == LeaveStatus.Approved) is { } approved ? $"原定代为参会的{approved.SubstituteName}不再参会。" : ""));

    public static string Attending(Meeting m, OfficeProfile office, bool withdrewLeave) =>
        $"已确认：您将参加{Held(m, office)}。" + (withdrewLeave ? "\n已撤回您的请假申请，并告知主持人。" : "");

    public static string WasCancelled(Meeting m, OfficeProfile office) => $"{m.Title}（原定{When(m.StartsAt, office)}）已取消。";

    public static string HasStarted(Meeting m, string what, DirectorySnapshot directory, OfficeProfile office) =>
        $"{m.Title}已于{When(m.StartsAt, office)}开始，不能再{what}。" +
        (what == LeaveVerb ? $"如确有特殊情况，请直接联系主持人{Label(m.HostId, directory)}。" : "");

    public static string SubstituteCannotRequestLeave(Meeting m, Attendee me, DirectorySnapshot directory) =>
        $"您是代{Label(me.SubstituteFor ?? "", directory)}出席{m.Title}的人员。如不能出席，请与{Label(me.SubstituteFor ?? "", directory)}联系，由其重新请假并另行指定参会人员。";

    public static string HostNeedNotRequestLeave(Meeting m) => $"您是{m.Title}的主持人，无需请假。如会议需要调整，请联系领导小组办公室。";

    public static string NotOnRosterLeave(Meeting m) => $"您不在{m.Title}的参会名单中，无需请假。";

    public static string AskLeaveReason(Meeting m, LeaveRequest? earlier, OfficeProfile office) =>
        earlier?.Status switch
        {
            LeaveStatus.Pending => "您已提交过请假申请，正在等待主持人审批；重新提交将替换原申请。\n",
            LeaveStatus.Approved => $"您的请假已获批准（由{earlier.SubstituteName}代为参会）；重新提交将替换原申请，需主持人重新审批。\n",
            _ => "",
        } + $"请假须说明事由并指定代为参会人员。\n请说明不能出席{When(m.StartsAt, office)}{m.Title}的事由（随时回复“取消”可放弃）：";

    public static string SubstituteIsHost(Person person) => $"{person.Name}是会议主持人，不能代为参会，请另行指定。";

    public static string SubstituteOnRoster(string personId, DirectorySnapshot directory) => $"{Label(personId, directory)}已在本次会议的参会名单中，请另行指定代为参会人员。";

    public static string LeaveAudit(LeaveRequest r, DirectorySnapshot directory) => $"事由：{r.Reason}；代为参会：{Substitute(r, directory)}";

    public static string LeaveSubmitted(Meeting m, DirectorySnapshot directory, bool reachedHost, bool replaced)
    {
        var host = Label(m.HostId, directory);
        return reachedHost
            ? $"请假申请已提交主持人{host}审批" + (replaced ? "（原申请已作废）" : "") + "，审批结果将及时通知您。"
            : $"请假申请已登记，但系统暂时无法通知主持人{host}，请您直接向主持人请假。";
    }

    /// <summary>Why a leave request cannot be decided now; null when it can.</summary>
    public static string? DecisionRefusal(LeaveStatus status, bool meetingCancelled, bool meetingStarted) => status switch
    {
        LeaveStatus.Approved => "这份请假申请已批准，无需重复审批。",
        LeaveStatus.Rejected => "这份请假申请已处理（未批准），无需重复审批。",
        LeaveStatus.Replaced => "请假人已重新提交申请，这份申请已作废，请审批新的申请。",
        LeaveStatus.Withdrawn => "请假人已撤回申请，将本人参会。",
        LeaveStatus.Closed => "会议已取消，这份请假申请不再办理。",
        LeaveStatus.Unanswered => "会议已经开始，这份请假申请未能在会前审批，已告知领导小组办公室。",
        _ when meetingCancelled => "会议已取消，这份请假申请不再办理。",
        _ when meetingStarted => "会议已经开始，不能再审批请假。",
        _ => null,
    };

    public static string Approved(LeaveRequest r, DirectorySnapshot directory, bool substituteTold)
    {
        var requester = Label(r.PersonId, directory);
        return r.SubstitutePersonId is null
            ? $"已批准{requester}的请假。{r.SubstituteName}不在本系统名录中，已请{requester}转告会议安排（电话{r.SubstitutePhone}）。"
            : $"已批准{requester}的请假，并已" + (substituteTold ? $"通知{r.SubstituteName}代为参会。" : $"登记{r.SubstituteName}代为参会（暂无法通过本系统通知本人）。");
    }

    public static string CommentTooLong(int length) => $"意见过长（最多500字，现为{length}字），请精简后重新输入。";

    public static string Rejected(LeaveRequest r, DirectorySnapshot directory) => $"已告知{Label(r.PersonId, directory)}：请假未获批准，请按时参会。";

    /// <summary>不能再答复.</summary>
    public const string DeclineVerb = "答复";

    public static string AlreadyDeclined(Meeting m) => $"您已告知不能代为出席{m.Title}，无需重复答复。";

    public static string InviteeShouldAskLeave(Meeting m) => $"您是{m.Title}的参会人员。如不能出席，请点击“请假”，说明事由并指定代为参会人员。";

    public static string AskDeclineReason(Meeting m, Attendee me, DirectorySnapshot directory, OfficeProfile office) =>
        $"您原定代{Label(me.SubstituteFor ?? "", directory)}参加{Held(m, office)}。请说明不能出席的事由（将告知{Label(me.SubstituteFor ?? "", directory)}和主持人；回复“取消”可放弃）：";

    public static OutboundMessage SubstituteDeclinedToAttendee(Meeting m, Attendee substitute, DirectorySnapshot directory, OfficeProfile office) =>
        OutboundMessage.Card("代为参会人员不能出席",
            $"{Label(substitute.PersonId, directory)}因故（事由：{substitute.DeclineReason}）不能出席{Held(m, office)}，不能代您参会。" +
            "请您本人参会，或重新请假并另行指定代为参会人员。",
            new Choice("参加", AttendAction(m.Id)), new Choice("重新请假", LeaveAction(m.Id)));

    public static OutboundMessage SubstituteDeclinedToHost(Meeting m, Attendee substitute, DirectorySnapshot directory, OfficeProfile office) =>
        OutboundMessage.Plain(
            $"经您同意代{Label(substitute.SubstituteFor ?? "", directory)}参加{Held(m, office)}的{Label(substitute.PersonId, directory)}，" +
            $"因故（事由：{substitute.DeclineReason}）不能出席。已请{Label(substitute.SubstituteFor ?? "", directory)}本人参会或另行指定代为参会人员。");

    public static string DeclineAudit(Attendee substitute, DirectorySnapshot directory) =>
        $"代{Label(substitute.SubstituteFor ?? "", directory)}参会，因故不能出席：{substitute.DeclineReason}";

    public static string Declined(Meeting m, Attendee substitute, DirectorySnapshot directory) =>
        $"已告知{Label(substitute.SubstituteFor ?? "", directory)}和主持人{Label(m.HostId, directory)}：您因故（事由：{substitute.DeclineReason}）不能代为出席{m.Title}。";
}
