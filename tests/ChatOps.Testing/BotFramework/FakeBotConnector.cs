using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatOps.Testing;

/// <summary>One request the fake connector received (including the ones it answered with an error).</summary>
/// <param name="Method">POST or PUT.</param>
/// <param name="Kind">send, reply, update or create.</param>
/// <param name="ConversationId">The conversation in the path (null for create).</param>
/// <param name="ActivityId">The replyToId (reply) or the updated activity's id (update) in the path.</param>
/// <param name="Body">The JSON body.</param>
/// <param name="Authorization">The Authorization header.</param>
/// <param name="Status">What the fake answered.</param>
/// <param name="AssignedId">The id the fake gave the new activity or conversation.</param>
/// <param name="At">When it arrived.</param>
public sealed record ConnectorCall(
    string Method, string Kind, string? ConversationId, string? ActivityId, JsonObject Body, string? Authorization, int Status, string? AssignedId,
    DateTimeOffset At)
{
    /// <summary>What the activity says: text, card title and text blocks, joined by newlines.</summary>
    public string Text
    {
        get
        {
            var parts = new List<string>();
            if (Body["text"]?.GetValue<string>() is { } text)
            {
                parts.Add(text);
            }

            foreach (var card in Cards)
            {
                // A TextBlock's text, or the runs of a RichTextBlock (how cards carry lines that must not be read as Markdown).
                parts.AddRange(card["body"]!.AsArray()
                    .Select(b => b!["text"]?.GetValue<string>()
                        ?? (b["inlines"] is JsonArray runs ? string.Concat(runs.Select(r => r!["text"]?.GetValue<string>())) : null))
                    .OfType<string>());
            }

            return string.Join("\n", parts);
        }
    }

    /// <summary>The Adaptive Cards attached.</summary>
    public IReadOnlyList<JsonObject> Cards =>
        Body["attachments"]?.AsArray().Where(a => a!["contentType"]?.GetValue<string>() == "application/vnd.microsoft.card.adaptive")
            .Select(a => a!["content"]!.AsObject()).ToList() ?? [];

    /// <summary>The buttons of the cards: label and submitted choice.</summary>
    public IReadOnlyList<(string Title, string Choice)> CardChoices =>
        Cards.SelectMany(c => c["actions"]?.AsArray() ?? [])
            .Select(a => (a!["title"]!.GetValue<string>(), a["data"]!["choice"]!.GetValue<string>())).ToList();

    /// <summary>The card's buttons with the whole data each submits (as Teams sends it back in <c>value</c>).</summary>
    public IReadOnlyList<(string Title, JsonObject Data)> CardSubmits =>
        Cards.SelectMany(c => c["actions"]?.AsArray() ?? [])
            .Select(a => (a!["title"]!.GetValue<string>(), (JsonObject)a["data"]!.DeepClone())).ToList();

    /// <summary>Whether the fake accepted it.</summary>
    public bool Accepted => Status is >= 200 and < 300;
}

/// <summary>
/// A Bot Connector service on loopback, as the Bot Connector documents describe it: it publishes OpenID metadata and
/// a key set with endorsements (through <see cref="FakeOpenIdServer"/>), signs the tokens it sends the bot, issues
/// client-credentials tokens to the bot and checks them on every call, receives sends, replies, updates and new
/// conversations, and can be told to answer 429 with Retry-After, other errors, or 403 for a conversation.
/// </summary>
public sealed class FakeBotConnector : IAsyncDisposable
{
    public const string AppId = "6f2c1a7e-0b4d-4e3a-9c55-2d8b1e0f7a31";
    public const string AppPassword = "fake-client-secret";
    public const string TokenPath = "/botframework.com/oauth2/v2.0/token";
    public const string Scope = "https://api.botframework.com/.default";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ConnectorCall> _calls = new();
    private readonly ConcurrentQueue<(HttpStatusCode Status, string? RetryAfter)> _failures = new();
    private readonly ConcurrentDictionary<string, bool> _issued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (byte[] Content, string ContentType)> _attachments = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string?> _downloads = new();
    private int _tokenRequests;
    private int _ids;

