using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.Conversations;

/// <summary>
/// <see cref="ConversationEngine.HandleBatchAsync"/>: the claimed messages share one transaction on the real SQLite file,
/// and a turn that fails is undone alone (its savepoint) and returned, while the others commit.
/// </summary>
public sealed class EngineBatchTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task HandleBatchAsync_OneTurnFails_OnlyThatTurnIsUndone_AndTheOthersCommit()
    {
        await using var chat = await ChatHarness.StartAsync(Now);
        await ExecuteAsync(chat, """
            CREATE TRIGGER fail_boom BEFORE INSERT ON outbox WHEN NEW.address = 'boom'
            BEGIN SELECT RAISE(ABORT, 'forced failure'); END
            """);
        var inbox = chat.Services.GetRequiredService<IInbox>();
        foreach (var (sender, person) in new[] { ("fgw.lly", "fgw.lly"), ("boom", null), ("jyt.lly", "jyt.lly") })
        {
            Assert.True(await inbox.AcceptAsync(new InboundMessage(ChannelNames.Local, "k-" + sender, sender, "帮助", null, null, Now), person, TestContext.Current.CancellationToken));
        }

        var items = await inbox.ClaimPendingAsync(Now, 10, TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
        var failures = await chat.Services.GetRequiredService<ConversationEngine>().HandleBatchAsync(items, TestContext.Current.CancellationToken);

        var (failed, error) = Assert.Single(failures);
        Assert.Equal("boom", failed.Message.SenderId);
        Assert.Contains("forced failure", error.Message, StringComparison.Ordinal);
        Assert.Contains("可用的功能", Assert.Single(await chat.NewMessagesAsync("fgw.lly")).Message.Text, StringComparison.Ordinal);
        Assert.Contains("可用的功能", Assert.Single(await chat.NewMessagesAsync("jyt.lly")).Message.Text, StringComparison.Ordinal);
        Assert.Equal(2L, await ScalarAsync(chat, "SELECT COUNT(*) FROM inbox WHERE processed_at IS NOT NULL"));
        Assert.Equal(0L, await ScalarAsync(chat, "SELECT COUNT(*) FROM inbox WHERE processed_at IS NOT NULL AND sender_id = 'boom'"));
        Assert.Equal(2L, await ScalarAsync(chat, "SELECT COUNT(*) FROM outbox"));
    }

    [Fact]
    public async Task HandleBatchAsync_SendersLookedUpTogether_EachTurnHasItsOwnSender()
    {
        // The batch's senders are found before its turns, together (by stored person id, and per channel by identity,
        // then by the other id a channel gave for those not found): each turn must still get its own sender, an unknown
        // one none, and a sender twice in the batch twice.
        await using var chat = await ChatHarness.StartAsync(Now);
        var inbox = chat.Services.GetRequiredService<IInbox>();
        var sent = new (string Channel, string Sender, string? Alternate, string? Person)[]
        {
            (ChannelNames.Local, "fgw.lly", null, "fgw.lly"),
            (ChannelNames.WeCom, "jyt.lly", null, null),
            (ChannelNames.BotFramework, "29:1a2b3c4d-sw-xcb-lly", null, null),
            (ChannelNames.WeCom, "nobody.here", null, null),
            (ChannelNames.WeCom, "jyt.lly", null, null),
            (ChannelNames.BotFramework, "29:teams-id-of-sw-xcb", "29:1a2b3c4d-sw-xcb-lly", null), // known by the other id only
            (ChannelNames.BotFramework, "29:teams-id-nobody", "entra-object-id-nobody", null),
        };
        for (var i = 0; i < sent.Length; i++)
        {
            var (channel, sender, alternate, person) = sent[i];
            var message = new InboundMessage(channel, $"k{i}", sender, "帮助", null, null, Now) { AlternateSenderId = alternate };
            Assert.True(await inbox.AcceptAsync(message, person, TestContext.Current.CancellationToken));
        }

        var items = await inbox.ClaimPendingAsync(Now, 10, TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
        Assert.Empty(await chat.Services.GetRequiredService<ConversationEngine>().HandleBatchAsync(items, TestContext.Current.CancellationToken));

        var replies = await RowsAsync(chat, "SELECT COALESCE(person_id, '-') || ' ' || payload FROM outbox ORDER BY id");
        Assert.Equal(["fgw.lly", "jyt.lly", "sw-xcb.lly", "-", "jyt.lly", "sw-xcb.lly", "-"], replies.Select(r => r.Split(' ')[0]));
        Assert.All(replies.Where(r => !r.StartsWith('-')), r => Assert.Contains("可用的功能", r, StringComparison.Ordinal));
        Assert.Contains(ConversationText.UnknownSender[..8], replies[3], StringComparison.Ordinal);
        Assert.Contains(ConversationText.UnknownSender[..8], replies[6], StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<string>> RowsAsync(ChatHarness chat, string sql)
    {
        await using var c = new SqliteConnection($"Data Source={Path.Combine(chat.DataFolder, "chatops.db")}");
        await c.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static async Task ExecuteAsync(ChatHarness chat, string sql)
    {
        await using var c = new SqliteConnection($"Data Source={Path.Combine(chat.DataFolder, "chatops.db")}");
        await c.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<long> ScalarAsync(ChatHarness chat, string sql)
    {
        await using var c = new SqliteConnection($"Data Source={Path.Combine(chat.DataFolder, "chatops.db")}");
        await c.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
