using ChatOps.Core.Circulars;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.Circulars;

/// <summary>Circulars as conversations on the real engine and SQLite: compose, sign off, deliver, acknowledge, refuse.</summary>
public class CircularConversationTests : IAsyncLifetime
{
    /// <summary>The database; <see cref="PostgreSqlCircularConversationTests"/> runs every test on PostgreSQL.</summary>
    protected virtual string Provider => StorageProviders.Sqlite;

    /// <summary>Wednesday 2026-11-25 10:30 in Kunming.</summary>
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 25, 10, 30, 0, TimeSpan.FromHours(8));

    private CircularChat _chat = null!;

    public async ValueTask InitializeAsync() => _chat = await CircularChat.StartAsync(Wednesday, provider: Provider);

    public async ValueTask DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task OfficeComposesByDialog_SignerSignsOff_DeliveredToGroupsOnBothChannelsAndToUnits()
    {
        const string clerk = "office.clerk1";
        (await _chat.SaysAsync(clerk, "通报")).Shows("开始拟发公文", "请选择公文类别：").Offers("通报", "通知", "文件", "会议纪要", "工作专报");
        (await _chat.PressesAsync(clerk, "1")).Shows("请输入通报的标题（如“关于……的通报”），不超过100字。");
        (await _chat.SaysAsync(clerk, "关于2026年第48周爱国卫生专项行动推进情况的通报")).Shows("请发送正文");
        (await _chat.SaysAsync(clerk, "各成员单位：\n\n现将第48周各地各部门推进情况通报如下……")).Shows("请选择发送对象").Offers("群聊", "成员单位", "按角色", "全体人员");
        (await _chat.PressesAsync(clerk, "群聊")).Shows("请选择群聊", "爱国卫生专项行动联络员群——企业微信群聊，31人", "领导小组办公室通知群（群机器人）——企业微信群机器人",
            "州市联络员群（Teams）——Teams/Bot Framework 群聊，2人");
        (await _chat.SaysAsync(clerk, "全部")).Shows("已添加群聊：", "当前发送对象：3个群聊").Offers("群聊", "成员单位", "按角色", "全体人员", "下一步", "清空");
        (await _chat.PressesAsync(clerk, "成员单位")).Shows("请回复成员单位名称");
        (await _chat.SaysAsync(clerk, "大理、州、火星州")).Shows("“州”可能是", "请写全称", "“火星州”不在名录中", "本次未添加任何单位");
        (await _chat.SaysAsync(clerk, "大理，迪庆州")).Shows("已添加：大理州、迪庆州（发送给联络员）", "2家成员单位的联络员（大理州、迪庆州）");
        (await _chat.PressesAsync(clerk, "下一步")).Shows("是否为重大事项", "一般事项由办公室主任审批签发，重大事项须报领导小组组长审批").Offers("一般事项", "重大事项");
        (await _chat.PressesAsync(clerk, "一般事项")).Shows("建议文号：云爱卫专项办通〔2026〕1号").Offers("使用建议文号");
        (await _chat.PressesAsync(clerk, "确定")).Shows(
            "请核对通报", "**文号**：云爱卫专项办通〔2026〕1号", "**标题**：关于2026年第48周爱国卫生专项行动推进情况的通报",
            "需确认收到 34 人", "**签发**：蔡霞（办公室主任）", "现将第48周", "内容无误请点击“送签”，蔡霞签发后立即印发。").Offers("送签", "修改", "取消");
        (await _chat.PressesAsync(clerk, "送签")).Shows("已送蔡霞（办公室主任）签发《关于2026年第48周爱国卫生专项行动推进情况的通报》（云爱卫专项办通〔2026〕1号）", "撤回 #");
        var id = await _chat.QueryAsync<long>("SELECT MAX(id) FROM circulars");
        Assert.Empty(await _chat.GroupRowsAsync()); // nothing goes out before 签发

        var signer = await _chat.NewMessagesAsync("office.head");
        signer.Shows("【送签稿】", "云爱卫专项办通〔2026〕1号", "请签发：通报", "蔡霞同志：", "余波拟稿的通报", "需确认收到 34 人").Offers("签发", "退回");
        Assert.Equal(ChannelNames.WeCom, signer.Items[0].Channel);
        Assert.Equal($"签发 #{id}", signer.Choices[0].Value);

        (await _chat.PressesAsync("office.head", $"签发 #{id}")).Shows("已签发", "已印发（发送群聊 3 个、个人 2 人，需确认收到 34 人）");

        var groups = (await _chat.GroupRowsAsync()).ToDictionary(g => g.GroupCode);
        Assert.Equal(3, groups.Count);
        Assert.Equal((ChannelNames.WeCom, "wrSampleLiaisonChat"), (groups["lly-group"].Channel, groups["lly-group"].Address));
        Assert.Equal((ChannelNames.WeCom, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SAMPLE-KEY"), (groups["office-robot"].Channel, groups["office-robot"].Address));
        Assert.Equal((ChannelNames.BotFramework, CircularChat.TeamsConversation), (groups[CircularChat.TeamsGroup].Channel, groups[CircularChat.TeamsGroup].Address));
        Assert.All(groups.Values, g => Assert.StartsWith($"circular:{id}:group:", g.DedupeKey, StringComparison.Ordinal));

        // A liaison reached 1:1 (大理州 is in no targeted group): the document, then the 收到 card.
        var dali = await _chat.NewMessagesAsync("532900.lly");
        dali.Shows("云爱卫专项办通〔2026〕1号", "**关于2026年第48周爱国卫生专项行动推进情况的通报**", "云南省推进爱国卫生“7个专项行动”领导小组办公室", "2026年11月25日",
            "通报：请确认收到", "全文见上一条消息").Offers("收到");
        Assert.Equal($"收到 #{id}", dali.Choices[0].Value);
        Assert.All(dali.Items, i => Assert.Null(i.GroupCode));

        // A member of the Teams group: only the card, carrying the document itself (the group message may fail: issue 10.8).
        (await _chat.NewMessagesAsync("530100.lly")).Shows("通报：请确认收到", "云爱卫专项办通〔2026〕1号", "现将第48周").DoesNotShow("已发至");
        (await _chat.NewMessagesAsync(clerk)).Shows("余波同志：", "已经蔡霞签发并印发");

        await _chat.DispatchAsync();
        Assert.Equal(3 + 2 + 34, await _chat.QueryAsync<long>(
            "SELECT COUNT(*) FROM outbox WHERE status = 'Sent' AND (dedupe_key LIKE @Group OR dedupe_key LIKE @Person OR dedupe_key LIKE @Ack)",
            new { Group = $"circular:{id}:group:%", Person = $"circular:{id}:person:%", Ack = $"circular:{id}:ack:%" }));
        Assert.Equal(2, _chat.WeCom.Attempts.Count(a => a.GroupCode is not null));
        Assert.Equal(CircularChat.TeamsConversation, _chat.BotFramework.Attempts.Single(a => a.GroupCode is not null).Address);
        var standing = await _chat.StandingAsync(id);
        Assert.All(standing.Targets, t => Assert.Equal(DeliveryState.Sent, t.State));
        Assert.Equal((34, 0), (standing.Recipients, standing.Acknowledged));

        var audit = await _chat.InWorkAsync(w => _chat.Circulars.Store(w).ListAuditAsync(id));
        Assert.Equal(
            [(CircularAuditActions.Created, clerk), (CircularAuditActions.SubmittedForSignOff, clerk), (CircularAuditActions.Signed, "office.head"), (CircularAuditActions.Issued, "office.head")],
            audit.Select(a => (a.Action, a.ActorId)));
        Assert.All(audit, a => Assert.Equal(Wednesday, a.At));
    }

    [Fact]
    public async Task Signer_Returns_WithAComment_TheComposerIsTold_AndTheNumberIsReleased()
    {
        var circular = await _chat.IssueAsync(new CircularDraft("通报", "关于个别州市整改进度滞后的通报", "……", [new(TargetKind.Unit, "532900")]));
        Assert.Equal(CircularStatus.PendingSignOff, circular.Status);

        (await _chat.PressesAsync("group.leader", $"签发 #{circular.Id}")).Shows("这份通报须由蔡霞签发，您无权处理。");
        (await _chat.PressesAsync("office.head", $"退回 #{circular.Id}")).Shows("请输入退回意见");
        (await _chat.SaysAsync("office.head", new string('改', 501))).Shows("退回意见过长（最多500字，现为501字）");
        (await _chat.SaysAsync("office.head", "请补充各州市整改数据后再报。")).Shows("已退回，并已通知拟稿人。");
        (await _chat.NewMessagesAsync("office.clerk1")).Shows("余波同志：", "《关于个别州市整改进度滞后的通报》（云爱卫专项办通〔2026〕1号）已被蔡霞退回。", "退回意见：请补充各州市整改数据后再报。", "文号已释放");
        (await _chat.PressesAsync("office.head", $"签发 #{circular.Id}")).Shows("已被蔡霞退回");

        Assert.Equal("云爱卫专项办通〔2026〕1号", await _chat.InWorkAsync(w => _chat.Circulars.SuggestNumberAsync(w, _chat.Services.GetCircularKind("circular"), _chat.Clock.GetUtcNow())));
        var audit = await _chat.InWorkAsync(w => _chat.Circulars.Store(w).ListAuditAsync(circular.Id));
        Assert.Contains(audit, a => a is { Action: CircularAuditActions.Refused, ActorId: "group.leader", Detail: "sign" });
        Assert.Contains(audit, a => a is { Action: CircularAuditActions.Returned, ActorId: "office.head", Detail: "请补充各州市整改数据后再报。" });
        Assert.Empty(await _chat.GroupRowsAsync());
    }

    [Fact]
    public async Task ReturnAsync_WithoutAComment_IsRefused_AndTheCircularStillWaitsForSignOff()
    {
        var circular = await _chat.IssueAsync(new CircularDraft("通报", "关于个别州市整改进度滞后的通报", "……", [new(TargetKind.Unit, "532900")]));
        var head = Actor.Of((await _chat.Services.GetRequiredService<IDirectoryRepository>().FindPersonAsync("office.head", TestContext.Current.CancellationToken))!, "console");

        var outcome = await _chat.InWorkAsync(w => _chat.Circulars.ReturnAsync(head, w, circular.Id, "  ", _chat.Clock.GetUtcNow()));

        Assert.Equal(("comment", "退回意见不能为空，请重新填写。"), (outcome.Errors.Single().Field, outcome.ErrorText));
        Assert.Equal(CircularStatus.PendingSignOff, (await _chat.StandingAsync(circular.Id)).Circular.Status);
    }

    [Fact]
    public async Task MajorMatter_GoesToTheGroupLeader_AndMinutesLetTheOfficeChooseTheConvener()
    {
        var major = await _chat.IssueAsync(new CircularDraft("通报", "关于重大事项的通报", "……", [new(TargetKind.Unit, "532900")], Major: true));
        Assert.Equal("group.leader", major.SignerId);
        (await _chat.NewMessagesAsync("group.leader")).Shows("请签发：通报");

        const string clerk = "office.clerk2";
        await _chat.SaysAsync(clerk, "通报");
        await _chat.SaysAsync(clerk, "会议纪要");
        await _chat.SaysAsync(clerk, "领导小组第5次会议纪要");
        await _chat.SaysAsync(clerk, "一、会议议定事项……");
        await _chat.PressesAsync(clerk, "全体人员");
        (await _chat.PressesAsync(clerk, "下一步")).Shows("建议文号：云爱卫专项办纪〔2026〕1号");
        (await _chat.SaysAsync(clerk, "云爱卫专项办纪[2026]5号")).Shows("请选择签发人（会议召集人）").Offers("谭磊（领导小组组长）", "蔡霞（领导小组办公室主任（省卫生健康委主任））");
        (await _chat.SaysAsync(clerk, "1")).Shows("**文号**：云爱卫专项办纪〔2026〕5号", "**签发**：谭磊（会议召集人）");
        (await _chat.PressesAsync(clerk, "修改")).Offers("标题", "正文", "发送范围", "文号", "签发人");
        (await _chat.PressesAsync(clerk, "标题")).Shows("请输入会议纪要的标题");
        (await _chat.SaysAsync(clerk, "领导小组第五次会议纪要")).Shows("**标题**：领导小组第五次会议纪要", "**签发**：谭磊");
        (await _chat.SaysAsync(clerk, "取消")).Shows("已取消，本次拟稿未保存，文号未占用。");
        Assert.Equal(1, await _chat.QueryAsync<long>("SELECT COUNT(*) FROM circulars"));
    }

    [Fact]
    public async Task NonOfficePeople_AreRefused_AndTheAttemptIsAudited()
    {
        (await _chat.SaysAsync("530100.lly", "通报")).Shows("只有领导小组办公室人员可以拟发通报");
        (await _chat.SaysAsync("530100.lly", "通报情况")).Shows("只有领导小组办公室人员可以查看通报的确认情况。");
        var circular = await _chat.IssueAsync(new CircularDraft("通知", "关于报送材料的通知", "请于周五前报送。", [new(TargetKind.Unit, "532900")]));
        (await _chat.SaysAsync("530100.lly", $"停止提醒 #{circular.Id}")).Shows("只有领导小组办公室人员可以停止提醒。");
        (await _chat.SaysAsync("530100.lly", $"重发 #{circular.Id}")).Shows("只有领导小组办公室人员可以重发通报。");

        var refusals = await _chat.QueryAsync<long>("SELECT COUNT(*) FROM circular_audit WHERE action = 'refused' AND actor_id = '530100.lly'");
        Assert.Equal(3, refusals);
        Assert.Equal("compose", await _chat.QueryAsync<string>("SELECT detail FROM circular_audit WHERE action = 'refused' AND circular_id IS NULL"));
        Assert.Null((await _chat.StandingAsync(circular.Id)).Circular.RemindersStoppedAt);
    }

    [Fact]
    public async Task Acknowledgement_ByButtonAndByText_TrackedPerPerson_AndShownPerUnit()
    {
        var circular = await _chat.IssueAsync(new CircularDraft("通知", "关于报送第四季度工作总结的通知", "请各单位于12月5日前报送。",
            [new(TargetKind.Group, CircularChat.TeamsGroup), new(TargetKind.Unit, "532900"), new(TargetKind.Unit, "533400")]));
        Assert.Equal(CircularStatus.Issued, circular.Status);
        Assert.Equal("云爱卫专项办发〔2026〕1号", circular.Number);

        (await _chat.PressesAsync("532900.lly", $"收到 #{circular.Id}")).Shows("已确认收到《关于报送第四季度工作总结的通知》（云爱卫专项办发〔2026〕1号）。");
        _chat.Clock.Advance(TimeSpan.FromMinutes(5));
        (await _chat.PressesAsync("532900.lly", $"收到 #{circular.Id}")).Shows("您已于11月25日（周三）10:30确认收到", "无需重复确认");
        (await _chat.SaysAsync("533400.lly", "已收到。")).Shows("已确认收到《关于报送第四季度工作总结的通知》");
        (await _chat.PressesAsync("fgw.lly", $"收到 #{circular.Id}")).Shows("您不在《关于报送第四季度工作总结的通知》（云爱卫专项办发〔2026〕1号）的发送范围内，无需确认。");
        (await _chat.SaysAsync("fgw.lly", "收到")).Shows("未能识别该指令"); // nothing to acknowledge: the word is left to others

        var recipients = await _chat.InWorkAsync(w => _chat.Circulars.Store(w).ListRecipientsAsync(circular.Id));
        Assert.Equal(AckMethod.Button, recipients.Single(r => r.PersonId == "532900.lly").AckMethod);
        Assert.Equal(AckMethod.Text, recipients.Single(r => r.PersonId == "533400.lly").AckMethod);
        Assert.Equal(ChannelNames.Local, recipients.Single(r => r.PersonId == "533400.lly").AckChannel);

        (await _chat.SaysAsync("office.clerk2", $"通报情况 #{circular.Id}")).Shows(
            "**云爱卫专项办发〔2026〕1号《关于报送第四季度工作总结的通知》**", "确认收到：2/4（50.0%）", "下次提醒：11月25日（周三）12:30",
            "**未确认（2人）**", "昆明市（0/1）：郭婷", "曲靖市（0/1）：曹海燕", "**已全部确认（2个单位）**：大理州、迪庆州",
            "**发送情况**", "州市联络员群（Teams）：排队中", "单独发送 2 人：排队中 2");
        (await _chat.SaysAsync("office.clerk2", "通报情况")).Shows("**近期公文**", "云爱卫专项办发〔2026〕1号《关于报送第四季度工作总结的通知》：已确认 2/4（50.0%）")
            .Offers("云爱卫专项办发〔2026〕1号");
    }

    /// <summary>
    /// 收到 pressed at 10:30 and handled forty minutes later (the engine was down): the acknowledgement is recorded at
    /// 10:30, when it was sent, as the office's list and the recipient's answer show.
    /// </summary>
    [Fact]
    public async Task Acknowledgement_HandledLate_IsRecordedWhenItWasSent()
    {
        var circular = await _chat.IssueAsync(new CircularDraft("通知", "关于报送第四季度工作总结的通知", "请各单位于12月5日前报送。",
            [new(TargetKind.Unit, "532900")]));
        var pressed = _chat.Clock.GetUtcNow();
        Assert.True(await _chat.Services.AcceptAsync("ack-" + Guid.NewGuid().ToString("N"), "532900.lly", null, $"收到 #{circular.Id}", pressed));
        _chat.Clock.Advance(TimeSpan.FromMinutes(40));
        await _chat.Services.HandlePendingAsync(_chat.Clock.GetUtcNow());

        var recipients = await _chat.InWorkAsync(w => _chat.Circulars.Store(w).ListRecipientsAsync(circular.Id));
        Assert.Equal(pressed, recipients.Single(r => r.PersonId == "532900.lly").AckedAt);
        (await _chat.PressesAsync("532900.lly", $"收到 #{circular.Id}")).Shows("您已于11月25日（周三）10:30确认收到");
    }

    [Fact]
    public async Task TypedAcknowledgement_CoversEveryPendingCircular_ButNotWhileInADialog()
    {
        var first = await _chat.IssueAsync(new CircularDraft("通知", "第一份通知", "……", [new(TargetKind.Unit, "533400"), new(TargetKind.Unit, "fgw")]));
        _chat.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await _chat.IssueAsync(new CircularDraft("通知", "第二份通知", "……", [new(TargetKind.Unit, "533400"), new(TargetKind.Unit, "fgw")]));

        (await _chat.SaysAsync("fgw.lly", "填报")).Shows("请选择要填报的报告");
        (await _chat.SaysAsync("fgw.lly", "收到")).DoesNotShow("已确认收到"); // an answer to the report dialog, not an acknowledgement
        await _chat.SaysAsync("fgw.lly", "取消");

        (await _chat.SaysAsync("533400.lly", "OK")).Shows("已确认收到以下公文：", "1. 《第二份通知》（云爱卫专项办发〔2026〕2号）", "2. 《第一份通知》（云爱卫专项办发〔2026〕1号）");
        Assert.Empty((await _chat.StandingAsync(first.Id)).Units.Single(u => u.UnitCode == "533400").Missing);
        Assert.Equal(["fgw.lly"], (await _chat.StandingAsync(second.Id)).Units.SelectMany(u => u.Missing).Select(m => m.PersonId));
    }
}

/// <summary>Test helpers over the host's services.</summary>
internal static class CircularTestExtensions
{
    public static CircularKind GetCircularKind(this IServiceProvider services, string key) =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<CircularKinds>(services).Get(key);
}

/// <summary>The same tests on PostgreSQL (skipped with a reason without CHATOPS_TEST_POSTGRES).</summary>
public sealed class PostgreSqlCircularConversationTests : CircularConversationTests
{
    protected override string Provider => StorageProviders.PostgreSql;
}
