using ChatOps.Core.Attachments;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports;
using ChatOps.Core.Reports.Overview;
using ChatOps.Storage;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.Attachments;

/// <summary>Pictures and files during 填报 on the local web chat (uploads stored at once), as conversations on the real engine and SQLite.</summary>
public sealed class ReportAttachmentChatTests : IAsyncLifetime
{
    /// <summary>Wednesday 2026-11-25 10:30 in Kunming: the 2026-W48 report is due tomorrow 17:00.</summary>
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 25, 10, 30, 0, TimeSpan.FromHours(8));

    /// <summary>1.2 MB of JPEG-looking bytes.</summary>
    internal static readonly byte[] Photo = [0xFF, 0xD8, 0xFF, .. new byte[1_258_291 - 3]];

    internal static readonly byte[] Pdf = [.. "%PDF-1.7\n"u8, .. new byte[30_000]];

    private ChatHarness _chat = null!;

    public async ValueTask InitializeAsync() => _chat = await ChatHarness.StartAsync(Wednesday);

    public async ValueTask DisposeAsync() => await _chat.DisposeAsync();

    private async Task<Speaker> OpenAsync(string liaison = "fgw.lly")
    {
        var me = _chat.As(liaison);
        (await me.SaysAsync("填报")).Shows("请选择要填报的报告");
        (await me.SaysAsync("1")).Shows("（1/5）本周工作进展");
        return me;
    }

    private static async Task FillAsync(Speaker me)
    {
        await me.SaysAsync("1. 召开专题会议研究部署爱国卫生专项行动");
        await me.PressesAsync("完成");
        await me.SaysAsync("无");
        await me.SaysAsync("继续推进问题清单整改");
        await me.PressesAsync("跳过");
    }

    [Fact]
    public async Task Liaison_AttachesAPhotoAndAFile_SummaryListsThem_DeletesOne_AndSubmits()
    {
        var me = await OpenAsync();

        (await me.SendsFileAsync("现场照片.jpg", "image/jpeg", Photo)).Shows("已收到附件：现场照片.jpg（1.2 MB），目前共 1 个附件。").DoesNotShow("（2/5）");
        (await me.SaysAsync("1. 召开专题会议研究部署爱国卫生专项行动")).Shows("已记录第1条");
        (await me.SendsFileAsync("检查记录.pdf", "application/pdf", Pdf)).Shows("已收到附件：检查记录.pdf（29 KB），目前共 2 个附件。");
        (await me.PressesAsync("完成")).Shows("（2/5）存在问题");
        await me.SaysAsync("无");
        await me.SaysAsync("继续推进问题清单整改");
        (await me.PressesAsync("跳过")).Shows("（5/5）");
        (await me.PressesAsync("跳过")).Shows("请核对", "附件：现场照片.jpg（1.2 MB）等 2 个", "如需附上现场照片或文件，直接发送即可")
            .Offers("提交", "修改", "删除附件", "取消");

        (await me.PressesAsync("删除附件")).Shows("请回复要删除的附件序号：").Offers("现场照片.jpg（1.2 MB）", "检查记录.pdf（29 KB）");
        (await me.SaysAsync("3")).Shows("请回复 1 到 2");
        (await me.PressesAsync("2")).Shows("已删除附件“检查记录.pdf”，还有 1 个附件。", "附件：现场照片.jpg（1.2 MB）").DoesNotShow("等 2 个");
        (await me.PressesAsync("提交")).Shows("报送成功。");

        var report = await ReportAsync("fgw");
        var stored = await _chat.Services.GetRequiredService<IAttachmentRepository>().ListAsync(AttachmentOwners.Report, report.Id, TestContext.Current.CancellationToken);
        var photo = Assert.Single(stored);
        Assert.Equal(("现场照片.jpg", "image/jpeg", "fgw.lly"), (photo.FileName, photo.ContentType, photo.AddedBy));
        Assert.Equal(Photo, await _chat.Services.GetRequiredService<IAttachmentRepository>().ReadContentAsync(photo.Id, TestContext.Current.CancellationToken));
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM attachment_contents")); // the deleted file's bytes are gone
    }

    [Fact]
    public async Task BadType_AndEmptyFile_AreRefusedInChinese_AndNothingIsStored()
    {
        var me = await OpenAsync();

        (await me.SendsFileAsync("工具.exe", "application/x-msdownload", [0x4D, 0x5A, 0x90])).Shows("“工具.exe”的文件类型不在允许范围内，未保存。可发送图片");
        (await me.SendsFileAsync("空白.docx", "application/octet-stream", [])).Shows("“空白.docx”为空文件，未保存。");
        await FillAsync(me);
        (await me.PressesAsync("跳过")).Shows("请核对").DoesNotShow("附件：").Offers("提交", "修改", "取消");
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM attachment_contents"));
    }

    [Fact]
    public async Task AFileOutsideAnyDialog_IsNotKept_AndThePersonIsToldWhereFilesGo()
    {
        (await _chat.As("fgw.lly").SendsFileAsync("现场照片.jpg", "image/jpeg", Photo)).Shows(AttachmentText.NotInDialog);
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM attachments WHERE owner_id IS NOT NULL"));
    }

    [Fact]
    public async Task TheReviewingLeader_SeesTheAttachmentsListed_InTheReviewSummary()
    {
        await SubmitWithPhotoAsync("wjw.lly");

        var leader = string.Join("\n---\n", (await _chat.NewMessagesAsync("wjw.fgld")).Select(i => i.Message.ToNumberedText()));
        Assert.Contains("附件（1 个，可在管理后台查看和下载）：\n1. 现场照片.jpg（1.2 MB）", leader, StringComparison.Ordinal);
        (await _chat.As("wjw.fgld").SaysAsync("待审")).Shows("待审报告");
    }

    [Fact]
    public async Task ADownload_IsAllowedExactlyToWhoeverMaySeeTheReport_AndNeedsNoWriteTurn()
    {
        await SubmitWithPhotoAsync("wjw.lly");
        var report = await ReportAsync("wjw");
        var ct = TestContext.Current.CancellationToken;
        var photo = Assert.Single(await _chat.Services.GetRequiredService<IAttachmentRepository>().ListAsync(AttachmentOwners.Report, report.Id, ct));
        var service = _chat.Services.GetRequiredService<AttachmentService>();

        // Of the unit but neither its liaison, nor its reviewing leader, nor the office: the report's own rule refuses them.
        var host = new Actor("wjw.host", "王敏", Roles.MeetingHost, "wjw", "test");
        Assert.False(ReportOverview.MaySee(host, "wjw"));
        Assert.True((await service.DownloadAsync(host, photo.Id, ct)).Forbidden);
        Assert.Null(await service.ListAsync(host, AttachmentOwners.Report, report.Id, ct));

        Actor[] people =
        [
            host,
            new("wjw.lly", "联络员", Roles.Liaison, "wjw", "test"),
            new("wjw.fgld", "分管领导", Roles.ReviewingLeader, "wjw", "test"),
            new("fgw.fgld", "他单位领导", Roles.ReviewingLeader, "fgw", "test"),
            new("ldxz.office", "办公室", Roles.OfficeStaff, null, "test"),
            new("dzz.x", "督战组", Roles.Supervisor, "wjw", "test"),
        ];
        foreach (var person in people)
        {
            Assert.True(ReportOverview.MaySee(person, "wjw") == (await service.DownloadAsync(person, photo.Id, ct)).Succeeded, person.Id);
        }

        // The permission check only reads: it does not wait for SQLite's write turn held by someone else.
        using (await _chat.Services.GetRequiredService<Database>().WriteGate!.EnterAsync(priority: false, ct))
        {
            var leader = people[2];
            Assert.True((await service.DownloadAsync(leader, photo.Id, ct).WaitAsync(TimeSpan.FromSeconds(5), ct)).Succeeded);
            Assert.NotNull(await service.ListAsync(leader, AttachmentOwners.Report, report.Id, ct).WaitAsync(TimeSpan.FromSeconds(5), ct));
        }
    }

    /// <summary>The liaison fills the week's report with one photo and submits it for review.</summary>
    private async Task SubmitWithPhotoAsync(string liaison)
    {
        var me = await OpenAsync(liaison);
        await me.SendsFileAsync("现场照片.jpg", "image/jpeg", Photo);
        await FillAsync(me);
        await me.PressesAsync("跳过");
        (await me.PressesAsync("提交")).Shows("等待");
    }

    private async Task<Report> ReportAsync(string unit)
    {
        await using var work = await _chat.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync();
        return (await work.Reports.FindAsync("weekly", "2026-W48", unit))!;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await _chat.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