    private FakeBotConnector(WebApplication app, FakeOpenIdServer openId)
    {
        _app = app;
        OpenId = openId;
        OpenId.ChannelKeys.Add(Key);
    }

    /// <summary>Gets the OpenID metadata server.</summary>
    public FakeOpenIdServer OpenId { get; }

    /// <summary>Gets the key the connector signs with, endorsed for Web Chat, Teams and Direct Line.</summary>
    public FakeSigningKey Key { get; } = FakeSigningKey.Create("fake-connector-key", "webchat", "msteams", "directline");

    /// <summary>Gets the connector's base address; also the serviceUrl of every activity it sends.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Gets the serviceUrl activities carry.</summary>
    public string ServiceUrl => BaseAddress.ToString();

    /// <summary>Gets the token endpoint.</summary>
    public Uri TokenEndpoint => new(BaseAddress, TokenPath);

    /// <summary>Gets or sets whether calls need a token the fake issued (off for the anonymous Development mode).</summary>
    public bool RequireToken { get; set; } = true;

    /// <summary>Gets the conversations answered with 403 (the user blocked the bot).</summary>
    public ConcurrentDictionary<string, bool> Forbidden { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets every call, in order.</summary>
    public IReadOnlyList<ConnectorCall> Calls => [.. _calls];

    /// <summary>Gets or sets whether the token endpoint answers 503 (an Entra outage); requests are still counted.</summary>
    public bool TokenEndpointDown { get; set; }

    /// <summary>Gets how many tokens the bot asked for.</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>Gets the settings that point the bot at this connector.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["BotFramework:AppId"] = AppId,
        ["BotFramework:AppPassword"] = AppPassword,
        ["BotFramework:OpenIdMetadataUrl"] = OpenId.ChannelMetadataUrl.ToString(),
        ["BotFramework:EmulatorOpenIdMetadataUrl"] = OpenId.EmulatorMetadataUrl.ToString(),
        ["BotFramework:TokenEndpoint"] = TokenEndpoint.ToString(),
    };

    public static async Task<FakeBotConnector> StartAsync()
    {
        var openId = await FakeOpenIdServer.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var connector = new FakeBotConnector(app, openId);
        connector.MapRoutes();
        await app.StartAsync();
        connector.BaseAddress = new Uri(app.Urls.First() + "/");
        return connector;
    }

    /// <summary>The next connector call is answered with <paramref name="status"/> (and Retry-After, if given).</summary>
    public void FailNext(HttpStatusCode status, string? retryAfter = null) => _failures.Enqueue((status, retryAfter));

    /// <summary>Every token issued so far is refused from now on (as if revoked).</summary>
    public void RevokeTokens()
    {
        foreach (var token in _issued.Keys)
        {
            _issued[token] = false;
        }
    }

    /// <summary>A token as the Bot Connector signs it for the bot, with claims editable to forge bad ones.</summary>
    public string Token(Action<JsonObject>? edit = null, FakeSigningKey? key = null, string? serviceUrl = null)
    {
        var claims = BotTokenClaims.Channel(AppId, serviceUrl ?? ServiceUrl, DateTimeOffset.UtcNow);
        edit?.Invoke(claims);
        return FakeTokenSigner.Sign(key ?? Key, claims);
    }

    /// <summary>Waits until a call matching <paramref name="match"/> arrived after <paramref name="after"/> calls.</summary>
    public async Task<ConnectorCall> WaitForAsync(Func<ConnectorCall, bool> match, int after = 0, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < until)
        {
            if (Calls.Skip(after).FirstOrDefault(match) is { } call)
            {
                return call;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("The connector received no matching call. Calls:\n" + string.Join("\n", Calls.Select(c => $"{c.Kind} {c.ConversationId} {c.Status}: {c.Text}")));
    }

    /// <summary>Waits for an accepted message to <paramref name="conversationId"/> that says <paramref name="fragment"/>.</summary>
    public Task<ConnectorCall> WaitForMessageAsync(string conversationId, string fragment, int after = 0, TimeSpan? timeout = null) =>
        WaitForAsync(c => c.Accepted && c.Kind is "send" or "reply" && c.ConversationId == conversationId && c.Text.Contains(fragment, StringComparison.Ordinal), after, timeout);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await OpenId.DisposeAsync();
        Key.Dispose();
    }

