using ChatOps.Core.Reports;

namespace ChatOps.Core.Meetings;

/// <summary>What the meeting dialogs ask and answer in chat, the words they understand, and the guided dialog of office staff and hosts (安排会议, 调整会议, 取消会议).</summary>
public static partial class MeetingText
{
    /// <summary>会议: the person's upcoming meetings.</summary>
    public static readonly string[] MyMeetingsWords = ["会议", "我的会议", "近期会议", "meetings"];

    /// <summary>议定事项: the open agreed items.</summary>
    public static readonly string[] ItemsWords = ["议定事项", "督办事项", "items"];

    /// <summary>名单: the roster of the host's next meeting.</summary>
    public static readonly string[] RosterWords = ["名单", "参会名单", "roster"];

    /// <summary>A bare 参加 (not a bare 收到: circulars are acknowledged with it).</summary>
    public static readonly string[] AttendWords = [Attend, SubstituteAttends];

    /// <summary>A bare 请假.</summary>
    public static readonly string[] LeaveWords = [Leave, LeaveAgain];

    /// <summary>A bare 反馈.</summary>
    public static readonly string[] FeedbackWords = [Feedback, FeedbackButton];

    /// <summary>安排会议.</summary>
    public static readonly string[] CreateWords = ["安排会议", "新建会议", "创建会议", "召开会议"];

    /// <summary>调整会议.</summary>
    public static readonly string[] MoveWords = ["调整会议", "会议改期", "修改会议"];

    /// <summary>取消会议.</summary>
    public static readonly string[] CancelWords = [CancelMeeting];

    /// <summary>A time or place that stays as it is.</summary>
    public static readonly string[] KeepWords = ["不变", "不改", "原样"];

    /// <summary>The person themself (the host).</summary>
    public static readonly string[] MeWords = ["我", "本人"];

    /// <summary>No reason given for a cancellation.</summary>
    public static readonly string[] NoReasonWords = ["无", "不说明"];

    /// <summary>An agreed item done, besides the button.</summary>
    public static readonly string[] DoneWords = ["完成", "是"];

    /// <summary>An agreed item not yet done, besides the button.</summary>
    public static readonly string[] OngoingWords = ["推进中", "否", "未完成"];

    /// <summary>The confirm step's 提交.</summary>
    public const string Submit = "提交";

    /// <summary>The confirm step's 重新指定代参人员.</summary>
    public const string ChangeSubstitute = "重新指定代参人员";

    /// <summary>“None of these people” when several match a name.</summary>
    public const string NoneOfThese = "都不是";

    public const string NoHostedMeetings = "您近期没有主持的会议。";
    public const string NoUpcomingMeetings = "您近期没有需要参加的会议。";
    public const string NothingToAttend = "您近期没有待确认的会议。回复“会议”查看近期会议。";
    public const string NothingToLeave = "您近期没有可以请假的会议。回复“会议”查看近期会议。";
    public const string AskExternalSubstitute = "请输入代为参会人员的姓名和联系电话（如：张伟 13800000000）。";
    public const string LeaveDialogExpired = "对话已失效，请重新点击“请假”。";
    public const string AskSubstitute = "请指定代为参会人员，输入其姓名即可。\n如该同志不在本系统名录中，请输入姓名和联系电话（如：张伟 13800000000）。";
    public const string AskSubstituteName = "请输入代为参会人员的姓名。";
    public const string LeaveMeetingGone = "会议已不存在，请假申请未提交。";
    public const string NothingToDecide = "目前没有待您审批的请假申请。";
    public const string NoItemsToFeedBack = "本单位目前没有待反馈的议定事项。";
    public const string NoOpenItems = "目前没有未完成的议定事项。";
    public const string NoOwnOpenItems = "本单位目前没有待落实的议定事项。";
    public const string Overdue = "已逾期";
    public const string NotDue = "未到期";
    public const string HowToFeedBack = "回复“反馈 #编号”反馈落实情况。";
    public const string ItemsTitle = "议定事项";

    /// <summary>What 取消 says in each meeting dialog.</summary>
    public static string DialogCancelled(string dialog) => dialog switch
    {
        MeetingLeaveDialog.Name => "已取消，请假申请未提交。",
        MeetingRejectDialog.Name => "已取消，这份请假申请仍待您审批。",
        MeetingFeedbackDialog.Name => "已取消，未提交反馈。",
        MeetingDeclineDialog.Name => "已取消，您仍将代为参会。",
        _ => "已取消，会议安排未作改动。",
    };

