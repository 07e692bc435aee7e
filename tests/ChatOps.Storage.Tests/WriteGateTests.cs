using ChatOps.Core.Conversations;
using ChatOps.Storage.Conversations;
using ChatOps.Storage.Repositories;

namespace ChatOps.Storage.Tests;

/// <summary>
/// The in-process write turn of SQLite (<see cref="WriteGate"/>): the inbox's commit (priority) goes before background
/// writers queued earlier, a unit of work sees that an acknowledgement waits, and a writer never waits forever. Also the
/// outbox's many-row insert with one prepared statement.
/// </summary>
public sealed class WriteGateTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
    private TestDatabase? _db;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.SqliteAsync();

    public async ValueTask DisposeAsync() => await _db!.DisposeAsync();

    [Fact]
    public async Task Enter_PriorityWaiterQueuedLast_IsServedBeforeEarlierNormalWaiters()
    {
        var gate = new WriteGate();
        var order = new List<string>();
        var holder = await gate.EnterAsync(priority: false, TestContext.Current.CancellationToken);
        var normal1 = Take(gate, false, "normal1", order);
        var normal2 = Take(gate, false, "normal2", order);
        var priority = Task.Run(() => Take(gate, true, "priority", order), TestContext.Current.CancellationToken); // a priority writer blocks its thread
        await WaitUntilAsync(() => gate.PriorityWaiting);
        Assert.True(gate.PriorityWaiting);

        holder.Dispose();
        holder.Dispose(); // a second Dispose passes nothing on
        await Task.WhenAll(normal1, normal2, priority);

        Assert.Equal(["priority", "normal1", "normal2"], order);
        Assert.False(gate.PriorityWaiting);
    }

    [Fact]
    public async Task Enter_HolderNeverReleases_WaiterGoesOnWithoutTheTurnAfterTheTimeout()
    {
        var gate = new WriteGate { Timeout = TimeSpan.FromMilliseconds(100) };
        using var holder = await gate.EnterAsync(priority: false, TestContext.Current.CancellationToken);

        var late = await Task.Run(() => gate.EnterAsync(priority: true, TestContext.Current.CancellationToken).AsTask(), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        late.Dispose(); // holds nothing: the holder still has the turn

        var next = gate.EnterAsync(priority: false, TestContext.Current.CancellationToken).AsTask();
        await Task.Delay(30, TestContext.Current.CancellationToken);
        Assert.False(next.IsCompleted);
        holder.Dispose();
        (await next).Dispose();
    }

    [Fact]
    public async Task AcceptBatch_WhileAUnitOfWorkHoldsTheLock_TheUnitOfWorkSeesItWaitingAndItCommitsBeforeAnEarlierClaim()
    {
        var store = new EngineStore(_db!.Database);
        var uow = await store.BeginAsync(TestContext.Current.CancellationToken);
        var savepoints = Assert.IsAssignableFrom<IUnitOfWorkSavepoints>(uow);
        Assert.False(savepoints.OthersWaiting);

        var claim = store.ClaimPendingAsync(At, 10, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        var accept = Task.Run(
            () => store.AcceptBatchAsync([new InboxEntry(new InboundMessage("wecom", "k1", "user", "填报", null, null, At), null)], TestContext.Current.CancellationToken),
            TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => savepoints.OthersWaiting);
        Assert.False(accept.IsCompleted);

        await uow.CommitAsync(TestContext.Current.CancellationToken);
        await uow.DisposeAsync();

        Assert.Equal([true], await accept);
        Assert.Single(await claim); // queued first, ran after the acknowledgement's commit, so it found the message
    }

    [Fact]
    public async Task EnqueueMany_RepeatedAndEarlierDedupeKeys_QueuesEachKeyOnceAndSaysWhich()
    {
        var store = new EngineStore(_db!.Database);
        await using (var first = await store.BeginAsync(TestContext.Current.CancellationToken))
        {
            Assert.True(await first.Outbox.EnqueueAsync(Item("p0", "k0"), TestContext.Current.CancellationToken));
            await first.CommitAsync(TestContext.Current.CancellationToken);
        }

        IReadOnlyList<bool> queued;
        await using (var uow = await store.BeginAsync(TestContext.Current.CancellationToken))
        {
            queued = await uow.Outbox.EnqueueManyAsync(
                [Item("p0", "k0"), Item("p1", "k1"), Item("p2", "k2"), Item("p1", "k1"), Item("p3", null)], TestContext.Current.CancellationToken);
            await uow.CommitAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal([false, true, true, false, true], queued);
        var due = await store.ClaimDueAsync(At.AddMinutes(1), 100, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        Assert.Equal(["p0", "p1", "p2", "p3"], due.Select(i => i.Address));
        Assert.All(due, i => Assert.Equal("请于本周五前报送。", i.Message.Text));
        Assert.All(due, i => Assert.Equal(At, i.CreatedAt));
    }

    private static async Task Take(WriteGate gate, bool priority, string name, List<string> order)
    {
        using var turn = await gate.EnterAsync(priority, TestContext.Current.CancellationToken);
        lock (order)
        {
            order.Add(name);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.True(condition());
    }

    private static OutboxItem Item(string address, string? dedupeKey) =>
        new(0, Core.Organization.ChannelNames.WeCom, address, null, null, OutboundMessage.Plain("请于本周五前报送。"), dedupeKey, At);
}
