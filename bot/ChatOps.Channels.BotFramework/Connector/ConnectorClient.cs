using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace ChatOps.Channels.BotFramework.Connector;

/// <summary>
/// The Bot Connector REST API the bot calls (v3): send to a conversation, reply to an activity, start a 1:1 conversation
/// for a proactive message, update an activity (grey out an answered card). We write it because the Bot Builder SDK does
/// not restore here. Channel errors never throw: each call returns a <see cref="ConnectorResponse"/> with the error policy
/// of the protocol applied — 401 refreshes the token once; 412, 502 and 504 are retried a few times inside the call with
/// jittered back-off; 429 and 503 come back as <see cref="ConnectorOutcome.RetryLater"/> with Retry-After; 403 is
/// <see cref="ConnectorOutcome.Forbidden"/> (bot blocked or uninstalled).
/// </summary>
public sealed class ConnectorClient
{
    private const int MaxErrorLength = 300;

    private readonly HttpClient _http;
    private readonly BotFrameworkTokenClient _tokens;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="ConnectorClient"/> class.</summary>
    /// <param name="http">The client for the service URLs.</param>
    /// <param name="tokens">The outbound token source.</param>
    /// <param name="time">The clock for back-off delays.</param>
    /// <param name="logger">The logger.</param>
    public ConnectorClient(HttpClient http, BotFrameworkTokenClient tokens, TimeProvider time, ILogger<ConnectorClient> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(tokens);
        _http = http;
        _tokens = tokens;
        _time = time;
        _logger = logger;
    }

    /// <summary>Gets or sets how many times 412, 502 and 504 are retried inside one call.</summary>
    public int TransientRetries { get; set; } = 2;

