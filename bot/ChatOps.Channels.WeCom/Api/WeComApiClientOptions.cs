namespace ChatOps.Channels.WeCom.Api;

/// <summary>
/// Retry, timeout and back-off settings of <see cref="WeComApiClient"/> and <see cref="WeComTokenProvider"/>.
/// Explicit so that tests can shrink or observe the delays instead of sleeping.
/// </summary>
public sealed class WeComApiClientOptions
{
    /// <summary>Retries after -1, timeouts, connection failures and 5xx; WeCom advises at most 3. Default 3.</summary>
    public int MaxTransientRetries { get; set; } = 3;

    /// <summary>First back-off delay; doubles per retry. Default 500 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound of one back-off delay. Default 8 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Timeout of one HTTP attempt (measured on the client's TimeProvider). Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Suggested wait after 45009/45047 (WeCom's windows are per minute). Default 60 s.</summary>
    public TimeSpan RateLimitRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Suggested wait after 45033 (too many concurrent calls). Default 2 s.</summary>
    public TimeSpan ConcurrencyLimitRetryAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Sets enable_duplicate_check on internal retries of message/send, so that a message whose first attempt
    /// timed out but was delivered is not shown twice. Default true.
    /// </summary>
    public bool DuplicateCheckOnRetry { get; set; } = true;

    /// <summary>
    /// Waits a back-off delay. Default: <c>Task.Delay</c> on the client's TimeProvider. Tests may replace it to
    /// record the delays without waiting.
    /// </summary>
    public Func<TimeSpan, CancellationToken, Task>? Delay { get; set; }
}
