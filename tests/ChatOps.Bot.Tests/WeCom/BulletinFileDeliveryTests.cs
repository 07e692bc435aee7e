using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChatOps.Bot.Tests.WeCom;

/// <summary>
/// 专报 delivers the Word file itself (issue 15): on WeCom uploaded with media/upload and sent as a file message, with a
/// signed download link when WeCom refuses the file; on Teams a download-link card. Driven end to end through signed
/// callbacks / Bot Connector activities, the fakes, the real host and its download endpoint.
/// </summary>
public sealed partial class BulletinFileDeliveryTests
{
    private const string Clerk = "office.clerk1";
    private const string PublicBase = "https://bot.example.gov.cn";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WeCom_Office专报_UploadsTheDocxAsMedia_AndSendsAFileMessage()
    {
        await using var bot = await WeComBot.StartAsync();
        var mark = bot.Mark(Clerk);

        await bot.SaysAsync(Clerk, "专报");

        await bot.NextAsync(Clerk, mark, "应报", "工作专报 Word 文件及全文如下。");
        await bot.NextAsync(Clerk, mark, "工作专报 Word 文件（根据报送情况生成，尚未签发）：工作专报");
        var fileMessage = await bot.NextAsync(Clerk, mark, "[file]");
        Assert.Equal("file", fileMessage.MsgType);
        var media = Assert.IsType<FakeWeComMedia>(bot.WeCom.MediaOf(fileMessage));
        Assert.Equal("file", media.Type);
        Assert.StartsWith("工作专报", media.FileName, StringComparison.Ordinal);
        Assert.EndsWith(".docx", media.FileName, StringComparison.Ordinal);
        Assert.Equal(media.Content.Length, media.FileLength);
        Assert.Equal("PK"u8.ToArray(), media.Content[..2]);
        var stored = Assert.Single(await bot.QueryAsync<byte[]>("SELECT content FROM outbound_files"));
        Assert.Equal(stored, media.Content);
        var row = Assert.Single(await bot.QueryAsync<string>("SELECT payload FROM outbox WHERE payload LIKE '%\"file\"%'"));
        Assert.True(Encoding.UTF8.GetByteCount(row) < 1024, $"the outbox row stays small: {row}");
        Assert.DoesNotContain(bot.WeCom.Delivered, d => d.Recipient == Clerk && WeComBot.Show(d).Contains("https://", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WeCom_TokenExpiredAtUpload_IsRefreshedOnce_AndTheFileStillGoesOut()
    {
        await using var bot = await WeComBot.StartAsync();
        bot.WeCom.FailNext(FakeWeComServer.MediaUploadPath, 42001);
        var mark = bot.Mark(Clerk);

        await bot.SaysAsync(Clerk, "专报");

        var fileMessage = await bot.NextAsync(Clerk, mark, "[file]");
        Assert.NotNull(bot.WeCom.MediaOf(fileMessage));
        Assert.Equal(2, bot.WeCom.RequestsTo(FakeWeComServer.MediaUploadPath).Count);
    }

    [Fact]
    public async Task WeCom_RefusesTheFile_TheOfficeGetsASignedLink_WhichDownloadsOnlyForThem()
    {
        await using var bot = await WeComBot.StartAsync(settings: new Dictionary<string, string?> { ["PublicBaseUrl"] = PublicBase });
        bot.WeCom.FailNext(FakeWeComServer.MediaUploadPath, 40004, errMsg: "invalid media type"); // 不满足系统文件要求
        var mark = bot.Mark(Clerk);

        await bot.SaysAsync(Clerk, "专报");

        var linkMessage = await bot.NextAsync(Clerk, mark, "工作专报 Word 文件", "企业微信不接收该文件", PublicBase + "/files/");
        await bot.WaitForIdleAsync();
        Assert.DoesNotContain(bot.Received(Clerk), d => d.MsgType == "file");
        var link = new Uri(LinkPattern().Match(WeComBot.Show(linkMessage)).Value);
        var local = new Uri(bot.Client.BaseAddress!, link.PathAndQuery);

        using var ok = await bot.Client.GetAsync(local, Ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ok.Content.Headers.ContentType?.MediaType);
        Assert.Equal("PK"u8.ToArray(), (await ok.Content.ReadAsByteArrayAsync(Ct))[..2]);
        Assert.Contains("no-store", ok.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        var otherPerson = local.ToString().Replace("p=office.clerk1", "p=office.clerk2", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await bot.Client.GetAsync(otherPerson, Ct)).StatusCode);
        var longer = Regex.Replace(local.ToString(), "e=(\\d+)", m => "e=" + (long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 86400));
        Assert.Equal(HttpStatusCode.Forbidden, (await bot.Client.GetAsync(longer, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bot.Client.GetAsync("/files/0123456789abcdef0123456789abcdef/x.docx?p=office.clerk1&e=1&s=x", Ct)).StatusCode);

        // The person the link was signed for leaves the office: the bulletin's rule refuses their own valid link.
        await Conversations.BulletinChatTests.LeaveTheOfficeAsync(bot.Services, Clerk, DateTimeOffset.UtcNow);
        using var refused = await bot.Client.GetAsync(local, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("您无权下载此文件。", await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal(1, await bot.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'file.refused' AND actor_id = @Clerk", new { Clerk }));
    }

    [Fact]
    public async Task Teams_Office专报_GetsADownloadLinkCard_ThatServesTheDocx()
    {
        await using var bf = await BotFrameworkHarness.StartAsync(new Dictionary<string, string?> { ["PublicBaseUrl"] = PublicBase }, clerkOnTeams: true);

        var card = await bf.SayAsync("专报", ".docx", BotFrameworkHarness.ClerkUser, BotFrameworkHarness.ClerkConversation);

        Assert.Contains("工作专报 Word 文件", card.Text, StringComparison.Ordinal);
        var action = Assert.Single(Assert.Single(card.Cards)["actions"]!.AsArray())!;
        Assert.Equal("Action.OpenUrl", action["type"]!.GetValue<string>());
        Assert.Equal("下载", action["title"]!.GetValue<string>());
        var link = new Uri(action["url"]!.GetValue<string>());
        Assert.StartsWith(PublicBase + "/files/", link.ToString(), StringComparison.Ordinal);
        Assert.Contains("p=office.clerk1", link.Query, StringComparison.Ordinal);
        using var download = await bf.Client.GetAsync(link.PathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("PK"u8.ToArray(), (await download.Content.ReadAsByteArrayAsync(Ct))[..2]);
    }

    [Fact]
    public async Task Teams_WithoutAPublicAddress_TheFileMessageFailsNamingTheSetting_AndTheRestOf专报Arrives()
    {
        await using var bf = await BotFrameworkHarness.StartAsync(new Dictionary<string, string?> { ["PublicBaseUrl"] = null, ["Files:PublicBaseUrl"] = null }, clerkOnTeams: true);

        await bf.SayAsync("专报", "二、省直部门推进情况", BotFrameworkHarness.ClerkUser, BotFrameworkHarness.ClerkConversation);

        await BotFrameworkHarness.EventuallyAsync(
            async () => await bf.CountAsync("outbox", "payload LIKE '%\"file\"%' AND status = 'Failed'") == 1, "the file message to fail");
        var error = await bf.ScalarAsync<string>("SELECT last_error FROM outbox WHERE payload LIKE '%\"file\"%'");
        Assert.Contains("Files:PublicBaseUrl", error, StringComparison.Ordinal);
        Assert.DoesNotContain("no longer stored", error, StringComparison.Ordinal);
        Assert.DoesNotContain(bf.Connector.Calls, c => c.Text.Contains("/files/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FakeMediaUpload_ParsesMultipart_AndAnswersWeComsErrors()
    {
        await using var weCom = await FakeWeComServer.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        var token = JsonNode.Parse(await http.GetStringAsync(
            $"{weCom.BaseUrl}/cgi-bin/gettoken?corpid={weCom.Options.CorpId}&corpsecret={weCom.Options.Secret}", Ct))!["access_token"]!.GetValue<string>();

        async Task<JsonNode> UploadAsync(string type, string fileName, byte[] content, string field = "media", string? accessToken = null)
        {
            using var form = new MultipartFormDataContent("b0undary");
            var part = new ByteArrayContent(content);
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = $"\"{field}\"", FileName = $"\"{fileName}\"" };
            form.Add(part);
            using var response = await http.PostAsync($"{weCom.BaseUrl}/cgi-bin/media/upload?access_token={accessToken ?? token}&type={type}", form, Ct);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        }

        var ok = await UploadAsync("file", "report.docx", [1, 2, 3, 4, 5, 6]);
        Assert.Equal(0, ok["errcode"]!.GetValue<int>());
        var mediaId = ok["media_id"]!.GetValue<string>();
        var media = Assert.Single(weCom.UploadedMedia);
        Assert.Equal((mediaId, "report.docx"), (media.MediaId, media.FileName));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, media.Content);

        Assert.Equal(40005, (await UploadAsync("document", "report.docx", [1, 2, 3, 4, 5]))["errcode"]!.GetValue<int>());
        Assert.Equal(40004, (await UploadAsync("file", "setup.exe", [1, 2, 3, 4, 5]))["errcode"]!.GetValue<int>());
        Assert.Equal(40006, (await UploadAsync("file", "tiny.txt", [1, 2]))["errcode"]!.GetValue<int>());
        Assert.Equal(FakeWeComServer.InvalidParameterErrCode, (await UploadAsync("file", "a.txt", [1, 2, 3, 4, 5], field: "other"))["errcode"]!.GetValue<int>());
        Assert.Equal(40014, (await UploadAsync("file", "a.txt", [1, 2, 3, 4, 5], accessToken: "forged"))["errcode"]!.GetValue<int>());
        weCom.ExpireAllTokens();
        Assert.Equal(42001, (await UploadAsync("file", "a.txt", [1, 2, 3, 4, 5]))["errcode"]!.GetValue<int>());
        Assert.Single(weCom.UploadedMedia);
    }

    [GeneratedRegex(@"https://[^\s)]+")]
    private static partial Regex LinkPattern();
}
