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
        new("/console", ConsoleText.NavHome, ConsoleAreas.OwnUnitReports),
        new("/console/reports", ConsoleText.NavReports, ConsoleAreas.OwnUnitReports),
        new("/console/bulletin", ConsoleText.NavBulletin, ConsoleAreas.Office),
        new("/console/circulars", ConsoleText.NavCirculars, ConsoleAreas.Office),
        new("/console/signoff", ConsoleText.NavSignoff, ConsoleAreas.OwnMeetings),
        new("/console/meetings", ConsoleText.NavMeetings, ConsoleAreas.OwnMeetings),
        new("/console/directory", ConsoleText.NavDirectory, ConsoleAreas.Office),
        new("/console/stats", ConsoleText.NavStats, ConsoleAreas.Office),
        new("/console/holidays", ConsoleText.NavHolidays, ConsoleAreas.Office),
        new("/console/supervision", ConsoleText.NavSupervision, ConsoleAreas.Supervision),
        new("/console/audit", ConsoleText.NavAudit, ConsoleAreas.Office),
        new("/console/doctor", ConsoleText.NavDoctor, ConsoleAreas.Office),
        new("/console/tokens", ConsoleText.NavTokens, ConsoleAreas.Office),
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
            ? ConsoleText.HolidayWarning(next)
            : null;
    }
}