    private void MapRoutes()
    {
        _app.MapPost(TokenPath, async (HttpContext context) =>
        {
            Interlocked.Increment(ref _tokenRequests);
            if (TokenEndpointDown)
            {
                return Results.Json(new { error = "temporarily_unavailable", error_description = "AADSTS90033: A transient error has occurred." }, statusCode: 503);
            }

            var form = await context.Request.ReadFormAsync();
            if (form["grant_type"] != "client_credentials" || form["client_id"] != AppId || form["client_secret"] != AppPassword || form["scope"] != Scope)
            {
                return Results.Json(new { error = "invalid_client", error_description = "AADSTS7000215: Invalid client secret provided." }, statusCode: 401);
            }

            var token = $"fake-bf-token-{Interlocked.Increment(ref _ids)}";
            _issued[token] = true;
            return Results.Json(new { token_type = "Bearer", expires_in = 3599, ext_expires_in = 3599, access_token = token });
        });
        _app.MapGet("/v3/attachments/{id}/views/original", (HttpContext context, string id) => ServeAttachment(context, id, requireToken: true));
        _app.MapGet("/files/{id}", (HttpContext context, string id) => ServeAttachment(context, id, requireToken: false));
        _app.MapPost("/v3/conversations", (HttpContext context, CancellationToken _) => HandleAsync(context, "create", null, null));
        _app.MapPost("/v3/conversations/{conversationId}/activities", (HttpContext context, string conversationId) =>
            HandleAsync(context, "send", conversationId, null));
        _app.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", (HttpContext context, string conversationId, string activityId) =>
            HandleAsync(context, "reply", conversationId, activityId));
        _app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (HttpContext context, string conversationId, string activityId) =>
            HandleAsync(context, "update", conversationId, activityId));
    }

    /// <summary>
    /// Content a user attached, as the connector hosts it: <paramref name="connectorHosted"/> at
    /// <c>/v3/attachments/{id}/views/original</c> (a picture pasted in Teams or uploaded in Web Chat: the bot's token is
    /// required), otherwise at a pre-authorised address like a Teams file's <c>downloadUrl</c>. Returns the address.
    /// </summary>
    public string AddAttachment(byte[] content, string contentType, bool connectorHosted)
    {
        var id = $"att-{Interlocked.Increment(ref _ids).ToString(CultureInfo.InvariantCulture)}";
        _attachments[id] = (content, contentType);
        return new Uri(BaseAddress, connectorHosted ? $"v3/attachments/{id}/views/original" : $"files/{id}?sig=fake").AbsoluteUri;
    }

    /// <summary>Gets the Authorization header of every attachment download, in order (null when none was sent).</summary>
    public IReadOnlyList<string?> AttachmentDownloads => [.. _downloads];

    private IResult ServeAttachment(HttpContext context, string id, bool requireToken)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        _downloads.Enqueue(authorization.Length == 0 ? null : authorization);
        if (requireToken && RequireToken && !(authorization.StartsWith("Bearer ", StringComparison.Ordinal) && _issued.ContainsKey(authorization[7..])))
        {
            return Error(401, "Unauthorized", "Authorization has been denied for this request.");
        }

        return _attachments.TryGetValue(id, out var found) ? Results.Bytes(found.Content, found.ContentType) : Error(404, "NotFound", "No such attachment.");
    }

    private async Task<IResult> HandleAsync(HttpContext context, string kind, string? conversationId, string? activityId)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        var authorization = context.Request.Headers.Authorization.ToString();
        var at = DateTimeOffset.UtcNow;

        IResult Record(int status, IResult result, string? assigned = null)
        {
            _calls.Enqueue(new ConnectorCall(context.Request.Method, kind, conversationId, activityId, body, authorization.Length == 0 ? null : authorization, status, assigned, at));
            return result;
        }

        if (RequireToken && !(authorization.StartsWith("Bearer ", StringComparison.Ordinal) && _issued.TryGetValue(authorization[7..], out var valid) && valid))
        {
            return Record(401, Error(401, "Unauthorized", "Authorization has been denied for this request."));
        }

        if (_failures.TryDequeue(out var failure))
        {
            if (failure.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            return Record((int)failure.Status, Error((int)failure.Status, failure.Status.ToString(), "Injected failure."));
        }

        if (conversationId is not null && Forbidden.ContainsKey(conversationId))
        {
            return Record(403, Error(403, "ConversationBlockedByUser", "User blocked the conversation with the bot."));
        }

        if (kind == "create")
        {
            var created = $"a:created-{Interlocked.Increment(ref _ids).ToString(CultureInfo.InvariantCulture)}";
            return Record(201, Results.Json(new { id = created }, statusCode: 201), created);
        }

        var id = kind == "update" ? activityId! : $"act-{Interlocked.Increment(ref _ids).ToString(CultureInfo.InvariantCulture)}";
        return Record(200, Results.Json(new { id }), id);
    }

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status);
}

