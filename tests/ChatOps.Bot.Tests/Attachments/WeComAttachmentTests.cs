using System.Diagnostics;
using ChatOps.Channels.WeCom.Hosting;
using ChatOps.Core.Attachments;
using ChatOps.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.Attachments;

/// <summary>
/// WeCom image and file messages end to end: really signed and encrypted callbacks into the real host, the media
/// fetched from the fake WeCom server with media/get, stored once, listed in the report's summary; media/get errors,
/// files over the limit and types not allowed are refused in Chinese with nothing stored.
/// </summary>
public sealed class WeComAttachmentTests
{
    private const string Liaison = "fgw.lly";

    private static async Task OpenReportAsync(WeComBot bot)
    {
        var mark = bot.Mark(Liaison);
        await bot.SaysAsync(Liaison, "填报");
        var first = await bot.NextAsync(Liaison, mark, "");
        if (WeComBot.Show(first).Contains("请选择要填报的报告", StringComparison.Ordinal))
        {
            mark = bot.Mark(Liaison);
            await bot.SaysAsync(Liaison, "1");
        }

        await bot.NextAsync(Liaison, mark, "（1/5）本周工作进展");
    }

    [Fact]
    public async Task ImageAndFileMessages_AreFetchedWithMediaGet_StoredOnceDespiteARetry_AndListedInTheSummary()
    {
        await using var bot = await WeComBot.StartAsync();
        await OpenReportAsync(bot);
        var photo = bot.WeCom.AddMedia("wx_camera_1733.jpg", "image/jpeg", ReportAttachmentChatTests.Photo);
        var plan = bot.WeCom.AddMedia("整改方案.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [0x50, 0x4B, 3, 4, .. new byte[2000]]);

        var mark = bot.Mark(Liaison);
        Assert.Equal(200, (await bot.WeCom.SendImageMessageAsync(bot.CallbackUrl, bot.Crypto, Liaison, photo, msgId: 7700112233, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(200, (await bot.WeCom.SendImageMessageAsync(bot.CallbackUrl, bot.Crypto, Liaison, photo, msgId: 7700112233, TestContext.Current.CancellationToken)).StatusCode);
        await bot.NextAsync(Liaison, mark, "已收到附件：图片_", ".jpg（1.2 MB），目前共 1 个附件。");
        mark = bot.Mark(Liaison);
        await bot.WeCom.SendFileMessageAsync(bot.CallbackUrl, bot.Crypto, Liaison, plan, cancellationToken: TestContext.Current.CancellationToken);
        await bot.NextAsync(Liaison, mark, "已收到附件：整改方案.docx（2 KB），目前共 2 个附件。");

        mark = bot.Mark(Liaison);
        await bot.SaysAsync(Liaison, "1. 召开专题会议");
        var done = await bot.NextAsync(Liaison, mark, "已记录");
        await bot.PressesAsync(Liaison, done, "完成");
        await bot.SaysAsync(Liaison, "无");
        await bot.SaysAsync(Liaison, "继续推进");
        await bot.SaysAsync(Liaison, "12");
        mark = bot.Mark(Liaison);
        await bot.SaysAsync(Liaison, "15");
        await bot.NextAsync(Liaison, mark, "请核对", "等 2 个");

        await bot.WaitForIdleAsync();
        Assert.Single(bot.WeCom.RequestsTo(FakeWeComServer.MediaGetPath), r => r.Query["media_id"] == photo); // the retry fetched nothing
        Assert.Single(bot.Received(Liaison), d => WeComBot.Show(d).Contains("已收到附件：图片_", StringComparison.Ordinal)); // nor made a second turn
        Assert.Equal(1, await bot.ScalarAsync<long>("SELECT COUNT(*) FROM attachments WHERE intake_key LIKE '%7700112233%'"));
        Assert.Equal(2, await bot.ScalarAsync<long>("SELECT COUNT(*) FROM attachment_contents"));
        Assert.Equal(2, await bot.ScalarAsync<long>("SELECT COUNT(*) FROM attachments WHERE owner_kind = 'report' AND added_by = 'fgw.lly'"));
    }

    [Fact]
    public async Task ExpiredMedia_TooLarge_AndBadType_AreRefusedInChinese_AndNothingIsStored()
    {
        await using var bot = await WeComBot.StartAsync(settings: new Dictionary<string, string?> { ["Attachments:MaxBytes"] = "1048576" });
        await OpenReportAsync(bot);
        var expired = bot.WeCom.AddMedia("旧照片.jpg", "image/jpeg", [0xFF, 0xD8, 0xFF, 0xE0]);
        bot.WeCom.ExpireMedia(expired);
        var large = bot.WeCom.AddMedia("航拍.jpg", "image/jpeg", ReportAttachmentChatTests.Photo);
        var text = bot.WeCom.AddMedia("说明.txt", "text/plain", "整改说明"u8.ToArray());
        var script = bot.WeCom.AddMedia("setup.exe", "application/octet-stream", [0x4D, 0x5A]);

        var mark = bot.Mark(Liaison);
        await bot.WeCom.SendImageMessageAsync(bot.CallbackUrl, bot.Crypto, Liaison, expired, cancellationToken: TestContext.Current.CancellationToken);
        await bot.NextAsync(Liaison, mark, "已失效，无法获取，未保存。请重新发送。");
        mark = bot.Mark(Liaison);
        await bot.WeCom.SendImageMessageAsync(bot.CallbackUrl, bot.Crypto, Liaison, large, cancellationToken: TestContext.Current.CancellationToken);
        await bot.NextAsync(Liaison, mark, "超过 1 MB 的大小限制，未保存。请压缩后重新发送。");
        mark = bot.Mark(Liaison);
        await bot.WeCom.SendFileMessageAsync(bot.CallbackUrl, bot.Crypto, Liaison, script, cancellationToken: TestContext.Current.CancellationToken);
        await bot.NextAsync(Liaison, mark, "“setup.exe”的文件类型不在允许范围内，未保存。");
        mark = bot.Mark(Liaison);
        await bot.WeCom.SendFileMessageAsync(bot.CallbackUrl, bot.Crypto, Liaison, text, cancellationToken: TestContext.Current.CancellationToken);
        await bot.NextAsync(Liaison, mark, "的文件类型不在允许范围内");

        await bot.WaitForIdleAsync();
        Assert.Contains(bot.WeCom.RequestsTo(FakeWeComServer.MediaGetPath), r => r.Query["media_id"] == expired);
        Assert.Equal(0, await bot.ScalarAsync<long>("SELECT COUNT(*) FROM attachment_contents"));
        Assert.Equal(4, await bot.ScalarAsync<long>("SELECT COUNT(*) FROM attachments WHERE status = 'Refused' AND owner_id IS NULL"));
        Assert.Equal(0, await bot.ScalarAsync<long>("SELECT COUNT(*) FROM inbox WHERE error IS NOT NULL"));
    }

    [Fact]
    public async Task PreparingTheSameMessageAgain_FetchesNothing_AndStoresNothingTwice()
    {
        await using var bot = await WeComBot.StartAsync();
        await OpenReportAsync(bot);
        var photo = bot.WeCom.AddMedia("现场.jpg", "image/jpeg", ReportAttachmentChatTests.Photo);
        var mark = bot.Mark(Liaison);
        await bot.WeCom.SendImageMessageAsync(bot.CallbackUrl, bot.Crypto, Liaison, photo, msgId: 7700445566, TestContext.Current.CancellationToken);
        await bot.NextAsync(Liaison, mark, "已收到附件：");
        await bot.WaitForIdleAsync();

        // The message as the worker claimed it, prepared again (a second claim after a crash) — twice, and at once.
        var (id, payload, person) = (await bot.QueryAsync<(long, string, string?)>("SELECT id, payload, person_id FROM inbox WHERE payload LIKE @Media", new { Media = $"%{photo}%" })).Single();
        var item = new InboxItem(id, ChatOpsJson.Deserialize<InboundMessage>(payload), person);
        var intake = bot.Services.GetRequiredService<AttachmentIntake>();
        await intake.PrepareAsync([item], TestContext.Current.CancellationToken);
        await intake.PrepareAsync([item, item], TestContext.Current.CancellationToken);

        Assert.Single(bot.WeCom.RequestsTo(FakeWeComServer.MediaGetPath), r => r.Query["media_id"] == photo);
        Assert.Equal(1, await bot.ScalarAsync<long>("SELECT COUNT(*) FROM attachments WHERE intake_key = @Key", new { Key = InboundAttachment.KeyOf(item.Message, 0) }));
        Assert.Equal(1, await bot.ScalarAsync<long>("SELECT COUNT(*) FROM attachment_contents"));
    }

    [Fact]
    public async Task AMediaGetThatNeverAnswers_IsUnavailableByTheFetchDeadline_AndTheTurnStillHappens()
    {
        await using var bot = await WeComBot.StartAsync(settings: new Dictionary<string, string?> { ["Attachments:FetchDeadline"] = "00:00:02" });
        await OpenReportAsync(bot);
        var photo = bot.WeCom.AddMedia("现场.jpg", "image/jpeg", ReportAttachmentChatTests.Photo);
        bot.WeCom.DelayNext(FakeWeComServer.MediaGetPath, TimeSpan.FromMinutes(5), times: 10);

        var mark = bot.Mark(Liaison);
        var clock = Stopwatch.StartNew();
        await bot.WeCom.SendImageMessageAsync(bot.CallbackUrl, bot.Crypto, Liaison, photo, cancellationToken: TestContext.Current.CancellationToken);
        await bot.NextAsync(Liaison, mark, "暂时无法获取“", "”，未保存。请稍后重新发送。");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(12), $"the turn waited {clock.Elapsed} for a silent media/get");
        Assert.Equal(1, await bot.ScalarAsync<long>("SELECT COUNT(*) FROM attachments WHERE status = 'Refused' AND refusal = 'Unavailable'"));
        Assert.Equal(0, await bot.ScalarAsync<long>("SELECT COUNT(*) FROM attachment_contents"));
    }

    [Fact]
    public void ContentDisposition_FileNames_AreReadInEveryFormWeComUses()
    {
        Assert.Equal("整改方案.docx", WeComMedia.FileNameOf(System.Net.Http.Headers.ContentDispositionHeaderValue.Parse("attachment; filename*=UTF-8''%E6%95%B4%E6%94%B9%E6%96%B9%E6%A1%88.docx")));
        Assert.Equal("photo.jpg", WeComMedia.FileNameOf(System.Net.Http.Headers.ContentDispositionHeaderValue.Parse("attachment; filename=\"photo.jpg\"")));
        Assert.Null(WeComMedia.FileNameOf(null));
    }
}
