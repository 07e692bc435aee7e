using System.Text;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.WeCom;

/// <summary>
/// How the WeCom sender treats a file message beyond the happy path: WeCom's 40005 (our request's type is wrong) fails
/// the message instead of hiding behind a link; a caption longer than a text message is split before the file; a resend
/// sends the media_id already uploaded; a file message to a group chat fails as group refusals do.
/// </summary>
public sealed class BulletinFileSendTests
{
    private const string Clerk = "office.clerk1";
    private const string PublicBase = "https://bot.example.gov.cn";
    private const string MessageSendPath = "/cgi-bin/message/send";

    [Fact]
    public async Task WeCom_UploadAnswers40005_TheMessageFailsWithTheCode_AndNoLinkOrCaptionGoesOut()
    {
        await using var bot = await WeComBot.StartAsync(settings: new Dictionary<string, string?> { ["PublicBaseUrl"] = PublicBase });
        bot.WeCom.FailNext(FakeWeComServer.MediaUploadPath, 40005, errMsg: "invalid type");

        await bot.EnqueueAsync(await FileItemAsync(bot, "工作专报 Word 文件：测试.docx", "send-40005"));

        var error = await FailedAsync(bot, "send-40005");
        Assert.Contains("errcode 40005", error, StringComparison.Ordinal);
        await bot.WaitForIdleAsync();
        Assert.DoesNotContain(bot.Received(Clerk), d => WeComBot.Show(d).Contains("测试.docx", StringComparison.Ordinal) || d.MsgType == "file");
        Assert.DoesNotContain(bot.Received(Clerk), d => WeComBot.Show(d).Contains("/files/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WeCom_ACaptionLongerThanATextMessage_IsSplit_ThenTheFileFollows()
    {
        await using var bot = await WeComBot.StartAsync();
        var caption = "工作专报 Word 文件：" + string.Concat(Enumerable.Range(1, 300).Select(i => $"第{i}段；"));
        Assert.True(Encoding.UTF8.GetByteCount(caption) > Channels.WeCom.Api.WeComLimits.TextMaxBytes);
        var mark = bot.Mark(Clerk);

        await bot.EnqueueAsync(await FileItemAsync(bot, caption, "send-long"));

        await bot.NextAsync(Clerk, mark, "[file]");
        var received = bot.Received(Clerk).Skip(mark).ToList();
        Assert.Equal("file", received[^1].MsgType);
        var texts = received.SkipLast(1).ToList();
        Assert.True(texts.Count >= 2, "the caption is split");
        Assert.All(texts, t => Assert.True(Encoding.UTF8.GetByteCount(t.Content!) <= Channels.WeCom.Api.WeComLimits.TextMaxBytes));
        Assert.Equal(caption, string.Concat(texts.Select(t => t.Content)));
    }

    [Fact]
    public async Task WeCom_ResendAfterAFailedSend_SendsTheMediaIdAlreadyUploaded()
    {
        await using var bot = await WeComBot.StartAsync();
        bot.WeCom.FailNext(MessageSendPath, -1, times: 4); // the client's three retries and one more: the sender retries later
        var mark = bot.Mark(Clerk);

        await bot.EnqueueAsync(await FileItemAsync(bot, "工作专报 Word 文件：重发.docx", "send-again"));

        var file = await bot.NextAsync(Clerk, mark, "[file]");
        var media = Assert.Single(bot.WeCom.UploadedMedia);
        Assert.Equal(media, bot.WeCom.MediaOf(file));
        Assert.Equal(2, await bot.ScalarAsync<long>("SELECT attempts FROM outbox WHERE dedupe_key = 'send-again'"));
    }

    [Fact]
    public async Task WeCom_AFileMessageToAGroupChat_FailsAndIsRecorded_NothingGoesToTheGroup()
    {
        await using var bot = await WeComBot.StartAsync();
        var item = await FileItemAsync(bot, "工作专报 Word 文件：群.docx", "send-group");

        await bot.EnqueueAsync(item with { Address = "wrSampleLiaisonChat", PersonId = null, GroupCode = "lly-group" });

        Assert.Contains("group chat", await FailedAsync(bot, "send-group"), StringComparison.Ordinal);
        Assert.Empty(bot.WeCom.AppChatMessages);
        Assert.Empty(bot.WeCom.UploadedMedia);
    }

    /// <summary>A file message to the clerk, its file stored as 专报 stores it.</summary>
    private static async Task<OutboxItem> FileItemAsync(WeComBot bot, string caption, string dedupeKey)
    {
        var files = bot.Services.GetRequiredService<OutboundFiles>();
        await using var work = await bot.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync();
        var file = await files.StoreAsync(work, BulletinService.FileKind, Clerk, dedupeKey + ".docx", OutboundFiles.DocxContentType, "PK\u0003\u0004 test file"u8.ToArray());
        await work.CommitAsync();
        return new OutboxItem(0, ChannelNames.WeCom, Clerk, Clerk, null, OutboundMessage.FileMessage(caption, file), dedupeKey, DateTimeOffset.UtcNow);
    }

    private static async Task<string> FailedAsync(WeComBot bot, string dedupeKey)
    {
        await WeComBot.WaitUntilAsync(
            async () => await bot.ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE dedupe_key = @Key AND status = 'Failed'", new { Key = dedupeKey }) == 1,
            () => $"outbox {dedupeKey} did not fail");
        return await bot.ScalarAsync<string>("SELECT last_error FROM outbox WHERE dedupe_key = @Key", new { Key = dedupeKey });
    }
}
