using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatOps.LoadTest;

/// <summary>
/// <c>botframework --auth</c>: the Bot Connector's side of authentication, on the stubs' loopback address, so that both
/// bots check every request as in production. It publishes an OpenID metadata document and its key set (one RS256 key,
/// endorsed for Web Chat), signs the token the Connector sends with each activity (issuer api.botframework.com,
/// audience the bot's app id, the serviceurl claim, an hour's lifetime; like the Connector it signs one and sends it
/// until it is near its end) and answers the bot's client-credentials request for its outbound token.
/// </summary>
internal sealed class ConnectorAuth : IDisposable
{
    public const string AppId = "0b6e3c52-7a1f-4d2e-9c8b-5f4a3e2d1c0b";
    public const string AppPassword = "load-secret";
    public const string KeyId = "load-connector-key";
    public const string OutboundToken = "load-outbound-token";
    public const string Issuer = "https://api.botframework.com";
    public const string OutboundScope = "https://api.botframework.com";
    public const string ChannelId = "webchat";

    private readonly RSA _key = RSA.Create(2048);
    private readonly Lock _gate = new();
    private (string Header, DateTimeOffset Renew) _current;

    public static string MetadataPath => "/auth/openid";

    public static string KeysPath => "/auth/keys";

    public static string TokenPath => "/auth/token";

    /// <summary>Serves the metadata, the key set and the token endpoint on <paramref name="app"/>.</summary>
    public void Map(WebApplication app)
    {
        app.MapGet(MetadataPath, (HttpContext context) => Results.Json(new JsonObject
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = "https://invalid.example/",
            ["jwks_uri"] = $"{context.Request.Scheme}://{context.Request.Host}{KeysPath}",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
        }));
        app.MapGet(KeysPath, () =>
        {
            var parameters = _key.ExportParameters(false);
            return Results.Json(new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = KeyId,
                    ["n"] = Base64Url.EncodeToString(parameters.Modulus),
                    ["e"] = Base64Url.EncodeToString(parameters.Exponent),
                    ["endorsements"] = new JsonArray(ChannelId, "msteams"),
                }),
            });
        });
        app.MapPost(TokenPath, () => Results.Json(new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = 3600,
            ["ext_expires_in"] = 3600,
            ["access_token"] = OutboundToken,
        }));
    }

    /// <summary>The Authorization header of an activity to <paramref name="serviceUrl"/>: the same token for 50 minutes, then a new one.</summary>
    public string Header(string serviceUrl)
    {
        lock (_gate)
        {
            var now = DateTimeOffset.UtcNow;
            if (_current.Header is null || now >= _current.Renew)
            {
                _current = ("Bearer " + Sign(serviceUrl, now), now.AddMinutes(50));
            }

            return _current.Header;
        }
    }

    private string Sign(string serviceUrl, DateTimeOffset now)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = KeyId, ["typ"] = "JWT", ["x5t"] = KeyId };
        var payload = new JsonObject
        {
            ["serviceurl"] = serviceUrl,
            ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(55).ToUnixTimeSeconds(),
            ["iss"] = Issuer,
            ["aud"] = AppId,
        };
        var signed = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + "."
            + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signed + "." + Base64Url.EncodeToString(signature);
    }

    public void Dispose() => _key.Dispose();
}
