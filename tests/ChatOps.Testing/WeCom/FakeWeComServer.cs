using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using ChatOps.Channels.WeCom;
using ChatOps.Channels.WeCom.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatOps.Testing;

/// <summary>
/// A fake WeCom server on loopback (real Kestrel, http://127.0.0.1:random) for tests and as a developer sandbox:
/// gettoken with expiry and early revocation, message/send (invaliduser, 81013, per-member limits that silently
/// drop like WeCom, duplicate check, response_code for interactive cards), message/update_template_card,
/// appchat/create, appchat/send and webhook/send (20/min per key → 45009). Every request is recorded; the next N
/// calls to a path can fail with any errcode or HTTP status or be delayed. It also drives callbacks into the bot,
/// encrypted and signed with <see cref="WeComCrypto"/> exactly as WeCom does.
/// Self-contained and public so that host integration tests can reuse it. Thread-safe.
/// Errcodes for rare cases WeCom does not document precisely (bad response_code, unknown chat, bad parameters)
/// are this fake's choices: <see cref="InvalidParameterErrCode"/> and <see cref="ChatNotFoundErrCode"/>.
/// </summary>
public sealed partial class FakeWeComServer : IAsyncDisposable
{
    /// <summary>Errcode the fake uses for malformed parameters (WeCom: 40058 不合法的参数).</summary>
    public const int InvalidParameterErrCode = 40058;

    /// <summary>Errcode the fake uses for an unknown chatid (the fake's choice).</summary>
    public const int ChatNotFoundErrCode = 86003;

    private static readonly JsonSerializerOptions WriteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly TimeSpan ResponseCodeLifetime = TimeSpan.FromHours(72);

    private readonly Lock _lock = new();
    private readonly List<FakeApp> _apps = [];
    private readonly Dictionary<string, FakeToken> _tokens = new(StringComparer.Ordinal);
    private readonly List<FakeWeComRequest> _requests = [];
    private readonly Dictionary<string, Queue<Injection>> _failures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<TimeSpan>> _delays = new(StringComparer.Ordinal);
    private readonly List<FakeWeComDelivery> _deliveries = [];
    private readonly Dictionary<string, HashSet<string>> _taskIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeResponseCode> _responseCodes = new(StringComparer.Ordinal);
    private readonly List<FakeWeComCardUpdate> _cardUpdates = [];
    private readonly Dictionary<string, FakeWeComAppChat> _chats = new(StringComparer.Ordinal);
    private readonly List<FakeWeComGroupMessage> _appChatMessages = [];
    private readonly List<FakeWeComGroupMessage> _webhookMessages = [];
    private readonly HttpClient _callbackClient = new();
    private HashSet<string>? _knownUsers;
    private HashSet<string>? _trustedIps;
    private FakeWeComAgent _agent = new();
    private (string Path, int Remaining, int ErrCode)? _revokeAfter;
    private int _tokensIssued;
    private WebApplication? _app;

