using ChatOps.Core.Calendar;
using ChatOps.Core.Reports;

namespace ChatOps.Bot.OfficeConsole;

/// <summary>One entry of the console's navigation.</summary>
/// <param name="Ready">False: a slot for a page another feature provides (shown greyed out).</param>
public sealed record ConsoleNavItem(string Path, string Label, ConsoleAreas Area, bool Ready = true);

/// <summary>The navigation, in the order of issue 12, and the banner every page shows.</summary>
public static class ConsoleNav
{
    /// <summary>Pages by area; report pages wait for the ReportService (reports branch), 运行检查 for the doctor findings.</summary>
    public static readonly IReadOnlyList<ConsoleNavItem> Items =
    [
        new("/console", "本期报送", ConsoleAreas.OwnUnitReports),
        new("/console/reports", "报告", ConsoleAreas.OwnUnitReports),
        new("/console/bulletin", "专报编辑", ConsoleAreas.Office),
        new("/console/circulars", "通报/通知", ConsoleAreas.Office),
        new("/console/signoff", "签发", ConsoleAreas.OwnMeetings),
        new("/console/meetings", "会议", ConsoleAreas.OwnMeetings),
        new("/console/directory", "名录", ConsoleAreas.Office),
        new("/console/stats", "报送统计", ConsoleAreas.Office),
        new("/console/holidays", "节假日", ConsoleAreas.Office),
        new("/console/supervision", "问题清单与督办", ConsoleAreas.Supervision),
        new("/console/audit", "审计", ConsoleAreas.Office),
        new("/console/doctor", "运行检查", ConsoleAreas.Office),
        new("/console/tokens", "接口令牌", ConsoleAreas.Office),
    ];

    /// <summary>The items a person sees.</summary>
    public static IEnumerable<ConsoleNavItem> For(Person person) => Items.Where(i => ConsoleAccess.May(person.Roles, i.Area));

    /// <summary>
    /// From 1 November, while next year's holiday arrangement is missing: the warning on every page (deadlines in
    /// January would otherwise be computed without 顺延).
    /// </summary>
    public static string? HolidayWarning(WorkCalendar calendar, OfficeProfile office, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, office.Zone).DateTime);
        var next = today.Year + 1;
        return today.Month >= 11 && !calendar.HasOfficialData(next)
            ? $"尚未录入{next}年的节假日安排：国务院办公厅通知发布后，请在“节假日”页录入放假和调休上班日期，否则{next}年的截止时间不会顺延。"
            : null;
    }
}