    /// <summary>The meeting lines of 帮助, by role.</summary>
    public static IEnumerable<string> HelpLines(Roles roles)
    {
        yield return "**会议**：查看近期需要参加的会议；收到会议通知后点击“参加”或“请假”（请假须说明事由并指定代为参会人员）";
        if (roles.HasFlag(Roles.MeetingHost) || roles.HasFlag(Roles.GroupLeader))
        {
            yield return "**名单**：查看您主持的会议的参会名单；收到请假申请后点击“批准”或“不批准”";
        }

        if (roles.HasFlag(Roles.OfficeStaff))
        {
            yield return "**名单 #会议编号**：查看任一会议的参会名单；**议定事项**：查看各单位议定事项落实情况";
        }
        else if (roles.HasFlag(Roles.Liaison))
        {
            yield return "**议定事项**：查看本单位承办的会议议定事项；**反馈**：反馈落实情况";
        }
    }

    public static string AllMeetings(IReadOnlyList<Meeting> all, OfficeProfile office) => all.Count == 0
        ? "近期没有安排会议。"
        : "近期会议（回复“名单 #编号”查看参会名单）：\n" + string.Join("\n", all.Select(m => $"#{m.Id} {When(m.StartsAt, office)} {m.Title}"));

    public static string OtherHostedMeetings(IEnumerable<Meeting> others, OfficeProfile office) =>
        "您还主持以下会议，回复“名单 #编号”查看：\n" + string.Join("\n", others.Select(m => $"#{m.Id} {When(m.StartsAt, office)} {m.Title}"));

    /// <summary>One line of 会议: time, title, place and where the person stands.</summary>
    public static string MyMeetingLine(int n, MyMeeting mm, string personId, DirectorySnapshot directory, OfficeProfile office)
    {
        var (m, me, mine) = (mm.Meeting, mm.Me, mm.Leave);
        var status = m.HostId == personId ? $"您主持，回复“名单 #{m.Id}”查看参会名单"
            : me!.Role == AttendeeRole.Substitute
                ? $"代{Label(me.SubstituteFor ?? "", directory)}参会" + (me.Answer == AttendanceAnswer.Attending ? "，已确认" : $"，请回复“参加 #{m.Id}”确认")
                : me.Answer switch
                {
                    AttendanceAnswer.Attending => "已确认参加",
                    AttendanceAnswer.OnLeave => $"请假已批准，由{mine?.SubstituteName}代为参会",
                    _ => mine?.Status switch
                    {
                        LeaveStatus.Pending => "请假待主持人审批",
                        LeaveStatus.Rejected => $"请假未获批准，请回复“参加 #{m.Id}”确认参会或重新请假",
                        _ => $"未答复，请回复“参加 #{m.Id}”或“请假 #{m.Id}”",
                    },
                };
        return $"{n}. {Span(m.StartsAt, m.EndsAt, office)} {m.Title}（{m.Place ?? "视频会议"}）：{status}";
    }

    /// <summary>会议's answer; with 参加 / 请假 when exactly one meeting waits for the person's answer.</summary>
    public static OutboundMessage MyMeetings(IReadOnlyList<string> lines, Meeting? onlyUnanswered)
    {
        var text = "**近期会议**\n\n" + string.Join("\n", lines);
        return onlyUnanswered is { } m
            ? new OutboundMessage(OutboundKind.Choices, text, [new Choice("参加", AttendAction(m.Id)), new Choice("请假", LeaveAction(m.Id))], "我的会议")
            : OutboundMessage.Markdown(text, "我的会议");
    }

    public static OutboundMessage PickMeeting(IReadOnlyList<Meeting> candidates, bool attend, OfficeProfile office)
    {
        var verb = attend ? "参加" : "请假";
        return OutboundMessage.Ask($"您有{candidates.Count}场会议待答复，请选择：",
            [.. candidates.Select(m => new Choice($"{verb}：{When(m.StartsAt, office)} {m.Title}", $"{verb} #{m.Id}"))]);
    }

    public static string Confirmed(Meeting m, OfficeProfile office) => $"已确认{m.Title}于{When(m.StartsAt, office)}照常召开，会议通知已发送。";

    public static string CancelledReply(Meeting m, OfficeProfile office) => $"已取消{When(m.StartsAt, office)}的{m.Title}。" +
        (m.AwaitingConfirmation ? "该次会议的通知尚未发出，无需另行告知参会人员。" : "已通知参会人员。");

