using System.Security.Claims;
using ChatOps.Channels.BotFramework.Tests.Fakes;

namespace ChatOps.Channels.BotFramework.Tests;

/// <summary>
/// A token the Bot Connector sends again is not verified again (<see cref="CheckedTokenCache"/>), but everything that
/// depends on the request or the moment still is. (A kept token that expires is <c>Expired</c>:
/// <see cref="BotAuthenticatorTests.ExpiredBeyondClockSkew_IsExpired"/>.)
/// </summary>
public sealed class CheckedTokenTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheSameToken_IsKeptOnce_AndEachRequestIsStillChecked()
    {
        await using var h = await AuthHarness.StartAsync();
        var token = h.ChannelToken();

        Assert.True((await h.AuthenticateAsync(token)).Succeeded);
        Assert.Equal(1, h.Authenticator.CheckedTokenCount);

        Assert.Equal(BotAuthenticationFailure.WrongServiceUrl, (await h.AuthenticateAsync(token, serviceUrl: "https://evil.example/")).Failure);
        Assert.Equal(BotAuthenticationFailure.NotEndorsed, (await h.AuthenticateAsync(token, channelId: "slack")).Failure);
        Assert.Equal(BotAuthenticationFailure.NotEndorsed, (await h.AuthenticateAsync(token, channelId: null)).Failure);
        var again = await h.AuthenticateAsync(token, channelId: "webchat");
        Assert.True(again.Succeeded, again.ToString());
        Assert.Equal(BotTokenSource.Channel, again.Source);
        Assert.Equal(AuthHarness.ServiceUrl, again.Identity.FindFirst("serviceurl")?.Value);
        Assert.Equal(1, h.Authenticator.CheckedTokenCount);
    }

    [Fact]
    public async Task TokensThatFail_AreNotKept()
    {
        await using var h = await AuthHarness.StartAsync();
        using var impostor = h.ChannelKey.CreateImpostor();
        var token = h.ChannelToken();
        var resigned = h.ChannelToken(key: impostor);
        var wrongAudience = h.ChannelToken(c => c["aud"] = "00000000-0000-0000-0000-000000000000");

        Assert.Equal(BotAuthenticationFailure.BadSignature, (await h.AuthenticateAsync(resigned)).Failure);
        Assert.Equal(BotAuthenticationFailure.WrongAudience, (await h.AuthenticateAsync(wrongAudience)).Failure);
        Assert.Equal(0, h.Authenticator.CheckedTokenCount);

        // A kept token's header and claims with another signature are another text: verified, and refused.
        Assert.True((await h.AuthenticateAsync(token)).Succeeded);
        var spliced = string.Join('.', token.Split('.')[0], token.Split('.')[1], resigned.Split('.')[2]);
        Assert.Equal(BotAuthenticationFailure.BadSignature, (await h.AuthenticateAsync(spliced)).Failure);
        Assert.Equal(1, h.Authenticator.CheckedTokenCount);
    }

    [Fact]
    public async Task AKeptToken_IsVerifiedAgain_WhenTheKeysAreFetchedAgain()
    {
        await using var h = await AuthHarness.StartAsync();
        var token = h.ChannelToken(c => c["exp"] = h.Time.GetUtcNow().AddDays(3).ToUnixTimeSeconds());
        Assert.True((await h.AuthenticateAsync(token)).Succeeded);
        h.Server.ChannelKeys.Add(h.NewKey("bf-key-2", AuthHarness.Teams));
        h.Server.ChannelKeys.Remove(h.ChannelKey.KeyId);

        h.Time.Advance(TimeSpan.FromHours(23));
        Assert.True((await h.AuthenticateAsync(token)).Succeeded);

        h.Time.Advance(TimeSpan.FromHours(1));
        var retired = await h.AuthenticateAsync(token);

        Assert.Equal(2, h.Server.ChannelKeyRequests);
        Assert.Equal(BotAuthenticationFailure.UnknownKey, retired.Failure);
        Assert.Equal(0, h.Authenticator.CheckedTokenCount);
    }

    [Fact]
    public async Task AKeptToken_IsMetadataUnavailable_WhenTheKeysAreTooStale()
    {
        await using var h = await AuthHarness.StartAsync();
        var token = h.ChannelToken(c => c["exp"] = h.Time.GetUtcNow().AddDays(10).ToUnixTimeSeconds());
        Assert.True((await h.AuthenticateAsync(token)).Succeeded);
        await h.Server.StopAsync();

        h.Time.Advance(TimeSpan.FromHours(25));
        var stale = await h.AuthenticateAsync(token);
        Assert.True(stale.Succeeded, stale.ToString());

        h.Time.Advance(TimeSpan.FromDays(5));
        Assert.Equal(BotAuthenticationFailure.MetadataUnavailable, (await h.AuthenticateAsync(token)).Failure);
    }

    [Fact]
    public async Task EachRequest_GetsItsOwnIdentity()
    {
        await using var h = await AuthHarness.StartAsync();
        var token = h.ChannelToken();
        var first = await h.AuthenticateAsync(token);
        first.Identity!.AddClaim(new Claim("role", "admin"));

        var second = await h.AuthenticateAsync(token);

        Assert.True(second.Succeeded, second.ToString());
        Assert.NotSame(first.Identity, second.Identity);
        Assert.Null(second.Identity.FindFirst("role"));
    }

    [Fact]
    public async Task EmulatorTokens_AreKept_AndFoundWhateverSpacesSurroundThem()
    {
        await using var h = await AuthHarness.StartAsync();
        var token = FakeTokenSigner.Sign(
            h.EmulatorKey, BotTokenClaims.Emulator(AuthHarness.AppId, AuthHarness.AppId, BotTokenClaims.EmulatorIssuerV1, "1.0", h.Time.GetUtcNow()));

        var first = await h.Authenticator.AuthenticateAsync("Bearer " + token, "emulator", "http://localhost:5000/", Ct);
        var second = await h.Authenticator.AuthenticateAsync("  bearer   " + token + "  ", "emulator", "http://localhost:5000/", Ct);

        Assert.True(first.Succeeded, first.ToString());
        Assert.True(second.Succeeded, second.ToString());
        Assert.Equal(BotTokenSource.Emulator, second.Source);
        Assert.Equal(1, h.Authenticator.CheckedTokenCount);
    }

    [Fact]
    public async Task WithNoneKept_EveryTokenIsVerifiedInFull()
    {
        await using var h = await AuthHarness.StartAsync(o => o.CheckedTokens = 0);
        var token = h.ChannelToken();

        Assert.True((await h.AuthenticateAsync(token)).Succeeded);
        Assert.True((await h.AuthenticateAsync(token)).Succeeded);
        Assert.Equal(0, h.Authenticator.CheckedTokenCount);
    }

    [Fact]
    public void TheCache_WhenFull_DropsExpiredTokensFirst_ThenAll()
    {
        var now = new DateTime(2026, 3, 2, 1, 30, 0, DateTimeKind.Utc);
        var skew = TimeSpan.FromMinutes(5);
        var cache = new CheckedTokenCache(2);
        cache.Add("a", Kept(now.AddMinutes(10)), now, skew);
        cache.Add("b", Kept(now.AddHours(1)), now, skew);

        cache.Add("c", Kept(now.AddHours(1)), now.AddMinutes(20), skew);
        Assert.False(cache.TryGet("a", out _));
        Assert.True(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("c", out _));

        cache.Add("d", Kept(now.AddHours(1)), now.AddMinutes(20), skew);
        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet("d", out _));

        Assert.Throws<ArgumentOutOfRangeException>(() => new CheckedTokenCache(-1));
        using var http = new HttpClient();
        Assert.Throws<ArgumentException>(() => new BotAuthenticator(new BotAuthenticationOptions { AppId = AuthHarness.AppId, CheckedTokens = -1 }, http, TimeProvider.System));
    }

    private static CheckedToken Kept(DateTime expires) =>
        new(BotTokenSource.Channel, new ClaimsIdentity(), "kid", null!, null!, null, expires);
}
