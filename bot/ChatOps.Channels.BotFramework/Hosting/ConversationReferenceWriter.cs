using System.Collections.Concurrent;

namespace ChatOps.Channels.BotFramework.Hosting;

/// <summary>
/// Writes a conversation reference only when it changed. Every activity carries the reference, and upserting it each
/// time doubled the writes of <c>/api/messages</c> (one more SQLite commit per turn). This remembers, per user (and per
/// group conversation), the last reference written or found in the database; an activity whose reference is the same
/// (ignoring its <c>activityId</c>, which changes with every activity and is not used to send) and the user's latest
/// conversation is not written again. On a miss (first sight on this instance, or after <see cref="Trust"/>) the
/// database is read and compared, so a reference another instance marked unreachable or replaced is written again at
/// most <see cref="Trust"/> later; on this instance marking one unreachable forgets it at once. What it remembers of a
/// user's 1:1 conversation also spares the sender its look-up (<see cref="TrustedPersonal"/>).
/// </summary>
internal sealed class ConversationReferenceWriter(IConversationReferenceStore store)
{
    /// <summary>How long a remembered reference is trusted before the database is read again.</summary>
    public static readonly TimeSpan Trust = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Entry> _last = new(StringComparer.Ordinal);
    private long _writes;
    private long _lookups;

    /// <summary>References written to the database by this writer (the rest were the same as stored).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Times the database was read to compare a reference not remembered (or remembered too long or different).</summary>
    public long Lookups => Interlocked.Read(ref _lookups);

    /// <summary>Stores the reference for <paramref name="userId"/> (or the group row) unless the database already has it; true when it wrote it.</summary>
    public async Task<bool> SaveAsync(ConversationReference reference, string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);

        // Every activity comes this way: what was remembered is compared as a value (records), with no JSON written or
        // read; the stored form is made only on a miss.
        var comparable = Comparable(reference, userId);
        var key = Key(userId, reference.Conversation.Id!);
        if (_last.TryGetValue(key, out var known) && known.Reference == comparable && now - known.At < Trust)
        {
            return false;
        }

        var record = BotFrameworkChannel.ToRecord(reference, userId, now);
        var written = false;
        if (!await IsStoredAsync(record, comparable, cancellationToken))
        {
            await store.SaveAsync(record, cancellationToken);
            Interlocked.Increment(ref _writes);
            written = true;
        }

        _last[key] = new Entry(comparable, now, userId.Length > 0 && !record.IsGroup ? reference : null);
        return written;
    }

    /// <summary>
    /// The 1:1 conversation with <paramref name="userId"/> when it is what this writer last wrote or found in the database
    /// as the user's latest reference, reachable, less than <see cref="Trust"/> ago: the one the sender would look up
    /// (<see cref="BotFrameworkChannelSender"/>: the newest reachable 1:1 conversation). Null otherwise (the sender
    /// reads the database): not seen here, seen last in a group, forgotten, or remembered for too long.
    /// </summary>
    public ConversationReference? TrustedPersonal(string userId, DateTimeOffset now) =>
        _last.TryGetValue(Key(userId, ""), out var known) && known.Personal is { } personal && now - known.At < Trust ? personal : null;

    /// <summary>Forgets what was remembered for a user (their references changed or became unreachable).</summary>
    public void ForgetUser(string userId) => _last.TryRemove(Key(userId, ""), out _);

    /// <summary>Forgets a conversation's group row and every user whose latest reference is in it.</summary>
    public void ForgetConversation(string conversationId)
    {
        _last.TryRemove(Key(ConversationReferenceRecord.GroupRow, conversationId), out _);
        foreach (var (key, entry) in _last)
        {
            if (entry.Reference.Conversation.Id == conversationId)
            {
                _last.TryRemove(key, out _);
            }
        }
    }

    private static string Key(string userId, string conversationId) =>
        userId.Length == 0 ? "g\n" + conversationId : "u\n" + userId;

    /// <summary>
    /// Whether the database holds this reference, reachable, as the user's latest (or as the group's row): the same
    /// <see cref="Comparable"/> reference in its JSON, and the same columns, so that a row written before a column
    /// existed (or with JSON that no longer reads) is written again.
    /// </summary>
    private async Task<bool> IsStoredAsync(ConversationReferenceRecord record, ConversationReference comparable, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lookups);
        ConversationReferenceRecord? stored;
        if (record.UserId.Length == 0)
        {
            stored = await store.FindConversationAsync(record.Channel, record.ConversationId, cancellationToken);
        }
        else
        {
            var rows = await store.ListForUserAsync(record.Channel, record.UserId, cancellationToken);
            stored = rows.Count > 0 ? rows[0] : null;
        }

        return stored is { Unreachable: false }
            && stored with { Json = record.Json, UpdatedAt = record.UpdatedAt, UnreachableReason = null } == record
            && Read(stored.Json) is { } reference && Comparable(reference, record.UserId) == comparable;
    }

    /// <summary>The reference as stored (<see cref="BotFrameworkChannel.ToRecord"/>: a group row without the user) but for the activity id.</summary>
    private static ConversationReference Comparable(ConversationReference reference, string userId) =>
        userId.Length == 0 ? reference with { User = null, ActivityId = null } : reference with { ActivityId = null };

    /// <summary>The stored JSON's reference; null when it does not read.</summary>
    private static ConversationReference? Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ConversationReference>(json, BotFrameworkJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// What was last written or found, as <see cref="Comparable"/>; <paramref name="Personal"/>: the reference when it is a
    /// user's 1:1 conversation.
    /// </summary>
    private sealed record Entry(ConversationReference Reference, DateTimeOffset At, ConversationReference? Personal);
}
