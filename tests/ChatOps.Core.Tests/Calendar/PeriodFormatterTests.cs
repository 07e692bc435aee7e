using ChatOps.Core.Calendar;
using static ChatOps.Core.Tests.Calendar.TestDates;

namespace ChatOps.Core.Tests.Calendar;

public sealed class PeriodFormatterTests
{
    private readonly PeriodCalculator _calculator = new(WorkCalendar.LoadDefault());

    [Fact]
    public void FormatLines_NationalDayWeeks_AlignsKeysAndMarksPostponement()
    {
        var periods = _calculator.Periods(ReportCycleDefinition.Weekly, D("2026-09-24"), D("2026-10-15"));

        var lines = PeriodFormatter.FormatLines(periods, ReportCycleDefinition.Weekly);

        Assert.Equal(
            [
                "2026-W39      2026-09-18 ~ 2026-09-24  截止 2026-09-24（周四）17:00",
                "2026-W40+W41  2026-09-25 ~ 2026-10-08  截止 2026-10-08（周四）17:00  顺延",
                "2026-W42      2026-10-09 ~ 2026-10-15  截止 2026-10-15（周四）17:00",
            ],
            lines);
    }

    [Fact]
    public void FormatLine_Quarterly_ShowsOfficeLocalWeekday()
    {
        var period = _calculator.Find(ReportCycleDefinition.Quarterly, "2026-Q1")!;

        Assert.Equal(
            "2026-Q1  2026-01-01 ~ 2026-03-31  截止 2026-04-07（周二）17:00  顺延",
            PeriodFormatter.FormatLine(period, ReportCycleDefinition.Quarterly));
    }

    [Fact]
    public void FormatLine_YearWithoutData_SaysSo()
    {
        var period = _calculator.Find(ReportCycleDefinition.Weekly, "2031-W02")!;

        Assert.Equal(
            "2031-W02  2031-01-03 ~ 2031-01-09  截止 2031-01-09（周四）17:00  无官方节假日数据，按周一至周五计",
            PeriodFormatter.FormatLine(period, ReportCycleDefinition.Weekly));
    }
}
