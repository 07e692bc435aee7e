using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace ChatOps.Bot.Tests.Circulars;

/// <summary>The office API for the web console, through the real host (Program.cs) on Kestrel on loopback and a fresh SQLite file.</summary>
public sealed class CircularApiTests
{
    private const string Key = "office-key-for-tests";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Office_Composes_Attaches_Sends_ReadsStatus_AndStops()
    {
        await using var host = new BotHost(new Dictionary<string, string?> { ["OfficeApi:Key"] = Key, ["Circulars:PublicBaseUrl"] = "https://chatops.example.gov.cn" });
        using var client = Client(host, "office.clerk1");

        var created = await client.PostAsJsonAsync("/api/circulars", new
        {
            kind = "通知",
            title = "关于开展爱国卫生月活动的通知",
            body = "各成员单位：\n\n请按附件要求开展活动。",
            targets = new object[] { new { kind = "role", code = "分管领导" }, new { kind = "group", code = "lly-group" } },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draft = await JsonAsync(created);
        var id = draft.GetProperty("id").GetInt64();
        Assert.Equal($"/api/circulars/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Matches(@"^云爱卫专项办发〔\d{4}〕1号$", draft.GetProperty("number").GetString());

        var bytes = "PK\u0003\u0004 pretend this is the bulletin"u8.ToArray();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.wordprocessingml.document") } }, "file", "爱国卫生月活动方案.docx" } };
        var attached = await client.PostAsync($"/api/circulars/{id}/attachments", form, Ct);
        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal(sha, (await JsonAsync(attached)).GetProperty("sha256").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/circulars/files/{sha}/x.docx", Ct)).StatusCode); // not issued yet

        var sent = await client.PostAsync($"/api/circulars/{id}/send", null, Ct);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var issued = await JsonAsync(sent);
        Assert.Equal("issued", issued.GetProperty("status").GetString());
        var deliveries = issued.GetProperty("deliveries").EnumerateArray().ToDictionary(d => d.GetProperty("target").GetString()!);
        Assert.Equal("unreachable", deliveries["group:lly-group"].GetProperty("state").GetString()); // no WeCom app configured in this host
        Assert.Contains("未启用企业微信渠道", deliveries["group:lly-group"].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains(deliveries["person:532900.fgld"].GetProperty("state").GetString(), new[] { "queued", "sent" });
        var ack = issued.GetProperty("ack");
        Assert.Equal(0, ack.GetProperty("acknowledged").GetInt32());
        Assert.Equal(50, ack.GetProperty("recipients").GetInt32()); // 47 group members less the composer, plus 4 reviewing leaders
        var dali = issued.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unitCode").GetString() == "532900");
        Assert.Equal(["周晓明", "林芳"], dali.GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("name").GetString()));

        var file = await client.GetAsync($"/circulars/files/{sha}/爱国卫生月活动方案.docx", Ct);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(bytes, await file.Content.ReadAsByteArrayAsync(Ct));

        var again = await client.PostAsync($"/api/circulars/{id}/send", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("已于", (await JsonAsync(again)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var stopped = await JsonAsync(await client.PostAsync($"/api/circulars/{id}/stop", null, Ct));
        Assert.NotEqual(JsonValueKind.Null, stopped.GetProperty("remindersStoppedAt").ValueKind);

        var audit = (await JsonAsync(await client.GetAsync($"/api/circulars/{id}/audit", Ct))).EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Equal(["created", "attached", "issued", "stopped"], audit);
    }

    [Fact]
    public async Task InvalidInput_400_WithChineseMessagesPerField()
    {
        await using var host = new BotHost(new Dictionary<string, string?> { ["OfficeApi:Key"] = Key });
        using var client = Client(host, "office.clerk1");

        var response = await client.PostAsJsonAsync("/api/circulars", new { kind = "简报", title = "", body = "正文", targets = new[] { new { kind = "unit", code = "nope" } } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        Assert.StartsWith("公文类别“简报”不存在，可选：通报、通知、文件、会议纪要、工作专报", errors.GetProperty("kind")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("标题不能为空。", errors.GetProperty("title")[0].GetString());
        Assert.Equal("成员单位“nope”不在名录中。", errors.GetProperty("targets")[0].GetString());

        var badTarget = await client.PostAsJsonAsync("/api/circulars", new { kind = "通知", title = "t", body = "b", targets = new[] { new { kind = "planet" } } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badTarget.StatusCode);
        Assert.Contains("发送对象“planet”无法识别", (await JsonAsync(badTarget)).GetProperty("errors").GetProperty("targets[0]")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/circulars/999", Ct)).StatusCode);
    }

    [Fact]
    public async Task Access_KeyAndOfficePersonRequired_OthersRefusedAndAudited()
    {
        await using var host = new BotHost(new Dictionary<string, string?> { ["OfficeApi:Key"] = Key });

        using (var liaison = Client(host, "530100.lly"))
        {
            var refused = await liaison.PostAsJsonAsync("/api/circulars", new { kind = "通知", title = "t", body = "b", targets = new[] { new { kind = "everyone" } } }, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("郭婷不是领导小组办公室人员，无权使用办公室接口。", (await JsonAsync(refused)).GetProperty("detail").GetString());
        }

        using (var wrongKey = Client(host, "office.clerk1", "guess"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrongKey.GetAsync("/api/circulars", Ct)).StatusCode);
        }

        using (var nobody = Client(host, null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await nobody.GetAsync("/api/circulars", Ct)).StatusCode);
        }

        using var office = Client(host, "office.clerk1");
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/api/circulars", Ct)).StatusCode);

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={host.DatabaseFile}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT detail FROM circular_audit WHERE action = 'refused' AND actor_id = '530100.lly'";
        Assert.Equal("api POST /api/circulars", await command.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task WithoutAConfiguredKey_OnlyDevelopmentFromLoopback()
    {
        await using var development = new BotHost();
        using (var client = Client(development, "office.clerk1", key: null))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/circulars", Ct)).StatusCode); // Kestrel on 127.0.0.1
        }

        await using var production = new BotHost(new Dictionary<string, string?> { ["environment"] = "Production", ["Directory:SeedFile"] = "samples/directory.yaml" });
        using var refused = Client(production, "office.clerk1", key: null);
        var response = await refused.GetAsync("/api/circulars", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("未配置办公室接口密钥", (await JsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static HttpClient Client(BotHost host, string? person, string? key = Key)
    {
        var client = host.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-ChatOps-Office-Key", key);
        }

        if (person is not null)
        {
            client.DefaultRequestHeaders.Add("X-ChatOps-Person", person);
        }

        return client;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
}