    private FakeWeComServer(FakeWeComServerOptions options)
    {
        Options = options;
        _apps.Add(new FakeApp(options.CorpId, options.AgentId, options.Secret));
        _knownUsers = options.KnownUsers is null ? null : new HashSet<string>(options.KnownUsers, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The settings the fake runs with.</summary>
    public FakeWeComServerOptions Options { get; }

    /// <summary>The base URL, e.g. http://127.0.0.1:54321 (no trailing slash): the ApiBaseUrl of the client.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>How many tokens gettoken issued (reused ones not counted).</summary>
    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>Starts the fake on a free loopback port.</summary>
    public static async Task<FakeWeComServer> StartAsync(FakeWeComServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new FakeWeComServer(options ?? new FakeWeComServerOptions());
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        server._app = app;
        server.BaseUrl = app.Urls.First().TrimEnd('/');
        return server;
    }

    /// <summary>Settings of a client app pointing at this fake (the default app).</summary>
    public WeComAppOptions CreateAppOptions() => new()
    {
        Name = "fake",
        CorpId = Options.CorpId,
        AgentId = Options.AgentId,
        Secret = Options.Secret,
        Token = Options.Token,
        EncodingAESKey = Options.EncodingAESKey,
        ApiBaseUrl = BaseUrl,
    };

    /// <summary>The callback crypto of the default app (the bot must use the same Token and EncodingAESKey).</summary>
    public WeComCrypto CreateCrypto(WeComCryptoOptions? options = null) =>
        new(Options.Token, Options.EncodingAESKey, Options.CorpId, options);

    /// <summary>The webhook URL of a group robot with <paramref name="key"/>.</summary>
    public Uri WebhookUrl(string key) => new($"{BaseUrl}/cgi-bin/webhook/send?key={Uri.EscapeDataString(key)}");

    /// <summary>Adds another app (agent).</summary>
    public void AddApp(string corpId, string agentId, string secret)
    {
        lock (_lock)
        {
            _apps.Add(new FakeApp(corpId, agentId, secret));
        }
    }

    /// <summary>Restricts the known userids (others come back as invaliduser); null allows every userid.</summary>
    public void SetKnownUsers(IEnumerable<string>? userIds)
    {
        lock (_lock)
        {
            _knownUsers = userIds is null ? null : new HashSet<string>(userIds, StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary>
    /// The app's 企业可信IP list: calls from any other address answer 60020 "not allow to access from your ip … from ip:
    /// X" as WeCom does (every API but gettoken). Null (default) trusts every address.
    /// </summary>
    public void SetTrustedIps(IEnumerable<string>? ips)
    {
        lock (_lock)
        {
            _trustedIps = ips is null ? null : new HashSet<string>(ips, StringComparer.Ordinal);
        }
    }

    /// <summary>What agent/get answers about the app: visible range, trusted domain, whether it is disabled.</summary>
    public void SetAgent(FakeWeComAgent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        lock (_lock)
        {
            _agent = agent;
        }
    }

    // ---- token control ---------------------------------------------------------------------------------------

    /// <summary>Expires every issued token now (calls with them answer 42001; gettoken issues new ones).</summary>
    public void ExpireAllTokens()
    {
        lock (_lock)
        {
            var now = Now;
            foreach (var token in _tokens.Values)
            {
                token.ExpiresAt = now;
            }
        }
    }

    /// <summary>Revokes every issued token early (calls answer <paramref name="errCode"/>, 42001 or 40014).</summary>
    public void RevokeAllTokens(int errCode = 42001)
    {
        lock (_lock)
        {
            RevokeAllCore(errCode);
        }
    }

    /// <summary>Revokes every token right after <paramref name="successfulCalls"/> more successful calls to <paramref name="path"/>.</summary>
    public void RevokeTokensAfter(string path, int successfulCalls, int errCode = 42001)
    {
        lock (_lock)
        {
            _revokeAfter = (path, successfulCalls, errCode);
        }
    }

    // ---- failure injection -----------------------------------------------------------------------------------

    /// <summary>The next <paramref name="times"/> calls to <paramref name="path"/> answer <paramref name="errCode"/> (e.g. -1, 42001, 45009).</summary>
    public void FailNext(string path, int errCode, int times = 1, string? errMsg = null) =>
        Enqueue(path, new Injection(errCode, null, errMsg ?? DefaultErrMsg(errCode)), times);

    /// <summary>Drops the failures still queued for <paramref name="path"/>: its calls succeed again. Returns how many were still queued.</summary>
    public int ClearFailures(string path)
    {
        lock (_lock)
        {
            var left = _failures.TryGetValue(path, out var queue) ? queue.Count : 0;
            _failures.Remove(path);
            return left;
        }
    }

    /// <summary>The next <paramref name="times"/> calls to <paramref name="path"/> answer HTTP <paramref name="statusCode"/>.</summary>
    public void FailNextWithHttpStatus(string path, int statusCode, int times = 1) =>
        Enqueue(path, new Injection(null, statusCode, null), times);

    /// <summary>The next <paramref name="times"/> calls to <paramref name="path"/> wait <paramref name="delay"/> (real time) first.</summary>
    public void DelayNext(string path, TimeSpan delay, int times = 1)
    {
        lock (_lock)
        {
            if (!_delays.TryGetValue(path, out var queue))
            {
                _delays[path] = queue = new Queue<TimeSpan>();
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(delay);
            }
        }
    }

    // ---- what was received -----------------------------------------------------------------------------------

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<FakeWeComRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Requests to <paramref name="path"/>.</summary>
    public IReadOnlyList<FakeWeComRequest> RequestsTo(string path) => [.. Requests.Where(r => r.Path == path)];

    /// <summary>Every message/send recipient, delivered or dropped.</summary>
    public IReadOnlyList<FakeWeComDelivery> Deliveries
    {
        get
        {
            lock (_lock)
            {
                return [.. _deliveries];
            }
        }
    }

    /// <summary>Recipients that actually saw the message.</summary>
    public IReadOnlyList<FakeWeComDelivery> Delivered => [.. Deliveries.Where(d => d.Delivered)];

    /// <summary>Accepted but silently dropped (what the dispatcher must never cause).</summary>
    public IReadOnlyList<FakeWeComDelivery> Dropped => [.. Deliveries.Where(d => !d.Delivered)];

    /// <summary>Accepted update_template_card calls.</summary>
    public IReadOnlyList<FakeWeComCardUpdate> CardUpdates
    {
        get
        {
            lock (_lock)
            {
                return [.. _cardUpdates];
            }
        }
    }

    /// <summary>App chats by chatid.</summary>
    public IReadOnlyDictionary<string, FakeWeComAppChat> AppChats
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, FakeWeComAppChat>(_chats, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Messages sent into app chats.</summary>
    public IReadOnlyList<FakeWeComGroupMessage> AppChatMessages
    {
        get
        {
            lock (_lock)
            {
                return [.. _appChatMessages];
            }
        }
    }

    /// <summary>Messages accepted by group robots (webhook key as target).</summary>
    public IReadOnlyList<FakeWeComGroupMessage> WebhookMessages
    {
        get
        {
            lock (_lock)
            {
                return [.. _webhookMessages];
            }
        }
    }

    // ---- callbacks into the bot --------------------------------------------------------------------------------

    /// <summary>
    /// POSTs <paramref name="innerXml"/> to the bot as WeCom does: encrypted with <paramref name="crypto"/>, the
    /// envelope (ToUserName, Encrypt, AgentID) as body, msg_signature, timestamp (fake clock) and nonce in the query.
    /// </summary>
    public async Task<FakeWeComCallbackResult> SendCallbackAsync(
        Uri botCallbackUrl, string innerXml, WeComCrypto crypto, string? agentId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(botCallbackUrl);
        ArgumentNullException.ThrowIfNull(innerXml);
        ArgumentNullException.ThrowIfNull(crypto);
        var timestamp = Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomString(10);
        var encrypted = crypto.CreateEncryptedMessage(innerXml, timestamp, nonce);
        var url = AppendQuery(botCallbackUrl, $"msg_signature={encrypted.MsgSignature}&timestamp={timestamp}&nonce={nonce}");
        using var content = new StringContent(encrypted.ToCallbackBody(crypto.ReceiveId, agentId ?? Options.AgentId), Encoding.UTF8, "text/xml");
        using var response = await _callbackClient.PostAsync(url, content, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        string? reply = null;
        if (response.IsSuccessStatusCode && body.TrimStart().StartsWith("<xml", StringComparison.Ordinal))
        {
            try
            {
                reply = crypto.DecryptPassiveReply(body);
            }
            catch (WeComCallbackException)
            {
                reply = null;
            }
        }

        return new FakeWeComCallbackResult((int)response.StatusCode, body, reply);
    }

    /// <summary>WeCom's URL check: GET with msg_signature, timestamp, nonce and an encrypted echostr; the bot must answer the plain echostr.</summary>
    public async Task<FakeWeComCallbackResult> VerifyUrlAsync(Uri botCallbackUrl, WeComCrypto crypto, string echo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(botCallbackUrl);
        ArgumentNullException.ThrowIfNull(crypto);
        var timestamp = Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomString(10);
        var encrypted = crypto.CreateEncryptedMessage(echo, timestamp, nonce);
        var url = AppendQuery(botCallbackUrl, $"msg_signature={encrypted.MsgSignature}&timestamp={timestamp}&nonce={nonce}&echostr={Uri.EscapeDataString(encrypted.Encrypt)}");
        using var response = await _callbackClient.GetAsync(url, cancellationToken).ConfigureAwait(false);
        return new FakeWeComCallbackResult((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), null);
    }

    /// <summary>A member's text message (接收消息: text).</summary>
    public Task<FakeWeComCallbackResult> SendTextMessageAsync(
        Uri botCallbackUrl, WeComCrypto crypto, string fromUser, string content, string? agentId = null, CancellationToken cancellationToken = default)
    {
        var msgId = RandomNumberGenerator.GetInt32(1, int.MaxValue).ToString(CultureInfo.InvariantCulture) + "0000";
        var xml = Xml(
            ("ToUserName", crypto.ReceiveId, true),
            ("FromUserName", fromUser, true),
            ("CreateTime", Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), false),
            ("MsgType", "text", true),
            ("Content", content, true),
            ("MsgId", msgId, false),
            ("AgentID", agentId ?? Options.AgentId, false));
        return SendCallbackAsync(botCallbackUrl, xml, crypto, agentId, cancellationToken);
    }

    /// <summary>
    /// A button click on a template card (模板卡片事件推送, Event template_card_event). Issues a fresh
    /// response_code (usable once within 72 h for update_template_card) and returns it in the result.
    /// </summary>
    public async Task<FakeWeComCallbackResult> SendCardClickAsync(
        Uri botCallbackUrl, WeComCrypto crypto, string fromUser, string taskId, string buttonKey, string? agentId = null, CancellationToken cancellationToken = default)
    {
        var agent = agentId ?? Options.AgentId;
        var code = RandomString(32);
        lock (_lock)
        {
            _responseCodes[code] = new FakeResponseCode(agent, taskId, Now);
        }

        var xml = Xml(
            ("ToUserName", crypto.ReceiveId, true),
            ("FromUserName", fromUser, true),
            ("CreateTime", Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), false),
            ("MsgType", "event", true),
            ("Event", "template_card_event", true),
            ("EventKey", buttonKey, true),
            ("TaskId", taskId, true),
            ("CardType", "button_interaction", true),
            ("ResponseCode", code, true),
            ("AgentID", agent, false));
        var result = await SendCallbackAsync(botCallbackUrl, xml, crypto, agent, cancellationToken).ConfigureAwait(false);
        return result with { ResponseCode = code };
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _callbackClient.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    // ---- request handling --------------------------------------------------------------------------------------

    private DateTimeOffset Now => Options.TimeProvider.GetUtcNow();

    private async Task HandleAsync(HttpContext context)
    {
        if (TryWebLoginRedirect(context))
        {
            return;
        }

        if (context.Request.Path == MediaUploadPath)
        {
            await MediaUploadAsync(context).ConfigureAwait(false);
            return;
        }

        string bodyText;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            bodyText = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        var path = context.Request.Path.Value ?? string.Empty;
        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        JsonNode? body = null;
        if (bodyText.Length > 0)
        {
            try
            {
                body = JsonNode.Parse(bodyText);
            }
            catch (JsonException)
            {
                body = null;
            }
        }

        TimeSpan? delay = null;
        Injection? injection = null;
        lock (_lock)
        {
            _requests.Add(new FakeWeComRequest(context.Request.Method, path, query, bodyText, body, Now));
            if (_delays.TryGetValue(path, out var delays) && delays.Count > 0)
            {
                delay = delays.Dequeue();
            }

            if (_failures.TryGetValue(path, out var failures) && failures.Count > 0)
            {
                injection = failures.Dequeue();
            }
        }

        if (delay is { } wait)
        {
            await Task.Delay(wait, context.RequestAborted).ConfigureAwait(false);
        }

        JsonObject answer;
        if (injection is { HttpStatus: { } status })
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsync("<html>injected failure</html>", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var remoteIp = context.Connection.RemoteIpAddress?.MapToIPv4().ToString() ?? "unknown";
        if (injection is { ErrCode: { } injected })
        {
            answer = Error(injected, injection.ErrMsg);
        }
        else
        {
            lock (_lock)
            {
                answer = path != "/cgi-bin/gettoken" && _trustedIps is { } trusted && !trusted.Contains(remoteIp)
                    ? new JsonObject { ["errcode"] = 60020, ["errmsg"] = $"not allow to access from your ip, hint: [fake], from ip: {remoteIp}, more info at https://open.work.weixin.qq.com/devtool/query?e=60020" }
                    : Dispatch(path, query, body);
            }
        }

        if (path == MediaGetPath && answer["errcode"]!.GetValue<int>() == 0)
        {
            await WriteMediaAsync(context, answer).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(answer.ToJsonString(WriteOptions), context.RequestAborted).ConfigureAwait(false);
    }

    private JsonObject Dispatch(string path, Dictionary<string, string> query, JsonNode? body)
    {
        switch (path)
        {
            case "/cgi-bin/gettoken":
                return GetToken(query);
            case "/cgi-bin/webhook/send":
                return WebhookSend(query, body as JsonObject);
        }

        var tokenError = CheckToken(query, out var token);
        if (tokenError is not null)
        {
            return tokenError;
        }

        if (path == "/cgi-bin/agent/get")
        {
            return AgentGet(token!, query);
        }

        if (path == MediaGetPath)
        {
            return MediaGet(query);
        }

        if (path == "/cgi-bin/auth/getuserinfo")
        {
            return GetUserInfo(query);
        }

        var json = body as JsonObject;
        if (json is null)
        {
            return Error(InvalidParameterErrCode, "invalid json request");
        }

        var answer = path switch
        {
            "/cgi-bin/message/send" => MessageSend(token!, json),
            "/cgi-bin/message/update_template_card" => UpdateTemplateCard(token!, json),
            "/cgi-bin/appchat/create" => AppChatCreate(json),
            "/cgi-bin/appchat/send" => AppChatSend(json),
            _ => Error(404, "not found (fake)"),
        };

        if (answer["errcode"]!.GetValue<int>() == 0 && _revokeAfter is { } revoke && revoke.Path == path)
        {
            _revokeAfter = revoke.Remaining <= 1 ? null : (revoke.Path, revoke.Remaining - 1, revoke.ErrCode);
            if (revoke.Remaining <= 1)
            {
                RevokeAllCore(revoke.ErrCode);
            }
        }

        return answer;
    }

    private JsonObject GetToken(Dictionary<string, string> query)
    {
        var corpId = query.GetValueOrDefault("corpid");
        var secret = query.GetValueOrDefault("corpsecret");
        if (string.IsNullOrEmpty(corpId) || !_apps.Any(a => a.CorpId == corpId))
        {
            return Error(40013, "invalid corpid");
        }

        var app = _apps.FirstOrDefault(a => a.CorpId == corpId && a.Secret == secret);
        if (app is null)
        {
            return Error(40001, "invalid credential");
        }

        var now = Now;
        if (Options.ReuseValidTokens)
        {
            var existing = _tokens.FirstOrDefault(t => t.Value.App == app && t.Value.RevokedWith is null && t.Value.ExpiresAt > now);
            if (existing.Key is not null)
            {
                return Ok(("access_token", existing.Key), ("expires_in", (long)(existing.Value.ExpiresAt - now).TotalSeconds));
            }
        }

        var token = RandomString(64);
        _tokens[token] = new FakeToken(app, now + Options.TokenLifetime);
        Interlocked.Increment(ref _tokensIssued);
        return Ok(("access_token", token), ("expires_in", (long)Options.TokenLifetime.TotalSeconds));
    }

    private JsonObject AgentGet(FakeToken token, Dictionary<string, string> query)
    {
        if (query.GetValueOrDefault("agentid") != token.App.AgentId)
        {
            return Error(40056, "invalid agentid");
        }

        return Ok(
            ("agentid", long.Parse(token.App.AgentId, CultureInfo.InvariantCulture)),
            ("name", _agent.Name),
            ("close", _agent.Closed ? 1 : 0),
            ("redirect_domain", _agent.RedirectDomain ?? string.Empty),
            ("allow_userinfos", new JsonObject { ["user"] = new JsonArray([.. _agent.UserIds.Select(u => (JsonNode)new JsonObject { ["userid"] = u })]) }),
            ("allow_partys", new JsonObject { ["partyid"] = new JsonArray([.. _agent.PartyIds.Select(p => (JsonNode)JsonValue.Create(p))]) }),
            ("allow_tags", new JsonObject { ["tagid"] = new JsonArray() }));
    }

    private JsonObject? CheckToken(Dictionary<string, string> query, out FakeToken? token)
    {
        token = null;
        var value = query.GetValueOrDefault("access_token");
        if (string.IsNullOrEmpty(value))
        {
            return Error(41001, "access_token missing");
        }

        if (!_tokens.TryGetValue(value, out var found))
        {
            return Error(40014, "invalid access_token");
        }

        if (found.RevokedWith is { } code)
        {
            return Error(code, code == 42001 ? "access_token expired" : "invalid access_token");
        }

        if (found.ExpiresAt <= Now)
        {
            return Error(42001, "access_token expired");
        }

        token = found;
        return null;
    }

    private JsonObject MessageSend(FakeToken token, JsonObject body)
    {
        var agentError = CheckAgent(token, body);
        if (agentError is not null)
        {
            return agentError;
        }

        var msgType = Str(body["msgtype"]);
        if (msgType is not ("text" or "markdown" or "template_card" or "file"))
        {
            return Error(40008, "invalid message type");
        }

        var payload = body[msgType];
        if (payload is null)
        {
            return Error(InvalidParameterErrCode, $"missing {msgType}");
        }

        string? taskId = null;
        var interactive = false;
        if (msgType == "template_card")
        {
            var cardType = Str(payload["card_type"]);
            interactive = cardType is "button_interaction" or "vote_interaction" or "multiple_interaction";
            taskId = Str(payload["task_id"]);
            if (interactive || taskId is not null)
            {
                var used = TaskIds(token.App.AgentId);
                if (!WeComCardRenderer.IsValidTaskId(taskId) || used.Contains(taskId!))
                {
                    return Error(42014, "taskid has existed or empty or exceed max len");
                }
            }

            if (payload["button_list"] is JsonArray buttons && buttons.Count > 6)
            {
                return Error(InvalidParameterErrCode, "button_list exceeds 6");
            }
        }
        else if (msgType == "file")
        {
            if (!IsValidMedia(Str(payload["media_id"])))
            {
                return Error(40007, "invalid media_id");
            }
        }
        else if (string.IsNullOrEmpty(Str(payload["content"])))
        {
            return Error(InvalidParameterErrCode, "empty content");
        }

        var users = SplitIds(Str(body["touser"]));
        var parties = SplitIds(Str(body["toparty"]));
        var tags = SplitIds(Str(body["totag"]));
        var invalid = users.Where(u => u != "@all" && _knownUsers is not null && !_knownUsers.Contains(u)).Select(u => u.ToLowerInvariant()).ToList();
        var valid = users.Where(u => !invalid.Contains(u.ToLowerInvariant())).ToList();
        if (valid.Count == 0 && parties.Count == 0 && tags.Count == 0)
        {
            var all = Error(81013, "user & party & tag all invalid");
            if (invalid.Count > 0)
            {
                all["invaliduser"] = string.Join('|', invalid);
            }

            return all;
        }

        if (taskId is not null)
        {
            TaskIds(token.App.AgentId).Add(taskId);
        }

        var duplicateCheck = Int(body["enable_duplicate_check"]) == 1;
        var interval = TimeSpan.FromSeconds(Int(body["duplicate_check_interval"]) is > 0 and var seconds ? seconds : 1800);
        var contentKey = msgType + ":" + payload.ToJsonString();
        var msgId = RandomString(24);
        var now = Now;
        foreach (var user in valid)
        {
            var recipient = user.ToLowerInvariant();
            FakeWeComDropReason? drop = null;
            if (duplicateCheck && _deliveries.Any(d => d.Delivered && d.AgentId == token.App.AgentId && d.Recipient == recipient
                && d.MsgType + ":" + d.Payload?.ToJsonString() == contentKey && now - d.At < interval))
            {
                drop = FakeWeComDropReason.Duplicate;
            }
            else if (CountDelivered(token.App.AgentId, recipient, now, TimeSpan.FromMinutes(1)) >= Options.MemberMessagesPerMinute
                || CountDelivered(token.App.AgentId, recipient, now, TimeSpan.FromHours(1)) >= Options.MemberMessagesPerHour)
            {
                drop = FakeWeComDropReason.MemberRateLimit;
            }

            _deliveries.Add(new FakeWeComDelivery(token.App.AgentId, recipient, msgType, payload.DeepClone(), msgId, now, drop));
        }

        foreach (var party in parties)
        {
            _deliveries.Add(new FakeWeComDelivery(token.App.AgentId, "party:" + party, msgType, payload.DeepClone(), msgId, now, null));
        }

        foreach (var tag in tags)
        {
            _deliveries.Add(new FakeWeComDelivery(token.App.AgentId, "tag:" + tag, msgType, payload.DeepClone(), msgId, now, null));
        }

        var answer = Ok(("msgid", msgId));
        answer["invaliduser"] = string.Join('|', invalid);
        answer["invalidparty"] = string.Empty;
        answer["invalidtag"] = string.Empty;
        if (interactive)
        {
            var code = RandomString(32);
            _responseCodes[code] = new FakeResponseCode(token.App.AgentId, taskId, now);
            answer["response_code"] = code;
        }

        return answer;
    }

    private JsonObject UpdateTemplateCard(FakeToken token, JsonObject body)
    {
        var agentError = CheckAgent(token, body);
        if (agentError is not null)
        {
            return agentError;
        }

        var code = Str(body["response_code"]);
        if (code is null || !_responseCodes.TryGetValue(code, out var issued) || issued.Used
            || issued.AgentId != token.App.AgentId || Now - issued.IssuedAt > ResponseCodeLifetime)
        {
            return Error(InvalidParameterErrCode, "invalid response_code (unknown, used, expired or of another app)");
        }

        var replaceName = Str(body["button"]?["replace_name"]);
        var card = body["template_card"];
        if ((replaceName is null) == (card is null))
        {
            return Error(InvalidParameterErrCode, "set button.replace_name or template_card");
        }

        var userIds = (body["userids"] as JsonArray)?.Select(u => Str(u) ?? string.Empty).ToList() ?? [];
        var atAll = Int(body["atall"]) == 1;
        if (userIds.Count == 0 && !atAll)
        {
            return Error(InvalidParameterErrCode, "no userids");
        }

        issued.Used = true;
        _cardUpdates.Add(new FakeWeComCardUpdate(code, issued.TaskId, userIds, atAll, replaceName, card?.DeepClone()));
        return Ok();
    }

    private JsonObject AppChatCreate(JsonObject body)
    {
        var members = (body["userlist"] as JsonArray)?.Select(u => Str(u) ?? string.Empty).ToList() ?? [];
        if (members.Count is < 2 or > 2000)
        {
            return Error(InvalidParameterErrCode, "userlist must have 2 to 2000 members");
        }

        if (_knownUsers is not null && members.Any(m => !_knownUsers.Contains(m)))
        {
            return Error(40003, "invalid userid");
        }

        var chatId = Str(body["chatid"]) ?? Guid.NewGuid().ToString("N");
        if (chatId.Length is 0 or > 32 || !chatId.All(char.IsAsciiLetterOrDigit) || _chats.ContainsKey(chatId))
        {
            return Error(InvalidParameterErrCode, "invalid or existing chatid");
        }

        var owner = Str(body["owner"]) ?? members[0];
        _chats[chatId] = new FakeWeComAppChat(chatId, Str(body["name"]), owner, members);
        return Ok(("chatid", chatId));
    }

    private JsonObject AppChatSend(JsonObject body)
    {
        var chatId = Str(body["chatid"]);
        if (chatId is null || !_chats.ContainsKey(chatId))
        {
            return Error(ChatNotFoundErrCode, "chat not found");
        }

        var msgType = Str(body["msgtype"]);
        if (msgType is null || body[msgType] is not { } payload)
        {
            return Error(40008, "invalid message type");
        }

        _appChatMessages.Add(new FakeWeComGroupMessage(chatId, msgType, payload.DeepClone(), Now));
        return Ok();
    }

    private JsonObject WebhookSend(Dictionary<string, string> query, JsonObject? body)
    {
        var key = query.GetValueOrDefault("key");
        if (string.IsNullOrEmpty(key))
        {
            return Error(93000, "invalid webhook url");
        }

        var msgType = Str(body?["msgtype"]);
        if (body is null || msgType is null || body[msgType] is not { } payload)
        {
            return Error(40008, "invalid message type");
        }

        var now = Now;
        if (_webhookMessages.Count(m => m.Target == key && now - m.At < TimeSpan.FromMinutes(1)) >= Options.WebhookMessagesPerMinute)
        {
            return Error(45009, "api freq out of limit");
        }

        _webhookMessages.Add(new FakeWeComGroupMessage(key, msgType, payload.DeepClone(), now));
        return Ok();
    }

    private static JsonObject? CheckAgent(FakeToken token, JsonObject body) =>
        Int(body["agentid"]).ToString(CultureInfo.InvariantCulture) == token.App.AgentId ? null : Error(40056, "invalid agentid");

    private int CountDelivered(string agentId, string recipient, DateTimeOffset now, TimeSpan window) =>
        _deliveries.Count(d => d.Delivered && d.AgentId == agentId && d.Recipient == recipient && now - d.At < window);

    private HashSet<string> TaskIds(string agentId)
    {
        if (!_taskIds.TryGetValue(agentId, out var set))
        {
            _taskIds[agentId] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        return set;
    }

    private void RevokeAllCore(int errCode)
    {
        foreach (var token in _tokens.Values)
        {
            token.RevokedWith ??= errCode;
        }
    }

    private void Enqueue(string path, Injection injection, int times)
    {
        lock (_lock)
        {
            if (!_failures.TryGetValue(path, out var queue))
            {
                _failures[path] = queue = new Queue<Injection>();
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(injection);
            }
        }
    }

    private static string DefaultErrMsg(int errCode) => errCode switch
    {
        -1 => "system busy",
        40014 => "invalid access_token",
        42001 => "access_token expired",
        45009 => "api freq out of limit",
        45033 => "api concurrent out of limit",
        40001 => "invalid credential",
        40013 => "invalid corpid",
        41001 => "access_token missing",
        60020 => "not allow to access from your ip, from ip: 127.0.0.1",
        _ => "injected failure",
    };

    private static JsonObject Ok(params (string Name, JsonNode? Value)[] fields)
    {
        var answer = new JsonObject { ["errcode"] = 0, ["errmsg"] = "ok" };
        foreach (var (name, value) in fields)
        {
            answer[name] = value;
        }

        return answer;
    }

    private static JsonObject Error(int errCode, string? errMsg) =>
        new() { ["errcode"] = errCode, ["errmsg"] = $"{errMsg}, hint: [fake], from ip: 127.0.0.1" };

    private static string? Str(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static long Int(JsonNode? node) =>
        node is JsonValue value
            ? value.TryGetValue<long>(out var number) ? number
            : value.TryGetValue<string>(out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0
            : 0;

    private static List<string> SplitIds(string? ids) =>
        string.IsNullOrEmpty(ids) ? [] : [.. ids.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static Uri AppendQuery(Uri url, string query) =>
        new(url.AbsoluteUri + (string.IsNullOrEmpty(url.Query) ? "?" : "&") + query);

    private static string Xml(params (string Name, string Value, bool CData)[] elements) =>
        new XElement("xml", elements.Select(e => new XElement(e.Name, e.CData ? new XCData(e.Value) : e.Value)))
            .ToString(SaveOptions.DisableFormatting);

    private static string RandomString(int length)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return RandomNumberGenerator.GetString(Alphabet, length);
    }

    private sealed record FakeApp(string CorpId, string AgentId, string Secret);

    private sealed class FakeToken(FakeApp app, DateTimeOffset expiresAt)
    {
        public FakeApp App { get; } = app;

        public DateTimeOffset ExpiresAt { get; set; } = expiresAt;

        public int? RevokedWith { get; set; }
    }

    private sealed class FakeResponseCode(string agentId, string? taskId, DateTimeOffset issuedAt)
    {
        public string AgentId { get; } = agentId;

        public string? TaskId { get; } = taskId;

        public DateTimeOffset IssuedAt { get; } = issuedAt;

        public bool Used { get; set; }
    }

    private sealed record Injection(int? ErrCode, int? HttpStatus, string? ErrMsg);
}
