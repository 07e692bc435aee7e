using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ChatOps.Bot.Tests.LocalChat;

/// <summary>
/// The local web chat's 附件 button: <c>POST /local/api/files</c> (multipart personId, clientId, file) on the real host,
/// a fresh SQLite file. The file is stored with the message and the dialog that takes it answers.
/// </summary>
public sealed class LocalChatUploadTests
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DuringTheReport_APhotoIsStoredOnce_AndTheDialogNamesIt()
    {
        await using var host = new BotHost();
        using var client = host.CreateClient();
        await SayAsync(client, "填报", "t1");
        await WaitForAsync(client, "fgw.lly", "请");
        await SayAsync(client, "1", "t2");
        var seen = await WaitForAsync(client, "fgw.lly", "1");

        var first = await UploadAsync(client, "fgw.lly", "photo-1", "现场照片.jpg", "image/jpeg", Jpeg);
        var retry = await UploadAsync(client, "fgw.lly", "photo-1", "现场照片.jpg", "image/jpeg", Jpeg);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.True((await ReadJsonAsync(first)).GetProperty("accepted").GetBoolean());
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.False((await ReadJsonAsync(retry)).GetProperty("accepted").GetBoolean()); // the same message: not again
        await WaitForAsync(client, "fgw.lly", "现场照片.jpg", after: seen);
        Assert.Equal(1, await CountAsync(host, "SELECT COUNT(*) FROM attachments WHERE file_name = '现场照片.jpg'"));
        Assert.Equal(1, await CountAsync(host, "SELECT COUNT(*) FROM attachment_contents"));
    }

    [Fact]
    public async Task OutsideAnyDialog_TheBotSaysWhereFilesBelong()
    {
        await using var host = new BotHost();
        using var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.Accepted, (await UploadAsync(client, "fgw.lly", "photo-x", "照片.jpg", "image/jpeg", Jpeg)).StatusCode);

        await WaitForAsync(client, "fgw.lly", "当前没有可添加附件的事项");
    }

    [Fact]
    public async Task TooLarge_NoFile_UnknownPerson_AreRefusedWithChineseErrors_AndNothingIsAccepted()
    {
        await using var host = new BotHost(new Dictionary<string, string?> { ["Attachments:MaxBytes"] = "1000" });
        using var client = host.CreateClient();

        var large = await UploadAsync(client, "fgw.lly", "big-1", "大文件.pdf", "application/pdf", new byte[2000]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Contains("大小限制", (await ReadJsonAsync(large)).GetProperty("error").GetString(), StringComparison.Ordinal);

        using (var noFile = new MultipartFormDataContent { { new StringContent("fgw.lly"), "personId" }, { new StringContent("nofile-1"), "clientId" } })
        {
            var response = await client.PostAsync("/local/api/files", noFile, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("文件", (await ReadJsonAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        var nobody = await UploadAsync(client, "nobody", "nobody-1", "照片.jpg", "image/jpeg", Jpeg);
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);
        Assert.Contains("名录中没有这个人员", (await ReadJsonAsync(nobody)).GetProperty("error").GetString(), StringComparison.Ordinal);

        Assert.Equal(0, await CountAsync(host, "SELECT COUNT(*) FROM inbox"));
        Assert.Equal(0, await CountAsync(host, "SELECT COUNT(*) FROM attachments"));
    }

    private static async Task SayAsync(HttpClient client, string text, string clientId) =>
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/local/api/messages", new { personId = "fgw.lly", text, clientId }, Ct)).StatusCode);

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string personId, string clientId, string name, string type, byte[] bytes)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        using var form = new MultipartFormDataContent { { new StringContent(personId), "personId" }, { new StringContent(clientId), "clientId" }, { file, "file", name } };
        return await client.PostAsync("/local/api/files", form, Ct);
    }

    /// <summary>Polls the person's messages (as the page does) until one after <paramref name="after"/> contains <paramref name="text"/>; returns the newest id.</summary>
    private static async Task<long> WaitForAsync(HttpClient client, string personId, string text, long after = 0)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var response = await client.GetAsync($"/local/api/messages?personId={personId}&after={after}", timeout.Token);
            var messages = (await ReadJsonAsync(response)).EnumerateArray().ToList();
            if (messages.Any(m => m.GetProperty("text").GetString()?.Contains(text, StringComparison.Ordinal) == true))
            {
                return messages.Max(m => m.GetProperty("id").GetInt64());
            }

            await Task.Delay(200, timeout.Token);
        }
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.Clone();
    }

    private static async Task<int> CountAsync(BotHost host, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={host.DatabaseFile}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt32(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