/// <summary>Activities as the Bot Connector delivers them to the bot.</summary>
public static class Activities
{
    public const string BotId = "28:" + FakeBotConnector.AppId;
    public const string TenantId = "8f9e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";

    /// <summary>A message from a user in a 1:1 Web Chat (or Teams) conversation.</summary>
    public static JsonObject Message(
        string serviceUrl, string? text, string from = "29:fgw-lly", string conversation = "a:fgw-personal", string channelId = "webchat",
        JsonNode? value = null, string? replyToId = null, string? id = null)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = id ?? Guid.NewGuid().ToString("N"),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = channelId,
            ["from"] = new JsonObject { ["id"] = from, ["name"] = "用户", ["role"] = "user" },
            ["conversation"] = new JsonObject { ["id"] = conversation, ["conversationType"] = "personal" },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "ChatOps" },
            ["locale"] = "zh-CN",
        };
        if (text is not null)
        {
            activity["text"] = text;
        }

        if (value is not null)
        {
            activity["value"] = value;
        }

        if (replyToId is not null)
        {
            activity["replyToId"] = replyToId;
        }

        return activity;
    }

    /// <summary>A card button press: Action.Submit's data in <c>value</c>, replyToId = the card's activity.</summary>
    public static JsonObject Submit(string serviceUrl, string choice, string cardId, string from = "29:fgw-lly", string conversation = "a:fgw-personal") =>
        Message(serviceUrl, null, from, conversation, value: new JsonObject { ["choice"] = choice }, replyToId: cardId);

    /// <summary>An Adaptive Card submit carrying the button's whole data.</summary>
    public static JsonObject Submit(string serviceUrl, JsonObject data, string cardId, string from = "29:fgw-lly", string conversation = "a:fgw-personal") =>
        Message(serviceUrl, null, from, conversation, value: data, replyToId: cardId);

    /// <summary>A Teams group chat message that @mentions the bot, with the tenant in channelData.</summary>
    public static JsonObject TeamsGroupMessage(string serviceUrl, string text, string from, string conversation)
    {
        var activity = Message(serviceUrl, $"<at>ChatOps</at> {text}", from, conversation, channelId: "msteams");
        activity["from"]!["aadObjectId"] = Guid.NewGuid().ToString();
        activity["conversation"] = new JsonObject { ["id"] = conversation, ["isGroup"] = true, ["conversationType"] = "groupChat", ["tenantId"] = TenantId };
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } };
        activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>ChatOps</at>",
            ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "ChatOps" },
        });
        return activity;
    }

    /// <summary>The bot was added to a Teams channel.</summary>
    public static JsonObject BotAddedToTeamsChannel(string serviceUrl, string conversation, string by)
    {
        var activity = TeamsGroupMessage(serviceUrl, string.Empty, by, conversation);
        activity["type"] = "conversationUpdate";
        activity.Remove("text");
        activity.Remove("entities");
        activity["conversation"]!["conversationType"] = "channel";
        activity["conversation"]!["name"] = "爱卫办联络员频道";
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotId });
        return activity;
    }

    /// <summary>JSON text of an activity.</summary>
    public static string Json(JsonObject activity) => activity.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
