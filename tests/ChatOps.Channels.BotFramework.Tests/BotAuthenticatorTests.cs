using System.Net;
using System.Security.Cryptography;
using ChatOps.Channels.BotFramework.Tests.Fakes;

namespace ChatOps.Channels.BotFramework.Tests;

public sealed class BotAuthenticatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ValidChannelToken_IsAccepted_WithClaims()
    {
        await using var h = await AuthHarness.StartAsync();

        var result = await h.AuthenticateAsync(h.ChannelToken());

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(BotTokenSource.Channel, result.Source);
        Assert.Null(result.Failure);
        Assert.True(result.Identity.IsAuthenticated);
        Assert.Equal(AuthHarness.ServiceUrl, result.Identity.FindFirst("serviceurl")?.Value);
        Assert.Equal(AuthHarness.AppId, result.Identity.FindFirst("aud")?.Value);
        Assert.Equal(1, h.Server.ChannelMetadataRequests);
        Assert.Equal(1, h.Server.ChannelKeyRequests);
    }

    [Fact]
    public async Task ValidChannelToken_TakesChannelAndServiceUrlFromActivity()
    {
        await using var h = await AuthHarness.StartAsync();
        var activity = new Activity { Type = "message", ChannelId = "webchat", ServiceUrl = AuthHarness.ServiceUrl };

        var result = await h.Authenticator.AuthenticateAsync("Bearer " + h.ChannelToken(), activity, Ct);

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public async Task KeysAreCached_BetweenRequests()
    {
        await using var h = await AuthHarness.StartAsync();

        for (var i = 0; i < 5; i++)
        {
            Assert.True((await h.AuthenticateAsync(h.ChannelToken())).Succeeded);
            h.Time.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal(1, h.Server.ChannelKeyRequests);
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("BEARER")]
    public async Task SchemeIsCaseInsensitive(string scheme)
    {
        await using var h = await AuthHarness.StartAsync();

        var result = await h.Authenticator.AuthenticateAsync($"{scheme} {h.ChannelToken()}", AuthHarness.Teams, AuthHarness.ServiceUrl, Ct);

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public async Task ForgedToken_SignedByAnotherKeyWithSameKid_IsBadSignature()
    {
        await using var h = await AuthHarness.StartAsync();
        using var impostor = h.ChannelKey.CreateImpostor();

        var result = await h.AuthenticateAsync(h.ChannelToken(key: impostor));

        Assert.Equal(BotAuthenticationFailure.BadSignature, result.Failure);
        Assert.Null(result.Identity);
    }

    [Fact]
    public async Task TamperedPayload_IsBadSignature()
    {
        await using var h = await AuthHarness.StartAsync();
        var token = h.ChannelToken();
        var other = h.ChannelToken(c => c["aud"] = AuthHarness.AppId + "x");
        var spliced = string.Join('.', other.Split('.')[0], other.Split('.')[1], token.Split('.')[2]);
        var forged = string.Join('.', token.Split('.')[0], h.ChannelToken(c => c["serviceurl"] = "https://evil.example/").Split('.')[1], token.Split('.')[2]);

        Assert.Equal(BotAuthenticationFailure.BadSignature, (await h.AuthenticateAsync(spliced)).Failure);
        Assert.Equal(BotAuthenticationFailure.BadSignature, (await h.AuthenticateAsync(forged, serviceUrl: "https://evil.example/")).Failure);
    }

    [Fact]
    public async Task ExpiredWithinClockSkew_IsAccepted()
    {
        await using var h = await AuthHarness.StartAsync();
        var token = h.ChannelToken();

        h.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(4));
        var result = await h.AuthenticateAsync(token);

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public async Task ExpiredBeyondClockSkew_IsExpired()
    {
        await using var h = await AuthHarness.StartAsync();
        var token = h.ChannelToken();
        Assert.True((await h.AuthenticateAsync(token)).Succeeded);

        h.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var result = await h.AuthenticateAsync(token);

        Assert.Equal(BotAuthenticationFailure.Expired, result.Failure);
    }

    [Fact]
    public async Task NotBeforeInTheFuture_BeyondSkew_IsNotYetValid_WithinSkew_IsAccepted()
    {
        await using var h = await AuthHarness.StartAsync();
        var now = h.Time.GetUtcNow();

        var early = await h.AuthenticateAsync(h.ChannelToken(c => c["nbf"] = now.AddMinutes(6).ToUnixTimeSeconds()));
        var slightlyEarly = await h.AuthenticateAsync(h.ChannelToken(c => c["nbf"] = now.AddMinutes(4).ToUnixTimeSeconds()));

        Assert.Equal(BotAuthenticationFailure.NotYetValid, early.Failure);
        Assert.True(slightlyEarly.Succeeded, slightlyEarly.ToString());
    }

    [Fact]
    public async Task TokenWithoutExpiry_IsRejected()
    {
        await using var h = await AuthHarness.StartAsync();

        var result = await h.AuthenticateAsync(h.ChannelToken(c => c.Remove("exp")));

        Assert.Equal(BotAuthenticationFailure.Malformed, result.Failure);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("https://api.botframework.com")]
    public async Task WrongAudience_IsRejected(string audience)
    {
        await using var h = await AuthHarness.StartAsync();

        var result = await h.AuthenticateAsync(h.ChannelToken(c => c["aud"] = audience));

        Assert.Equal(BotAuthenticationFailure.WrongAudience, result.Failure);
    }

    [Fact]
    public async Task AudienceComparison_IgnoresGuidCase()
    {
        await using var h = await AuthHarness.StartAsync();

        var result = await h.AuthenticateAsync(h.ChannelToken(c => c["aud"] = AuthHarness.AppId.ToUpperInvariant()));

        Assert.True(result.Succeeded, result.ToString());
    }

    [Theory]
    [InlineData("https://api.botframework.com/")]
    [InlineData("https://evil.example")]
    [InlineData("https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/")]
    public async Task WrongIssuer_IsRejected(string issuer)
    {
        await using var h = await AuthHarness.StartAsync();

        var result = await h.AuthenticateAsync(h.ChannelToken(c => c["iss"] = issuer));

        Assert.Equal(BotAuthenticationFailure.WrongIssuer, result.Failure);
    }

    [Fact]
    public async Task ServiceUrlClaim_DifferentFromActivity_IsWrongServiceUrl()
    {
        await using var h = await AuthHarness.StartAsync();

        var result = await h.AuthenticateAsync(h.ChannelToken(), serviceUrl: "https://evil.example/apac/");

        Assert.Equal(BotAuthenticationFailure.WrongServiceUrl, result.Failure);
    }

    [Fact]
    public async Task ServiceUrlClaim_Missing_IsWrongServiceUrl()
    {
        await using var h = await AuthHarness.StartAsync();

        var result = await h.AuthenticateAsync(h.ChannelToken(c => c.Remove("serviceurl")));

        Assert.Equal(BotAuthenticationFailure.WrongServiceUrl, result.Failure);
    }

    [Fact]
    public async Task ServiceUrl_ComparedIgnoringCase()
    {
        await using var h = await AuthHarness.StartAsync();

        var result = await h.AuthenticateAsync(h.ChannelToken(), serviceUrl: AuthHarness.ServiceUrl.ToUpperInvariant());

        Assert.True(result.Succeeded, result.ToString());
    }

    [Theory]
    [InlineData("slack")]
    [InlineData("MSTEAMS")]
    [InlineData("")]
    [InlineData(null)]
    public async Task ChannelNotInEndorsements_IsNotEndorsed(string? channelId)
    {
        await using var h = await AuthHarness.StartAsync();

        var result = await h.AuthenticateAsync(h.ChannelToken(), channelId: channelId);

        Assert.Equal(BotAuthenticationFailure.NotEndorsed, result.Failure);
    }

    [Fact]
    public async Task KeyWithoutEndorsements_IsNotEndorsed()
    {
        await using var h = await AuthHarness.StartAsync();
        var bare = h.NewKey("bf-key-bare");
        h.Server.ChannelKeys.Add(bare);

        var result = await h.AuthenticateAsync(h.ChannelToken(key: bare));

        Assert.Equal(BotAuthenticationFailure.NotEndorsed, result.Failure);
    }

    [Fact]
    public async Task EachKeyVouchesOnlyForItsOwnChannels()
    {
        await using var h = await AuthHarness.StartAsync();
        var webchatOnly = h.NewKey("bf-key-webchat", "webchat");
        h.Server.ChannelKeys.Add(webchatOnly);

        Assert.True((await h.AuthenticateAsync(h.ChannelToken(key: webchatOnly), channelId: "webchat")).Succeeded);
        Assert.Equal(BotAuthenticationFailure.NotEndorsed, (await h.AuthenticateAsync(h.ChannelToken(key: webchatOnly))).Failure);
    }

    [Fact]
    public async Task UnknownKid_TriggersOneRefresh_ThenFails()
    {
        await using var h = await AuthHarness.StartAsync();
        Assert.True((await h.AuthenticateAsync(h.ChannelToken())).Succeeded);
        h.Time.Advance(TimeSpan.FromMinutes(5));
        var stranger = h.NewKey("never-published", AuthHarness.Teams);

        var first = await h.AuthenticateAsync(h.ChannelToken(key: stranger));
        Assert.Equal(BotAuthenticationFailure.UnknownKey, first.Failure);
        Assert.Equal(2, h.Server.ChannelKeyRequests);

        var second = await h.AuthenticateAsync(h.ChannelToken(key: stranger));
        h.Time.Advance(TimeSpan.FromMinutes(4));
        var third = await h.AuthenticateAsync(h.ChannelToken(key: stranger));

        Assert.Equal(BotAuthenticationFailure.UnknownKey, second.Failure);
        Assert.Equal(BotAuthenticationFailure.UnknownKey, third.Failure);
        Assert.Equal(2, h.Server.ChannelKeyRequests);
        Assert.Equal(2, h.Server.ChannelMetadataRequests);
        Assert.True((await h.AuthenticateAsync(h.ChannelToken())).Succeeded);
    }

    [Fact]
    public async Task UnknownKid_RightAfterFetch_IsRateLimited()
    {
        await using var h = await AuthHarness.StartAsync();
        Assert.True((await h.AuthenticateAsync(h.ChannelToken())).Succeeded);
        var stranger = h.NewKey("never-published", AuthHarness.Teams);

        var results = new List<BotAuthenticationResult>();
        for (var i = 0; i < 10; i++)
        {
            results.Add(await h.AuthenticateAsync(h.ChannelToken(key: stranger)));
        }

        Assert.All(results, r => Assert.Equal(BotAuthenticationFailure.UnknownKey, r.Failure));
        Assert.Equal(1, h.Server.ChannelKeyRequests);
    }

    [Fact]
    public async Task RotatedInKey_IsPickedUp_AfterRefresh()
    {
        await using var h = await AuthHarness.StartAsync();
        Assert.True((await h.AuthenticateAsync(h.ChannelToken())).Succeeded);
        var rotated = h.NewKey("bf-key-2", AuthHarness.Teams);
        h.Server.ChannelKeys.Add(rotated);
        h.Server.ChannelKeys.Remove(h.ChannelKey.KeyId);
        h.Time.Advance(TimeSpan.FromMinutes(6));

        var result = await h.AuthenticateAsync(h.ChannelToken(key: rotated));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(2, h.Server.ChannelKeyRequests);

        // The refreshed set no longer holds the retired key.
        var retired = await h.AuthenticateAsync(h.ChannelToken());
        Assert.Equal(BotAuthenticationFailure.UnknownKey, retired.Failure);
    }

    [Fact]
    public async Task Keys_AreRefreshed_AfterTwentyFourHours()
    {
        await using var h = await AuthHarness.StartAsync();
        Assert.True((await h.AuthenticateAsync(h.ChannelToken())).Succeeded);
        h.Server.ChannelKeys.Add(h.NewKey("bf-key-2", AuthHarness.Teams));
        h.Server.ChannelKeys.Remove(h.ChannelKey.KeyId);

        h.Time.Advance(TimeSpan.FromHours(23));
        Assert.True((await h.AuthenticateAsync(h.ChannelToken())).Succeeded);
        Assert.Equal(1, h.Server.ChannelKeyRequests);

        h.Time.Advance(TimeSpan.FromHours(1));
        var result = await h.AuthenticateAsync(h.ChannelToken());

        Assert.Equal(2, h.Server.ChannelKeyRequests);
        Assert.Equal(BotAuthenticationFailure.UnknownKey, result.Failure);
    }

    [Fact]
    public async Task EmptyKeySet_IsTreatedAsAFailedRefresh_KeepingTheCachedKeys()
    {
        await using var h = await AuthHarness.StartAsync();
        Assert.True((await h.AuthenticateAsync(h.ChannelToken())).Succeeded);
        h.Server.ChannelKeys.Remove(h.ChannelKey.KeyId);

        h.Time.Advance(TimeSpan.FromHours(24));
        var result = await h.AuthenticateAsync(h.ChannelToken());

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(2, h.Server.ChannelKeyRequests);
    }

    [Fact]
    public async Task EmptyKeySet_OnFirstFetch_IsMetadataUnavailable()
    {
        await using var h = await AuthHarness.StartAsync();
        h.Server.ChannelKeys.Remove(h.ChannelKey.KeyId);

        var result = await h.AuthenticateAsync(h.ChannelToken());

        Assert.Equal(BotAuthenticationFailure.MetadataUnavailable, result.Failure);
    }

    [Fact]
    public async Task HS256Token_IsAlgorithmNotAllowed()
    {
        await using var h = await AuthHarness.StartAsync();
        var token = FakeTokenSigner.SignHs256(RandomNumberGenerator.GetBytes(32), h.ChannelClaims(), h.ChannelKey.KeyId);

        var result = await h.AuthenticateAsync(token);

        Assert.Equal(BotAuthenticationFailure.AlgorithmNotAllowed, result.Failure);
    }

    [Fact]
    public async Task HS256Token_KeyedWithThePublicKey_IsAlgorithmNotAllowed()
    {
        // The classic confusion attack: HMAC keyed with the published RSA key's bytes.
        await using var h = await AuthHarness.StartAsync();
        var publicKey = h.ChannelKey.Rsa.ExportSubjectPublicKeyInfo();
        var token = FakeTokenSigner.SignHs256(publicKey, h.ChannelClaims(), h.ChannelKey.KeyId);

        var result = await h.AuthenticateAsync(token);

        Assert.Equal(BotAuthenticationFailure.AlgorithmNotAllowed, result.Failure);
    }

    [Fact]
    public async Task UnsignedNoneToken_IsAlgorithmNotAllowed()
    {
        await using var h = await AuthHarness.StartAsync();
        var token = FakeTokenSigner.Unsigned(h.ChannelClaims(), h.ChannelKey.KeyId);

        var result = await h.AuthenticateAsync(token);

        Assert.Equal(BotAuthenticationFailure.AlgorithmNotAllowed, result.Failure);
    }

    [Theory]
    [InlineData("RS384")]
    [InlineData("RS512")]
    public async Task OtherRsaAlgorithms_AreNotAllowed(string algorithm)
    {
        await using var h = await AuthHarness.StartAsync();
        var token = FakeTokenSigner.Sign(h.ChannelKey, h.ChannelClaims(), algorithm);

        var result = await h.AuthenticateAsync(token);

        Assert.Equal(BotAuthenticationFailure.AlgorithmNotAllowed, result.Failure);
    }

    [Fact]
    public async Task MetadataNotListingRS256_IsAlgorithmNotAllowed()
    {
        await using var h = await AuthHarness.StartAsync();
        h.Server.ChannelSigningAlgorithms = ["ES256"];

        var result = await h.AuthenticateAsync(h.ChannelToken());

        Assert.Equal(BotAuthenticationFailure.AlgorithmNotAllowed, result.Failure);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Bearer")]
    [InlineData("Bearer    ")]
    public async Task MissingToken_IsRejected(string? header)
    {
        await using var h = await AuthHarness.StartAsync();

        var result = await h.Authenticator.AuthenticateAsync(header, AuthHarness.Teams, AuthHarness.ServiceUrl, Ct);

        Assert.Equal(BotAuthenticationFailure.MissingToken, result.Failure);
        Assert.Equal(0, h.Server.ChannelMetadataRequests);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer a.b.c")]
    [InlineData("Bearer eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOg.c2ln")]
    [InlineData("Bearer e30.e30.e30.e30")]
    public async Task MalformedHeaderOrToken_IsMalformed(string header)
    {
        await using var h = await AuthHarness.StartAsync();

        var result = await h.Authenticator.AuthenticateAsync(header, AuthHarness.Teams, AuthHarness.ServiceUrl, Ct);

        Assert.Equal(BotAuthenticationFailure.Malformed, result.Failure);
    }

    [Fact]
    public async Task OverlongToken_IsMalformed()
    {
        await using var h = await AuthHarness.StartAsync();

        var result = await h.AuthenticateAsync(h.ChannelToken(c => c["padding"] = new string('x', 20_000)));

        Assert.Equal(BotAuthenticationFailure.Malformed, result.Failure);
    }

    [Fact]
    public async Task TokenWithoutKid_IsUnknownKey()
    {
        await using var h = await AuthHarness.StartAsync();
        var header = FakeTokenSigner.Header("RS256", keyId: null);
        var token = FakeTokenSigner.Encode(header, h.ChannelClaims(), input => h.ChannelKey.Sign(input, HashAlgorithmName.SHA256));

        var result = await h.AuthenticateAsync(token);

        Assert.Equal(BotAuthenticationFailure.UnknownKey, result.Failure);
    }

    [Fact]
    public async Task MetadataServerDown_IsMetadataUnavailable()
    {
        await using var h = await AuthHarness.StartAsync();
        await h.Server.StopAsync();

        var result = await h.AuthenticateAsync(h.ChannelToken());

        Assert.Equal(BotAuthenticationFailure.MetadataUnavailable, result.Failure);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task MetadataServerErrors_AreMetadataUnavailable(HttpStatusCode status)
    {
        await using var h = await AuthHarness.StartAsync();
        h.Server.FailWith = status;

        var result = await h.AuthenticateAsync(h.ChannelToken());

        Assert.Equal(BotAuthenticationFailure.MetadataUnavailable, result.Failure);
    }

    [Fact]
    public async Task MetadataFailure_IsRetriedAfterTheRetryDelay_NotOnEveryRequest()
    {
        await using var h = await AuthHarness.StartAsync();
        h.Server.FailWith = HttpStatusCode.InternalServerError;
        Assert.Equal(BotAuthenticationFailure.MetadataUnavailable, (await h.AuthenticateAsync(h.ChannelToken())).Failure);
        Assert.Equal(BotAuthenticationFailure.MetadataUnavailable, (await h.AuthenticateAsync(h.ChannelToken())).Failure);
        Assert.Equal(1, h.Server.ChannelMetadataRequests);

        h.Server.FailWith = null;
        h.Time.Advance(TimeSpan.FromSeconds(10));
        var result = await h.AuthenticateAsync(h.ChannelToken());

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(2, h.Server.ChannelMetadataRequests);
    }

    [Fact]
    public async Task CachedKeys_OutliveAFailedRefresh_UpToTheStalenessLimit()
    {
        await using var h = await AuthHarness.StartAsync();
        Assert.True((await h.AuthenticateAsync(h.ChannelToken())).Succeeded);
        await h.Server.StopAsync();

        h.Time.Advance(TimeSpan.FromHours(25));
        var stale = await h.AuthenticateAsync(h.ChannelToken());
        Assert.True(stale.Succeeded, stale.ToString());

        h.Time.Advance(TimeSpan.FromDays(4));
        var tooStale = await h.AuthenticateAsync(h.ChannelToken());
        Assert.Equal(BotAuthenticationFailure.MetadataUnavailable, tooStale.Failure);
    }

    [Fact]
    public async Task UnknownKid_WhenRefreshFails_IsMetadataUnavailable()
    {
        await using var h = await AuthHarness.StartAsync();
        Assert.True((await h.AuthenticateAsync(h.ChannelToken())).Succeeded);
        h.Server.FailWith = HttpStatusCode.BadGateway;
        h.Time.Advance(TimeSpan.FromMinutes(5));
        var rotated = h.NewKey("bf-key-2", AuthHarness.Teams);

        var result = await h.AuthenticateAsync(h.ChannelToken(key: rotated));

        Assert.Equal(BotAuthenticationFailure.MetadataUnavailable, result.Failure);
        Assert.True((await h.AuthenticateAsync(h.ChannelToken())).Succeeded);
    }

    [Fact]
    public async Task ConcurrentColdStart_FetchesKeysOnce()
    {
        await using var h = await AuthHarness.StartAsync();
        var token = h.ChannelToken();

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => h.AuthenticateAsync(token), Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal(1, h.Server.ChannelMetadataRequests);
        Assert.Equal(1, h.Server.ChannelKeyRequests);
    }

    [Fact]
    public async Task ConcurrentUnknownKid_RefreshesOnce()
    {
        await using var h = await AuthHarness.StartAsync();
        Assert.True((await h.AuthenticateAsync(h.ChannelToken())).Succeeded);
        var rotated = h.NewKey("bf-key-2", AuthHarness.Teams);
        h.Server.ChannelKeys.Add(rotated);
        h.Time.Advance(TimeSpan.FromMinutes(5));
        var token = h.ChannelToken(key: rotated);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => h.AuthenticateAsync(token), Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal(2, h.Server.ChannelKeyRequests);
    }

    [Fact]
    public async Task ChannelToken_IsNotCheckedAgainstEmulatorKeys()
    {
        await using var h = await AuthHarness.StartAsync();

        var result = await h.AuthenticateAsync(h.ChannelToken(key: h.EmulatorKey));

        Assert.Equal(BotAuthenticationFailure.UnknownKey, result.Failure);
        Assert.Equal(0, h.Server.EmulatorKeyRequests);
    }
}
