using System.Globalization;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports;

namespace ChatOps.Core.Meetings;

/// <summary>The guided dialog of office staff and hosts: 安排会议, 调整会议, 取消会议.</summary>
public static partial class MeetingText
{
    /// <summary>The summary's button that arranges the meeting.</summary>
    public const string ConfirmArrange = "确认安排";

    /// <summary>The summary's button that cancels the meeting.</summary>
    public const string ConfirmCancel = "确认取消";

    /// <summary>Arrange a meeting although one with the same title and start exists.</summary>
    public const string AnotherAnyway = "仍然安排";

    /// <summary>The kinds offered, in order (answered 1–4 or by name).</summary>
    public static readonly string[] KindChoices = ["领导小组会议", "办公室会议", "专题会议", "周例会"];

    public const string AskTitle = "请输入会议名称（如：领导小组办公室第12次会议；随时回复“取消”可放弃）：";
    public const string AskTime = "请输入会议时间，如“2026-12-01 09:00-10:30”：";
    public const string AskNewTime = "请输入新的会议时间，如“2026-12-02 15:00-16:30”；时间不变请回复“不变”：";
    public const string AskPlace = "请输入会议地点（视频会议可输入参会链接）：";
    public const string AskNewPlace = "请输入新的会议地点；地点不变请回复“不变”：";
    public const string AskAttendees = "请输入参会单位或人员，用顿号分隔，如：省发展改革委、省卫生健康委、王建华；也可输入“全体联络员”：";
    public const string AskHost = "请输入主持人姓名；由您本人主持请回复“我”：";
    public const string AskCancelReason = "请简要说明取消原因（将告知参会人员）；不说明请回复“无”：";
    public const string NothingToChange = "您近期没有可以调整或取消的会议。";

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
    public static OutboundMessage MoveSummary(Meeting m, string? start, string? end, string? place, TimeZoneInfo zone, OfficeProfile office)
    {
        var newStart = start is not null && MeetingInput.TryParseTime(start, zone, out var s) ? s : m.StartsAt;
        var newEnd = end is not null && MeetingInput.TryParseTime(end, zone, out var e) ? e : newStart + (m.EndsAt - m.StartsAt);
        return OutboundMessage.Card("会议调整",
            $"会议：{m.Title}\n原定：{Span(m.StartsAt, m.EndsAt, office)}{Venue(m)}\n调整为：{Span(newStart, newEnd, office)}{(place is null ? Venue(m) : $"在{place}")}\n" +
            "确认后将通知全体参会人员和主持人。",
            new Choice(ConfirmArrange, ConfirmArrange), new Choice("取消", "取消"));
    }

    /// <summary>The cancellation before it is announced.</summary>
    public static OutboundMessage CancelSummary(Meeting m, string? reason, OfficeProfile office) =>
        OutboundMessage.Card("取消会议",
            $"确认取消{When(m.StartsAt, office)}的{m.Title}吗？" + (reason is null ? "" : $"\n取消原因：{reason}") + "\n确认后将通知全体参会人员和主持人。",
            new Choice(ConfirmCancel, ConfirmCancel), new Choice("不取消", "取消"));

    public static OutboundMessage ConfirmOrCancel(bool cancelling, bool duplicate) => cancelling
        ? OutboundMessage.Ask("请选择：确认取消，或回复“取消”放弃。", new Choice(ConfirmCancel, ConfirmCancel), new Choice("不取消", "取消"))
        : OutboundMessage.Ask("请选择：确认，或回复“取消”放弃。", new Choice(duplicate ? AnotherAnyway : ConfirmArrange, duplicate ? AnotherAnyway : ConfirmArrange), new Choice("取消", "取消"));

    public static OutboundMessage AskDuplicate(string duplicate) =>
        OutboundMessage.Ask($"{duplicate}\n确定再安排一个吗？", new Choice(AnotherAnyway, AnotherAnyway), new Choice("取消", "取消"));

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
