using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.LocalChat;

/// <summary>The local web chat through its real endpoints on the real host (Kestrel on loopback, a fresh SQLite file).</summary>
public sealed partial class LocalChatTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Development_PageIsServedAtRoot_WithItsScriptAndStyle()
    {
        await using var host = new BotHost();
        using var client = host.CreateClient();

        var page = await client.GetAsync("/", Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", page.Content.Headers.ContentType?.CharSet);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("选择人员", html, StringComparison.Ordinal);
        Assert.Contains("发送", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());

        foreach (var (path, type) in new[] { ("/local/app.js", "text/javascript"), ("/local/app.css", "text/css"), ("/local/icon.svg", "image/svg+xml") })
        {
            var asset = await client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
            Assert.Equal(type, asset.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/local/missing.js", Ct)).StatusCode);
    }

    [Fact]
    public async Task Page_EveryScriptModuleItImports_IsServedFromTheHost()
    {
        await using var host = new BotHost();
        using var client = host.CreateClient();
        var html = await client.GetStringAsync("/", Ct);
        Assert.Contains("<script type=\"module\" src=\"/local/app.js\">", html, StringComparison.Ordinal);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(["app.js"]);
        while (pending.TryDequeue(out var file))
        {
            if (!seen.Add(file))
            {
                continue;
            }

            var response = await client.GetAsync("/local/" + file, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"/local/{file}: {response.StatusCode}");
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
            var script = await response.Content.ReadAsStringAsync(Ct);
            Assert.DoesNotContain("http://", script, StringComparison.Ordinal);
            Assert.DoesNotContain("https://", script, StringComparison.Ordinal);
            foreach (Match import in ImportedModule().Matches(script))
            {
                pending.Enqueue(import.Groups[1].Value);
            }
        }

        Assert.Equal(["app.js", "conversation.js", "delivery.js", "markdown.js", "page.js", "people.js"], seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Page_SameETag_Answers304()
    {
        await using var host = new BotHost();
        using var client = host.CreateClient();
        var first = await client.GetAsync("/local/app.js", Ct);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/local/app.js");
        again.Headers.IfNoneMatch.Add(etag);
        var second = await client.SendAsync(again, Ct);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task Production_NotEnabled_PageAndApiAre404()
    {
        await using var host = new BotHost(new Dictionary<string, string?> { ["environment"] = "Production" });
        using var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/local/app.js", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/local/api/people", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/local/api/messages?personId=fgw.lly", Ct)).StatusCode);
        var post = await client.PostAsJsonAsync("/local/api/messages", new { personId = "fgw.lly", text = "你好", clientId = "c1" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(0, await InboxCountAsync(host));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", Ct)).StatusCode);
    }

    [Fact]
    public async Task Production_EnabledInSettings_PageIsServed()
    {
        await using var host = new BotHost(new Dictionary<string, string?> { ["environment"] = "Production", ["LocalChat:Enabled"] = "true" });
        using var client = host.CreateClient();

        var page = await client.GetAsync("/", Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("选择人员", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/local/api/people", Ct)).StatusCode);
    }

    [Fact]
    public async Task Development_DisabledInSettings_PageIs404()
    {
        await using var host = new BotHost(new Dictionary<string, string?> { ["LocalChat:Enabled"] = "false" });
        using var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/local/api/people", Ct)).StatusCode);
    }

    [Fact]
    public async Task People_ListsTheSampleDirectory_GroupedInUnitOrder()
    {
        await using var host = new BotHost();
        using var client = host.CreateClient();
        var directory = await host.Services.GetRequiredService<IDirectoryRepository>().LoadAsync(Ct);

        var people = await GetJsonAsync(client, "/local/api/people");

        var list = people.EnumerateArray().ToList();
        Assert.Equal(directory.People.Count, list.Count);
        Assert.Equal(directory.People.Select(p => p.Id).Order(StringComparer.Ordinal), list.Select(p => p.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));

        // Every one of the 45 units' liaisons, in the units' order (29 departments, then 16 prefectures).
        var liaisons = list.Where(p => p.GetProperty("roles").GetString()!.Split('、').Contains("联络员")).ToList();
        Assert.Equal(45, liaisons.Count);
        var unitOrder = directory.Units.OrderBy(u => u.SortOrder).Select(u => u.Code).ToList();
        Assert.Equal(unitOrder, liaisons.Select(p => p.GetProperty("unitCode").GetString()));
        Assert.Equal(29, liaisons.Count(p => p.GetProperty("group").GetString() == "省直部门"));
        Assert.Equal(16, liaisons.Count(p => p.GetProperty("group").GetString() == "州市"));

        // Sections are contiguous: the leading group and office first, then departments, then prefectures.
        var sections = list.Select(p => p.GetProperty("group").GetString()).ToList();
        var runs = sections.Where((g, i) => i == 0 || g != sections[i - 1]).ToList();
        Assert.Equal(new[] { "领导小组及办公室", "省直部门", "州市" }, runs);

        var nujiang = list.Single(p => p.GetProperty("id").GetString() == "533100.lly");
        Assert.Equal("郑宇", nujiang.GetProperty("name").GetString());
        Assert.Equal("533100", nujiang.GetProperty("unitCode").GetString());
        Assert.Equal(directory.Units.Single(u => u.Code == "533100").Name, nujiang.GetProperty("unitName").GetString());
        Assert.Equal("联络员", nujiang.GetProperty("roles").GetString());

        var head = list.Single(p => p.GetProperty("id").GetString() == "office.head");
        Assert.Equal("办公室、主持人", head.GetProperty("roles").GetString());
        Assert.Equal(JsonValueKind.Null, head.GetProperty("unitCode").ValueKind);
        Assert.Equal("group.leader", list[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task PostMessage_SameClientIdTwice_StoredInTheInboxOnce()
    {
        await using var host = new BotHost();
        using var client = host.CreateClient();
        var body = new { personId = "fgw.lly", text = "你好，我是联络员", clientId = "page-0001" };

        var first = await client.PostAsJsonAsync("/local/api/messages", body, Ct);
        var second = await client.PostAsJsonAsync("/local/api/messages", body, Ct);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.True((await ReadJsonAsync(first)).GetProperty("accepted").GetBoolean());
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.False((await ReadJsonAsync(second)).GetProperty("accepted").GetBoolean());

        var rows = await InboxRowsAsync(host, "page-0001");
        var row = Assert.Single(rows);
        Assert.Equal(ChannelNames.Local, row.Channel);
        Assert.Equal("fgw.lly", row.SenderId);
        Assert.Equal("fgw.lly", row.PersonId);
        Assert.Contains("你好，我是联络员", row.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostMessage_ButtonPress_StoresValueAsActionAndLabelAsText()
    {
        await using var host = new BotHost();
        using var client = host.CreateClient();

        var response = await client.PostAsJsonAsync("/local/api/messages", new { personId = "wjw.lly", text = "开始填报", action = "report:start", clientId = "page-btn-1" }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var row = Assert.Single(await InboxRowsAsync(host, "page-btn-1"));
        using var payload = JsonDocument.Parse(row.Payload);
        var text = FindProperty(payload.RootElement, "text");
        var action = FindProperty(payload.RootElement, "action");
        Assert.Equal("开始填报", text);
        Assert.Equal("report:start", action);
    }

    [Theory]
    [InlineData("""{"personId":"fgw.lly","text":"","clientId":"c1"}""", "消息内容不能为空")]
    [InlineData("""{"personId":"fgw.lly","text":"   ","action":null,"clientId":"c1"}""", "消息内容不能为空")]
    [InlineData("""{"personId":"fgw.lly","clientId":"c1"}""", "消息内容不能为空")]
    [InlineData("""{"text":"你好","clientId":"c1"}""", "请先选择人员")]
    [InlineData("""{"personId":"fgw.lly","text":"你好"}""", "clientId")]
    [InlineData("""{"personId":"fgw.lly","text":"你好",""", "请求格式不正确")]
    [InlineData("""[1,2,3]""", "请求格式不正确")]
    public async Task PostMessage_Invalid_Is400WithChineseMessage(string json, string expected)
    {
        await using var host = new BotHost();
        using var client = host.CreateClient();

        var response = await client.PostAsync("/local/api/messages", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await ReadJsonAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await InboxCountAsync(host));
    }

    [Fact]
    public async Task PostMessage_TextLongerThan4000_Is400_And4000IsAccepted()
    {
        await using var host = new BotHost();
        using var client = host.CreateClient();

        var tooLong = await client.PostAsJsonAsync("/local/api/messages", new { personId = "fgw.lly", text = new string('报', 4001), clientId = "long-1" }, Ct);
        var justRight = await client.PostAsJsonAsync("/local/api/messages", new { personId = "fgw.lly", text = new string('报', 4000), clientId = "long-2" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("消息过长：最多 4000 字，当前 4001 字。", (await ReadJsonAsync(tooLong)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Accepted, justRight.StatusCode);
        Assert.Empty(await InboxRowsAsync(host, "long-1"));
        Assert.Single(await InboxRowsAsync(host, "long-2"));
    }

    [Fact]
    public async Task PostMessage_UnknownPerson_Is404WithChineseMessage()
    {
        await using var host = new BotHost();
        using var client = host.CreateClient();

        var response = await client.PostAsJsonAsync("/local/api/messages", new { personId = "nobody", text = "你好", clientId = "c-404" }, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("名录中没有编号为“nobody”的人员（可能已停用），请重新选择。", (await ReadJsonAsync(response)).GetProperty("error").GetString());
        Assert.Equal(0, await InboxCountAsync(host));
    }

    [Fact]
    public async Task Messages_ReturnsThePersonsLocalOutbox_AfterTheGivenId()
    {
        await using var host = new BotHost();
        using var client = host.CreateClient();
        var now = new DateTimeOffset(2026, 11, 25, 2, 30, 0, TimeSpan.Zero);
        var prompt = await EnqueueAsync(host, "533100.lly", ChannelNames.Local,
            OutboundMessage.Card("每周工作报送提醒", "请于周四 17:00 前报送。", new Choice("开始填报", "填报"), new Choice("稍后提醒", "later")), now);
        var table = await EnqueueAsync(host, "533100.lly", ChannelNames.Local, OutboundMessage.Markdown("## 说明\n| a | b |\n| --- | --- |", "帮助"), now.AddMinutes(1));
        var plain = await EnqueueAsync(host, "533100.lly", ChannelNames.Local, OutboundMessage.Plain("<b>不是标签</b>"), now.AddMinutes(2));
        await EnqueueAsync(host, "533100.lly", ChannelNames.WeCom, OutboundMessage.Plain("企业微信上的消息"), now);
        await EnqueueAsync(host, "fgw.lly", ChannelNames.Local, OutboundMessage.Plain("别人的消息"), now);

        var all = (await GetJsonAsync(client, "/local/api/messages?personId=533100.lly&after=0")).EnumerateArray().ToList();

        Assert.Equal(new[] { prompt, table, plain }, all.Select(m => m.GetProperty("id").GetInt64()));
        Assert.Equal("choices", all[0].GetProperty("kind").GetString());
        Assert.Equal("每周工作报送提醒", all[0].GetProperty("title").GetString());
        Assert.Equal("请于周四 17:00 前报送。", all[0].GetProperty("text").GetString());
        Assert.Equal(
            new (string?, string?)[] { ("开始填报", "填报"), ("稍后提醒", "later") },
            all[0].GetProperty("choices").EnumerateArray().Select(c => (c.GetProperty("label").GetString(), c.GetProperty("value").GetString())));
        Assert.Equal(now, all[0].GetProperty("at").GetDateTimeOffset());
        Assert.Equal("markdown", all[1].GetProperty("kind").GetString());
        Assert.Equal("帮助", all[1].GetProperty("title").GetString());
        Assert.Equal("text", all[2].GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, all[2].GetProperty("title").ValueKind);
        Assert.Empty(all[2].GetProperty("choices").EnumerateArray());
        Assert.Equal("<b>不是标签</b>", all[2].GetProperty("text").GetString());

        var later = (await GetJsonAsync(client, $"/local/api/messages?personId=533100.lly&after={prompt}")).EnumerateArray();
        Assert.Equal(new[] { table, plain }, later.Select(m => m.GetProperty("id").GetInt64()));
        Assert.Empty((await GetJsonAsync(client, $"/local/api/messages?personId=533100.lly&after={plain}")).EnumerateArray());

        var latest = await GetJsonAsync(client, "/local/api/latest");
        Assert.Equal(plain, latest.GetProperty("533100.lly").GetInt64());
        Assert.True(latest.TryGetProperty("fgw.lly", out _));
        Assert.False(latest.TryGetProperty("wjw.lly", out _));
    }

    [Theory]
    [InlineData("/local/api/messages?personId=nobody", HttpStatusCode.NotFound, "名录中没有编号为“nobody”的人员")]
    [InlineData("/local/api/messages", HttpStatusCode.BadRequest, "请先选择人员")]
    [InlineData("/local/api/messages?personId=fgw.lly&after=abc", HttpStatusCode.BadRequest, "after")]
    [InlineData("/local/api/messages?personId=fgw.lly&after=-1", HttpStatusCode.BadRequest, "after")]
    public async Task Messages_Invalid_AnswersWithChineseError(string url, HttpStatusCode status, string expected)
    {
        await using var host = new BotHost();
        using var client = host.CreateClient();

        var response = await client.GetAsync(url, Ct);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(expected, (await ReadJsonAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conversation_HelpTyped_BotAnswersOnTheLocalChannel()
    {
        await using var host = new BotHost();
        using var client = host.CreateClient();

        var posted = await client.PostAsJsonAsync("/local/api/messages", new { personId = "fgw.lly", text = "帮助", clientId = "help-1" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        // The inbox worker and the engine run in the host; wait (bounded) for the answer as the page's polling would.
        List<JsonElement> messages = [];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (messages.Count == 0)
        {
            await Task.Delay(200, timeout.Token);
            messages = (await GetJsonAsync(client, "/local/api/messages?personId=fgw.lly&after=0")).EnumerateArray().ToList();
        }

        Assert.All(messages, m => Assert.Contains(m.GetProperty("kind").GetString(), new[] { "text", "markdown", "choices" }));
        Assert.Contains(messages, m => m.GetProperty("text").GetString()!.Contains("帮助", StringComparison.Ordinal));
    }

    private static async Task<long> EnqueueAsync(BotHost host, string personId, string channel, OutboundMessage message, DateTimeOffset at)
    {
        await using (var work = await host.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(Ct))
        {
            Assert.True(await work.Outbox.EnqueueAsync(new OutboxItem(0, channel, personId, personId, null, message, null, at), Ct));
            await work.CommitAsync(Ct);
        }

        var items = await host.Services.GetRequiredService<IOutboxDispatch>().ListForPersonAsync(personId, channel, 0, Ct);
        return items.Max(i => i.Id);
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.Clone();
    }

    /// <summary>The stored message's property, wherever the payload's serializer put it and however it cased it.</summary>
    private static string? FindProperty(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.Null ? null : property.Value.GetString();
            }
        }

        return null;
    }

    private static async Task<int> InboxCountAsync(BotHost host)
    {
        await using var connection = new SqliteConnection($"Data Source={host.DatabaseFile}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM inbox";
        return Convert.ToInt32(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Inbox rows (processed or not: the host's worker may already have handled them) with the given key.</summary>
    private static async Task<List<InboxRow>> InboxRowsAsync(BotHost host, string dedupeKey)
    {
        await using var connection = new SqliteConnection($"Data Source={host.DatabaseFile}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT channel, sender_id, person_id, payload FROM inbox WHERE dedupe_key = $key";
        command.Parameters.AddWithValue("$key", dedupeKey);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<InboxRow>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(new InboxRow(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }

    private sealed record InboxRow(string Channel, string SenderId, string? PersonId, string Payload);

    [GeneratedRegex(@"^import \{[^}]*\} from '\./([a-z]+\.js)';", RegexOptions.Multiline)]
    private static partial Regex ImportedModule();
}
