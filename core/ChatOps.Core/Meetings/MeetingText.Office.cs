using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports;

namespace ChatOps.Core.Meetings;

/// <summary>The office's use cases: refusals per field, permissions, audit details, agreed items.</summary>
public static partial class MeetingText
{
    /// <summary>The longest reason for a cancellation.</summary>
    public const int MaxCancelReason = 200;

    /// <summary>What a refusal says the person cannot do to a meeting (不能调整时间).</summary>
    public const string MoveVerb = "调整时间";

    /// <summary>不能取消.</summary>
    public const string CancelVerb = "取消";

    /// <summary>不能确认.</summary>
    public const string ConfirmVerb = "确认";

    public const string OnlyOfficeCreates = "只有领导小组办公室和会议主持人可以安排会议。";
    public const string OwnMeetingsOnly = "您只能安排由您本人主持的会议；如需安排其他领导主持的会议，请联系领导小组办公室。";
    public const string OnlyOfficeMoves = "只有领导小组办公室和本次会议的主持人可以调整会议安排。";
    public const string OnlyOfficeCancels = "只有领导小组办公室和本次会议的主持人可以取消会议。";
    public const string SameArrangement = "新的时间、地点与原安排相同，无需调整。";
    public const string OnlyOfficeConfirms = "只有领导小组办公室可以确认会议安排。";
    public const string OnlyOfficeItems = "只有领导小组办公室可以登记议定事项。";
    public const string OnlyHostOrOfficeRoster = "只有会议主持人和领导小组办公室可以查看参会名单。";
    public const string SameTime = "新时间与原时间相同，无需调整。";
    public const string CancelReasonTooLong = "取消原因过长（最多200字）。";
    public const string NoTitle = "请填写会议名称。";
    public const string NoHost = "请指定主持人（人员编号或姓名）。";
    public const string NoAttendees = "请指定参会人员，如 unit:wjw（单位联络员）、role:联络员 或 person:人员编号。";
    public const string EmptyAttendees = "参会人员为空（主持人不计入参会人员）。";
    public const string BadRecurrence = "重复规则应为 weekly:TUE（每周二）或 monthly:15（每月15日）。";
    public const string NoStart = "请填写开始时间，如“2026-12-01 09:00”。";
    public const string NoEnd = "请填写结束时间，如“2026-12-01 10:30”。";
    public const string EndBeforeStart = "结束时间须晚于开始时间。";
    public const string TooLongMeeting = "会议时长超过12小时，请核对结束时间。";
    public const string NoVenue = "请填写会议地点或线上参会链接。";
    public const string BadLink = "线上参会链接须是以 http:// 或 https:// 开头的网址。";
    public const string NoItems = "请至少登记一项议定事项。";

    public static string NoMeeting(long id) => $"找不到编号为{id}的会议。";

    /// <summary>A meeting with the same title and start exists.</summary>
    public static string Duplicate(Meeting twin, OfficeProfile office) =>
        $"已有一个同名会议安排在同一时间：{twin.Title}（#{twin.Id}，{Span(twin.StartsAt, twin.EndsAt, office)}{Venue(twin)}）。";

    public static string BadKind(string? kind) => string.IsNullOrWhiteSpace(kind)
        ? $"请填写会议类型（{MeetingKinds.Choices}）。"
        : $"会议类型“{kind}”无效，应为{MeetingKinds.Choices}之一。";

    public static string TooLong(string what, int max, int length) => $"{what}过长（最多{max}字，现为{length}字）。";

    public static string BadHost(string? problem) => $"主持人：{problem}";

    public static string RecurrenceMismatch(DateOnly date, Recurrence rule) =>
        $"开始日期{Date(date)}与重复规则“{rule.Describe()}”不一致，请以第一次会议的日期作为开始时间。";

    public static string BadStart(string text) => $"开始时间“{text}”格式不正确，应为“2026-12-01 09:00”。";

    public static string StartPassed(DateTimeOffset start, OfficeProfile office) => $"开始时间{When(start, office)}已过，请核对。";

    public static string BadEnd(string text) => $"结束时间“{text}”格式不正确，应为“2026-12-01 10:30”。";

    public static string PlaceTooLong(int max) => $"会议地点过长（最多{max}字）。";

    public static string DayOffWarning(DateOnly date, string? holiday) => $"{Date(date)}为{(holiday is { } n ? $"{n}假期" : "休息日")}，请确认会议日期。";

    public static string NoHolidayData(int year) => $"尚未载入{year}年的节假日安排，无法判断该日是否放假。";

    public static string Unreachable(int people) => $"有{people}名参会人员没有可用的消息渠道，未能发送会议通知，请另行通知。";

    public static string AlreadyCancelled(Meeting m, string what) => $"{m.Title}已经取消，不能{what}。";

    public static string AlreadyStarted(Meeting m, string what) => $"{m.Title}已经开始，不能{what}。";

    public static string NoConfirmationNeeded(Meeting m) => $"{m.Title}无需确认，通知已按原计划发送。";

    public static string CreatedAudit(Meeting m, int invited, MeetingSeries? series) =>
        $"{m.Title}（邀请{invited}人）" + (series is null ? "" : $"，{series.Rule.Describe()}");

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

    public static string NoItem(long id) => $"找不到编号为{id}的议定事项。";

    public static string NotItemOwner(string unit) => $"这项议定事项由{unit}承办，只有该单位的联络员可以反馈落实情况。";

    public static string AskFeedback(AgreedItem item) =>
        (item.Status == AgreedItemStatus.Done ? "该事项此前已反馈完成，如有新的情况可补充反馈。\n" : "") +
        $"请简要说明“{item.Text}”的落实情况（完成时限：{Date(item.DueDate)}；回复“取消”可放弃）：";

    public const string EmptyFeedback = "落实情况不能为空，请简要说明。";

    /// <summary>“内容过长（最多1000字，现为1200字），请精简后重新发送。”</summary>
    public static string TooLongText(int max, int length, string what = "内容") => $"{what}过长（最多{max}字，现为{length}字），请精简后重新发送。";

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
}
