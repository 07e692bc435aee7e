namespace ChatOps.Channels.WeCom;

/// <summary>
/// Tunables of <see cref="WeComCrypto"/>. They exist so that replay protection and size limits are explicit,
/// configurable and testable with a fake clock, instead of being hidden constants.
/// </summary>
public sealed class WeComCryptoOptions
{
    /// <summary>Default upper bound of a callback body, envelope or decrypted message: 1 MiB (WeCom bodies are a few KB).</summary>
    public const int DefaultMaxBodyLength = 1024 * 1024;

    /// <summary>Default <see cref="MaxTimestampAge"/>: 300 seconds.</summary>
    public static readonly TimeSpan DefaultMaxTimestampAge = TimeSpan.FromSeconds(300);

    /// <summary>
    /// How far the signed <c>timestamp</c> of a callback may lie from our clock, in either direction, before the
    /// callback is rejected with <see cref="WeComCallbackFailureReason.StaleTimestamp"/>. The check runs after the
    /// signature check, so it only ever rejects genuine-but-old (replayed) requests.
    /// <para>
    /// Why 300 s: WeCom waits 5 s for an answer and retries the same request (3 attempts in all), so a genuine
    /// retry arrives about 15 s after its timestamp; the rest of the window absorbs clock skew between WeCom and
    /// our hosts and slow networks of private (政务微信) deployments. A much tighter window would reject genuine
    /// retries on a host whose clock is a little off. <c>null</c> disables the check (e.g. for WeCom's published
    /// test vectors, which are dated 2014).
    /// </para>
    /// </summary>
    public TimeSpan? MaxTimestampAge { get; set; } = DefaultMaxTimestampAge;

    /// <summary>Clock used by the timestamp check; tests inject a fake one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Largest accepted POST body / envelope / echostr, in characters (UTF-16 code units; the XML is ASCII apart
    /// from message text). Larger input fails with <see cref="WeComCallbackFailureReason.TooLarge"/> before any parsing.
    /// </summary>
    public int MaxBodyLength { get; set; } = DefaultMaxBodyLength;
}
