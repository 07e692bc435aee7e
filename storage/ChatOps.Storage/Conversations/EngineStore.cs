using ChatOps.Core.Operations;

namespace ChatOps.Storage.Conversations;

/// <summary>
/// The engine's storage: the inbox and the dispatcher's view of the outbox (each call its own connection), and units
/// of work over one transaction for everything a turn or a scheduled step changes.
/// </summary>
internal sealed class EngineStore(Database db) : IInboxBatchStore, IOutboxDispatch, IUnitOfWorkFactory
{
    /// <summary>One message: a batch of one (<see cref="AcceptBatchAsync"/>), so there is one way to write an inbox row.</summary>
    public async Task<bool> AcceptAsync(InboundMessage message, string? personId, CancellationToken cancellationToken = default) =>
        (await AcceptBatchAsync([new InboxEntry(message, personId)], cancellationToken))[0];

    /// <summary>
    /// Many messages in one transaction (on SQLite BEGIN IMMEDIATE … COMMIT: one lock, one fsync), each inserted with the
    /// same per-row dedupe as <see cref="AcceptAsync"/>; its row count says whether it was stored. Any failure rolls the
    /// whole batch back and throws.
    /// </summary>
    public async Task<IReadOnlyList<bool>> AcceptBatchAsync(IReadOnlyList<InboxEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var stored = new bool[entries.Count];
        if (entries.Count == 0)
        {
            return stored;
        }

        // On a server database, batches of several instances may insert the same keys (WeCom's concurrent retries) in
        // different orders and deadlock; the loser's transaction is rolled back whole, so it is tried again (the inserts
        // are idempotent), keeping the arrival order that the inbox ids record.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await InsertBatchAsync(entries, stored, cancellationToken);
                return stored;
            }
            catch (DbException) when (db.Dialect.SupportsScaleOut && attempt < 4 && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Random.Shared.Next(5, 50) * attempt, cancellationToken);
            }
        }
    }

    private async Task InsertBatchAsync(IReadOnlyList<InboxEntry> entries, bool[] stored, CancellationToken cancellationToken)
    {
        // With priority: an HTTP answer waits for this commit, background writers go after it.
        var affected = await db.CommitRowsAsync(
            EngineSql.InsertInbox,
            ["@Channel", "@DedupeKey", "@SenderId", "@PersonId", "@Payload", "@ReceivedAt"],
            [.. entries.Select(e => new object?[] { e.Message.Channel, e.Message.DedupeKey, e.Message.SenderId, e.PersonId, ChatOpsJson.Serialize(e.Message), e.Message.ReceivedAt })],
            priority: true,
            cancellationToken);
        for (var i = 0; i < entries.Count; i++)
        {
            stored[i] = affected[i] == 1;
        }
    }

    public async Task<IReadOnlyList<InboxItem>> ClaimPendingAsync(DateTimeOffset now, int limit, TimeSpan leaseFor, CancellationToken cancellationToken = default) =>
        (await ClaimAsync<(long Id, string Payload, string? PersonId)>(EngineSql.ClaimInbox, now, limit, leaseFor, cancellationToken))
            .OrderBy(r => r.Id).Select(r => new InboxItem(r.Id, ChatOpsJson.Deserialize<InboundMessage>(r.Payload), r.PersonId)).ToList();

    public async Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(DateTimeOffset now, int limit, TimeSpan leaseFor, CancellationToken cancellationToken = default) =>
        (await ClaimAsync<OutboxRow>(EngineSql.ClaimOutbox, now, limit, leaseFor, cancellationToken)).OrderBy(r => r.Id).Select(r => r.ToItem()).ToList();

    /// <summary>Leases up to <paramref name="limit"/> rows until <paramref name="now"/> + <paramref name="leaseFor"/> (<see cref="Database.BeginLeaseAsync"/>).</summary>
    private async Task<IEnumerable<TRow>> ClaimAsync<TRow>(SqlStatement claim, DateTimeOffset now, int limit, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        await using var lease = await db.BeginLeaseAsync(cancellationToken);
        var rows = await lease.Connection.QueryAsync<TRow>(new CommandDefinition(
            db.Sql(claim), new { Now = now, Until = now + leaseFor, Limit = limit }, lease.Transaction, cancellationToken: cancellationToken));
        await lease.CommitAsync(cancellationToken);
        return rows;
    }

    public Task<DateTimeOffset?> NextPendingAfterAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        db.ExecuteScalarAsync<DateTimeOffset?>(EngineSql.NextPendingOutbox, new { Now = now }, cancellationToken);

    public Task MarkSentAsync(long id, string? channelMessageId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ExecuteAsync(EngineSql.MarkOutboxSent, new { Id = id, ChannelMessageId = channelMessageId, At = at }, cancellationToken);

    /// <summary>Many sends recorded in one commit (one for a dispatcher round).</summary>
    public async Task MarkSentAsync(IReadOnlyList<(long Id, string? ChannelMessageId)> sent, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sent);
        await db.CommitRowsAsync(
            EngineSql.MarkOutboxSent, ["@Id", "@ChannelMessageId", "@At"], [.. sent.Select(s => new object?[] { s.Id, s.ChannelMessageId, at })], priority: false, cancellationToken);
    }

    public Task RetryLaterAsync(long id, DateTimeOffset nextAttempt, string error, CancellationToken cancellationToken = default) =>
        ExecuteAsync(EngineSql.RetryOutbox, new { Id = id, NextAttemptAt = nextAttempt, Error = Truncate(error) }, cancellationToken);

    public Task MarkFailedAsync(long id, string error, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ExecuteAsync(EngineSql.MarkOutboxFailed, new { Id = id, Error = Truncate(error), At = at }, cancellationToken);

    public Task MarkWaitingAsync(long id, string reason, CancellationToken cancellationToken = default) =>
        ExecuteAsync(EngineSql.MarkOutboxWaiting, new { Id = id, Error = Truncate(reason) }, cancellationToken);

    public async Task<int> ReleaseWaitingAsync(string channel, string address, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition(
            db.Sql(EngineSql.ReleaseOutboxWaiting), new { Channel = channel, Address = address, Now = now }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<OutboxItem>> ListWaitingAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var rows = await c.QueryAsync<OutboxRow>(new CommandDefinition(db.Sql(EngineSql.SelectOutboxWaiting), cancellationToken: cancellationToken));
        return rows.Select(r => r.ToItem()).ToList();
    }

    public async Task<IReadOnlyList<OutboxItem>> ListForPersonAsync(string personId, string channel, long afterId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var rows = await c.QueryAsync<OutboxRow>(new CommandDefinition(
            db.Sql(EngineSql.SelectOutboxForPerson), new { PersonId = personId, Channel = channel, AfterId = afterId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToItem()).ToList();
    }

    public async Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken = default)
    {
        var write = await db.BeginWriteAsync(priority: false, cancellationToken);
        return new UnitOfWork(db, write);
    }

    Task IInbox.MarkFailedAsync(long id, string error, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(EngineSql.MarkInboxFailed, new { Id = id, Error = Truncate(error), At = at }, cancellationToken);

    private async Task ExecuteAsync(SqlStatement statement, object parameters, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition(db.Sql(statement), parameters, cancellationToken: cancellationToken));
    }

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000];

    internal sealed class OutboxRow
    {
        public long Id { get; set; }

        public string Channel { get; set; } = "";

        public string Address { get; set; } = "";

        public string? PersonId { get; set; }

        public string? GroupCode { get; set; }

        public string Payload { get; set; } = "";

        public string? DedupeKey { get; set; }

        public string? ReplyContext { get; set; }

        public DateTimeOffset CreatedAt { get; set; }

        public string Status { get; set; } = "";

        public int Attempts { get; set; }

        public DateTimeOffset NextAttemptAt { get; set; }

        public string? LastError { get; set; }

        public string? ChannelMessageId { get; set; }

        public string? TraceParent { get; set; }

        public OutboxItem ToItem() => new(
            Id, Channel, Address, PersonId, GroupCode, ChatOpsJson.Deserialize<OutboundMessage>(Payload), DedupeKey, CreatedAt,
            Enum.Parse<OutboxStatus>(Status), Attempts, NextAttemptAt, LastError, ChannelMessageId, ReplyContext)
        {
            TraceParent = TraceParent,
        };
    }
}

internal sealed class OutboxStore(Session s) : IOutbox
{
    /// <summary>
    /// Many messages as two batches of rows (<see cref="RowBatch"/>): the outbox inserts, then the last cards of those
    /// queued (10,000 prompts: one compile each on SQLite, 20 round trips rather than 20,000 on PostgreSQL).
    /// </summary>
    public async Task<IReadOnlyList<bool>> EnqueueManyAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var inserts = s.Batch(
            EngineSql.InsertOutbox, "@Channel", "@Address", "@PersonId", "@GroupCode", "@Payload", "@DedupeKey", "@ReplyContext", "@CreatedAt", "@Status", "@NextAttemptAt", "@TraceParent");
        var pending = OutboxStatus.Pending.ToString();
        var traceParent = ChatOpsTelemetry.CurrentTraceParent(); // the step queuing them, when traced
        foreach (var item in items)
        {
            inserts.Add(
                item.Channel, item.Address, item.PersonId, item.GroupCode, ChatOpsJson.Serialize(item.Message), item.DedupeKey, item.ReplyContext,
                item.CreatedAt, pending, item.NextAttemptAt ?? item.CreatedAt, item.TraceParent ?? traceParent);
        }

        var affected = await inserts.ExecuteAsync(cancellationToken);
        var queued = new bool[items.Count];
        var cards = LastCardStore.Batch(s); // cards to people (10,000 prompts with buttons)
        for (var i = 0; i < items.Count; i++)
        {
            queued[i] = affected[i] == 1;
            if (queued[i] && LastCard.Of(items[i]) is { } card)
            {
                LastCardStore.Add(cards, card);
            }
        }

        await cards.ExecuteAsync(cancellationToken);
        return queued;
    }

    /// <summary>One message: a batch of one (<see cref="EnqueueManyAsync"/>), so there is one way to write an outbox row.</summary>
    public async Task<bool> EnqueueAsync(OutboxItem item, CancellationToken cancellationToken = default) =>
        (await EnqueueManyAsync([item], cancellationToken))[0];
}

