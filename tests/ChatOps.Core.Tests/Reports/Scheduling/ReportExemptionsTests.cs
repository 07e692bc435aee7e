using ChatOps.Core.Reports.Scheduling;
using static ChatOps.Core.Tests.Reports.Scheduling.SchedulingHarness;

namespace ChatOps.Core.Tests.Reports.Scheduling;

public class ReportExemptionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Exempt_ComponentOfAMergedWeek_IsFiledUnderTheMergedPeriod()
    {
        var h = new SchedulingHarness(Utc("2026-09-28T02:00:00Z"));

        var exemption = await h.Exemptions.ExemptAsync("weekly", "2026-W41", "chen", " 国庆休假 ", "zhou", Ct);

        Assert.Equal("2026-W40+W41", exemption.Period.Key);
        Assert.False(exemption.AlreadyExempt);
        Assert.Equal([("weekly", "2026-W40+W41", "chen", "国庆休假", "zhou", Utc("2026-09-28T02:00:00Z"))], h.Engine.Exemptions);
    }

    [Fact]
    public async Task Exempt_WithoutPeriod_TakesTheOpenOne_AndTwiceChangesNothing()
    {
        var h = new SchedulingHarness(Utc("2026-11-27T02:00:00Z"));

        var first = await h.Exemptions.ExemptAsync("quarterly", null, "sun", "出差", "zhou", Ct);
        var again = await h.Exemptions.ExemptAsync("quarterly", "", "sun", "出差", "zhou", Ct);

        Assert.Equal("2026-Q4", first.Period.Key);
        Assert.True(again.AlreadyExempt);
        Assert.Single(h.Engine.Exemptions);
        var (_, period, ids) = await h.Exemptions.ListAsync("quarterly", "2026-Q4", Ct);
        Assert.Equal("2026-Q4", period.Key);
        Assert.Equal(["sun"], ids);
    }

    [Theory]
    [InlineData("weekly", "2026-W48", "nobody", "休假", "人员“nobody”不在名录中。")]
    [InlineData("weekly", "2026-W48", "zhou", "休假", "周敏不是联络员，不在催报范围内，无需免催。")]
    [InlineData("weekly", "2026-W48", "li", "  ", "请说明免催的原因（如：休假、出差）。")]
    [InlineData("weekly", "2026-48", "li", "休假", "“2026-48”不是周报的期次编号，应写成 2026-W41 这样的格式")]
    [InlineData("weekly", "2026-W40+W42", "li", "休假", "周报没有“2026-W40+W42”这一期。")]
    [InlineData("daily", "2026-W48", "li", "休假", "没有名为“daily”的报送周期，可用：weekly（周报）、quarterly（季报）")]
    public async Task Exempt_BadInput_IsRefusedInChinese_AndNothingIsWritten(string cycle, string period, string person, string reason, string message)
    {
        var h = new SchedulingHarness(Utc("2026-11-23T02:00:00Z"));

        var ex = await Assert.ThrowsAsync<SchedulingException>(() => h.Exemptions.ExemptAsync(cycle, period, person, reason, "zhou", Ct));

        Assert.Equal(message, ex.Message);
        Assert.Empty(h.Engine.Exemptions);
    }
}
