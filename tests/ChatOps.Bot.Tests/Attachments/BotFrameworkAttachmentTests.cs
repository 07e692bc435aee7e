using System.Net;
using System.Text.Json.Nodes;

namespace ChatOps.Bot.Tests.Attachments;

/// <summary>
/// Bot Framework activities with attachments end to end (real host, fake Bot Connector): a picture hosted by the
/// connector (fetched with the bot's token), a Teams file (its pre-authorised downloadUrl on another server, fetched without the bot's token), Teams' HTML copy of the
/// text ignored; a download that is gone is refused in Chinese.
/// </summary>
public sealed class BotFrameworkAttachmentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PictureAndTeamsFile_AreFetched_AttachedToTheReport_AndAGoneOneIsRefused()
    {
        await using var bf = await BotFrameworkHarness.StartAsync();
        var connector = bf.Connector;
        var before = connector.Calls.Count;
        await bf.PostAsync(Activities.Message(bf.ServiceUrl, "填报"));
        var opened = await connector.WaitForAsync(
            c => c.Accepted && (c.Text.Contains("请选择要填报的报告", StringComparison.Ordinal) || c.Text.Contains("（1/5）", StringComparison.Ordinal)), before);
        if (!opened.Text.Contains("（1/5）", StringComparison.Ordinal))
        {
            var thisWeek = opened.CardChoices.First(c => c.Title.Contains("周报", StringComparison.Ordinal) && !c.Title.StartsWith("补报", StringComparison.Ordinal));
            await bf.PressAsync(opened, thisWeek.Title, "（1/5）本周工作进展");
        }

        var picture = connector.AddAttachment(ReportAttachmentChatTests.Photo, "image/jpeg", connectorHosted: true);
        // The Teams file lives on another server (another loopback origin, as SharePoint is for Teams): it must not get the bot's token.
        await using var thirdParty = await FakeBotConnector.StartAsync();
        var file = thirdParty.AddAttachment(ReportAttachmentChatTests.Pdf, "application/pdf", connectorHosted: false);
        Assert.NotEqual(new Uri(file).GetLeftPart(UriPartial.Authority), connector.BaseAddress.GetLeftPart(UriPartial.Authority));
        var activity = Activities.Message(bf.ServiceUrl, null);
        activity["attachments"] = new JsonArray(
            new JsonObject { ["contentType"] = "image/jpeg", ["contentUrl"] = picture, ["name"] = "现场照片.jpg" },
            new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.teams.file.download.info",
                ["name"] = "检查记录.pdf",
                ["content"] = new JsonObject { ["downloadUrl"] = file, ["uniqueId"] = "1150D938-8870-4044-9F2C-5BBDEBA70C9D", ["fileType"] = "pdf" },
            },
            new JsonObject { ["contentType"] = "text/html", ["content"] = "<p>附件</p>" });
        before = connector.Calls.Count;
        Assert.Equal(HttpStatusCode.OK, (await bf.PostAsync(activity)).StatusCode);
        await connector.WaitForMessageAsync(BotFrameworkHarness.FgwConversation, "已收到 2 个附件：现场照片.jpg（1.2 MB）、检查记录.pdf（29 KB），目前共 2 个附件。", before);
        Assert.StartsWith("Bearer fake-bf-token-", Assert.Single(connector.AttachmentDownloads), StringComparison.Ordinal);
        Assert.Null(Assert.Single(thirdParty.AttachmentDownloads)); // the file was downloaded there, with no Authorization header

        var gone = Activities.Message(bf.ServiceUrl, null);
        gone["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "image/png", ["contentUrl"] = new Uri(connector.BaseAddress, "v3/attachments/att-missing/views/original").AbsoluteUri });
        before = connector.Calls.Count;
        await bf.PostAsync(gone);
        await connector.WaitForMessageAsync(BotFrameworkHarness.FgwConversation, "“图片”已失效，无法获取，未保存。", before);

        Assert.Equal(2, await bf.CountAsync("attachment_contents"));
        Assert.Equal(2, await bf.CountAsync("attachments", "owner_kind = 'report'"));
    }
}