/// <summary>
/// The dialog states of one unit of work. What it has read or written per person is remembered until the transaction
/// ends or rolls back to a savepoint (<see cref="Forget"/>): the engine reads a person's state again after each turn, to
/// see whether the step changed, and that read needs no round trip. Every write of <c>dialog_states</c> goes through
/// this store, so what it remembers is what the transaction would read.
/// </summary>
internal sealed class DialogStateStore(Session s) : IDialogStateStore
{
    private readonly Dictionary<string, DialogState?> _known = new(s.Db.Dialect.KeyComparer);

    public async Task<DialogState?> GetAsync(string personId, CancellationToken cancellationToken = default)
    {
        if (_known.TryGetValue(personId, out var known))
        {
            return known;
        }

        var row = await s.QuerySingleOrDefaultAsync<Row>(EngineSql.SelectDialog, new { PersonId = personId }, cancellationToken);
        var state = row is null ? null : new DialogState(row.PersonId, row.Dialog, row.Step, row.Data, row.UpdatedAt);
        _known[personId] = state;
        return state;
    }

    public async Task SaveAsync(DialogState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        _known.Remove(state.PersonId);
        await s.ExecuteAsync(EngineSql.UpsertDialog, state, cancellationToken);
        _known[state.PersonId] = state;
    }

    public async Task ClearAsync(string personId, CancellationToken cancellationToken = default)
    {
        _known.Remove(personId);
        await s.ExecuteAsync(EngineSql.DeleteDialog, new { PersonId = personId }, cancellationToken);
        _known[personId] = null;
    }

    /// <summary>Forgets what was read and written: the transaction rolled back to a savepoint.</summary>
    public void Forget() => _known.Clear();

    public Task<string?> GetCardAsync(string personId, CancellationToken cancellationToken = default) =>
        s.ExecuteScalarAsync<string?>(EngineSql.SelectDialogCard, new { PersonId = personId }, cancellationToken);

    public Task SetCardAsync(string personId, string? cardId, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(EngineSql.SetDialogCard, new { PersonId = personId, CardId = cardId }, cancellationToken);

    private sealed class Row
    {
        public string PersonId { get; set; } = "";

        public string Dialog { get; set; } = "";

        public string Step { get; set; } = "";

        public string Data { get; set; } = "";

        public DateTimeOffset UpdatedAt { get; set; }
    }
}
