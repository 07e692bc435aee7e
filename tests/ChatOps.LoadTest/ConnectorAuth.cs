using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatOps.LoadTest;

/// <summary>
/// <c>botframework --auth</c>: the Bot Connector's side of authentication, so that both bots check every request as in
/// production. The tests' loopback OpenID server (ChatOps.Testing's <see cref="FakeOpenIdServer"/>, in the harness's
/// process) publishes the metadata and one RS256 key endorsed for Web Chat; the token each activity carries is the
/// tests' channel token (issuer api.botframework.com, audience the bot's app id, the serviceurl claim, an hour's
/// lifetime), one token sent again and again until near its end; the stubs answer the bot's client-credentials request
/// for its reply token (<see cref="MapTokenEndpoint"/>).
/// </summary>
internal sealed class ConnectorAuth : IAsyncDisposable
{
    public const string AppId = "0b6e3c52-7a1f-4d2e-9c8b-5f4a3e2d1c0b";
    public const string AppPassword = "load-secret";
    public const string OutboundToken = "load-outbound-token";
    public const string ChannelId = "webchat";
    public const string TokenPath = "/auth/token";

    private readonly FakeOpenIdServer _openId;
    private readonly string _serviceUrl;
    private readonly FakeSigningKey _key = FakeSigningKey.CreateUnique("load-connector-key", ChannelId, "msteams");
    private readonly Lock _gate = new();
    private (string Header, DateTimeOffset Renew) _current;

    private ConnectorAuth(FakeOpenIdServer openId, string serviceUrl)
    {
        _openId = openId;
        _serviceUrl = serviceUrl;
        _openId.ChannelKeys.Add(_key);
    }

    /// <summary>Gets the OpenID metadata document's address.</summary>
    public Uri MetadataUrl => _openId.ChannelMetadataUrl;

    /// <summary>Starts the OpenID server; the tokens are signed for activities to <paramref name="serviceUrl"/> (their serviceurl claim).</summary>
    public static async Task<ConnectorAuth> StartAsync(string serviceUrl) => new(await FakeOpenIdServer.StartAsync(), serviceUrl);

    /// <summary>The token endpoint the bot asks for its reply token (client credentials), on the stubs.</summary>
    public static void MapTokenEndpoint(WebApplication app) =>
        app.MapPost(TokenPath, () => Results.Json(new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = 3600,
            ["ext_expires_in"] = 3600,
            ["access_token"] = OutboundToken,
        }));

    /// <summary>The Authorization header of an activity: the same token for 50 minutes, then a new one.</summary>
    public string Header()
    {
        lock (_gate)
        {
            var now = DateTimeOffset.UtcNow;
            if (_current.Header is null || now >= _current.Renew)
            {
                var claims = BotTokenClaims.Channel(AppId, _serviceUrl, now.AddMinutes(-5));
                _current = ("Bearer " + FakeTokenSigner.Sign(_key, claims), now.AddMinutes(50));
            }

            return _current.Header;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _openId.DisposeAsync();
        _key.Dispose();
    }
}
