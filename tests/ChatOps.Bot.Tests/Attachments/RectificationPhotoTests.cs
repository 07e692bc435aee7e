using ChatOps.Core.Attachments;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.Attachments;

/// <summary>Rectification photos in chat (issue 16): the responsible liaison sends photos, then the text; the 督战组 verifier's card lists them.</summary>
public sealed class RectificationPhotoTests
{
    [Fact]
    public async Task Liaison_SendsPhotosThenText_VerifierSeesThemListed_AndTheyBelongToTheProblem()
    {
        await using var chat = await SupervisionChat.StartAsync();
        await chat.SeedWenshanAsync();
        await chat.InboxTextAsync("dzz.wenshan");
        var liaison = chat.As("532600.lly");

        (await liaison.SaysAsync("整改 #1")).Shows("请简要说明整改情况", "如有现场照片");
        (await liaison.SendsFileAsync("隔离区.jpg", "image/jpeg", ReportAttachmentChatTests.Photo))
            .Shows("已收到附件：隔离区.jpg（1.2 MB），目前共 1 个附件。", "请继续发送照片，或回复整改情况的文字说明后一并报送。");
        (await liaison.SendsFileAsync("清洗记录.pdf", "application/pdf", ReportAttachmentChatTests.Pdf)).Shows("目前共 2 个附件");
        (await liaison.SaysAsync("已设置隔离区，每日清洗消毒")).Shows("已报送 #1 的整改情况");

        var verifier = await chat.InboxTextAsync("dzz.wenshan");
        Assert.Contains("已设置隔离区", verifier, StringComparison.Ordinal);
        Assert.Contains("附件（2 个，可在管理后台查看和下载）：\n1. 隔离区.jpg（1.2 MB）\n2. 清洗记录.pdf（29 KB）", verifier, StringComparison.Ordinal);

        var service = chat.Services.GetRequiredService<AttachmentService>();
        var supervisor = Core.Organization.Actor.Of((await chat.Services.GetRequiredService<Core.Organization.IDirectoryRepository>().FindPersonAsync("dzz.wenshan", TestContext.Current.CancellationToken))!, "test");
        var other = Core.Organization.Actor.Of((await chat.Services.GetRequiredService<Core.Organization.IDirectoryRepository>().FindPersonAsync("532500.lly", TestContext.Current.CancellationToken))!, "test");
        var photos = await service.ListAsync(supervisor, AttachmentOwners.Rectification, 1, TestContext.Current.CancellationToken);
        Assert.Equal(["隔离区.jpg", "清洗记录.pdf"], photos!.Select(p => p.FileName));
        Assert.True((await service.DownloadAsync(supervisor, photos![0].Id, TestContext.Current.CancellationToken)).Succeeded);
        Assert.True((await service.DownloadAsync(other, photos[0].Id, TestContext.Current.CancellationToken)).Forbidden);
        Assert.Null(await service.ListAsync(other, AttachmentOwners.Rectification, 1, TestContext.Current.CancellationToken));

        // The permission check only reads: it does not wait for SQLite's write turn held by someone else.
        using (await chat.Services.GetRequiredService<ChatOps.Storage.Database>().WriteGate!.EnterAsync(priority: false, TestContext.Current.CancellationToken))
        {
            var download = service.DownloadAsync(supervisor, photos[0].Id, TestContext.Current.CancellationToken);
            Assert.True((await download.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)).Succeeded);
        }
    }

    [Fact]
    public async Task APhotoWhileAnExtensionDateIsAsked_IsNotKept()
    {
        await using var chat = await SupervisionChat.StartAsync();
        await chat.SeedWenshanAsync();
        var liaison = chat.As("532600.lly");
        (await liaison.SaysAsync("申请延期 #2")).Shows("申请延期到哪一天");
        (await liaison.SendsFileAsync("照片.jpg", "image/jpeg", ReportAttachmentChatTests.Photo)).Shows("此步骤只需回复文字");
    }
}
