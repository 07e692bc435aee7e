using ChatOps.Core.Reports;

namespace ChatOps.Core.Meetings;

/// <summary>What the use cases say: refusals per field and permission, confirmations, audit details — attendance (参加, 请假 with a substitute, the host's decision) and the office's meetings and agreed items.</summary>
public static partial class MeetingText
{
    /// <summary>不能再确认参会.</summary>
    public const string AttendVerb = "确认参会";

    /// <summary>不能再请假.</summary>
    public const string LeaveVerb = "请假";

    /// <summary>What the toolkit's text check calls the reason for leave (“请假事由不能为空，请重新填写。”).</summary>
    public const string ReasonField = "请假事由";

    public const string VagueReason = "请具体说明请假事由（如：参加省政府专题会议）。";
    public const string SubstituteGone = "该同志已不在名录中，请重新输入姓名。";
    public const string SubstituteIsSelf = "不能指定本人代为参会，请另行指定。";
    public const string NoLeaveRequest = "未找到这份请假申请。";
    public const string OnlyHostDecides = "只有会议主持人可以审批这份请假申请。";
    public const string AskRejectComment = "请输入不批准的意见（将转告请假人），或回复“取消”。";

    /// <summary>What the toolkit's text check calls the host's comment.</summary>
    public const string CommentField = "不批准意见";

    /// <summary>“12月1日（周二）9:00在省卫生健康委3楼会议室召开的领导小组办公室会议”.</summary>
    public static string Held(Meeting m, OfficeProfile office) => $"{When(m.StartsAt, office)}{Venue(m)}召开的{m.Title}";

    public static string HostNeedNotAttend(Meeting m) => $"您是{m.Title}的主持人，无需确认参会。";

    public static string NotOnRosterAttend(Meeting m) => $"您不在{m.Title}的参会名单中。如需参会，请联系领导小组办公室。";

    public static string AlreadyAttending(Meeting m, OfficeProfile office) => $"您已确认参加{Held(m, office)}，无需重复确认。";

    public static string SubstituteAudit(Attendee me, DirectorySnapshot directory) => $"代{Label(me.SubstituteFor ?? "", directory)}参会";

    public static string SubstituteConfirmed(Meeting m, Attendee me, DirectorySnapshot directory, OfficeProfile office) =>
        $"已确认：您将代{Label(me.SubstituteFor ?? "", directory)}参加{Held(m, office)}。";

