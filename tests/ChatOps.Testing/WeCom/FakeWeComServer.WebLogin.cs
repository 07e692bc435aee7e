using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatOps.Testing;

/// <summary>
/// WeCom web login as the documents describe it: the OAuth page inside the client (<c>/connect/oauth2/authorize</c>)
/// and the QR login (<c>/wwlogin/sso/login</c>) send the browser back to <c>redirect_uri</c> with a one-time code and
/// the caller's <c>state</c>; <c>GET /cgi-bin/auth/getuserinfo</c> exchanges the code for the member's userid. A code
/// is valid for 5 minutes and usable once: unknown or used → 40029 invalid code, older → 42003 oauth_code timeout;
/// a non-member's code answers an openid instead of a userid.
/// </summary>
public sealed partial class FakeWeComServer
{
    /// <summary>A web-login code's lifetime.</summary>
    public static readonly TimeSpan LoginCodeLifetime = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, FakeLoginCode> _loginCodes = new(StringComparer.Ordinal);
    private (string Id, bool Member)? _webLoginUser;

    /// <summary>Who is "in the WeCom client" or "scans the QR code" on the login pages; null: nobody (the page waits).</summary>
    public void SetWebLoginUser(string? userId, bool member = true)
    {
        lock (_lock)
        {
            _webLoginUser = userId is null ? null : (userId, member);
        }
    }

    /// <summary>Issues a code for <paramref name="userId"/> as the login pages would (for tests that call the callback directly).</summary>
    public string IssueLoginCode(string userId, bool member = true)
    {
        lock (_lock)
        {
            var code = RandomString(32);
            _loginCodes[code] = new FakeLoginCode(userId, member, Now);
            return code;
        }
    }

    /// <summary>The redirects the login pages answered (URL the browser was sent to).</summary>
    public IReadOnlyList<string> LoginRedirects
    {
        get
        {
            lock (_lock)
            {
                return [.. _loginRedirects];
            }
        }
    }

    private readonly List<string> _loginRedirects = [];

    private bool TryWebLoginRedirect(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (path is not ("/connect/oauth2/authorize" or "/wwlogin/sso/login"))
        {
            return false;
        }

        var q = context.Request.Query;
        lock (_lock)
        {
            _requests.Add(new FakeWeComRequest(context.Request.Method, path, q.ToDictionary(x => x.Key, x => x.Value.ToString(), StringComparer.Ordinal), string.Empty, null, Now));
        }

        var appOk = q["appid"] == Options.CorpId && q["agentid"] == Options.AgentId &&
            (path == "/wwlogin/sso/login" ? q["login_type"] == "CorpApp" : q["response_type"] == "code" && q["scope"] == "snsapi_base");
        var redirect = q["redirect_uri"].ToString();
        if (!appOk || !Uri.TryCreate(redirect, UriKind.Absolute, out var target))
        {
            context.Response.StatusCode = 400;
            return true;
        }

        string? code;
        lock (_lock)
        {
            code = _webLoginUser is { } user ? IssueLoginCode(user.Id, user.Member) : null;
        }

        if (code is null)
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.StatusCode = 200;
            return true; // the QR page waiting for a scan
        }

        var separator = target.Query.Length > 0 ? "&" : "?";
        var location = $"{redirect}{separator}code={code}&state={Uri.EscapeDataString(q["state"].ToString())}";
        lock (_lock)
        {
            _loginRedirects.Add(location);
        }

        context.Response.Redirect(location);
        return true;
    }

    private JsonObject GetUserInfo(Dictionary<string, string> query)
    {
        var code = query.GetValueOrDefault("code");
        if (string.IsNullOrEmpty(code))
        {
            return Error(41008, "missing code");
        }

        if (!_loginCodes.TryGetValue(code, out var found) || found.Used)
        {
            return Error(40029, "invalid code");
        }

        if (Now - found.IssuedAt > LoginCodeLifetime)
        {
            return Error(42003, "oauth_code timeout");
        }

        found.Used = true;
        return found.Member
            ? Ok(("userid", found.UserId), ("user_ticket", RandomString(20)), ("expires_in", 1800))
            : Ok(("openid", "o" + found.UserId), ("external_userid", ""));
    }

    private sealed class FakeLoginCode(string userId, bool member, DateTimeOffset issuedAt)
    {
        public string UserId { get; } = userId;

        public bool Member { get; } = member;

        public DateTimeOffset IssuedAt { get; } = issuedAt;

        public bool Used { get; set; }
    }
}
