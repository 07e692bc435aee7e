namespace ChatOps.Bot.Tests.Conversations;

/// <summary>Office staff ask the bot for the bulletin in chat.</summary>
public sealed class BulletinChatTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 25, 10, 30, 0, TimeSpan.FromHours(8));
    private ChatHarness _chat = null!;

    public async ValueTask InitializeAsync() => _chat = await ChatHarness.StartAsync(Wednesday);

    public async ValueTask DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task OfficeAsksAfterTheDeadline_GetsStatisticsAndTheBulletinWithTheSubmittedItems()
    {
        var liaison = _chat.As("fgw.lly");
        await liaison.SaysAsync("填报");
        await liaison.SaysAsync("1");
        await liaison.SaysAsync("7月16日，召开城镇生活垃圾处理专题培训");
        await liaison.PressesAsync("完成");
        await liaison.SaysAsync("无");
        await liaison.SaysAsync("继续推进");
        await liaison.PressesAsync("跳过");
        await liaison.PressesAsync("跳过");
        await liaison.PressesAsync("提交");
        _chat.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 18, 0, 0, TimeSpan.FromHours(8)));

        var answer = await _chat.As("office.clerk1").SaysAsync("专报");

        answer.Shows("2026年第48周（11月20日至11月26日）周报：应报 45 个单位，按时报送 1，迟报 0，未报送 44。", "未报送：省委宣传部（省文明办）",
            "Word 版可在办公室管理台“专报编辑”页面下载",
            "二、省直部门推进情况", "（一）", "省发展改革委", "召开城镇生活垃圾处理专题培训", "三、州市县区推进情况", "（本期无）")
            .DoesNotShow("bulletin --cycle");
        Assert.All(answer.Items, i => Assert.True(System.Text.Encoding.UTF8.GetByteCount(i.Message.Text) <= 4096));
    }

    [Fact]
    public async Task NamedPeriod_AndBadPeriod()
    {
        var clerk = _chat.As("office.clerk1");

        (await clerk.SaysAsync("专报 2026-W40")).Shows("2026年第40—41周（9月25日至10月8日）周报：应报 45 个单位");
        (await clerk.SaysAsync("专报 2026-X1")).Shows("2026-X1");
    }

    [Fact]
    public async Task NotOfficeStaff_IsRefused()
    {
        (await _chat.As("fgw.lly").SaysAsync("专报")).Shows("只有办公室人员可以查看");
    }
}
