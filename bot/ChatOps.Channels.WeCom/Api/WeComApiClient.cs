using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOps.Channels.WeCom.Api;

/// <summary>
/// Our own client of WeCom's server API for one app (Senparc does not restore here): active messages
/// (message/send), card updates (message/update_template_card), app group chats (appchat/create, appchat/send)
/// and group robots (webhook/send). Every call goes through one retry loop: a rejected token (40014/42001/40001)
/// is refreshed once, -1 / timeouts / 5xx are retried at most <see cref="WeComApiClientOptions.MaxTransientRetries"/>
/// times with back-off, 45009/45033/45047 become <see cref="WeComRateLimitedException"/> for the dispatcher.
/// Thread-safe; one instance per app, over a shared <see cref="HttpClient"/>.
/// </summary>
public sealed partial class WeComApiClient
{
    private const string JsonMediaType = "application/json";

    private readonly WeComAppOptions _app;
    private readonly WeComTokenProvider _tokens;
    private readonly WeComApiClientOptions _options;
    private readonly WeComHttpCaller _caller;

    /// <summary>Creates the client of <paramref name="app"/>; <paramref name="tokenProvider"/> must belong to the same app.</summary>
    public WeComApiClient(
        HttpClient httpClient,
        WeComAppOptions app,
        WeComTokenProvider tokenProvider,
        TimeProvider? timeProvider = null,
        WeComApiClientOptions? options = null,
        ILogger<WeComApiClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(tokenProvider);
        if (tokenProvider.Key != app.TokenKey)
        {
            throw new ArgumentException("The token provider belongs to another app.", nameof(tokenProvider));
        }

        _app = app;
        _tokens = tokenProvider;
        _options = options ?? new WeComApiClientOptions();
        _caller = new WeComHttpCaller(httpClient, timeProvider ?? TimeProvider.System, _options, (ILogger?)logger ?? NullLogger.Instance);
    }

    /// <summary>The app this client sends as.</summary>
    public WeComAppOptions App => _app;

    /// <summary>
    /// message/send. Partial failures (invaliduser, invalidparty, invalidtag, unlicenseduser) are returned, not
    /// thrown; 81013 (every recipient invalid) returns <see cref="WeComSendResult.Delivered"/> = false.
    /// </summary>
    public async Task<WeComSendResult> SendMessageAsync(WeComSendRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateSend(request);
        var agentId = _app.AgentIdValue;
        int? interval = request.DuplicateCheckInterval is { } i ? (int)i.TotalSeconds : null;

        var response = await CallWithTokenAsync(
            "message/send",
            "/cgi-bin/message/send",
            attempt =>
            {
                var duplicateCheck = request.EnableDuplicateCheck || (attempt.DeliveryUncertain && _options.DuplicateCheckOnRetry);
                var body = new MessageSendRequest
                {
                    ToUser = Join(request.ToUsers),
                    ToParty = Join(request.ToParties),
                    ToTag = Join(request.ToTags),
                    MsgType = request.Content.MsgType,
                    AgentId = agentId,
                    Text = request.Content is WeComTextContent t ? new WeComTextBody { Content = t.Content } : null,
                    Markdown = request.Content is WeComMarkdownContent m ? new WeComTextBody { Content = m.Content } : null,
                    TemplateCard = request.Content is WeComTemplateCardContent c ? c.Card : null,
                    File = request.Content is WeComFileContent f ? new WeComMediaBody { MediaId = f.MediaId } : null,
                    EnableDuplicateCheck = duplicateCheck ? 1 : null,
                    DuplicateCheckInterval = duplicateCheck ? interval : null,
                };
                return Json(body, WeComJsonContext.Wire.MessageSendRequest);
            },
            code => code == WeComErrorCodes.AllRecipientsInvalid,
            cancellationToken).ConfigureAwait(false);

        if (response.ErrCode == WeComErrorCodes.AllRecipientsInvalid)
        {
            var invalidUsers = Split(response.InvalidUser);
            return new WeComSendResult
            {
                Delivered = false,
                InvalidUsers = invalidUsers.Count > 0 ? invalidUsers : [.. request.ToUsers],
                InvalidParties = Split(response.InvalidParty) is { Count: > 0 } p ? p : [.. request.ToParties],
                InvalidTags = Split(response.InvalidTag) is { Count: > 0 } g ? g : [.. request.ToTags],
                UnlicensedUsers = Split(response.UnlicensedUser),
            };
        }

        return new WeComSendResult
        {
            MsgId = response.MsgId,
            InvalidUsers = Split(response.InvalidUser),
            InvalidParties = Split(response.InvalidParty),
            InvalidTags = Split(response.InvalidTag),
            UnlicensedUsers = Split(response.UnlicensedUser),
            ResponseCode = string.IsNullOrEmpty(response.ResponseCode) ? null : response.ResponseCode,
        };
    }

