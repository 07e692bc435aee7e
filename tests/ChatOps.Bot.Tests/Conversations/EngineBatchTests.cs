using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Storage;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.Conversations;

/// <summary>
/// <see cref="ConversationEngine.HandleBatchAsync"/>: the claimed messages share one transaction on the real database
/// (SQLite here, PostgreSQL in <see cref="PostgreSqlEngineBatchTests"/>, where a failed statement aborts the whole
/// transaction), and a turn that fails is undone alone and returned, while the others commit. The turns take no savepoint (on a server
/// database one round trip each) until one fails: its unit of work is then rolled back and its turns run again, each
/// after a savepoint.
/// </summary>
public class EngineBatchTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    /// <summary>The database the engine runs on.</summary>
    protected virtual string Provider => StorageProviders.Sqlite;

    /// <summary>A trigger that makes inserting a reply to "boom…" fail.</summary>
    protected virtual string[] FailBoom =>
    [
        """
        CREATE TRIGGER fail_boom BEFORE INSERT ON outbox WHEN NEW.address LIKE 'boom%'
        BEGIN SELECT RAISE(ABORT, 'forced failure'); END
        """,
    ];

    [Fact]
    public async Task HandleBatchAsync_NoTurnFails_OneUnitOfWorkWithoutSavepoints()
    {
        await using var chat = await ChatHarness.StartAsync(Now, provider: Provider);
        var items = await ClaimedAsync(chat, ("fgw.lly", "fgw.lly"), ("jyt.lly", "jyt.lly"), ("sw-xcb.lly", "sw-xcb.lly"));
        var (engine, counts) = CountedEngine(chat);
        Assert.Empty(await engine.HandleBatchAsync(items, TestContext.Current.CancellationToken));

        Assert.Equal((1, 0, 1), (counts.Begun, counts.Savepoints, counts.Commits));
        Assert.Equal(3L, await ScalarAsync(chat, "SELECT COUNT(*) FROM inbox WHERE processed_at IS NOT NULL"));
        Assert.Equal(3L, await ScalarAsync(chat, "SELECT COUNT(*) FROM outbox"));
    }

    [Fact]
    public async Task HandleBatchAsync_OneTurnFails_OnlyThatTurnIsUndone_AndTheOthersCommit()
    {
        await using var chat = await ChatHarness.StartAsync(Now, provider: Provider);
        await FailRepliesToBoomAsync(chat);
        var items = await ClaimedAsync(chat, ("fgw.lly", "fgw.lly"), ("boom", null), ("jyt.lly", "jyt.lly"));
        var (engine, counts) = CountedEngine(chat);
        var failures = await engine.HandleBatchAsync(items, TestContext.Current.CancellationToken);

        var (failed, error) = Assert.Single(failures);
        Assert.Equal("boom", failed.Message.SenderId);
        Assert.Contains("forced failure", error.Message, StringComparison.Ordinal);
        Assert.Contains("可用的功能", Assert.Single(await chat.NewMessagesAsync("fgw.lly")).Message.Text, StringComparison.Ordinal);
        Assert.Contains("可用的功能", Assert.Single(await chat.NewMessagesAsync("jyt.lly")).Message.Text, StringComparison.Ordinal);
        Assert.Equal(2L, await ScalarAsync(chat, "SELECT COUNT(*) FROM inbox WHERE processed_at IS NOT NULL"));
        Assert.Equal(0L, await ScalarAsync(chat, "SELECT COUNT(*) FROM inbox WHERE processed_at IS NOT NULL AND sender_id = 'boom'"));
        Assert.Equal(2L, await ScalarAsync(chat, "SELECT COUNT(*) FROM outbox"));

        // The first unit of work, without savepoints, was rolled back when "boom" failed; the second ran the three
        // turns again, the first two each after a savepoint, and committed: nothing of the first attempt stayed (one
        // reply each above).
        Assert.Equal((2, 2, 1), (counts.Begun, counts.Savepoints, counts.Commits));
    }

    [Fact]
    public async Task HandleBatchAsync_TwoTurnsFail_EachIsUndoneAlone_AndReturnedOnce()
    {
        await using var chat = await ChatHarness.StartAsync(Now, provider: Provider);
        await FailRepliesToBoomAsync(chat);
        var items = await ClaimedAsync(
            chat, ("fgw.lly", "fgw.lly"), ("boom", null), ("jyt.lly", "jyt.lly"), ("boom.again", null), ("sw-xcb.lly", "sw-xcb.lly"));
        var (engine, counts) = CountedEngine(chat);
        var failures = await engine.HandleBatchAsync(items, TestContext.Current.CancellationToken);

        Assert.Equal(["boom", "boom.again"], failures.Select(f => f.Item.Message.SenderId));
        Assert.Equal(3L, await ScalarAsync(chat, "SELECT COUNT(*) FROM outbox"));
        Assert.Equal(3L, await ScalarAsync(chat, "SELECT COUNT(*) FROM inbox WHERE processed_at IS NOT NULL"));
        Assert.Equal(0L, await ScalarAsync(chat, "SELECT COUNT(*) FROM inbox WHERE processed_at IS NOT NULL AND sender_id LIKE 'boom%'"));

        // Rolled back at "boom" (turn 2), then at "boom.again" (turn 4, run without a savepoint after the careful two);
        // the third unit of work took a savepoint before each of the first four and committed.
        Assert.Equal((3, 2 + 4, 1), (counts.Begun, counts.Savepoints, counts.Commits));
    }

    [Fact]
    public async Task HandleBatchAsync_SendersLookedUpTogether_EachTurnHasItsOwnSender()
    {
        // The batch's senders are found before its turns, together (by stored person id, and per channel by identity,
        // then by the other id a channel gave for those not found): each turn must still get its own sender, an unknown
        // one none, and a sender twice in the batch twice.
        await using var chat = await ChatHarness.StartAsync(Now, provider: Provider);
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

    /// <summary>Accepts "帮助" from each sender on the local web chat (with the person id given, if any) and claims them all.</summary>
    private static async Task<IReadOnlyList<InboxItem>> ClaimedAsync(ChatHarness chat, params (string Sender, string? Person)[] senders)
    {
        var inbox = chat.Services.GetRequiredService<IInbox>();
        foreach (var (sender, person) in senders)
        {
            var message = new InboundMessage(ChannelNames.Local, "k-" + sender, sender, "帮助", null, null, Now);
            Assert.True(await inbox.AcceptAsync(message, person, TestContext.Current.CancellationToken));
        }

        return await inbox.ClaimPendingAsync(Now, 10, TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
    }

    private async Task FailRepliesToBoomAsync(ChatHarness chat)
    {
        foreach (var statement in FailBoom)
        {
            await ExecuteAsync(chat, statement);
        }
    }

    /// <summary>The host's engine, with its units of work counted.</summary>
    private static (ConversationEngine Engine, CountingWork Counts) CountedEngine(ChatHarness chat)
    {
        var counts = new CountingWork(chat.Services.GetRequiredService<IUnitOfWorkFactory>());
        return (ActivatorUtilities.CreateInstance<ConversationEngine>(chat.Services, counts), counts);
    }

    /// <summary>Counts the units of work the engine begins, the savepoints it takes and the commits, around the real ones.</summary>
    private sealed class CountingWork(IUnitOfWorkFactory inner) : IUnitOfWorkFactory
    {
        public int Begun { get; private set; }

        public int Savepoints { get; private set; }

        public int Commits { get; private set; }

        public async Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken = default)
        {
            Begun++;
            return new Counted(await inner.BeginAsync(cancellationToken), this);
        }

        private sealed class Counted(IUnitOfWork work, CountingWork counts) : IUnitOfWork, IUnitOfWorkSavepoints
        {
            private IUnitOfWorkSavepoints Savepoints => (IUnitOfWorkSavepoints)work;

            public IDialogStateStore Dialogs => work.Dialogs;

            public ILastCardStore LastCards => work.LastCards;

            public Core.Reports.IReportStore Reports => work.Reports;

            public IOutbox Outbox => work.Outbox;

            public Core.Reports.IScheduleStore Schedule => work.Schedule;

            public Core.Audit.IAuditLog Audit => work.Audit;

            public bool OthersWaiting => Savepoints.OthersWaiting;

            public Task MarkInboxProcessedAsync(long inboxId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
                work.MarkInboxProcessedAsync(inboxId, at, cancellationToken);

            public Task<DateTimeOffset?> OldestUnhandledMessageAsync(CancellationToken cancellationToken = default) =>
                work.OldestUnhandledMessageAsync(cancellationToken);

            public Task CommitAsync(CancellationToken cancellationToken = default)
            {
                counts.Commits++;
                return work.CommitAsync(cancellationToken);
            }

            public Task SaveAsync(string name, CancellationToken cancellationToken = default)
            {
                counts.Savepoints++;
                return Savepoints.SaveAsync(name, cancellationToken);
            }

            public Task RollbackToAsync(string name, CancellationToken cancellationToken = default) => Savepoints.RollbackToAsync(name, cancellationToken);

            public ValueTask DisposeAsync() => work.DisposeAsync();
        }
    }

    private static async Task<IReadOnlyList<string>> RowsAsync(ChatHarness chat, string sql)
    {
        await using var c = await chat.Services.GetRequiredService<Database>().OpenAsync(TestContext.Current.CancellationToken);
        return [.. await c.QueryAsync<string>(new CommandDefinition(sql, cancellationToken: TestContext.Current.CancellationToken))];
    }

    private static async Task ExecuteAsync(ChatHarness chat, string sql)
    {
        await using var c = await chat.Services.GetRequiredService<Database>().OpenAsync(TestContext.Current.CancellationToken);
        await c.ExecuteAsync(new CommandDefinition(sql, cancellationToken: TestContext.Current.CancellationToken));
    }

    private static async Task<long> ScalarAsync(ChatHarness chat, string sql)
    {
        await using var c = await chat.Services.GetRequiredService<Database>().OpenAsync(TestContext.Current.CancellationToken);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(sql, cancellationToken: TestContext.Current.CancellationToken));
    }
}

/// <summary>The same batches on PostgreSQL (skipped with a reason without CHATOPS_TEST_POSTGRES).</summary>
public sealed class PostgreSqlEngineBatchTests : EngineBatchTests
{
    protected override string Provider => StorageProviders.PostgreSql;

    protected override string[] FailBoom =>
    [
        """
        CREATE FUNCTION fail_boom() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.address LIKE 'boom%' THEN RAISE EXCEPTION 'forced failure'; END IF;
            RETURN NEW;
        END $$
        """,
        "CREATE TRIGGER fail_boom BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION fail_boom()",
    ];
}
