using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatOps.Storage;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.LocalChat;

/// <summary>
/// 专报 in the local web chat: the Word file arrives as a file message whose caption carries a signed download link to
/// this host (the one link shape, <c>OutboundFiles.LinkMessage</c>); the link downloads the stored bytes, and is refused
/// — 403, audited — once the person is no longer office staff.
/// </summary>
public sealed partial class LocalChatFileTests
{
    private const string Clerk = "office.clerk1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Office专报_TheFileMessageShowsALink_ThatDownloadsTheDocx_AndIsRefusedAndAuditedOnceTheyLeaveTheOffice()
    {
        await using var host = new BotHost();
        using var client = host.CreateClient();

        var post = await client.PostAsJsonAsync("/local/api/messages", new { personId = Clerk, text = "专报", clientId = "file-1" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var message = await FileMessageAsync(client);

        Assert.Equal("markdown", message.GetProperty("kind").GetString());
        var text = message.GetProperty("text").GetString()!;
        Assert.Contains("工作专报 Word 文件（根据报送情况生成，尚未签发）", text, StringComparison.Ordinal);
        var link = new Uri(LinkPattern().Match(text).Groups["url"].Value);
        Assert.Equal(client.BaseAddress!.Authority, link.Authority);
        Assert.Contains(".docx（", text, StringComparison.Ordinal); // named with its size
        using (var download = await client.GetAsync(link.PathAndQuery, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            var stored = Assert.Single(await QueryAsync<byte[]>(host, "SELECT content FROM outbound_files"));
            Assert.Equal(stored, await download.Content.ReadAsByteArrayAsync(Ct));
        }

        Assert.Empty(await QueryAsync<string>(host, "SELECT action FROM audit_log WHERE action = 'file.refused'"));
        await Conversations.BulletinChatTests.LeaveTheOfficeAsync(host.Services, Clerk, DateTimeOffset.UtcNow);

        using var refused = await client.GetAsync(link.PathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("您无权下载此文件。", await refused.Content.ReadAsStringAsync(Ct));
        var fileId = link.Segments[2].TrimEnd('/');
        var audit = Assert.Single(await QueryAsync<(string ActorId, string Subject, string Source)>(host,
            "SELECT actor_id AS ActorId, subject AS Subject, source AS Source FROM audit_log WHERE action = 'file.refused'"));
        Assert.Equal((Clerk, "file:" + fileId), (audit.ActorId, audit.Subject));
        Assert.StartsWith("files ", audit.Source, StringComparison.Ordinal);
    }

    /// <summary>Polls the person's messages until the file message (the one with a download link) is there.</summary>
    private static async Task<JsonElement> FileMessageAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var messages = await client.GetFromJsonAsync<JsonElement>($"/local/api/messages?personId={Clerk}&after=0", Ct);
            foreach (var m in messages.EnumerateArray())
            {
                if (m.GetProperty("text").GetString()!.Contains("/files/", StringComparison.Ordinal))
                {
                    return m;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, "no file message: " + messages);
            await Task.Delay(200, Ct);
        }
    }

    private static async Task<IReadOnlyList<T>> QueryAsync<T>(BotHost host, string sql)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync(Ct);
        return [.. await connection.QueryAsync<T>(sql)];
    }

    [GeneratedRegex(@"\]\((?<url>http[^\s)]+)\)")]
    private static partial Regex LinkPattern();
}
