using ChatOps.Core.Calendar;
using ChatOps.Core.Reports;
using ChatOps.Core.Supervision;
using ChatOps.Core.Tests.Reports;

namespace ChatOps.Core.Tests.Supervision;

/// <summary>A county's rate over time against the milestones, and the rates as the bulletin's optional paragraph.</summary>
public sealed class RateTrendTests
{
    private static readonly RateMilestone[] Seed002 =
        [new(new DateOnly(2026, 5, 31), 90), new(new DateOnly(2026, 6, 30), 95), new(new DateOnly(2026, 7, 31), 98)];

    [Fact]
    public void Trend_CountsEachProblemFromItsEntryAndAsClosedFromItsClosing_FutureMilestonesHaveOnlyATarget()
    {
        // Ten problems entered on 1 May; four closed on 20 May, five more on 25 June.
        var problems = Enumerable.Range(1, 10).Select(i => Item(i, entered: new DateOnly(2026, 5, 1),
            closed: i <= 4 ? new DateOnly(2026, 5, 20) : i <= 9 ? new DateOnly(2026, 6, 25) : null)).ToList();

        var trend = RateTrend.Of(problems, Seed002, new DateOnly(2026, 7, 10), d => DateOnly.FromDateTime(d.UtcDateTime));

        Assert.Equal([new DateOnly(2026, 5, 31), new DateOnly(2026, 6, 30), new DateOnly(2026, 7, 10), new DateOnly(2026, 7, 31)], trend.Select(p => p.Date));
        Assert.Equal(40m, trend[0].Percent);
        Assert.True(trend[0].Behind); // 40 % against 90 %
        Assert.Equal(90m, trend[1].Percent);
        Assert.True(trend[1].Behind); // 90 % against 95 %
        Assert.Equal(95, trend[2].Target); // today: the June target is in force
        Assert.Null(trend[3].Percent);
        Assert.False(trend[3].Behind);
        Assert.Equal(98, trend[3].Target);
    }

    [Fact]
    public void Trend_ProblemsEnteredAfterAMilestone_DoNotCountAtIt()
    {
        var problems = new[] { Item(1, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 2)), Item(2, new DateOnly(2026, 6, 10), null) };

        var trend = RateTrend.Of(problems, Seed002, new DateOnly(2026, 6, 12), d => DateOnly.FromDateTime(d.UtcDateTime));

        Assert.Equal((1, 1, 100m), (trend[0].Total, trend[0].Closed, trend[0].Percent!.Value));
        Assert.Equal((2, 1, 50m), (trend[1].Total, trend[1].Closed, trend[1].Percent!.Value));
    }

    [Fact]
    public void BulletinCompiler_WithRates_AddsTheParagraphToKeyEvents_AndNamesTheCountiesBehind()
    {
        var may = Seed002[0];
        var rates = new[]
        {
            new CountyRate("km", "昆明市", 10, 9, 0, may, null, Behind: false),
            new CountyRate("ws", "文山州", 10, 5, 2, may, null, Behind: true),
        };

        var without = BulletinCompilerTests.Fixture.Compile(headlines: ["省领导调研农贸市场整治工作。"]);
        var with = BulletinCompiler.Compile(ReportCatalog.Weekly, new PeriodCalculator(WorkCalendar.LoadDefault()).Find(ReportCycleDefinition.Weekly, "2026-W48")!,
            "领导小组办公室", new DateOnly(2026, 11, 27), BulletinCompilerTests.Fixture.Directory(), BulletinCompilerTests.Fixture.Reports(), ["省领导调研农贸市场整治工作。"],
            rectificationRates: new RectificationSection(rates, new DateOnly(2026, 6, 10)));

        Assert.Single(without.KeyEvents);
        Assert.Equal(2, with.KeyEvents.Count);
        var paragraph = with.KeyEvents[1];
        Assert.Contains("共有问题20个，已整改销号14个，整改率70%", paragraph, StringComparison.Ordinal);
        Assert.Contains("昆明市90%，文山州50%", paragraph, StringComparison.Ordinal);
        Assert.Contains("对照5月31日前整改率达到90%的目标，文山州尚未达到", paragraph, StringComparison.Ordinal);
        Assert.Empty(new RectificationSection([], new DateOnly(2026, 6, 10)).Paragraphs());
    }

    private static SupervisionItem Item(long id, DateOnly entered, DateOnly? closed) =>
        new(id, SupervisionKind.Problem, "ws", null, "问题", null, new DateOnly(2026, 8, 31), "暗访", null, null, null, null,
            closed is null ? ItemStatus.Open : ItemStatus.Closed, null, null, 0, null, "office", At(entered), closed is null ? null : "dzz", closed is { } c ? At(c) : null, At(entered));

    private static DateTimeOffset At(DateOnly date) => new(date.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero);
}
