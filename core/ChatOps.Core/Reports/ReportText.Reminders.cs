using ChatOps.Core.Calendar;

namespace ChatOps.Core.Reports;

/// <summary>
/// The scheduled messages (Scheduling.ReportMessages): the prompt, the reminders and the overdue notices the liaisons
/// and leaders receive, the office's summary at the deadline, and how they name a deadline (Scheduling.ReportWording).
/// </summary>
public static partial class ReportText
{
    /// <summary>The prompt's and the reminders' button that starts the report dialog.</summary>
    public const string StartButton = "开始填报";

    /// <summary>The overdue notice's button that starts the report dialog.</summary>
    public const string LateStartButton = "立即补报";

    /// <summary>The prompts' button that shows where the unit's report stands.</summary>
    public const string ViewStatusButton = "查看状态";

    /// <summary>The prompt's title: 周报填报提醒.</summary>
    public static string PromptTitle(string cycle) => $"{cycle}填报提醒";

    /// <summary>The first prompt (also what the office's 发送提醒 sends): the deadline, why it moved, how to start.</summary>
    public static string PromptText(string liaison, string deadline, string subject, string postponement, bool drafting) =>
        Address(liaison) + $"请于{deadline}前报送{subject}{postponement}。" +
        (drafting ? $"\n贵单位已开始填写，尚未提交，点“{StartButton}”可接着完成。" : $"\n点“{StartButton}”，按提示逐项填写即可。");

    /// <summary>The last reminder's title, shortly before the deadline: 周报即将截止.</summary>
    public static string FinalReminderTitle(string cycle) => $"{cycle}即将截止";

    /// <summary>The due day's reminder's title: 周报今日截止.</summary>
    public static string DueTodayTitle(string cycle) => $"{cycle}今日截止";

    /// <summary>The last reminder, shortly before the deadline, with the time left.</summary>
    public static string FinalReminder(string liaison, string subject, string when, string left, bool drafting) =>
        Address(liaison) + $"{subject}将于{when}截止，距截止还有{left}。" + NotYetSubmitted(drafting);

    /// <summary>The due day's reminder, with why the deadline moved.</summary>
    public static string DueTodayReminder(string liaison, string subject, string when, string postponement, bool drafting) =>
        Address(liaison) + $"{subject}将于{when}截止{postponement}。" + NotYetSubmitted(drafting);

    /// <summary>The reminders' closing: a draft begun but not submitted, or nothing received yet.</summary>
    private static string NotYetSubmitted(bool drafting) => drafting ? "贵单位已开始填写但尚未提交，请尽快完成并提交。" : "目前尚未收到贵单位报送，请抓紧填报。";

    /// <summary>The overdue notice's title: 周报已逾期.</summary>
    public static string OverdueTitle(string cycle) => $"{cycle}已逾期";

    /// <summary>At the deadline, to the liaison of a unit that has not submitted.</summary>
    public static string OverdueNotice(string liaison, string subject, string deadline, bool drafting) =>
        Address(liaison) + $"{subject}的报送时限（{deadline}）已过，{(drafting ? "贵单位已开始填写但尚未提交" : "目前仍未收到贵单位报送")}，" +
        "请尽快补报。如有特殊情况，请及时与办公室联系。";

    /// <summary>The reviewing leader's overdue notice's title: 周报逾期提醒.</summary>
    public static string LeaderNoticeTitle(string cycle) => $"{cycle}逾期提醒";

    /// <summary>At the deadline, to a reviewing leader of a unit that has not submitted (Markdown, names escaped by the caller).</summary>
    public static string LeaderNotice(string leader, string subject, string deadline, string? liaison) =>
        Address(leader) + $"{subject}已过报送时限（{deadline}），目前仍未报送{(liaison is null ? "" : LiaisonNote(liaison))}。请督促及时补报。";

    /// <summary>The office's summary's title at the deadline: 周报报送情况.</summary>
    public static string OfficeSummaryTitle(string cycle) => $"{cycle}报送情况";

    /// <summary>The office's summary's heading and deadline (Markdown).</summary>
    public static string OfficeSummaryHead(string subject, string deadline, string postponement) =>
        $"**{subject}报送情况**\n截止时间：{deadline}{postponement}\n";

    /// <summary>The office's summary's counts: 应报45个单位，已报40个（其中2个待分管领导审核），未报4个，请假免催1个。</summary>
    public static string OfficeSummaryCounts(int due, int reported, int pending, int missing, int exempt)
    {
        var c = CultureInfo.InvariantCulture;
        return string.Create(c, $"应报{due}个单位，已报{reported}个") +
            (pending > 0 ? string.Create(c, $"（其中{pending}个待分管领导审核）") : "") +
            string.Create(c, $"，未报{missing}个") +
            (exempt > 0 ? string.Create(c, $"，请假免催{exempt}个") : "") +
            "。";
    }

    /// <summary>The office's summary when no unit is missing (some perhaps exempt).</summary>
    public static string AllSubmitted(bool anyExempt) => anyExempt ? "\n除请假免催的单位外，各单位均已报送。" : "\n各单位均已报送。";

    /// <summary>The heading of the office's summary's list of missing units.</summary>
    public const string MissingUnitsHeading = "\n\n未报单位：";

    /// <summary>The heading of the office's summary's list of exempt units.</summary>
    public const string ExemptUnitsHeading = "\n\n请假免催：";

    /// <summary>One unit in a list of the office's summary: "\n3. 省发展改革委（联络员：张三）".</summary>
    public static string SummaryUnit(int number, string unit, string note) => string.Create(CultureInfo.InvariantCulture, $"\n{number}. {unit}{note}");

    /// <summary>“（联络员：…）” after a unit: the leader's overdue notice and the exempt units in the office's summary (the name escaped by the caller).</summary>
    public static string LiaisonNote(string liaison) => $"（联络员：{liaison}）";

    /// <summary>A missing unit's note in the office's summary: its liaison, a draft begun, a message that could not be delivered.</summary>
    public static string MissingUnitNote(string? liaison, bool drafting, bool unreachable, string? phone)
    {
        if (liaison is null)
        {
            return "（未设联络员）";
        }

        var notes = new List<string> { $"联络员：{liaison}" };
        if (drafting)
        {
            notes.Add("已开始填写未提交");
        }

        if (unreachable)
        {
            notes.Add(phone is { Length: > 0 } ? $"消息无法送达，电话{phone}" : "消息无法送达");
        }

        return $"（{string.Join("，", notes)}）";
    }

    /// <summary>A deadline in a reminder: 11月26日（周四）17:00.</summary>
    public static string DayAndTime(DateOnly date, string time) => ChineseDates.MonthDayWeekday(date) + time;

    /// <summary>A deadline later today: 今天17:00.</summary>
    public static string Today(string time) => $"今天{time}";

    /// <summary>Why a deadline is later than the rule says: （原定10月1日，因国庆节放假顺延）, or （原定7月5日，逢休息日顺延）.</summary>
    public static string Postponed(DateOnly nominal, string? holiday) => holiday is null
        ? $"（原定{ChineseDates.MonthDay(nominal)}，逢休息日顺延）"
        : $"（原定{ChineseDates.MonthDay(nominal)}，因{holiday}放假顺延）";

    /// <summary>The time left before a deadline: 25分钟, 2小时, 1小时30分钟.</summary>
    public static string Duration(int hours, int minutes) => (hours, minutes) switch
    {
        (0, _) => $"{minutes}分钟",
        (_, 0) => $"{hours}小时",
        _ => $"{hours}小时{minutes}分钟",
    };
}