    /// <summary>The leave summary's choices: 提交, 重新指定代参人员.</summary>
    public static IReadOnlyList<Choice> LeaveChoices { get; } = [new Choice(Submit, Submit), new Choice(ChangeSubstitute, ChangeSubstitute)];

    public static OutboundMessage SubmitOrChange => OutboundMessage.Ask("请选择：提交，或重新指定代参人员；回复“取消”放弃请假。",
        new Choice(Submit, Submit), new Choice(ChangeSubstitute, ChangeSubstitute), new Choice("取消", "取消"));

    public static string NotInDirectory(string name) =>
        $"名录中未找到“{name}”。如该同志不在名录中，请输入其姓名和联系电话（如：{name} 13800000000），也可以重新输入姓名查找。";

    public static OutboundMessage ChooseSubstitute(string name, IReadOnlyList<Person> found, DirectorySnapshot directory)
    {
        var choices = found.Select((p, i) => new Choice(
            $"{Label(p, directory)}{(p.Title is { Length: > 0 } t ? " " + t : "")}", (i + 1).ToString(CultureInfo.InvariantCulture))).ToList();
        choices.Add(new Choice($"{NoneOfThese}（输入姓名和电话）", "0"));
        return OutboundMessage.Ask($"名录中有{found.Count}位同志与“{name}”相符，请选择代为参会人员：", [.. choices]);
    }

    public static string PickAgain(string problem) => $"{problem}（可重新回复序号选择）";

    public static string AskPhone(string? name) => $"请提供{name ?? "代为参会人员"}的联系电话（手机号或带区号的座机号），如：{name ?? "张伟"} 13800000000。";

    /// <summary>What is wrong with the name of someone outside the directory; null when it will do.</summary>
    public static string? ExternalNameProblem(string name) =>
        name.Length == 0 ? "请同时提供代为参会人员的姓名，如：张伟 13800000000。"
        : name.Length is < 2 or > 20 || name.Any(char.IsDigit) ? $"姓名“{name}”不正确，请输入代为参会人员的真实姓名（2至20个字）和联系电话。"
        : null;

    public static string BadPhone(string phone) => $"“{phone}”不是有效的电话号码。请填写11位手机号码（如13800000000）或带区号的座机号码（如0871-12345678）。";

    /// <summary>The leave request before it is submitted, with 提交 / 重新指定代参人员 / 取消.</summary>
    public static OutboundMessage LeaveSummary(
        Meeting m, string reason, string? substituteId, string substituteName, string? substitutePhone, DirectorySnapshot directory, OfficeProfile office)
    {
        var substitute = substituteId is { } id ? Label(id, directory) : $"{substituteName}（电话{substitutePhone}，不在名录中）";
        return OutboundMessage.Card("请假申请",
            $"会议：{m.Title}（{When(m.StartsAt, office)}）\n请假事由：{reason}\n代为参会：{substitute}\n" +
            $"确认后将提交主持人{Label(m.HostId, directory)}审批。",
            new Choice(Submit, Submit), new Choice(ChangeSubstitute, ChangeSubstitute), new Choice("取消", "取消"));
    }

    public static OutboundMessage PickRequest(IReadOnlyList<(LeaveRequest Request, Meeting Meeting)> pending, bool approve, DirectorySnapshot directory)
    {
        var verb = approve ? "批准请假" : "不批准";
        return OutboundMessage.Ask($"有{pending.Count}份请假申请待您审批，请选择：",
            [.. pending.Select(p => new Choice($"{(approve ? "批准" : "不批准")}：{Label(p.Request.PersonId, directory)}（{p.Meeting.Title}）", $"{verb} #{p.Request.Id}"))]);
    }

    public static OutboundMessage AskItemDone => OutboundMessage.Ask("该事项是否已经完成？", new Choice(Finished, Finished), new Choice(Ongoing, Ongoing));

    public static OutboundMessage AskItemDoneAgain => OutboundMessage.Ask("请选择：已完成，或正在推进。", new Choice(Finished, Finished), new Choice(Ongoing, Ongoing));

