using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatOps.Testing;

/// <summary>
/// A tiny OpenID provider on loopback that behaves as Entra ID's v2.0 endpoints do for the authorization-code flow:
/// discovery document, JWKS, authorize (the "signed-in user" consents at once and is sent back with a code and the
/// caller's state), token (code once, PKCE checked) issuing an RS256 ID token with Entra's claims (iss per tenant,
/// aud = client id, oid, tid, preferred_username, name, nonce, ver 2.0).
/// </summary>
public sealed class FakeEntra : IAsyncDisposable
{
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string ClientId = "3f2a7c1e-5d0b-4a8e-9c61-0b7e2d4f8a15";
    public const string ClientSecret = "fake-entra-secret";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly string _kid = "fake-key-1";
    private readonly Dictionary<string, (string Nonce, string Challenge, string RedirectUri, (string Oid, string Upn, string Name) User)> _codes = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    public string Authority => $"{BaseUrl}/{TenantId}/v2.0";

    /// <summary>Who signs in at the authorize page.</summary>
    public (string Oid, string Upn, string Name) User { get; set; } = (Guid.NewGuid().ToString(), "someone@example.gov.cn", "某人");

    public static async Task<FakeEntra> StartAsync()
    {
        var fake = new FakeEntra();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet($"/{TenantId}/v2.0/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = fake.Authority,
            ["authorization_endpoint"] = $"{fake.BaseUrl}/{TenantId}/oauth2/v2.0/authorize",
            ["token_endpoint"] = $"{fake.BaseUrl}/{TenantId}/oauth2/v2.0/token",
            ["jwks_uri"] = $"{fake.BaseUrl}/{TenantId}/discovery/v2.0/keys",
            ["response_types_supported"] = new[] { "code", "id_token", "code id_token" },
            ["response_modes_supported"] = new[] { "query", "fragment", "form_post" },
            ["subject_types_supported"] = new[] { "pairwise" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["scopes_supported"] = new[] { "openid", "profile", "email", "offline_access" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        app.MapGet($"/{TenantId}/discovery/v2.0/keys", () =>
        {
            var p = fake._rsa.ExportParameters(false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", kid = fake._kid, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) } } });
        });
        app.MapGet($"/{TenantId}/oauth2/v2.0/authorize", (Delegate)fake.Authorize);
        app.MapPost($"/{TenantId}/oauth2/v2.0/token", (Delegate)fake.TokenAsync);
        await app.StartAsync();
        fake._app = app;
        fake.BaseUrl = app.Urls.First().TrimEnd('/');
        return fake;
    }

    private IResult Authorize(HttpContext context)
    {
        var q = context.Request.Query;
        if (q["client_id"] != ClientId || q["response_type"] != "code" || q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["nonce"]))
        {
            return Results.BadRequest("AADSTS900144: invalid request");
        }

        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        lock (_lock)
        {
            _codes[code] = (q["nonce"]!, q["code_challenge"]!, q["redirect_uri"]!, User);
        }

        return Results.Redirect($"{q["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(q["state"].ToString())}&session_state={Guid.NewGuid()}");
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        (string Nonce, string Challenge, string RedirectUri, (string Oid, string Upn, string Name) User) grant;
        lock (_lock)
        {
            if (!_codes.Remove(form["code"].ToString(), out grant))
            {
                return Results.Json(new { error = "invalid_grant", error_description = "AADSTS54005: OAuth2 Authorization code was already redeemed." }, statusCode: 400);
            }
        }

        var verifier = form["code_verifier"].ToString();
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret || challenge != grant.Challenge || form["redirect_uri"] != grant.RedirectUri)
        {
            return Results.Json(new { error = "invalid_grant", error_description = "AADSTS50148/AADSTS7000215: verifier, secret or redirect_uri mismatch." }, statusCode: 400);
        }

        var now = DateTime.UtcNow;
        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = _kid }, SecurityAlgorithms.RsaSha256),
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", "sub-" + grant.User.Oid), new Claim("oid", grant.User.Oid), new Claim("tid", TenantId),
                new Claim("preferred_username", grant.User.Upn), new Claim("name", grant.User.Name), new Claim("nonce", grant.Nonce), new Claim("ver", "2.0"),
            ]),
        });
        return Results.Json(new { token_type = "Bearer", scope = "openid profile", expires_in = 3600, id_token = idToken, access_token = "opaque-" + Guid.NewGuid() });
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _rsa.Dispose();
    }
}
