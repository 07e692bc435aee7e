using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ChatOps.Bot.Tests.Meetings;

/// <summary>The office's meeting API on the real host (Kestrel on loopback, fresh SQLite, the sample directory).</summary>
public sealed class MeetingApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly object NewMeeting = new
    {
        kind = "办公室会议",
        title = "领导小组办公室会议",
        host = "office.head",
        start = "2027-03-02 09:00",
        end = "2027-03-02 10:30",
        place = "省卫生健康委3楼会议室",
        agenda = "研究部署春季爱国卫生运动",
        attendees = new[] { "unit:fgw", "unit:wjw" },
    };

    [Fact]
    public async Task WithAPersonalToken_Create_Roster_Move_Items_Cancel()
    {
        await using var host = new BotHost();
        using var anonymous = host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/meetings", NewMeeting, Ct)).StatusCode);
        anonymous.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "chatops_wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/meetings/1/roster", Ct)).StatusCode);
        using var client = await host.ApiClientAsync("office.clerk1");

        var created = await client.PostAsJsonAsync("/api/meetings", NewMeeting, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await JsonAsync(created);
        var meeting = body.GetProperty("meeting");
        var id = meeting.GetProperty("id").GetInt64();
        Assert.Equal("2027-03-02T09:00:00+08:00", meeting.GetProperty("start").GetString());
        Assert.Equal("3月2日（周二）9:00—10:30", meeting.GetProperty("when").GetString());
        Assert.Equal(2, body.GetProperty("invited").GetInt32());
        Assert.Contains(body.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("尚未载入2027年的节假日安排", StringComparison.Ordinal));

        var roster = await JsonAsync(await client.GetAsync($"/api/meetings/{id}/roster", Ct));
        Assert.Equal(2, roster.GetProperty("counts").GetProperty("NoAnswer").GetInt32());
        Assert.Equal(["fgw.lly", "wjw.lly"], roster.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("personId").GetString()));
        Assert.Contains("应参会2人：参加0人，请假0人，请假待批0人，未答复2人。", roster.GetProperty("text").GetString(), StringComparison.Ordinal);

        var moved = await client.PutAsJsonAsync($"/api/meetings/{id}/time", new { start = "2027-03-03 15:00" }, Ct);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("2027-03-03T16:30:00+08:00", (await JsonAsync(moved)).GetProperty("meeting").GetProperty("end").GetString());

        var items = await client.PostAsJsonAsync($"/api/meetings/{id}/items",
            new { items = new[] { new { text = "开展春季爱国卫生运动专项督查", owner = "fgw", due = "2027-03-31" } } }, Ct);
        Assert.Equal(HttpStatusCode.Created, items.StatusCode);
        Assert.Equal("fgw", (await JsonAsync(items)).GetProperty("items")[0].GetProperty("owner").GetString());
        var badItems = await JsonAsync(await client.PostAsJsonAsync($"/api/meetings/{id}/items",
            new { items = new[] { new { text = "", owner = "xyz", due = "三月底" } } }, Ct), HttpStatusCode.BadRequest);
        Assert.Equal("请填写第1项议定事项的内容。", badItems.GetProperty("errors").GetProperty("items[0].text")[0].GetString());
        Assert.Equal("第1项的完成时限“三月底”格式不正确，应为“2026-12-15”。", badItems.GetProperty("errors").GetProperty("items[0].due")[0].GetString());

        var cancelled = await client.DeleteAsync($"/api/meetings/{id}?reason={Uri.EscapeDataString("与省政府常务会议时间冲突")}", Ct);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("Cancelled", (await JsonAsync(cancelled)).GetProperty("cancelled")[0].GetProperty("status").GetString());
        var conflict = await JsonAsync(await client.PutAsJsonAsync($"/api/meetings/{id}/time", new { start = "2027-03-04 15:00" }, Ct), HttpStatusCode.Conflict);
        Assert.Equal("领导小组办公室会议已经取消，不能调整时间。", conflict.GetProperty("detail").GetString());
        var missing = await JsonAsync(await client.GetAsync("/api/meetings/999/roster", Ct), HttpStatusCode.NotFound);
        Assert.Equal("未找到编号为999的会议。", missing.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task InvalidRequests_AreA400WithAChineseMessagePerField()
    {
        await using var host = new BotHost();
        using var client = await host.ApiClientAsync("office.clerk1");

        var errors = (await JsonAsync(await client.PostAsJsonAsync("/api/meetings",
            new { kind = "常委会", title = "", host = "nobody", start = "明天上午", end = "2027-03-02 10:30", attendees = new[] { "unit:xyz" }, recurrence = "daily" }, Ct),
            HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal("会议类型“常委会”无效，应为领导小组会议、办公室会议、专题会议、周例会之一。", errors.GetProperty("kind")[0].GetString());
        Assert.Equal("请填写会议名称。", errors.GetProperty("title")[0].GetString());
        Assert.Equal("主持人：名录中没有编号或姓名为“nobody”的人员。", errors.GetProperty("host")[0].GetString());
        Assert.Equal("开始时间“明天上午”格式不正确，应为“2026-12-01 09:00”。", errors.GetProperty("start")[0].GetString());
        Assert.Equal("请填写会议地点或线上参会链接。", errors.GetProperty("place")[0].GetString());
        Assert.Equal("“unit:xyz”：名录中没有代码或名称为“xyz”的单位。", errors.GetProperty("attendees")[0].GetString());
        Assert.Equal("重复规则应为 weekly:TUE（每周二）或 monthly:15（每月15日）。", errors.GetProperty("recurrence")[0].GetString());

        using var malformed = new StringContent("{\"title\": ", Encoding.UTF8, "application/json");
        var notJson = await JsonAsync(await client.PostAsync("/api/meetings", malformed, Ct), HttpStatusCode.BadRequest);
        Assert.StartsWith("请求体不是有效的 JSON", notJson.GetProperty("errors").EnumerateObject().Single().Value[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASelfDeclaredPersonHeader_IsNoIdentity_EvenInDevelopmentFromLoopback()
    {
        await using var development = new BotHost();
        using var client = development.CreateClient();
        client.DefaultRequestHeaders.Add("X-ChatOps-Person", "office.clerk1");
        client.DefaultRequestHeaders.Add("X-ChatOps-Office-User", "office.clerk1");
        var refused = await JsonAsync(await client.GetAsync("/api/meetings/1/roster", Ct), HttpStatusCode.Unauthorized);
        Assert.StartsWith("请先登录办公室工作台", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        if (expected != HttpStatusCode.OK || response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
        {
            Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