    /// <summary>议定事项: the open items, overdue first, each with its latest feedback (and, for liaisons, how to report).</summary>
    public static OutboundMessage OpenItems(IReadOnlyList<AgreedItemStanding> items, DirectorySnapshot directory, bool withHowTo)
    {
        var sb = new StringBuilder();
        foreach (var (title, group) in new[] { (Overdue, items.Where(i => i.Overdue).ToList()), (NotDue, items.Where(i => !i.Overdue).ToList()) })
        {
            if (group.Count == 0)
            {
                continue;
            }

            sb.Append("**").Append(title).Append('（').Append(group.Count).AppendLine("）**");
            foreach (var item in group)
            {
                sb.Append("- ").AppendLine(ItemLine(item.Item, directory, item.Feedback.LastOrDefault()));
            }

            sb.AppendLine();
        }

        if (withHowTo)
        {
            sb.AppendLine(HowToFeedBack);
        }

        return OutboundMessage.Markdown(sb.ToString().TrimEnd(), ItemsTitle);
    }

    public static OutboundMessage PickItem(IReadOnlyList<AgreedItem> open) => OutboundMessage.Ask("请选择要反馈的议定事项：",
        [.. open.Take(8).Select(i => new Choice($"#{i.Id} {(i.Text.Length <= 20 ? i.Text : i.Text[..19] + "…")}", FeedbackAction(i.Id)))]);

    /// <summary>The summary's button that arranges the meeting.</summary>
    public const string ConfirmArrange = "确认安排";

    /// <summary>The summary's button that cancels the meeting.</summary>
    public const string ConfirmCancel = "确认取消";

    /// <summary>Arrange a meeting although one with the same title and start exists.</summary>
    public const string AnotherAnyway = "仍然安排";

    /// <summary>The kinds offered, in order (answered 1–4 or by name).</summary>
    public static readonly string[] KindChoices = [.. Enum.GetValues<MeetingKind>().Select(MeetingKinds.Name)];

    public const string AskTitle = "请输入会议名称（如：领导小组办公室第12次会议；随时回复“取消”可放弃）：";
    public const string AskTime = "请输入会议时间，如“2026-12-01 09:00-10:30”：";
    public const string AskNewTime = "请输入新的会议时间，如“2026-12-02 15:00-16:30”；时间不变请回复“不变”：";
    public const string AskPlace = "请输入会议地点（视频会议可输入参会链接）：";
    public const string AskNewPlace = "请输入新的会议地点；地点不变请回复“不变”：";
    public const string AskAttendees = "请输入参会单位或人员，用顿号分隔，如：省发展改革委、省卫生健康委、王建华；也可输入“全体联络员”：";
    public const string AskHost = "请输入主持人姓名；由您本人主持请回复“我”：";
    public const string AskCancelReason = "请简要说明取消原因（将告知参会人员）；不说明请回复“无”：";
    public const string NothingToChange = "您近期没有可以调整或取消的会议。";

    /// <summary>The question of a step of the arrange dialog (<paramref name="move"/>: a new time or place).</summary>
    public static OutboundMessage AskArrange(MeetingArrangeDialog.Step step, bool move) => step switch
    {
        MeetingArrangeDialog.Step.Kind => AskKind,
        MeetingArrangeDialog.Step.Title => OutboundMessage.Plain(AskTitle),
        MeetingArrangeDialog.Step.Time => OutboundMessage.Plain(move ? AskNewTime : AskTime),
        MeetingArrangeDialog.Step.Place => OutboundMessage.Plain(move ? AskNewPlace : AskPlace),
        MeetingArrangeDialog.Step.Attendees => OutboundMessage.Plain(AskAttendees),
        MeetingArrangeDialog.Step.Host => OutboundMessage.Plain(AskHost),
        _ => OutboundMessage.Plain(AskCancelReason),
    };

    public static OutboundMessage AskKind => OutboundMessage.Ask("请选择会议类型：",
        [.. KindChoices.Select((k, i) => new Choice(k, (i + 1).ToString(CultureInfo.InvariantCulture)))]);

    public static string BadTimeRange(string said) => $"“{said}”不是有效的会议时间，请按“2026-12-01 09:00-10:30”的格式输入（日期、开始时间和结束时间）。";

    public static string PickByNumber(int count) => $"请回复序号（1至{count}）选择会议；回复“取消”可放弃。";

    public static OutboundMessage PickMeetingToChange(IReadOnlyList<Meeting> meetings, bool move, OfficeProfile office) =>
        OutboundMessage.Ask(move ? "请选择要调整的会议：" : "请选择要取消的会议：",
            [.. meetings.Select((m, i) => new Choice($"{When(m.StartsAt, office)} {m.Title}", (i + 1).ToString(CultureInfo.InvariantCulture)))]);

