namespace ChatOps.Core.Conversations;

/// <summary>
/// For an <see cref="IDueWork"/> that need not look every minute (purges): due once per <paramref name="every"/>, the
/// first time at once. Kept in memory, so a restart or a second instance looks once more, which a purge allows.
/// </summary>
public sealed class DueInterval(TimeSpan every)
{
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    /// <summary>True (and counted as done) when <paramref name="now"/> is at least one interval after the last time.</summary>
    public bool TryStart(DateTimeOffset now)
    {
        if (now - _last < every)
        {
            return false;
        }

        _last = now;
        return true;
    }
}
