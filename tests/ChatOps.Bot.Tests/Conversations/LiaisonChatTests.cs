using ChatOps.Core.Conversations;
using ChatOps.Core.Reports;
using ChatOps.Core.Reports.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.Conversations;

/// <summary>
/// Issue 15, liaisons and the office's sends, as conversations on the real engine and SQLite: one progress item
/// changed from the summary, a very short item queried once, no "截止前如需修改" after the deadline, and 发送提醒 /
/// 催报 asking how many get what before anything is sent.
/// </summary>
public sealed class LiaisonChatTests : IAsyncLifetime
{
    /// <summary>Wednesday 2026-11-25 10:30 in Kunming: the 2026-W48 report is due tomorrow 17:00.</summary>
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 25, 10, 30, 0, TimeSpan.FromHours(8));

    private ChatHarness _chat = null!;

    public async ValueTask InitializeAsync() =>
        _chat = await ChatHarness.StartAsync(Wednesday, configure: b => b.Services.AddReportSchedulingCore()); // 发送提醒 and 催报, as the host registers them

    public async ValueTask DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task Summary_ChangesOneProgressItem_AddReplaceDelete_WithoutRetypingTheList()
    {
        var me = await ToSummaryAsync("第一条进展\n第二条进展\n第三条进展");

        (await me.SaysAsync("修改第2条 改过的第二条")).Shows("已修改第2条。", "1. 第一条进展", "2. 改过的第二条", "3. 第三条进展").Offers("提交", "修改", "取消");
        (await me.SaysAsync("删除第1条")).Shows("已删除第1条。", "1. 改过的第二条", "2. 第三条进展").DoesNotShow("第一条进展");
        (await me.SaysAsync("增加 新增的一条")).Shows("已增加第3条。", "3. 新增的一条");
        (await me.SaysAsync("删除第9条")).Shows("本周工作进展共3条，无第9条，请核对序号。");
        Assert.Equal(["改过的第二条", "第三条进展", "新增的一条"], (await ReportAsync("fgw"))!.Answers["progress"]);

        (await me.PressesAsync("修改")).Shows("请选择要修改的内容");
        (await me.PressesAsync("1")).Shows("本周工作进展（共3条）：", "2. 第三条进展", "修改第2条 新内容").Offers("重写全部", "返回核对");
        (await me.SaysAsync("改第3条：最后一条")).Shows("已修改第3条。", "3. 最后一条");
        (await me.PressesAsync("提交")).Shows("报送成功");
        Assert.Equal(["改过的第二条", "第三条进展", "最后一条"], (await ReportAsync("fgw"))!.Answers["progress"]);
    }

    [Fact]
    public async Task OnlyItem_CannotBeDeleted()
    {
        var me = await ToSummaryAsync("唯一的一条进展");

        (await me.SaysAsync("删除第1条")).Shows("本周工作进展至少要保留一条。");
        Assert.Equal(["唯一的一条进展"], (await ReportAsync("fgw"))!.Answers["progress"]);
    }

    [Fact]
    public async Task VeryShortItem_IsQueriedOnce()
    {
        var me = await StartAsync();

        (await me.SaysAsync("1")).Shows("这一条只有 1 个字，确认记录吗？").Offers("确认记录", "重新填写");
        (await me.PressesAsync("重新填写")).Shows("该条未记录，请重新输入。");
        (await me.SaysAsync("啊")).Shows("这一条只有 1 个字");
        (await me.SaysAsync("召开专题会议")).Shows("“啊”未记录。", "已记录第1条。"); // the short one is dropped (and said so), the new answer taken
        (await me.SaysAsync("正常的一条\n好")).Shows("第2条只有 1 个字，确认记录吗？");
        (await me.PressesAsync("确认记录")).Shows("已记录2条，共3条。");
        (await me.PressesAsync("完成")).Shows("（2/5）存在问题");
        (await me.SaysAsync("无")).Shows("（3/5）下周工作计划"); // a text field's "无" is a normal answer

        Assert.Equal(["召开专题会议", "正常的一条", "好"], (await ReportAsync("fgw"))!.Answers["progress"]);
    }

    [Fact]
    public async Task AfterTheDeadline_TheConfirmationDoesNotOfferChanges()
    {
        var me = await ToSummaryAsync("按时的进展");
        (await me.PressesAsync("提交")).Shows("报送成功", "截止前如需修改，回复“填报”即可。");

        _chat.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8)));
        await me.SaysAsync("填报");
        await me.SaysAsync("2"); // 2026-W48, now overdue
        (await FinishAsync(me)).Shows("报送成功", "（迟报）。").DoesNotShow("截止前如需修改");
    }

    [Fact]
    public async Task Office_SendPrompts_AsksHowManyFirst_ThenSends()
    {
        var office = _chat.As("office.clerk1");

        (await office.SaysAsync("发送提醒")).Shows("将向 45 个单位的联络员发送2026年第48周（11月20日至11月26日）周报填报提醒，确认？").Offers("确认", "不发送");
        Assert.Empty(await _chat.NewMessagesAsync("fgw.lly"));
        (await office.PressesAsync("不发送")).Shows("已取消，未发送。");
        Assert.Empty(await _chat.NewMessagesAsync("fgw.lly"));

        await office.SaysAsync("发送提醒");
        (await office.PressesAsync("确认")).Shows("已向 45 个单位的联络员发送2026年第48周");
        new Reply(await _chat.NewMessagesAsync("fgw.lly")).Shows("周报填报提醒", "请于11月26日（周四）17:00前报送省发展改革委");
    }

    [Fact]
    public async Task Office_Chase_GoesToTheUnitsMissingTheWeekThatClosed()
    {
        var fgw = _chat.As("fgw.lly");
        await fgw.SaysAsync("填报");
        await fgw.SaysAsync("2");
        await FinishAsync(fgw);
        await _chat.NewMessagesAsync("fgw.lly");
        var office = _chat.As("office.clerk1");

        (await office.SaysAsync("催报")).Shows("2026年第47周（11月13日至11月19日）周报已截止。将向尚未报送的 44 个单位的联络员发送催报通知，确认？");
        (await office.PressesAsync("确认")).Shows("已向 44 个单位的联络员发送2026年第47周");
        Assert.Empty(await _chat.NewMessagesAsync("fgw.lly"));
        new Reply(await _chat.NewMessagesAsync("wjw.lly")).Shows("2026年第47周", "已过，目前仍未收到贵单位报送，请尽快补报");
        (await fgw.SaysAsync("催报")).Shows("“催报”仅供办公室人员使用。");
    }

    private async Task<Report?> ReportAsync(string unit, string period = "2026-W48")
    {
        await using var work = await _chat.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync();
        return await work.Reports.FindAsync("weekly", period, unit);
    }

    private async Task<Speaker> StartAsync()
    {
        var me = _chat.As("fgw.lly");
        await me.SaysAsync("填报");
        (await me.SaysAsync("1")).Shows("（1/5）本周工作进展");
        return me;
    }

    private async Task<Speaker> ToSummaryAsync(string progress)
    {
        var me = await StartAsync();
        await me.SaysAsync(progress);
        await me.PressesAsync("完成");
        await me.SaysAsync("存在的问题");
        await me.SaysAsync("下周计划");
        await me.PressesAsync("跳过");
        (await me.PressesAsync("跳过")).Shows("请核对", "修改第2条 新内容");
        return me;
    }

    private static async Task<Reply> FinishAsync(Speaker me)
    {
        await me.SaysAsync("一条进展");
        await me.PressesAsync("完成");
        await me.SaysAsync("存在的问题");
        await me.SaysAsync("下周计划");
        await me.PressesAsync("跳过");
        await me.PressesAsync("跳过");
        return await me.PressesAsync("提交");
    }
}
