using ChatOps.Core.Calendar;

namespace ChatOps.Core.Reports.Scheduling;

/// <summary>
/// How prompts, reminders and deadline notices name a period and its deadline, the way an office writes them:
/// 2026年第48周（11月20日至11月26日） (the same <see cref="PeriodText.Label"/> the dialog shows), 11月26日（周四）17:00,
/// 今天17:00, and why a deadline moved (原定10月1日，因国庆节放假顺延), so one message read days later still says it all.
/// The words are <see cref="ReportText"/>'s.
/// </summary>
public sealed class ReportWording(WorkCalendar calendar)
{
    /// <summary>The period as the dialog and the bulletin name it (<see cref="PeriodText.Label"/>): 2026年第48周（11月20日至11月26日）.</summary>
    public static string PeriodTitle(ReportCycle cycle, ReportPeriod period) => PeriodText.Label(cycle, period);

    /// <summary>The deadline in office time: 11月26日（周四）17:00.</summary>
    public string Deadline(ReportCycle cycle, ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(period);
        var local = Local(cycle, period.Due);
        return ReportText.DayAndTime(DateOnly.FromDateTime(local.DateTime), Time(local));
    }

    /// <summary>
    /// Why the deadline is later than the rule says, or empty: （原定10月1日，因国庆节放假顺延）, or
    /// （原定7月5日，逢休息日顺延） when the nominal day is an ordinary weekend.
    /// </summary>
    public string PostponementNote(ReportCycle cycle, ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(period);
        if (!period.Postponed)
        {
            return "";
        }

        var nominal = DateOnly.FromDateTime(Local(cycle, period.NominalDue).DateTime);
        return ReportText.Postponed(nominal, calendar.Describe(nominal).Name);
    }

    /// <summary>When, relative to <paramref name="now"/>: 今天17:00, or 11月26日（周四）17:00 on another day.</summary>
    public string DueRelative(ReportCycle cycle, ReportPeriod period, DateTimeOffset now)
    {
        var due = Local(cycle, period.Due);
        var today = Local(cycle, now);
        return due.Date == today.Date ? ReportText.Today(Time(due)) : Deadline(cycle, period);
    }

    /// <summary>A duration as people say it: 2小时, 1小时30分钟, 25分钟 (whole minutes, rounded up).</summary>
    public static string Duration(TimeSpan span)
    {
        var minutes = (int)Math.Ceiling(Math.Max(0, span.TotalMinutes));
        return ReportText.Duration(minutes / 60, minutes % 60);
    }

    private static DateTimeOffset Local(ReportCycle cycle, DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, cycle.Definition.GetTimeZone());

    private static string Time(DateTimeOffset local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);
}
