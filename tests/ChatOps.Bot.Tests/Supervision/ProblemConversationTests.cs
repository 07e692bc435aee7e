using ChatOps.Core.Supervision;

namespace ChatOps.Bot.Tests.Supervision;

/// <summary>问题清单 in chat on a real SQLite file: the liaison reports rectification, the 督战组 verifies and closes or returns.</summary>
public sealed class ProblemConversationTests
{
    [Fact]
    public async Task Rectify_ReturnedThenClosed_ByTheCountysSupervisorOnly()
    {
        await using var chat = await SupervisionChat.StartAsync();
        await chat.SeedWenshanAsync();
        Assert.Contains("武杰同志：\n文山州新增问题清单事项2项", await chat.InboxTextAsync("532600.lly"), StringComparison.Ordinal);
        var liaison = chat.As("532600.lly");
        var supervisor = chat.As("dzz.wenshan");
        var office = chat.As("office.clerk1");

        (await liaison.SaysAsync("问题清单")).Shows("问题清单", "#2 文山州·开化路背街小巷", "#1 文山州·城北农贸市场：活禽宰杀区未隔离（整改中，时限12月15日）") // by deadline
            .DoesNotShow("天马路");
        (await liaison.SaysAsync("整改 #1")).Shows("请简要说明整改情况", "如有现场照片，请在发送文字说明之前直接发送");
        (await liaison.SaysAsync("已设置隔离区，地面硬化并每日冲洗")).Shows("已报送 #1 的整改情况，待督战组核验销号。");
        Assert.Contains("已设置隔离区", await chat.InboxTextAsync("dzz.wenshan"), StringComparison.Ordinal);

        (await office.SaysAsync("销号 #1")).Shows(SupervisionText.OnlyVerifier);
        (await chat.As("532500.lly").SaysAsync("销号 #1")).Shows(SupervisionText.OnlyVerifier);

        (await supervisor.PressesAsync("退回整改 #1")).Shows("请填写退回意见");
        (await supervisor.SaysAsync("隔离区未封闭，请补充照片")).Shows("已将 #1 退回整改");
        Assert.Contains("意见：隔离区未封闭，请补充照片", await chat.InboxTextAsync("532600.lly"), StringComparison.Ordinal);
        (await supervisor.SaysAsync("销号 #1")).Shows(SupervisionText.NotSubmitted);

        await liaison.SaysAsync("整改 #1");
        await liaison.SaysAsync("隔离区已封闭");
        (await supervisor.PressesAsync("销号 #1")).Shows("#1 已核验销号");
        Assert.Contains("已核验销号", await chat.InboxTextAsync("532600.lly"), StringComparison.Ordinal);
        (await supervisor.SaysAsync("问题详情 #1")).Shows("已销号", "报送整改情况", "退回整改", "核验销号");
        (await supervisor.SaysAsync("整改率")).Shows("文山州：1/2，50%");
    }

    [Fact]
    public async Task CountyLiaison_SeesOnlyItsOwnProblems()
    {
        await using var chat = await SupervisionChat.StartAsync();
        await chat.SeedWenshanAsync();

        (await chat.As("532500.lly").SaysAsync("问题清单")).Shows("#3 红河州·天马路").DoesNotShow("农贸市场");
        (await chat.As("532500.lly").SaysAsync("问题详情 #1")).Shows(SupervisionText.NotYours);
        (await chat.As("532500.lly").SaysAsync("整改 #1")).Shows(SupervisionText.NotYours);
        (await chat.As("dzz.wenshan").SaysAsync("问题清单")).Shows("农贸市场").DoesNotShow("天马路");
        (await chat.As("office.clerk1").SaysAsync("问题清单")).Shows("农贸市场", "天马路");
    }

    [Fact]
    public async Task Extension_AskedWithReason_ApprovedBySupervisor_MovesTheDeadline()
    {
        await using var chat = await SupervisionChat.StartAsync();
        await chat.SeedWenshanAsync();
        var liaison = chat.As("532600.lly");

        (await liaison.SaysAsync("申请延期 #2")).Shows("申请延期到哪一天");
        (await liaison.SaysAsync("明天后天")).Shows("不是有效的日期");
        (await liaison.SaysAsync("12月30日")).Shows("请说明申请延期的原因");
        (await liaison.SaysAsync("需新建垃圾中转站，施工周期较长")).Shows("已提交 #2 的延期申请（延至2026年12月30日）");
        Assert.Contains("申请将整改时限由2026年12月10日延至2026年12月30日，原因：需新建垃圾中转站", await chat.InboxTextAsync("dzz.wenshan"), StringComparison.Ordinal);
        (await chat.As("office.clerk1").SaysAsync("同意延期 #2")).Shows(SupervisionText.OnlyVerifier);

        (await chat.As("dzz.wenshan").PressesAsync("同意延期 #2")).Shows("已同意 #2 延期至2026年12月30日");
        Assert.Contains("整改时限调整为2026年12月30日", await chat.InboxTextAsync("532600.lly"), StringComparison.Ordinal);
        (await liaison.SaysAsync("问题清单")).Shows("#2", "时限12月30日");
    }

    [Fact]
    public async Task Import_BadRows_EveryErrorWithItsLine_NothingWritten()
    {
        await using var chat = await SupervisionChat.StartAsync();

        var result = await chat.ImportAsync(SupervisionKind.Problem,
            "县（市、区）,点位,问题描述,责任单位,整改时限,问题来源",
            "文山州,A,问题一,局,2026-12-15,省督查组",
            "不存在县,B,问题二,局,2026-12-15,暗访",
            "文山州,C,,局,下个月,暗访");

        Assert.False(result.Succeeded);
        Assert.Equal(["第 3 行：名录中没有单位“不存在县”。", "第 4 行：缺少问题描述；整改时限“下个月”不是有效日期（应写成 2026-06-30）。"], result.Errors);
        (await chat.As("office.clerk1").SaysAsync("问题清单")).Shows("目前没有需要您处理或查看的问题清单和督办事项。");
    }
}
