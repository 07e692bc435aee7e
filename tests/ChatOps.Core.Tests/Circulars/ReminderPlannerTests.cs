using System.Globalization;
using ChatOps.Core.Calendar;
using ChatOps.Core.Circulars;

namespace ChatOps.Core.Tests.Circulars;

public sealed class ReminderPlannerTests
{
    private static readonly TimeZoneInfo Kunming = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static ReminderPlanner Planner(CircularOptions? options = null) => new(WorkCalendar.LoadDefault(), Kunming, options ?? new CircularOptions());

    /// <summary>An instant written in Kunming time.</summary>
    private static DateTimeOffset K(string local) =>
        new(DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), TimeSpan.FromHours(8));

    private static string[] Show(IEnumerable<ReminderStep> steps) =>
        [.. steps.Select(s => TimeZoneInfo.ConvertTime(s.At, Kunming).ToString("yyyy-MM-dd HH:mm ddd", CultureInfo.InvariantCulture))];

    [Fact]
    public void Plan_TwoHoursAfterIssue_ThenNineOClockEachFollowingWorkingDay()
    {
        var plan = Planner().Plan(K("2026-11-25 10:30")); // a Wednesday

        Assert.Equal(["2026-11-25 12:30 Wed", "2026-11-26 09:00 Thu", "2026-11-27 09:00 Fri", "2026-11-30 09:00 Mon", "2026-12-01 09:00 Tue", "2026-12-02 09:00 Wed"], Show(plan));
        Assert.Equal(["first", "d20261126", "d20261127", "d20261130", "d20261201", "d20261202"], plan.Select(s => s.Key));
    }

    [Fact]
    public void Plan_NextWorkingDayAfterTheNationalDayHoliday_IncludesTheMakeUpSaturday()
    {
        // Issued on the last working day before 国庆节 (1–7 October 2026); 10 October (Saturday) is a make-up working day.
        var plan = Planner(new CircularOptions { MaxReminders = 4 }).Plan(K("2026-09-30 15:00"));

        Assert.Equal(["2026-09-30 17:00 Wed", "2026-10-08 09:00 Thu", "2026-10-09 09:00 Fri", "2026-10-10 09:00 Sat"], Show(plan));
    }

    [Fact]
    public void Plan_TheTwoHourReminderIsDroppedOutsideOfficeHours_TheNextMorningsFollows()
    {
        Assert.Equal(["2026-11-30 09:00 Mon", "2026-12-01 09:00 Tue"], Show(Planner(new CircularOptions { MaxReminders = 2 }).Plan(K("2026-11-27 17:00")))); // Friday evening
        Assert.Equal(["2026-10-08 09:00 Thu"], Show(Planner(new CircularOptions { MaxReminders = 1 }).Plan(K("2026-10-02 10:00")))); // during the holiday
        Assert.Equal(["2026-11-26 08:00 Thu", "2026-11-27 09:00 Fri"], Show(Planner(new CircularOptions { MaxReminders = 2 }).Plan(K("2026-11-26 06:00")))); // 08:00 is in
    }

    [Fact]
    public void Plan_FollowsTheSettings()
    {
        var options = new CircularOptions { FirstReminderAfter = TimeSpan.FromHours(1), DailyReminderAt = new TimeSpan(8, 30, 0), MaxReminders = 2 };

        Assert.Equal(["2026-11-25 11:30 Wed", "2026-11-26 08:30 Thu"], Show(Planner(options).Plan(K("2026-11-25 10:30"))));
        Assert.Empty(Planner(new CircularOptions { MaxReminders = 0 }).Plan(K("2026-11-25 10:30")));
    }

    [Fact]
    public void InOfficeHours_OnWorkingDaysOnly()
    {
        var planner = Planner();

        Assert.True(planner.InOfficeHours(K("2026-10-10 10:00"))); // make-up Saturday
        Assert.False(planner.InOfficeHours(K("2026-10-03 10:00"))); // holiday
        Assert.False(planner.InOfficeHours(K("2026-11-25 18:00")));
        Assert.False(planner.InOfficeHours(K("2026-11-25 07:59")));
    }
}