    /// <summary>Gets or sets the first back-off of an in-call retry; doubled each time, plus up to as much jitter.</summary>
    public TimeSpan TransientDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Gets or sets the wait suggested after a 429 or 503 without Retry-After.</summary>
    public TimeSpan DefaultRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>POST {serviceUrl}/v3/conversations/{conversationId}/activities.</summary>
    /// <param name="serviceUrl">The conversation's Bot Connector endpoint.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="activity">The message.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome, with the new activity's id.</returns>
    public Task<ConnectorResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Post, Url(serviceUrl, "v3/conversations", conversationId, "activities"), activity, cancellationToken);

    /// <summary>POST {serviceUrl}/v3/conversations/{conversationId}/activities/{replyToId}: a reply (Teams threads it).</summary>
    /// <param name="serviceUrl">The conversation's Bot Connector endpoint.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="replyToId">The activity answered.</param>
    /// <param name="activity">The message; its replyToId is set.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome, with the new activity's id.</returns>
    public Task<ConnectorResponse> ReplyToActivityAsync(
        string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity.ReplyToId = replyToId;
        return CallAsync(HttpMethod.Post, Url(serviceUrl, "v3/conversations", conversationId, "activities", replyToId), activity, cancellationToken);
    }

    /// <summary>PUT {serviceUrl}/v3/conversations/{conversationId}/activities/{activityId}: replaces a sent activity.</summary>
    /// <param name="serviceUrl">The conversation's Bot Connector endpoint.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="activityId">The activity to replace.</param>
    /// <param name="activity">The new content; its id is set.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome.</returns>
    public Task<ConnectorResponse> UpdateActivityAsync(
        string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity.Id = activityId;
        return CallAsync(HttpMethod.Put, Url(serviceUrl, "v3/conversations", conversationId, "activities", activityId), activity, cancellationToken);
    }

    /// <summary>POST {serviceUrl}/v3/conversations: starts a conversation (a 1:1 chat for a proactive message).</summary>
    /// <param name="serviceUrl">The Bot Connector endpoint (of a conversation the user was seen in).</param>
    /// <param name="parameters">Bot, member and tenant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome, with the new conversation's id (and serviceUrl when the service says).</returns>
    public Task<ConnectorResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Post, Url(serviceUrl, "v3/conversations"), parameters, cancellationToken);

    /// <summary>The URL of a connector resource; ids are escaped (Teams ids hold ':', ';', '@' and '=').</summary>
    /// <param name="serviceUrl">The service URL, with or without a trailing slash.</param>
    /// <param name="path">The fixed path.</param>
    /// <param name="segments">Ids and fixed segments, escaped one by one.</param>
    /// <returns>The absolute URL.</returns>
    internal static Uri Url(string serviceUrl, string path, params string[] segments)
    {
        var root = serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/";
        var tail = string.Concat(segments.Select(s => "/" + Uri.EscapeDataString(s)));
        return new Uri(root + path + tail, UriKind.Absolute);
    }

    private async Task<ConnectorResponse> CallAsync<T>(HttpMethod method, Uri url, T body, CancellationToken cancellationToken)
    {
        var refreshed = false;
        var transient = 0;
        while (true)
        {
            string? token;
            try
            {
                token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (BotFrameworkTokenException e)
            {
                return new ConnectorResponse(ConnectorOutcome.RetryLater, 0, RetryAfter: DefaultRetryAfter, Error: e.Message);
            }

            using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body, options: BotFrameworkJson.Options) };
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                _logger.LogWarning("{Method} {Url} failed: {Error}", method, url, e.Message);
                return new ConnectorResponse(ConnectorOutcome.RetryLater, 0, Error: $"{method} {url.GetLeftPart(UriPartial.Path)}: {e.Message}");
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    return await SuccessAsync(response, cancellationToken).ConfigureAwait(false);
                }

                var error = $"{status} {await DescribeErrorAsync(response, cancellationToken).ConfigureAwait(false)}";
                switch (response.StatusCode)
                {
                    case HttpStatusCode.Unauthorized when token is not null && !refreshed:
                        // The token may have been revoked or rotated early: fetch a fresh one once.
                        _logger.LogWarning("{Method} {Url} answered 401; refreshing the token once", method, url);
                        await _tokens.InvalidateAsync(token, cancellationToken).ConfigureAwait(false);
                        refreshed = true;
                        continue;
                    case HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout when transient < TransientRetries:
                        var delay = Jittered(transient++);
                        _logger.LogInformation("{Method} {Url} answered {Status}; retrying in {Delay}", method, url, status, delay);
                        await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                        continue;
                    case HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable:
                        return new ConnectorResponse(ConnectorOutcome.RetryLater, status, RetryAfter: RetryAfter(response) ?? DefaultRetryAfter, Error: error);
                    case HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout:
                        return new ConnectorResponse(ConnectorOutcome.RetryLater, status, RetryAfter: Jittered(transient), Error: error);
                    case HttpStatusCode.Unauthorized:
                        // A fresh token is refused too: wrong app id or password. Keep the message until an operator fixes it.
                        _logger.LogError("{Method} {Url} refused the bot's credentials: {Error}", method, url, error);
                        return new ConnectorResponse(ConnectorOutcome.RetryLater, status, RetryAfter: TimeSpan.FromMinutes(5), Error: error);
                    case HttpStatusCode.Forbidden:
                        return new ConnectorResponse(ConnectorOutcome.Forbidden, status, Error: error);
                    case HttpStatusCode.NotFound:
                        return new ConnectorResponse(ConnectorOutcome.NotFound, status, Error: error);
                    case >= HttpStatusCode.InternalServerError:
                        return new ConnectorResponse(ConnectorOutcome.RetryLater, status, RetryAfter: RetryAfter(response) ?? TimeSpan.Zero, Error: error);
                    default:
                        return new ConnectorResponse(ConnectorOutcome.Failed, status, Error: error);
                }
            }
        }
    }

    private static async Task<ConnectorResponse> SuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ConnectorResponse(ConnectorOutcome.Succeeded, status);
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            return root.ValueKind == JsonValueKind.Object
                ? new ConnectorResponse(ConnectorOutcome.Succeeded, status, String(root, "id"), String(root, "serviceUrl"))
                : new ConnectorResponse(ConnectorOutcome.Succeeded, status);
        }
        catch (JsonException)
        {
            return new ConnectorResponse(ConnectorOutcome.Succeeded, status);
        }
    }

    /// <summary>The Bot Connector's error code and message (<c>{"error":{"code","message"}}</c>), shortened.</summary>
    private static async Task<string> DescribeErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return response.ReasonPhrase ?? string.Empty;
        }

        var described = text;
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object)
            {
                described = string.Join(": ", new[] { String(error, "code"), String(error, "message") }.Where(s => !string.IsNullOrEmpty(s)));
            }
        }
        catch (JsonException)
        {
            // Not JSON: keep the text as it is.
        }

        if (string.IsNullOrWhiteSpace(described))
        {
            described = response.ReasonPhrase ?? string.Empty;
        }

        described = described.ReplaceLineEndings(" ").Trim();
        return described.Length > MaxErrorLength ? described[..MaxErrorLength] : described;
    }

    /// <summary>Retry-After as seconds or as an HTTP date; null when absent.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return response.Headers.TryGetValues("Retry-After", out var values)
               && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }

    /// <summary>Exponential back-off with full jitter on top, so instances retrying together spread out.</summary>
    private TimeSpan Jittered(int attempt)
    {
        var baseDelay = TransientDelay * Math.Pow(2, attempt);
        return baseDelay + (TransientDelay * Random.Shared.NextDouble());
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
