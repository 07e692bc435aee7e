namespace ChatOps.Channels.WeCom.Api;

/// <summary>One sliding window: at most <paramref name="Limit"/> sends in any span of <paramref name="Window"/>.</summary>
/// <param name="Limit">Sends allowed.</param>
/// <param name="Window">Span of the window.</param>
public sealed record RateWindow(int Limit, TimeSpan Window);

/// <summary>
/// Sliding-window limits per key, so the dispatcher never exceeds what WeCom silently drops: 30 messages a minute
/// and 1000 an hour per member per app, 20 a minute per group robot. Sliding windows are at least as strict as
/// WeCom's per-minute and per-hour counts. Pure (time is passed in, so a FakeTimeProvider drives it) and
/// thread-safe. Per process: instances sharing members need the dispatcher to partition members or share counts.
/// </summary>
public sealed class PerMemberRateLimiter
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<DateTimeOffset>> _sends = new(StringComparer.Ordinal);
    private readonly RateWindow[] _windows;
    private readonly TimeSpan _longest;

    /// <summary>Creates a limiter with the given windows.</summary>
    public PerMemberRateLimiter(params IReadOnlyList<RateWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0 || windows.Any(w => w.Limit <= 0 || w.Window <= TimeSpan.Zero))
        {
            throw new ArgumentException("Give at least one window with a positive limit and span.", nameof(windows));
        }

        _windows = [.. windows];
        _longest = _windows.Max(w => w.Window);
    }

    /// <summary>WeCom's per-member limits of one app: 30 a minute, 1000 an hour.</summary>
    public static PerMemberRateLimiter ForMembers() => new(
        new RateWindow(WeComLimits.MemberMessagesPerMinute, TimeSpan.FromMinutes(1)),
        new RateWindow(WeComLimits.MemberMessagesPerHour, TimeSpan.FromHours(1)));

    /// <summary>The group robot limit: 20 a minute per webhook.</summary>
    public static PerMemberRateLimiter ForWebhooks() => new(new RateWindow(WeComLimits.WebhookMessagesPerMinute, TimeSpan.FromMinutes(1)));

    /// <summary>The key of a member of an app. UserIDs are case-insensitive in WeCom, so the key is lowercased.</summary>
    public static string MemberKey(string corpId, string agentId, string userId)
    {
        ArgumentNullException.ThrowIfNull(corpId);
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentNullException.ThrowIfNull(userId);
        return $"{corpId}:{agentId}:{userId.ToLowerInvariant()}";
    }

    /// <summary>How many keys have sends inside the longest window (after <see cref="Prune"/>).</summary>
    public int KeyCount
    {
        get
        {
            lock (_lock)
            {
                return _sends.Count;
            }
        }
    }

    /// <summary>Null when a send for <paramref name="key"/> may go now; otherwise how long to wait.</summary>
    public TimeSpan? DelayFor(string key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            return _sends.TryGetValue(key, out var times) ? Delay(times, now) : null;
        }
    }

    /// <summary>Counts a send for <paramref name="key"/> at <paramref name="now"/>.</summary>
    public void Record(string key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            RecordCore(key, now);
        }
    }

    /// <summary>
    /// <see cref="DelayFor"/> and <see cref="Record"/> in one step, for concurrent senders: true and recorded when
    /// the send may go now; false with <paramref name="delay"/> otherwise.
    /// </summary>
    public bool TryAcquire(string key, DateTimeOffset now, out TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            if (_sends.TryGetValue(key, out var times) && Delay(times, now) is { } wait)
            {
                delay = wait;
                return false;
            }

            RecordCore(key, now);
            delay = TimeSpan.Zero;
            return true;
        }
    }

    /// <summary>Forgets sends older than the longest window and keys without any; call now and then.</summary>
    public void Prune(DateTimeOffset now)
    {
        lock (_lock)
        {
            foreach (var key in _sends.Keys.ToList())
            {
                var times = _sends[key];
                Trim(times, now);
                if (times.Count == 0)
                {
                    _sends.Remove(key);
                }
            }
        }
    }

    private TimeSpan? Delay(List<DateTimeOffset> times, DateTimeOffset now)
    {
        var longest = TimeSpan.Zero;
        foreach (var window in _windows)
        {
            // times is sorted; count those inside (now - window, ∞).
            var start = FirstAfter(times, now - window.Window);
            var inWindow = times.Count - start;
            if (inWindow >= window.Limit)
            {
                var leaving = times[start + (inWindow - window.Limit)];
                var wait = leaving + window.Window - now;
                if (wait > longest)
                {
                    longest = wait;
                }
            }
        }

        return longest > TimeSpan.Zero ? longest : null;
    }

    private void RecordCore(string key, DateTimeOffset now)
    {
        if (!_sends.TryGetValue(key, out var times))
        {
            times = [];
            _sends[key] = times;
        }

        times.Insert(FirstAfter(times, now), now);
        Trim(times, now);
    }

    private void Trim(List<DateTimeOffset> times, DateTimeOffset now)
    {
        var keep = FirstAfter(times, now - _longest);
        if (keep > 0)
        {
            times.RemoveRange(0, keep);
        }
    }

    // Index of the first element strictly greater than value.
    private static int FirstAfter(List<DateTimeOffset> times, DateTimeOffset value)
    {
        int lo = 0, hi = times.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (times[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