    /// <summary>
    /// auth/getuserinfo (web login: OAuth in the WeCom client or the QR login): exchanges a one-time <paramref name="code"/>
    /// (valid 5 minutes, usable once) for the member's userid. Null when the code belongs to a non-member (WeCom answers
    /// an openid instead). A used, expired or forged code is a <see cref="WeComApiException"/> (40029, 42003 and the like).
    /// </summary>
    public async Task<string?> GetUserIdAsync(string code, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        var response = await _caller.CallAsync(
            "auth/getuserinfo",
            HttpMethod.Get,
            async (attempt, ct) =>
            {
                var token = await _tokens.GetTokenAsync(ct).ConfigureAwait(false);
                attempt.AccessToken = token;
                return new Uri($"{_app.BaseUrlTrimmed}/cgi-bin/auth/getuserinfo?access_token={Uri.EscapeDataString(token)}&code={Uri.EscapeDataString(code)}");
            },
            _ => null,
            (attempt, ct) => attempt.AccessToken is { } rejected ? _tokens.InvalidateAsync(rejected, ct) : ValueTask.CompletedTask,
            null,
            cancellationToken).ConfigureAwait(false);
        return string.IsNullOrEmpty(response.UserId) ? null : response.UserId;
    }

    /// <summary>message/update_template_card: grey out the buttons or replace the card (one call per response_code, within 72 h).</summary>
    public async Task UpdateTemplateCardAsync(WeComCardUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentException.ThrowIfNullOrWhiteSpace(update.ResponseCode, nameof(update));
        if ((update.ReplaceButtonName is null) == (update.Card is null))
        {
            throw new ArgumentException("Set exactly one of ReplaceButtonName and Card.", nameof(update));
        }

        if (!update.AtAll && update.UserIds.Count == 0)
        {
            throw new ArgumentException("Name the users whose card to update, or set AtAll.", nameof(update));
        }

        EnsureIds(update.UserIds, WeComLimits.MaxUsersPerMessage, "UserIds", nameof(update));
        var agentId = _app.AgentIdValue;
        var body = new UpdateTemplateCardRequest
        {
            UserIds = update.UserIds.Count > 0 ? update.UserIds : null,
            AtAll = update.AtAll ? 1 : null,
            AgentId = agentId,
            ResponseCode = update.ResponseCode,
            Button = update.ReplaceButtonName is { } name ? new ReplaceButton { ReplaceName = name } : null,
            TemplateCard = update.Card,
        };

        await CallWithTokenAsync(
            "message/update_template_card",
            "/cgi-bin/message/update_template_card",
            _ => Json(body, WeComJsonContext.Wire.UpdateTemplateCardRequest),
            acceptErrCode: null,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>appchat/create: creates an app group chat and returns its chatid.</summary>
    public async Task<string> AppChatCreateAsync(WeComAppChatCreateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.UserIds.Count is < 2 or > 2000)
        {
            throw new ArgumentException("An app chat needs 2 to 2000 members.", nameof(request));
        }

        EnsureIds(request.UserIds, 2000, "UserIds", nameof(request));
        if (request.ChatId is { } chatId && !IsValidChatId(chatId))
        {
            throw new ArgumentException($"ChatId must be 1 to {WeComLimits.AppChatIdMaxChars} characters of 0-9a-zA-Z.", nameof(request));
        }

        var body = new AppChatCreateRequest { Name = request.Name, Owner = request.Owner, UserList = request.UserIds, ChatId = request.ChatId };
        var response = await CallWithTokenAsync(
            "appchat/create",
            "/cgi-bin/appchat/create",
            _ => Json(body, WeComJsonContext.Wire.AppChatCreateRequest),
            acceptErrCode: null,
            cancellationToken).ConfigureAwait(false);

        return !string.IsNullOrEmpty(response.ChatId)
            ? response.ChatId
            : request.ChatId ?? throw new WeComTransportException("appchat/create", "the response has no chatid", isTransient: false);
    }

    /// <summary>appchat/send: text or markdown into an app group chat.</summary>
    public async Task AppChatSendAsync(string chatId, WeComContent content, bool safe = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chatId);
        ArgumentNullException.ThrowIfNull(content);
        ValidateContent(content, WeComLimits.TextMaxBytes, WeComLimits.MarkdownMaxBytes, allowCard: false, nameof(content));
        var body = new AppChatSendRequest
        {
            ChatId = chatId,
            MsgType = content.MsgType,
            Text = content is WeComTextContent t ? new WeComTextBody { Content = t.Content } : null,
            Markdown = content is WeComMarkdownContent m ? new WeComTextBody { Content = m.Content } : null,
            Safe = safe ? 1 : null,
        };

        await CallWithTokenAsync(
            "appchat/send",
            "/cgi-bin/appchat/send",
            _ => Json(body, WeComJsonContext.Wire.AppChatSendRequest),
            acceptErrCode: null,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Group robot webhook/send (no token: the key in the URL is the credential, so the URL is never logged).
    /// <paramref name="webhookUrl"/> is the full URL from the directory (…/cgi-bin/webhook/send?key=…). A robot
    /// takes 20 messages a minute; more answers 45009, surfaced as <see cref="WeComRateLimitedException"/>.
    /// </summary>
    public async Task WebhookSendAsync(Uri webhookUrl, WeComContent content, IReadOnlyList<string>? mentionedUserIds = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhookUrl);
        ArgumentNullException.ThrowIfNull(content);
        if (!IsValidWebhookUrl(webhookUrl))
        {
            throw new ArgumentException("The webhook URL must be an https (or loopback http) …/cgi-bin/webhook/send?key=… URL.", nameof(webhookUrl));
        }

        ValidateContent(content, WeComLimits.WebhookTextMaxBytes, WeComLimits.WebhookMarkdownMaxBytes, allowCard: false, nameof(content));
        var body = new WebhookSendRequest
        {
            MsgType = content.MsgType,
            Text = content is WeComTextContent t ? new WeComTextBody { Content = t.Content, MentionedList = mentionedUserIds is { Count: > 0 } ? mentionedUserIds : null } : null,
            Markdown = content is WeComMarkdownContent m ? new WeComTextBody { Content = m.Content } : null,
        };

        await _caller.CallAsync(
            "webhook/send",
            HttpMethod.Post,
            (_, _) => ValueTask.FromResult(webhookUrl),
            _ => Json(body, WeComJsonContext.Wire.WebhookSendRequest),
            onTokenRejected: null,
            acceptErrCode: null,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The rate-limiter key of a group robot: its webhook key (the URL's key parameter).</summary>
    public static string WebhookRateKey(Uri webhookUrl)
    {
        ArgumentNullException.ThrowIfNull(webhookUrl);
        return "webhook:" + (GetWebhookKey(webhookUrl) ?? webhookUrl.AbsoluteUri);
    }

    internal static bool IsValidChatId(string chatId) =>
        chatId.Length is > 0 and <= WeComLimits.AppChatIdMaxChars && chatId.All(char.IsAsciiLetterOrDigit);

    private static bool IsValidWebhookUrl(Uri url) =>
        url.IsAbsoluteUri
        && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && WeComAppOptions.IsLoopback(url)))
        && url.AbsolutePath.EndsWith("/cgi-bin/webhook/send", StringComparison.Ordinal)
        && !string.IsNullOrEmpty(GetWebhookKey(url));

    private static string? GetWebhookKey(Uri url)
    {
        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.StartsWith("key=", StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(pair[4..]);
            }
        }

        return null;
    }

    /// <summary>A POST with the app's access token (refreshed once when WeCom rejects it); <paramref name="query"/> adds parameters after the token (<c>type=file</c>).</summary>
    private Task<WeComApiResponse> CallWithTokenAsync(
        string api, string path, Func<WeComHttpCaller.Attempt, HttpContent> content, Func<int, bool>? acceptErrCode, CancellationToken cancellationToken, string? query = null) =>
        _caller.CallAsync(
            api,
            HttpMethod.Post,
            async (attempt, ct) =>
            {
                var token = await _tokens.GetTokenAsync(ct).ConfigureAwait(false);
                attempt.AccessToken = token;
                return new Uri(string.Create(CultureInfo.InvariantCulture, $"{_app.BaseUrlTrimmed}{path}?access_token={Uri.EscapeDataString(token)}{(query is null ? null : "&" + query)}"));
            },
            content,
            (attempt, ct) => attempt.AccessToken is { } rejected ? _tokens.InvalidateAsync(rejected, ct) : ValueTask.CompletedTask,
            acceptErrCode,
            cancellationToken);

    private static ByteArrayContent Json<T>(T body, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, typeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue(JsonMediaType) { CharSet = "utf-8" };
        return content;
    }

    private static void ValidateSend(WeComSendRequest request)
    {
        if (request.ToUsers.Count == 0 && request.ToParties.Count == 0 && request.ToTags.Count == 0)
        {
            throw new ArgumentException("A message needs at least one user, party or tag.", nameof(request));
        }

        EnsureIds(request.ToUsers, WeComLimits.MaxUsersPerMessage, "ToUsers", nameof(request));
        EnsureIds(request.ToParties, WeComLimits.MaxPartiesOrTagsPerMessage, "ToParties", nameof(request));
        EnsureIds(request.ToTags, WeComLimits.MaxPartiesOrTagsPerMessage, "ToTags", nameof(request));
        if (request.DuplicateCheckInterval is { } interval && (interval < TimeSpan.FromSeconds(1) || interval > WeComLimits.MaxDuplicateCheckInterval))
        {
            throw new ArgumentException("DuplicateCheckInterval must be between 1 second and 4 hours.", nameof(request));
        }

        ValidateContent(request.Content, WeComLimits.TextMaxBytes, WeComLimits.MarkdownMaxBytes, allowCard: true, nameof(request));
    }

    private static void ValidateContent(WeComContent content, int textMax, int markdownMax, bool allowCard, string paramName)
    {
        ArgumentNullException.ThrowIfNull(content, paramName);
        switch (content)
        {
            case WeComTextContent t:
                EnsureSize(t.Content, textMax, "text", paramName);
                break;
            case WeComMarkdownContent m:
                EnsureSize(m.Content, markdownMax, "markdown", paramName);
                break;
            case WeComTemplateCardContent c when allowCard:
                ArgumentNullException.ThrowIfNull(c.Card, paramName);
                break;
            case WeComFileContent f when allowCard:
                ArgumentException.ThrowIfNullOrWhiteSpace(f.MediaId, paramName);
                break;
            default:
                throw new ArgumentException($"This API does not take {content.MsgType} messages.", paramName);
        }
    }

    private static void EnsureSize(string? text, int maxBytes, string what, string paramName)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new ArgumentException($"The {what} content is empty.", paramName);
        }

        var bytes = WeComLimits.Utf8Length(text);
        if (bytes > maxBytes)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The {what} content is {bytes} bytes; WeCom truncates beyond {maxBytes}. Split it (WeComLimits.SplitUtf8)."),
                paramName);
        }
    }

    private static void EnsureIds(IReadOnlyList<string> ids, int max, string what, string paramName)
    {
        if (ids.Count > max)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{what} holds {ids.Count} ids; WeCom takes at most {max}."), paramName);
        }

        foreach (var id in ids)
        {
            if (string.IsNullOrWhiteSpace(id) || id.Contains('|', StringComparison.Ordinal))
            {
                throw new ArgumentException($"{what} contains an empty id or one with '|'.", paramName);
            }
        }
    }

    private static string? Join(IReadOnlyList<string> ids) => ids.Count == 0 ? null : string.Join('|', ids);

    private static List<string> Split(string? list) =>
        string.IsNullOrWhiteSpace(list)
            ? []
            : [.. list.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
