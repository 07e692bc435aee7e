using ChatOps.Core.Calendar;
using ChatOps.Core.Reports;
using ChatOps.Core.Reports.Scheduling;
using static ChatOps.Core.Tests.Reports.Scheduling.SchedulingHarness;

namespace ChatOps.Core.Tests.Reports.Scheduling;

public class ReportWordingTests
{
    private static readonly PeriodCalculator Calculator = new(WorkCalendar.LoadDefault());
    private static readonly ReportWording Wording = new(WorkCalendar.LoadDefault());

    [Theory]
    [InlineData("weekly", "2026-W48", "2026年第48周（11月20日至11月26日）", "11月26日（周四）17:00", "")]
    [InlineData("weekly", "2026-W41", "2026年第40—41周（9月25日至10月8日）", "10月8日（周四）17:00", "（原定10月1日，因国庆节放假顺延）")]
    [InlineData("weekly", "2026-W01", "2026年第1周（2025年12月26日至2026年1月1日）", "1月4日（周日）17:00", "（原定1月1日，因元旦放假顺延）")]
    [InlineData("weekly", "2026-W53", "2026年第53周（12月25日至12月31日）", "12月31日（周四）17:00", "")]
    [InlineData("quarterly", "2026-Q3", "2026年第三季度", "10月8日（周四）17:00", "（原定10月5日，因国庆节放假顺延）")]
    [InlineData("quarterly", "2026-Q2", "2026年第二季度", "7月6日（周一）17:00", "（原定7月5日，逢休息日顺延）")]
    [InlineData("quarterly", "2026-Q4", "2026年第四季度", "1月5日（周二）17:00", "")]
    public void Period_Deadline_AndPostponement_AsAnOfficeWritesThem(string cycleKey, string key, string title, string deadline, string note)
    {
        var cycle = new ReportCycles(ReportCatalog.Defaults).Get(cycleKey);
        var period = Calculator.Find(cycle.Definition, key)!;

        Assert.Equal(title, ReportWording.PeriodTitle(cycle, period));
        Assert.Equal(deadline, Wording.Deadline(cycle, period));
        Assert.Equal(note, Wording.PostponementNote(cycle, period));
    }

    [Fact]
    public void DueRelative_SaysTodayOnTheDueDateOnly()
    {
        var period = Calculator.Find(ReportCycleDefinition.Weekly, "2026-W48")!;

        Assert.Equal("今天17:00", Wording.DueRelative(ReportCatalog.Weekly, period, Utc("2026-11-25T16:00:00Z")));
        Assert.Equal("11月26日（周四）17:00", Wording.DueRelative(ReportCatalog.Weekly, period, Utc("2026-11-25T15:59:00Z")));
    }

    [Theory]
    [InlineData(120, "2小时")]
    [InlineData(90, "1小时30分钟")]
    [InlineData(25, "25分钟")]
    [InlineData(119.5, "2小时")]
    [InlineData(0, "0分钟")]
    public void Duration_RoundsUpToWholeMinutes(double minutes, string expected) =>
        Assert.Equal(expected, ReportWording.Duration(TimeSpan.FromMinutes(minutes)));
}
