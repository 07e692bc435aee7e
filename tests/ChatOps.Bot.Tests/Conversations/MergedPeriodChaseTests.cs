using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports;
using ChatOps.Core.Reports.Overview;
using ChatOps.Core.Reports.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.Conversations;

/// <summary>
/// Chat 催报 after a merged period (国庆: 2026-W40+W41) closes reads the period as the console's board does: a unit whose
/// report was filed under a component key (2026-W41, before the holiday calendar merged the weeks) is not chased.
/// </summary>
public sealed class MergedPeriodChaseTests
{
    /// <summary>Friday 2026-10-09 10:00 in Kunming: 2026-W40+W41 closed yesterday at 17:00.</summary>
    private static readonly DateTimeOffset Friday = new(2026, 10, 9, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Chase_AfterAMergedWeek_LeavesOutAUnitThatReportedUnderAComponentKey()
    {
        await using var chat = await ChatHarness.StartAsync(Friday, configure: b => b.Services.AddReportSchedulingCore());
        var office = chat.As("office.clerk1");
        var before = await office.SaysAsync("催报");
        before.Shows("2026年第40—41周", "已截止", "将向尚未报送的 45 个单位的联络员发送催报通知，确认？");
        await office.SaysAsync("取消");

        await using (var work = await chat.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(TestContext.Current.CancellationToken))
        {
            var at = Friday.AddDays(-2);
            var answers = new Dictionary<string, IReadOnlyList<string>> { ["progress"] = ["节前开展安全检查。"] };
            await work.Reports.InsertAsync(
                new Report(0, "weekly", "2026-W41", "fgw", ReportStatus.Submitted, "fgw.lly", answers, at, at, at), TestContext.Current.CancellationToken);
            await work.CommitAsync(TestContext.Current.CancellationToken);
        }

        (await office.SaysAsync("催报")).Shows("将向尚未报送的 44 个单位的联络员发送催报通知，确认？");
        (await office.PressesAsync("确认")).Shows("已向 44 个单位的联络员发送");
        Assert.Empty(await chat.NewMessagesAsync("fgw.lly"));
    }

    [Fact]
    public async Task ReportPage_OfAMergedWeek_ShowsAnExemptionGivenUnderAComponentKey_AsTheBoardDoes()
    {
        await using var chat = await ChatHarness.StartAsync(Friday, configure: b => b.Services.AddReportSchedulingCore());
        var ct = TestContext.Current.CancellationToken;
        await using (var work = await chat.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(ct))
        {
            await work.Schedule.AddExemptionAsync("weekly", "2026-W41", "fgw.lly", "出差", "office.clerk1", Friday.AddDays(-3), ct);
            await work.CommitAsync(ct);
        }

        var office = Actor.System("office.clerk1", "test");
        var page = await chat.Services.GetRequiredService<ReportHistory>().ReadAsync(office, "weekly", "2026-W40+W41", "fgw", ct);
        var board = await chat.Services.GetRequiredService<ReportOverview>().BoardAsync(office, page.Cycle, page.Period, ct);

        Assert.Equal(BoardState.Exempt, board.Board.Entries.Single(e => e.Unit.Code == "fgw").State);
        Assert.Equal(BoardState.Exempt, page.State);
    }
}
