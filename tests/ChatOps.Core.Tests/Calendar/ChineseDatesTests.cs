using ChatOps.Core.Calendar;

namespace ChatOps.Core.Tests.Calendar;

/// <summary>The one Chinese date format every text and document uses: no leading zeros, 周 weekdays, 至 between days.</summary>
public sealed class ChineseDatesTests
{
    [Fact]
    public void Forms_WithoutLeadingZeros()
    {
        var day = new DateOnly(2026, 1, 5);

        Assert.Equal("1月5日", ChineseDates.MonthDay(day));
        Assert.Equal("2026年1月5日", ChineseDates.YearMonthDay(day));
        Assert.Equal("1月5日（周一）", ChineseDates.MonthDayWeekday(day));
        Assert.Equal("2026年1月", ChineseDates.YearMonth(2026, 1));
        Assert.Equal("周日", ChineseDates.Weekday(new DateOnly(2026, 11, 29)));
        Assert.Equal("周四", ChineseDates.Weekday(DayOfWeek.Thursday));
    }

    [Fact]
    public void Span_WithAndWithoutYears()
    {
        Assert.Equal("11月20日至11月26日", ChineseDates.Span(new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 26), withYears: false));
        Assert.Equal("2026年12月28日至2027年1月3日", ChineseDates.Span(new DateOnly(2026, 12, 28), new DateOnly(2027, 1, 3), withYears: true));
        Assert.Equal("12月31日", ChineseDates.Date(new DateOnly(2026, 12, 31), withYear: false));
    }
}