    /// <summary>The new meeting before it is arranged, with 确认安排 / 取消.</summary>
    public static OutboundMessage CreateSummary(MeetingDraft d, DirectorySnapshot directory, TimeZoneInfo zone, OfficeProfile office)
    {
        var host = AttendeeResolver.FindPerson(directory, d.Host ?? "", out _);
        var people = AttendeeResolver.Resolve(d.Attendees ?? [], directory, host?.Id).People;
        var when = MeetingInput.TryParseTime(d.Start, zone, out var s) && MeetingInput.TryParseTime(d.End, zone, out var e) ? Span(s, e, office) : $"{d.Start}—{d.End}";
        return OutboundMessage.Card("会议安排",
            $"会议类型：{d.Kind}\n会议名称：{d.Title}\n时间：{when}\n地点：{d.Place ?? d.Link}\n主持人：{Label(host, directory, d.Host ?? "")}\n" +
            $"参会人员：{people.Count}人（{string.Join("、", people.Take(6).Select(p => Label(p.PersonId, directory)))}{(people.Count > 6 ? "等" : "")}）\n" +
            "确认后将向参会人员发送会议通知。",
            new Choice(ConfirmArrange, ConfirmArrange), new Choice("取消", "取消"));
    }

    /// <summary>The new time or place before it is announced.</summary>
    public static OutboundMessage MoveSummary(Meeting before, Meeting after, OfficeProfile office) =>
        OutboundMessage.Card("会议调整",
            $"会议：{before.Title}\n原定：{Span(before.StartsAt, before.EndsAt, office)}{Venue(before)}\n调整为：{Span(after.StartsAt, after.EndsAt, office)}{Venue(after)}\n" +
            "确认后将通知全体参会人员和主持人。",
            new Choice(ConfirmArrange, ConfirmArrange), new Choice("取消", "取消"));

    /// <summary>The cancellation before it is announced.</summary>
    public static OutboundMessage CancelSummary(Meeting m, string? reason, OfficeProfile office) =>
        OutboundMessage.Card("取消会议",
            $"确认取消{When(m.StartsAt, office)}的{m.Title}吗？" + (reason is null ? "" : $"\n取消原因：{reason}") + "\n确认后将通知全体参会人员和主持人。",
            new Choice(ConfirmCancel, ConfirmCancel), new Choice("不取消", "取消"));

    public static OutboundMessage ConfirmOrCancel(bool cancelling, bool duplicate) => cancelling
        ? OutboundMessage.Ask("请选择：确认取消，或回复“取消”放弃。", new Choice(ConfirmCancel, ConfirmCancel), new Choice("不取消", "取消"))
        : OutboundMessage.Ask("请选择：确认，或回复“取消”放弃。", new Choice(duplicate ? AnotherAnyway : ConfirmArrange, duplicate ? AnotherAnyway : ConfirmArrange), new Choice("取消", "取消"));

    public static OutboundMessage AskDuplicate(string duplicate) =>
        OutboundMessage.Ask($"{duplicate}\n如确需另行安排，请选择“仍然安排”。", new Choice(AnotherAnyway, AnotherAnyway), new Choice("取消", "取消"));

    public static string Arranged(MeetingCreated created, OfficeProfile office)
    {
        var m = created.Meeting;
        return $"已安排{m.Title}（#{m.Id}），{Span(m.StartsAt, m.EndsAt, office)}{Venue(m)}召开，已向{created.Invited}位参会人员发出会议通知。" +
            string.Concat(created.Warnings.Select(w => "\n注意：" + w));
    }

    public static string Moved(Meeting m, OfficeProfile office) =>
        $"已调整：{m.Title}改为{Span(m.StartsAt, m.EndsAt, office)}{Venue(m)}召开，已通知参会人员和主持人。";

    /// <summary>A meeting's status as users read it: 已安排, 待确认, 进行中, 已召开, 已取消.</summary>
    public static string StatusName(Meeting m, DateTimeOffset now) => m switch
    {
        { Status: MeetingStatus.Cancelled } => "已取消",
        { AwaitingConfirmation: true } => "待确认（节假日）",
        _ when now >= m.EndsAt => "已召开",
        _ when now >= m.StartsAt => "进行中",
        _ => "已安排",
    };
}
