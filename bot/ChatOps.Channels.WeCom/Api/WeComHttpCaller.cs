using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ChatOps.Channels.WeCom.Api;

/// <summary>
/// The one retry loop of every WeCom call: -1, timeouts, connection failures and 5xx are retried with exponential
/// back-off and jitter; rejected tokens are refreshed once; rate limits surface at once as
/// <see cref="WeComRateLimitedException"/>; anything else becomes <see cref="WeComApiException"/>.
/// URLs are never logged or put into exceptions: they carry access tokens, secrets and webhook keys.
/// </summary>
internal sealed class WeComHttpCaller
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly WeComApiClientOptions _options;
    private readonly ILogger _logger;

    public WeComHttpCaller(HttpClient http, TimeProvider time, WeComApiClientOptions options, ILogger logger)
    {
        _http = http;
        _time = time;
        _options = options;
        _logger = logger;
    }

    /// <summary>State of one call, visible to the request builders.</summary>
    internal sealed class Attempt
    {
        /// <summary>0 for the first attempt.</summary>
        public int Number { get; set; }

        /// <summary>True for every attempt after the first.</summary>
        public bool IsRetry => Number > 0;

        /// <summary>The access_token this attempt used, if any.</summary>
        public string? AccessToken { get; set; }

        /// <summary>
        /// True once an attempt failed without a WeCom answer (timeout, connection failure, 5xx): it may have been
        /// delivered, so later attempts of message/send switch the duplicate check on.
        /// </summary>
        public bool DeliveryUncertain { get; set; }
    }

    /// <summary>Runs one WeCom call to completion.</summary>
    /// <param name="api">Name for logs and exceptions ("message/send").</param>
    /// <param name="method">GET or POST.</param>
    /// <param name="buildUri">Builds the URL of an attempt (fetching the token when needed).</param>
    /// <param name="buildContent">Builds the body of an attempt (null for GET).</param>
    /// <param name="onTokenRejected">Invalidates the attempt's token; null when the call uses no token.</param>
    /// <param name="acceptErrCode">Non-zero errcodes the caller handles itself (e.g. 81013).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<WeComApiResponse> CallAsync(
        string api,
        HttpMethod method,
        Func<Attempt, CancellationToken, ValueTask<Uri>> buildUri,
        Func<Attempt, HttpContent?> buildContent,
        Func<Attempt, CancellationToken, ValueTask>? onTokenRejected,
        Func<int, bool>? acceptErrCode,
        CancellationToken cancellationToken)
    {
        var attempt = new Attempt();
        var transientRetries = 0;
        var tokenRetried = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var uri = await buildUri(attempt, cancellationToken).ConfigureAwait(false);
            var (response, failure) = await SendOnceAsync(api, method, uri, buildContent(attempt), cancellationToken).ConfigureAwait(false);

            if (failure is not null)
            {
                attempt.DeliveryUncertain = true;
                if (transientRetries < _options.MaxTransientRetries)
                {
                    transientRetries++;
                    _logger.LogWarning("WeCom {Api} attempt {Attempt} failed ({Reason}); retrying", api, attempt.Number + 1, failure.Message);
                    await BackoffAsync(transientRetries, cancellationToken).ConfigureAwait(false);
                    attempt.Number++;
                    continue;
                }

                throw failure;
            }

            var code = response!.ErrCode;
            if (code == WeComErrorCodes.Ok || (acceptErrCode?.Invoke(code) ?? false))
            {
                return response;
            }

            if (onTokenRejected is not null && WeComErrorCodes.IsTokenRejected(code))
            {
                if (tokenRetried)
                {
                    throw new WeComApiException(api, code, response.ErrMsg);
                }

                tokenRetried = true;
                _logger.LogInformation("WeCom {Api} rejected the access_token with errcode {ErrCode}; refreshing once", api, code);
                await onTokenRejected(attempt, cancellationToken).ConfigureAwait(false);
                attempt.Number++;
                continue;
            }

            if (code == WeComErrorCodes.SystemBusy)
            {
                if (transientRetries < _options.MaxTransientRetries)
                {
                    transientRetries++;
                    _logger.LogWarning("WeCom {Api} answered -1 (system busy) on attempt {Attempt}; retrying", api, attempt.Number + 1);
                    await BackoffAsync(transientRetries, cancellationToken).ConfigureAwait(false);
                    attempt.Number++;
                    continue;
                }

                throw new WeComApiException(api, code, response.ErrMsg);
            }

            if (WeComErrorCodes.IsRateLimit(code))
            {
                var retryAfter = code == WeComErrorCodes.ApiConcurrencyLimited ? _options.ConcurrencyLimitRetryAfter : _options.RateLimitRetryAfter;
                _logger.LogWarning("WeCom {Api} is rate limited (errcode {ErrCode}); backing off {RetryAfter}", api, code, retryAfter);
                throw new WeComRateLimitedException(api, code, response.ErrMsg, retryAfter);
            }

            throw new WeComApiException(api, code, response.ErrMsg);
        }
    }

    /// <summary>
    /// The delay before retry number <paramref name="retry"/> (1-based): base·2^(retry-1), capped, then "equal
    /// jitter" (between half and all of it) so that instances retrying together spread out.
    /// </summary>
    internal static TimeSpan ComputeBackoff(int retry, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, retry - 1);
        var capped = Math.Min(exponential, maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (capped / 2 * random));
    }

    private Task BackoffAsync(int retry, CancellationToken cancellationToken)
    {
        var delay = ComputeBackoff(retry, _options.RetryBaseDelay, _options.RetryMaxDelay, Random.Shared.NextDouble());
        return _options.Delay is { } custom ? custom(delay, cancellationToken) : Task.Delay(delay, _time, cancellationToken);
    }

    private async Task<(WeComApiResponse? Response, WeComException? TransientFailure)> SendOnceAsync(
        string api, HttpMethod method, Uri uri, HttpContent? content, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retryAfter = response.Headers.RetryAfter?.Delta ?? _options.RateLimitRetryAfter;
                throw new WeComRateLimitedException(api, WeComErrorCodes.ApiFrequencyLimited, "HTTP 429 Too Many Requests", retryAfter);
            }

            if (status >= 500)
            {
                return (null, new WeComTransportException(api, $"HTTP {status}", isTransient: true, status));
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new WeComTransportException(api, $"HTTP {status}", isTransient: false, status);
            }

            var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var parsed = await JsonSerializer.DeserializeAsync(stream, WeComJsonContext.Wire.WeComApiResponse, linked.Token).ConfigureAwait(false);
                return parsed is null
                    ? (null, new WeComTransportException(api, "empty response body", isTransient: true, status))
                    : (parsed, null);
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, new WeComTransportException(api, "timed out", isTransient: true, innerException: ex));
        }
        catch (HttpRequestException ex)
        {
            return (null, new WeComTransportException(api, "connection failed", isTransient: true, (int?)ex.StatusCode, ex));
        }
        catch (JsonException ex)
        {
            return (null, new WeComTransportException(api, "the response is not WeCom JSON", isTransient: true, innerException: ex));
        }
    }
}
