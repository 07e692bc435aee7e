namespace ChatOps.Channels.WeCom.Api;

/// <summary>
/// The WeCom errcodes the client reacts to (全局错误码). Named so that the retry rules read as rules, not numbers.
/// </summary>
public static class WeComErrorCodes
{
    /// <summary>0: success.</summary>
    public const int Ok = 0;

    /// <summary>-1: system busy; WeCom advises retrying later, at most 3 times.</summary>
    public const int SystemBusy = -1;

    /// <summary>40001: invalid secret (gettoken) or invalid credential (other APIs).</summary>
    public const int InvalidCredential = 40001;

    /// <summary>
    /// 40004 不合法的媒体文件类型: the uploaded file does not meet WeCom's requirements for media (全局错误码: "不满足系统文件要求",
    /// see 上传的媒体文件限制) — the file itself is refused.
    /// </summary>
    public const int InvalidMediaType = 40004;

    /// <summary>40005 不合法的type参数: media/upload's <c>type</c> is not image, voice, video or file — our own request is wrong.</summary>
    public const int InvalidTypeParameter = 40005;

    /// <summary>40006: invalid file size (media/upload: a file must be 5 bytes to 20 MB).</summary>
    public const int InvalidFileSize = 40006;

    /// <summary>40007: invalid media_id (message/send with an unknown or expired media id: ids last 3 days).</summary>
    public const int InvalidMediaId = 40007;

    /// <summary>40013: invalid corp id.</summary>
    public const int InvalidCorpId = 40013;

    /// <summary>40014: invalid access_token (e.g. revoked early).</summary>
    public const int InvalidAccessToken = 40014;

    /// <summary>42001: access_token expired.</summary>
    public const int AccessTokenExpired = 42001;

    /// <summary>40029 invalid code: a web-login code that is unknown or was used already.</summary>
    public const int InvalidOAuthCode = 40029;

    /// <summary>42003 oauth_code timeout: a web-login code older than 5 minutes.</summary>
    public const int OAuthCodeExpired = 42003;

    /// <summary>42014: task_id already used, empty or too long (template cards).</summary>
    public const int InvalidTaskId = 42014;

    /// <summary>45009: API call frequency over the limit (also the group robot's 20 messages/min).</summary>
    public const int ApiFrequencyLimited = 45009;

    /// <summary>45033: too many concurrent calls.</summary>
    public const int ApiConcurrencyLimited = 45033;

    /// <summary>45047: sending limit reached; treated like a frequency limit.</summary>
    public const int SendLimitReached = 45047;

    /// <summary>81013: every recipient of message/send is invalid or outside the app's visible range.</summary>
    public const int AllRecipientsInvalid = 81013;

    /// <summary>True for the codes that mean "this access_token is no good": refresh once and retry.</summary>
    public static bool IsTokenRejected(int errCode) => errCode is InvalidAccessToken or AccessTokenExpired or InvalidCredential;

    /// <summary>
    /// True for the codes by which media/upload refuses the file itself (40004 its type, 40006 its size, as WeCom's global
    /// error codes describe them): uploading it again cannot help, a download link can. Not 40005 (不合法的type参数): that
    /// says our own request is wrong, a defect to surface rather than to hide behind a link.
    /// </summary>
    public static bool IsMediaRefused(int errCode) => errCode is InvalidMediaType or InvalidFileSize;

    /// <summary>True for the frequency/concurrency limits: back off, do not spin.</summary>
    public static bool IsRateLimit(int errCode) => errCode is ApiFrequencyLimited or ApiConcurrencyLimited or SendLimitReached;
}

/// <summary>
/// Base of everything the WeCom client throws for a failed call, so the dispatcher can catch one type and ask
/// <see cref="IsTransient"/> whether trying again later makes sense.
/// </summary>
public abstract class WeComException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected WeComException(string api, string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        Api = api;
        IsTransient = isTransient;
    }

    /// <summary>The API that failed, e.g. "message/send" (never a URL: URLs carry tokens and webhook keys).</summary>
    public string Api { get; }

    /// <summary>True when the same call may succeed later (system busy, timeouts, 5xx, rate limits).</summary>
    public bool IsTransient { get; }
}

/// <summary>
/// WeCom answered with a non-zero errcode the client does not handle itself. Carries errcode and errmsg as sent
/// (errmsg includes WeCom's hint id, useful when asking Tencent support).
/// </summary>
public class WeComApiException : WeComException
{
    /// <summary>Creates the exception.</summary>
    public WeComApiException(string api, int errCode, string? errMsg)
        : this(api, errCode, errMsg, errCode == WeComErrorCodes.SystemBusy)
    {
    }

    /// <summary>Creates the exception with an explicit transient flag (for subclasses).</summary>
    protected WeComApiException(string api, int errCode, string? errMsg, bool isTransient)
        : base(api, string.Create(CultureInfo.InvariantCulture, $"WeCom {api} failed with errcode {errCode}: {errMsg}"), isTransient)
    {
        ErrCode = errCode;
        ErrMsg = errMsg ?? string.Empty;
    }

    /// <summary>WeCom's errcode.</summary>
    public int ErrCode { get; }

    /// <summary>WeCom's errmsg.</summary>
    public string ErrMsg { get; }
}

/// <summary>
/// WeCom refused the call for frequency or concurrency (45009, 45033, 45047, or HTTP 429). Not retried by the
/// client: retrying at once only prolongs the block. The dispatcher waits <see cref="RetryAfter"/> and tries again.
/// </summary>
public sealed class WeComRateLimitedException : WeComApiException
{
    /// <summary>Creates the exception.</summary>
    public WeComRateLimitedException(string api, int errCode, string? errMsg, TimeSpan retryAfter)
        : base(api, errCode, errMsg, isTransient: true) => RetryAfter = retryAfter;

    /// <summary>How long to wait before the next attempt.</summary>
    public TimeSpan RetryAfter { get; }
}

/// <summary>
/// The call did not produce a WeCom answer: connection failure, timeout, HTTP error status or a body that is not
/// WeCom JSON. Transient for timeouts, connection failures and 5xx (after the client's own retries ran out).
/// </summary>
public sealed class WeComTransportException : WeComException
{
    /// <summary>Creates the exception.</summary>
    public WeComTransportException(string api, string reason, bool isTransient, int? httpStatus = null, Exception? innerException = null)
        : base(api, $"WeCom {api} failed: {reason}", isTransient, innerException) => HttpStatus = httpStatus;

    /// <summary>The HTTP status when there was one.</summary>
    public int? HttpStatus { get; }
}
