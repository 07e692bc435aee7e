using ChatOps.Core.Calendar;
using ChatOps.Core.Meetings;

namespace ChatOps.Core.Tests.Meetings;

/// <summary>Recurrence rules as office staff type them, and their expansion into dates and office-time instants with holiday flags.</summary>
public sealed class RecurrenceTests
{
    private static readonly TimeZoneInfo Kunming = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private readonly MeetingCalendar _calendar = new(WorkCalendar.LoadDefault(), Kunming);

    [Theory]
    [InlineData("weekly:TUE", RecurrenceKind.Weekly, DayOfWeek.Tuesday, "每周二", "weekly:TUE")]
    [InlineData("weekly:周二", RecurrenceKind.Weekly, DayOfWeek.Tuesday, "每周二", "weekly:TUE")]
    [InlineData("WEEKLY：星期五", RecurrenceKind.Weekly, DayOfWeek.Friday, "每周五", "weekly:FRI")]
    [InlineData("weekly:7", RecurrenceKind.Weekly, DayOfWeek.Sunday, "每周日", "weekly:SUN")]
    [InlineData("monthly:15", RecurrenceKind.Monthly, DayOfWeek.Monday, "每月15日", "monthly:15")]
    [InlineData("每月:15日", RecurrenceKind.Monthly, DayOfWeek.Monday, "每月15日", "monthly:15")]
    public void Parse_AcceptsWhatOfficeStaffType_AndWritesOneForm(string text, RecurrenceKind kind, DayOfWeek weekday, string words, string stored)
    {
        var rule = Recurrence.Parse(text)!;

        Assert.Equal(kind, rule.Kind);
        if (kind == RecurrenceKind.Weekly)
        {
            Assert.Equal(weekday, rule.Weekday);
        }

        Assert.Equal(words, MeetingText.Rule(rule));
        Assert.Equal(stored, rule.ToString());
        Assert.Equal(rule, Recurrence.Parse(rule.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("weekly")]
    [InlineData("weekly:XYZ")]
    [InlineData("monthly:0")]
    [InlineData("monthly:32")]
    [InlineData("daily:1")]
    [InlineData("monthly:-1")]
    public void Parse_Malformed_IsNull(string text) => Assert.Null(Recurrence.Parse(text));

    [Fact]
    public void Weekly_NextAndDatesFrom_StepOneWeek()
    {
        var rule = Recurrence.Weekly(DayOfWeek.Tuesday);

        Assert.Equal(new DateOnly(2026, 12, 8), rule.Next(new DateOnly(2026, 12, 1)));
        Assert.Equal(new DateOnly(2026, 12, 1), rule.Next(new DateOnly(2026, 11, 28)));
        Assert.Equal(
            [new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 8), new DateOnly(2026, 12, 15)],
            rule.DatesFrom(new DateOnly(2026, 11, 30)).Take(3));
    }

    [Fact]
    public void Monthly_OnThe31st_FallsOnTheLastDayOfShorterMonths()
    {
        var rule = Recurrence.Monthly(31);

        Assert.Equal(
            [new DateOnly(2027, 1, 31), new DateOnly(2027, 2, 28), new DateOnly(2027, 3, 31), new DateOnly(2027, 4, 30)],
            rule.DatesFrom(new DateOnly(2027, 1, 1)).Take(4));
        Assert.True(rule.Matches(new DateOnly(2027, 2, 28)));
        Assert.False(rule.Matches(new DateOnly(2027, 3, 30)));
    }

    [Fact]
    public void Expand_WeeklyOnTuesday_FlagsTheNationalDayHoliday_AndKeepsOfficeTime()
    {
        var series = Series(Recurrence.Weekly(DayOfWeek.Tuesday), new DateOnly(2026, 9, 22), new TimeOnly(9, 0), 90);

        var occurrences = _calendar.Expand(series).Take(3).ToList();

        Assert.Equal([new DateOnly(2026, 9, 22), new DateOnly(2026, 9, 29), new DateOnly(2026, 10, 6)], occurrences.Select(o => o.Slot));
        Assert.Equal(new DateTimeOffset(2026, 9, 22, 1, 0, 0, TimeSpan.Zero), occurrences[0].StartsAt);
        Assert.Equal(new DateTimeOffset(2026, 9, 22, 2, 30, 0, TimeSpan.Zero), occurrences[0].EndsAt);
        Assert.False(occurrences[0].FallsOnDayOff);
        Assert.Null(occurrences[0].DayOffNote);
        Assert.True(occurrences[2].FallsOnDayOff);
        Assert.Equal("国庆节假期", occurrences[2].DayOffNote);
    }

    [Fact]
    public void Expand_Monthly_FlagsAPlainWeekend_AndNotAMakeUpWorkday()
    {
        var onTheFifteenth = Series(Recurrence.Monthly(15), new DateOnly(2026, 7, 15), new TimeOnly(15, 0), 120);
        var onTheTenth = Series(Recurrence.Monthly(10), new DateOnly(2026, 10, 10), new TimeOnly(9, 0), 60);

        var august = _calendar.Expand(onTheFifteenth).Skip(1).First();
        var october = _calendar.Expand(onTheTenth).First();

        Assert.Equal(new DateOnly(2026, 8, 15), august.Slot);
        Assert.Equal("周六（休息日）", august.DayOffNote);
        Assert.Equal(new DateOnly(2026, 10, 10), october.Slot);
        Assert.False(october.FallsOnDayOff); // 国庆节调休: a Saturday that is a working day
    }

    [Fact]
    public void NextAfter_SkipsSlotsThatPassedWhileNobodyRan()
    {
        var series = Series(Recurrence.Weekly(DayOfWeek.Tuesday), new DateOnly(2026, 11, 3), new TimeOnly(9, 0), 60);
        var now = new DateTimeOffset(2026, 11, 18, 8, 0, 0, TimeSpan.FromHours(8));

        var next = _calendar.NextAfter(series, new DateOnly(2026, 11, 3), now);

        Assert.Equal(new DateOnly(2026, 11, 24), next.Slot);
        Assert.Equal(new DateOnly(2026, 11, 3), _calendar.NextAfter(series, null, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)).Slot);
    }

    private static MeetingSeries Series(Recurrence rule, DateOnly first, TimeOnly time, int minutes) =>
        new(1, MeetingKind.Office, "领导小组办公室会议", "office.head", rule, first, time, minutes, "省卫生健康委3楼会议室", null, null, ["role:联络员"],
            "test", DateTimeOffset.UnixEpoch);
}
