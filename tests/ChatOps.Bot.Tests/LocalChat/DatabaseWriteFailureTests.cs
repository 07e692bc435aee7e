using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ChatOps.Bot.Tests.LocalChat;

/// <summary>
/// Writes that fail (issue 10, item 13), on the real host with its workers running. The failure is made by a trigger
/// that aborts inserts into one table with SQLite's own error, the way a full disk aborts them, and removed again to
/// make the database writable.
/// </summary>
public sealed class DatabaseWriteFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MessageAcceptedWhileRepliesCannotBeWritten_IsAnsweredWithinSecondsOnceTheyCan()
    {
        await using var host = new BotHost();
        using var client = host.CreateClient();
        await ExecuteAsync(host, "CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");

        var post = await client.PostAsJsonAsync("/local/api/messages", new { personId = "fgw.lly", text = "帮助", clientId = "full-1" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        Assert.Equal(0, await RepliesAsync(client));

        await ExecuteAsync(host, "DROP TRIGGER fail_outbox");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await RepliesAsync(client) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, Ct);
        }

        Assert.Equal(1, await RepliesAsync(client));
        Assert.Equal(0L, await ScalarAsync(host, "SELECT COUNT(*) FROM inbox WHERE error IS NOT NULL"));
    }

    [Fact]
    public async Task LocalChatPost_WhenTheInboxCannotBeWritten_Answers503WithAClearMessage()
    {
        await using var host = new BotHost();
        using var client = host.CreateClient();
        await ExecuteAsync(host, "CREATE TRIGGER fail_inbox BEFORE INSERT ON inbox BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");

        var post = await client.PostAsJsonAsync("/local/api/messages", new { personId = "fgw.lly", text = "帮助", clientId = "full-2" }, Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);
        var body = await post.Content.ReadAsStringAsync(Ct);
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error").GetString();
        Assert.Contains("数据库暂时无法写入", error, StringComparison.Ordinal);
        Assert.Contains("Service unavailable", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }

    /// <summary>How many answers to 帮助 the person has.</summary>
    private static async Task<int> RepliesAsync(HttpClient client)
    {
        var response = await client.GetAsync("/local/api/messages?personId=fgw.lly&after=0", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        // The answer to 帮助 (scheduled prompts may come too, so only that answer is counted).
        return json.EnumerateArray().Count(m => m.GetProperty("text").GetString()!.Contains("可用的功能", StringComparison.Ordinal));
    }

    private static async Task ExecuteAsync(BotHost host, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={host.DatabaseFile}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<long> ScalarAsync(BotHost host, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={host.DatabaseFile}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
