using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using ChatOps.Core.Organization;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.Circulars;

/// <summary>The office API for the web console, through the real host (Program.cs) on Kestrel on loopback and a fresh SQLite file.</summary>
public sealed class CircularApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Office_Composes_Attaches_Sends_ReadsStatus_AndStops()
    {
        await using var host = new BotHost(new Dictionary<string, string?> { ["Circulars:PublicBaseUrl"] = "https://chatops.example.gov.cn" });
        using var client = await host.ApiClientAsync("office.clerk1");

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
        await using var host = new BotHost();
        using var client = await host.ApiClientAsync("office.clerk1");

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
    public async Task Access_APersonalTokenOfAnOfficePerson_OthersRefusedAndAudited()
    {
        await using var host = new BotHost();
        _ = host.Services;

        // A token issued while 郭婷 was office staff: she is a liaison now, and the token acts with her current roles.
        var secret = "chatops_liaison-token-for-tests";
        await host.Services.GetRequiredService<IApiTokenStore>().AddAsync(new ApiToken(0, "530100.lly", "old", ApiTokenService.Hash(secret), DateTimeOffset.UtcNow, null, null), Ct);
        using (var liaison = Bearer(host, secret))
        {
            var refused = await liaison.PostAsJsonAsync("/api/circulars", new { kind = "通知", title = "t", body = "b", targets = new[] { new { kind = "everyone" } } }, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("郭婷不是领导小组办公室人员，无权使用办公室接口。", (await JsonAsync(refused)).GetProperty("detail").GetString());
        }

        using (var wrongToken = Bearer(host, "chatops_guess"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrongToken.GetAsync("/api/circulars", Ct)).StatusCode);
        }

        using (var selfDeclared = host.CreateClient())
        {
            selfDeclared.DefaultRequestHeaders.Add("X-ChatOps-Person", "office.clerk1");
            Assert.Equal(HttpStatusCode.Unauthorized, (await selfDeclared.GetAsync("/api/circulars", Ct)).StatusCode);
        }

        using var office = await host.ApiClientAsync("office.clerk1");
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/api/circulars", Ct)).StatusCode);

        var tokens = await host.Services.GetRequiredService<IApiTokenStore>().ListAsync("office.clerk1", Ct);
        var stored = Assert.Single(tokens);
        Assert.Matches("^[0-9a-f]{64}$", stored.Hash); // only the hash is kept
        Assert.NotNull(stored.LastUsedAt);
        Assert.True(await host.Services.GetRequiredService<IApiTokenStore>().RevokeAsync(stored.Id, "office.clerk1", DateTimeOffset.UtcNow, Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, (await office.GetAsync("/api/circulars", Ct)).StatusCode);

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={host.DatabaseFile}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT detail FROM circular_audit WHERE action = 'refused' AND actor_id = '530100.lly'";
        Assert.Equal("api POST /api/circulars", await command.ExecuteScalarAsync(Ct));
    }

    private static HttpClient Bearer(BotHost host, string secret)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
}