    public static OutboundMessage LeaveWithdrawn(Meeting m, string personId, IReadOnlyList<LeaveRequest> withdrawn, DirectorySnapshot directory, OfficeProfile office) =>
        OutboundMessage.Plain($"{Label(personId, directory)}已撤回请假申请，将本人参加{Held(m, office)}。" +
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

    /// <summary>What a refusal says the person cannot do to a meeting (不能调整时间).</summary>
    public const string MoveVerb = "调整时间";

    /// <summary>不能取消.</summary>
    public const string CancelVerb = "取消";

    /// <summary>不能确认.</summary>
    public const string ConfirmVerb = "确认";

    /// <summary>不能调整参会名单.</summary>
    public const string RosterVerb = "调整参会名单";

    public const string OnlyOfficeCreates = "只有领导小组办公室和会议主持人可以安排会议。";
    public const string OwnMeetingsOnly = "您只能安排由您本人主持的会议；如需安排其他领导主持的会议，请联系领导小组办公室。";
    public const string OnlyOfficeMoves = "只有领导小组办公室和本次会议的主持人可以调整会议安排。";
    public const string OnlyOfficeCancels = "只有领导小组办公室和本次会议的主持人可以取消会议。";
    public const string SameArrangement = "新的时间、地点与原安排相同，无需调整。";
    public const string OnlyOfficeConfirms = "只有领导小组办公室可以确认会议安排。";
    public const string OnlyOfficeItems = "只有领导小组办公室可以登记议定事项。";
    public const string OnlyHostOrOfficeRoster = "只有会议主持人和领导小组办公室可以查看参会名单。";
    public const string SameTime = "新时间与原时间相同，无需调整。";

    /// <summary>What the toolkit's text checks call the fields of a meeting (“会议名称过长（最多…字，现为…字），请精简后重新发送。”).</summary>
    public const string TitleField = "会议名称";
    public const string AgendaField = "会议议题";
    public const string PlaceField = "会议地点";
    public const string CancelReasonField = "取消原因";

    public const string NoTitle = "请填写会议名称。";
    public const string NoHost = "请指定主持人（人员编号或姓名）。";
    public const string NoAttendees = "请指定参会人员，如 unit:wjw（单位联络员）、role:联络员 或 person:人员编号。";
    public const string EmptyAttendees = "除主持人外，尚未指定参会人员。";
    public const string BadRecurrence = "重复规则应为 weekly:TUE（每周二）或 monthly:15（每月15日）。";
    public const string NoStart = "请填写开始时间，如“2026-12-01 09:00”。";
    public const string NoEnd = "请填写结束时间，如“2026-12-01 10:30”。";
    public const string EndBeforeStart = "结束时间须晚于开始时间。";
    public const string TooLongMeeting = "会议时长超过12小时，请核对结束时间。";
    public const string NoVenue = "请填写会议地点或线上参会链接。";
    public const string BadLink = "线上参会链接须是以 http:// 或 https:// 开头的网址。";
    public const string NoItems = "请至少登记一项议定事项。";

    public const string AllOnRoster = "所指定的人员都已在参会名单中。";
    public const string NotOnRoster = "该人员不在参会名单中。";
    public const string OnlyOfficeChangesRoster = "只有领导小组办公室或会议主持人可以调整参会名单。";

    public static string NoMeeting(long id) => $"未找到编号为{id}的会议。";

    /// <summary>To an invitee taken off the roster.</summary>
    public static OutboundMessage TakenOffRoster(Meeting m, OfficeProfile office) =>
        OutboundMessage.Plain($"{When(m.StartsAt, office)}的{m.Title}参会名单已调整，您无需参加本次会议。");

    public static string RemovedFromRoster(string label) => $"已将{label}移出参会名单。";

    /// <summary>A meeting with the same title and start exists.</summary>
    public static string Duplicate(Meeting twin, OfficeProfile office) =>
        $"同一时间已安排同名会议：{twin.Title}（#{twin.Id}，{Span(twin.StartsAt, twin.EndsAt, office)}{Venue(twin)}）。";

    public static string BadKind(string? kind) => string.IsNullOrWhiteSpace(kind)
        ? $"请填写会议类型（{MeetingKinds.Choices}）。"
        : $"会议类型“{kind}”无效，应为{MeetingKinds.Choices}之一。";

    public static string BadHost(string? problem) => $"主持人：{problem}";

    public static string RecurrenceMismatch(DateOnly date, Recurrence rule) =>
        $"开始日期{Date(date)}与重复规则“{Rule(rule)}”不一致，请以第一次会议的日期作为开始时间。";

    public static string BadStart(string text) => $"开始时间“{text}”格式不正确，应为“2026-12-01 09:00”。";

    public static string StartPassed(DateTimeOffset start, OfficeProfile office) => $"开始时间{When(start, office)}已过，请核对。";

    public static string BadEnd(string text) => $"结束时间“{text}”格式不正确，应为“2026-12-01 10:30”。";

    public static string DayOffWarning(DateOnly date, string? holiday) => $"{Date(date)}为{(holiday is { } n ? $"{n}假期" : "休息日")}，请确认会议日期。";

    public static string NoHolidayData(int year) => $"尚未载入{year}年的节假日安排，无法判断该日是否放假。";

    public static string Unreachable(int people) => $"有{people}名参会人员没有可用的消息渠道，未能发送会议通知，请另行通知。";

    public static string AlreadyCancelled(Meeting m, string what) => $"{m.Title}已经取消，不能{what}。";

    public static string AlreadyStarted(Meeting m, string what) => $"{m.Title}已经开始，不能{what}。";

    public static string NoConfirmationNeeded(Meeting m) => $"{m.Title}无需确认，通知已按原计划发送。";

    public static string CreatedAudit(Meeting m, int invited, MeetingSeries? series) =>
        $"{m.Title}（邀请{invited}人）" + (series is null ? "" : $"，{Rule(series.Rule)}");

    public static string MovedAudit(Meeting before, Meeting after, OfficeProfile office) =>
        $"{after.Title}：{Span(before.StartsAt, before.EndsAt, office)}{Venue(before)} → {Span(after.StartsAt, after.EndsAt, office)}{Venue(after)}";

    public static string CancelledAudit(Meeting m, OfficeProfile office) => $"{m.Title}（{When(m.StartsAt, office)}）" + (m.CancelReason is { } r ? $"：{r}" : "");

    public static string NoItemsWhenCancelled(Meeting m) => $"{m.Title}已取消，不能登记议定事项。";

    public static string NoItemText(int n) => $"请填写第{n}项议定事项的内容。";

    public static string ItemTooLong(int n, int max, int length) => $"第{n}项议定事项过长（最多{max}字，现为{length}字）。";

    public static string NoItemOwner(int n) => $"请填写第{n}项的牵头单位（单位代码或名称）。";

    public static string UnknownItemOwner(int n, string owner) => $"第{n}项：名录中没有代码或名称为“{owner}”的单位。";

    public static string NoItemDue(int n) => $"请填写第{n}项的完成时限，如“2026-12-15”。";

    public static string BadItemDue(int n, string due) => $"第{n}项的完成时限“{due}”格式不正确，应为“2026-12-15”。";

    public static string ItemDuePassed(int n, DateOnly due) => $"第{n}项的完成时限{Date(due)}已过，请核对。";

    public static string ItemAudit(Meeting m, AgreedItem item, Unit unit) => $"{m.Title}：{item.Text}（{unit.Name}，{Date(item.DueDate)}）";

    /// <summary>The notice of a new agreed item to the owner's liaison, with 反馈落实情况.</summary>
    public static OutboundMessage ItemNotice(DateOnly meetingDate, Meeting meeting, AgreedItem item, Unit unit) =>
        OutboundMessage.Card("议定事项",
            $"{Date(meetingDate)}召开的{meeting.Title}议定：{item.Text}\n" +
            $"牵头单位：{unit.Name}\n完成时限：{Date(item.DueDate)}\n请认真抓好落实，并及时反馈落实情况。",
            new Choice("反馈落实情况", FeedbackAction(item.Id)));

    /// <summary>The button value of 反馈落实情况.</summary>
    public static string FeedbackAction(long itemId) => $"反馈 #{itemId}";

    public static string NoItem(long id) => $"未找到编号为{id}的议定事项。";

    public static string NotItemOwner(string unit) => $"这项议定事项由{unit}承办，只有该单位的联络员可以反馈落实情况。";

    public static string AskFeedback(AgreedItem item) =>
        (item.Status == AgreedItemStatus.Done ? "该事项此前已反馈完成，如有新的情况可补充反馈。\n" : "") +
        $"请简要说明“{item.Text}”的落实情况（完成时限：{Date(item.DueDate)}；回复“取消”可放弃）：";

    /// <summary>What the toolkit's text check calls a unit's feedback.</summary>
    public const string FeedbackField = "落实情况";

    /// <summary>已完成 / 正在推进 / 未反馈.</summary>
    public static string ItemStatusName(AgreedItemStatus status) => status switch
    {
        AgreedItemStatus.Done => Finished,
        AgreedItemStatus.InProgress => Ongoing,
        _ => "未反馈",
    };

    /// <summary>The answer “已完成”.</summary>
    public const string Finished = "已完成";

    /// <summary>The answer “正在推进”.</summary>
    public const string Ongoing = "正在推进";

    public static OutboundMessage FeedbackNotice(string unit, string person, AgreedItem item, string text, bool done) =>
        OutboundMessage.Card("议定事项落实情况反馈",
            $"{unit}（{person}）反馈议定事项落实情况：\n事项：{item.Text}（完成时限{Date(item.DueDate)}）\n落实情况：{text}\n状态：{(done ? Finished : Ongoing)}");

    public static string FeedbackRecorded(AgreedItem item, bool done) => done
        ? "已反馈，该事项已标记为完成，并已报领导小组办公室。"
        : $"已反馈并报领导小组办公室。请继续抓好落实，完成时限为{Date(item.DueDate)}，完成后请再次反馈。";

    /// <summary>The HTTP API's problem titles: a request refused field by field (400).</summary>
    public const string ApiInvalid = "请求内容有误，请按提示修改。";

    /// <summary>413.</summary>
    public const string ApiTooLarge = "请求体过大，请精简后重新提交。";

    /// <summary>415.</summary>
    public const string ApiNotJson = "请求体须为 JSON（Content-Type: application/json）。";

    /// <summary>An empty JSON body.</summary>
    public const string ApiEmptyBody = "请求体不能为空。";

    /// <summary>A body that is not JSON of the expected shape.</summary>
    public static string ApiBadJson(string detail) => $"请求体不是有效的 JSON，或字段类型有误（{detail}）。";

    /// <summary>The usage line of meeting-create, printed with its errors.</summary>
    public const string CliCreateUsage =
        $"meeting-create --title 会议名称 --kind {LeadingGroupMeeting}|{OfficeMeeting}|{ThematicMeeting}|{WeeklyRegularMeeting} --host 主持人编号 --start \"2026-12-01 09:00\" --end \"2026-12-01 10:30\" " +
        "(--place 地点 | --link 链接) --attendees unit:wjw,role:联络员,person:人员编号 [--agenda 议题] [--weekly TUE | --monthly 15] [--by 登记人] [--allow-duplicate yes]";

    /// <summary>The usage line of meeting-roster.</summary>
    public const string CliRosterUsage = "meeting-roster 会议编号";

    /// <summary>meeting-create with both --weekly and --monthly.</summary>
    public const string CliWeeklyOrMonthly = "--weekly 与 --monthly 只能选一个。";

    /// <summary>What meeting-create prints: the meeting, the invitations queued, and any warnings.</summary>
    public static IEnumerable<string> CliCreated(MeetingCreated created, OfficeProfile office)
    {
        var m = created.Meeting;
        yield return $"已创建会议 #{m.Id}：{m.Title}，{Span(m.StartsAt, m.EndsAt, office)}，{m.Place ?? m.Link}。" +
            (created.Series is { } series ? $"（{Rule(series.Rule)}召开，系列编号 {series.Id}）" : "");
        yield return $"已将 {created.Invited} 份会议通知排入发送队列（由运行中的机器人发出）。";
        foreach (var warning in created.Warnings)
        {
            yield return $"注意：{warning}";
        }
    }

    /// <summary>The console's 签到表: its file name.</summary>
    public static string SignSheetFile(Meeting m) => $"签到表-{m.Title}.xlsx";

    /// <summary>The console's 签到表: its columns.</summary>
    public static IReadOnlyList<string> SignSheetColumns { get; } = ["序号", "单位", "姓名", "参会情况", "代会人", "签名"];

    /// <summary>The console after creating a meeting.</summary>
    public static string ConsoleCreated(MeetingCreated created) => $"已创建并邀请{created.Invited}人。" + string.Join("", created.Warnings);

    /// <summary>The console after cancelling.</summary>
    public static string ConsoleCancelled(int count) => $"已取消{count}场会议，并通知参会人员。";

    /// <summary>The console after moving (<paramref name="when"/>: the new time).</summary>
    public static string ConsoleMoved(string when) => $"已调整为{when}，并通知参会人员。";

    /// <summary>The console after adding attendees.</summary>
    public static string ConsoleAttendeesAdded(int count) => $"已增加{count}名参会人员，并发送会议通知。";

    /// <summary>The console after recording agreed items.</summary>
    public static string ConsoleItemsRecorded(int count) => $"已登记议定事项{count}项，并通知牵头单位联络员。";

    /// <summary>An attendee spec that is not person:…, role:… or unit:….</summary>
    public static string BadSpec(string written) => $"“{written}”格式不正确，应为 person:人员编号、role:角色 或 unit:单位代码（可写 unit:单位代码=人员编号 指定参会人员）。";

    public static string UnknownRole(string written, string role) => $"“{written}”：没有名为“{role}”的角色，可用的角色有：{Vocabulary.RoleChoices}。";

    public static string NoRoleHolder(string written, Roles role) => $"“{written}”：名录中没有担任{Vocabulary.Name(role)}的人员。";

    public static string UnknownUnit(string written, string unit) => $"“{written}”：名录中没有代码或名称为“{unit}”的单位。";

    /// <summary>A person look-up's problem, prefixed with the spec it came from.</summary>
    public static string InSpec(string written, string problem) => $"“{written}”：{problem}";

    public static string NoLiaison(string written, Unit unit) => $"“{written}”：{unit.Name}目前没有联络员，请指定参会人员（如 unit:{unit.Code}=人员编号）。";

    public static string UnknownPerson(string key) => $"名录中没有编号或姓名为“{key}”的人员。";

    public static string AmbiguousPerson(string key, IReadOnlyList<Person> namesakes) =>
        $"名录中有{namesakes.Count}人名为“{key}”，请改用人员编号（{string.Join("、", namesakes.Select(p => p.Id))}）。";

    /// <summary>The console roster's substitute column: （因故不能出席，事由：…）, （待确认）, or nothing.</summary>
    public static string ConsoleSubstituteState(RosterEntry e) =>
        e.SubstituteDeclined is { } declined ? $"（因故不能出席，事由：{declined}）" : e.Leave is not null && !e.SubstituteConfirmed ? "（待确认）" : "";
}
