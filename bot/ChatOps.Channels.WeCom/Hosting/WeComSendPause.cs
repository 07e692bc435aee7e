using System.Collections.Concurrent;

namespace ChatOps.Channels.WeCom.Hosting;

/// <summary>
/// Holds back every send through an app (or a group robot) while WeCom says it is over its rate (45009, 45033,
/// 45047, HTTP 429) or refuses the app's configuration (60020 IP not trusted, a wrong secret: see
/// <see cref="Refused"/>): the first such answer pauses that app for its back-off, each further one while it repeats
/// doubles the pause (up to <see cref="MaxPause"/>), and the first success resets it. During a pause the sender answers
/// <c>Retry</c> without calling WeCom, so a queue of 2,000 messages costs one call per pause instead of 2,000; nothing
/// is dropped, since the dispatcher keeps each message and tries it again once the pause is over. Per process: each
/// bot instance backs off on what it sees itself.
/// </summary>
public sealed class WeComSendPause
{
    /// <summary>The longest pause, however often the limit repeats.</summary>
    public static readonly TimeSpan MaxPause = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, State> _states = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="key"/> is paused at <paramref name="now"/>, with the time left.</summary>
    public bool IsPaused(string key, DateTimeOffset now, out TimeSpan left) => IsPaused(key, now, out left, out _);

    /// <summary>
    /// True when <paramref name="key"/> is paused at <paramref name="now"/>, with the time left and, for a configuration
    /// error, its error text (<paramref name="cause"/>; null for a rate limit).
    /// </summary>
    public bool IsPaused(string key, DateTimeOffset now, out TimeSpan left, out string? cause)
    {
        left = TimeSpan.Zero;
        cause = null;
        if (_states.TryGetValue(key, out var state) && state.Until > now)
        {
            left = state.Until - now;
            cause = state.Cause;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Records that WeCom refused the app's configuration (<paramref name="cause"/>, its error text, is what the held
    /// messages report until an administrator fixes it) and returns the hold, which grows like a rate-limit pause.
    /// </summary>
    public TimeSpan Refused(string key, TimeSpan backoff, DateTimeOffset now, string cause) => Pause(key, backoff, now, cause);

    /// <summary>
    /// Records a rate-limit answer and returns the pause: <paramref name="backoff"/> the first time, doubled for each
    /// repeat without a success in between, capped at <see cref="MaxPause"/>.
    /// </summary>
    public TimeSpan RateLimited(string key, TimeSpan backoff, DateTimeOffset now) => Pause(key, backoff, now, null);

    private TimeSpan Pause(string key, TimeSpan backoff, DateTimeOffset now, string? cause)
    {
        var state = _states.AddOrUpdate(
            key,
            _ => new State(1, now + Clamp(backoff), cause),
            (_, old) => old.Until > now
                ? old // Another send of the same pause (started before it) was refused too: the pause stands.
                : new State(old.Repeats + 1, now + Clamp(backoff * Math.Pow(2, Math.Min(old.Repeats, 16))), cause));
        return state.Until - now;
    }

    /// <summary>A call through <paramref name="key"/> succeeded: the next limit starts again at WeCom's back-off.</summary>
    public void Succeeded(string key) => _states.TryRemove(key, out _);

    private static TimeSpan Clamp(TimeSpan pause) => pause <= TimeSpan.Zero ? TimeSpan.FromSeconds(1) : pause > MaxPause ? MaxPause : pause;

    private sealed record State(int Repeats, DateTimeOffset Until, string? Cause);
}
