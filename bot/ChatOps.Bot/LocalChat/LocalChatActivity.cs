namespace ChatOps.Bot.LocalChat;

/// <summary>
/// The newest bot message per person on the local channel, for the picker's unread dots. The outbox has no query
/// across people, so each sweep asks it per person for what is newer than what was seen; sweeps run at most every
/// two seconds whatever the number of open pages. Fine for a development chat with a few hundred people.
/// </summary>
internal sealed class LocalChatActivity
{
    private static readonly TimeSpan MinSweepInterval = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, long> _latest = new(StringComparer.Ordinal);
    private DateTimeOffset _sweptAt = DateTimeOffset.MinValue;

    /// <summary>Records a message id seen while reading one person's conversation.</summary>
    public void Observe(string personId, long messageId)
    {
        lock (_latest)
        {
            if (messageId > _latest.GetValueOrDefault(personId))
            {
                _latest[personId] = messageId;
            }
        }
    }

    /// <summary>Person id → newest message id, for every person who has messages.</summary>
    public async Task<IReadOnlyDictionary<string, long>> LatestAsync(
        IDirectoryRepository directory, IOutboxDispatch outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (now - _sweptAt >= MinSweepInterval || now < _sweptAt)
            {
                var people = (await directory.LoadAsync(cancellationToken)).People;
                foreach (var person in people)
                {
                    long after;
                    lock (_latest)
                    {
                        after = _latest.GetValueOrDefault(person.Id);
                    }

                    var items = await outbox.ListForPersonAsync(person.Id, ChannelNames.Local, after, cancellationToken);
                    if (items.Count > 0)
                    {
                        Observe(person.Id, items.Max(i => i.Id));
                    }
                }

                _sweptAt = now;
            }

            lock (_latest)
            {
                return new Dictionary<string, long>(_latest, StringComparer.Ordinal);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
