using ChatOps.Channels.BotFramework.Tests.Fakes;

namespace ChatOps.Channels.BotFramework.Tests;

public sealed class EmulatorAuthenticationTests
{
    private const string SingleTenant = "0b7e5a4c-3d2f-4e1a-8b9c-6d5e4f3a2b1c";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/", "1.0")]
    [InlineData("https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0", "2.0")]
    [InlineData("https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/", "1.0")]
    [InlineData("https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0", "2.0")]
    public async Task EmulatorToken_FromDocumentedIssuers_IsAccepted(string issuer, string version)
    {
        await using var h = await AuthHarness.StartAsync();
        var token = EmulatorToken(h, issuer, version);

        // The Emulator's channelId/serviceUrl are not vouched for by endorsements or a serviceurl claim.
        var result = await h.AuthenticateAsync(token, channelId: "emulator", serviceUrl: "http://localhost:56789");

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(BotTokenSource.Emulator, result.Source);
        Assert.Equal(1, h.Server.EmulatorKeyRequests);
        Assert.Equal(0, h.Server.ChannelKeyRequests);
    }

    [Fact]
    public async Task EmulatorToken_WithoutVersion_ReadsAppId()
    {
        await using var h = await AuthHarness.StartAsync();
        var claims = BotTokenClaims.Emulator(AuthHarness.AppId, AuthHarness.AppId, BotTokenClaims.EmulatorIssuerV1, "1.0", h.Time.GetUtcNow());
        claims.Remove("ver");

        var result = await h.AuthenticateAsync(FakeTokenSigner.Sign(h.EmulatorKey, claims), channelId: "emulator");

        Assert.True(result.Succeeded, result.ToString());
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("2.0")]
    public async Task EmulatorToken_IssuedToAnotherApp_IsWrongAudience(string version)
    {
        await using var h = await AuthHarness.StartAsync();
        var claims = BotTokenClaims.Emulator(
            AuthHarness.AppId,
            "11111111-2222-3333-4444-555555555555",
            version == "2.0" ? BotTokenClaims.EmulatorIssuerV2 : BotTokenClaims.EmulatorIssuerV1,
            version,
            h.Time.GetUtcNow());

        var result = await h.AuthenticateAsync(FakeTokenSigner.Sign(h.EmulatorKey, claims), channelId: "emulator");

        Assert.Equal(BotAuthenticationFailure.WrongAudience, result.Failure);
    }

    [Fact]
    public async Task EmulatorToken_V2WithAppIdButNoAzp_IsWrongAudience()
    {
        await using var h = await AuthHarness.StartAsync();
        var claims = BotTokenClaims.Emulator(AuthHarness.AppId, AuthHarness.AppId, BotTokenClaims.EmulatorIssuerV2, "2.0", h.Time.GetUtcNow());
        claims.Remove("azp");
        claims["appid"] = AuthHarness.AppId;

        var result = await h.AuthenticateAsync(FakeTokenSigner.Sign(h.EmulatorKey, claims), channelId: "emulator");

        Assert.Equal(BotAuthenticationFailure.WrongAudience, result.Failure);
    }

    [Fact]
    public async Task EmulatorToken_ForAnotherAudience_IsWrongAudience()
    {
        await using var h = await AuthHarness.StartAsync();
        var claims = BotTokenClaims.Emulator("https://graph.microsoft.com", AuthHarness.AppId, BotTokenClaims.EmulatorIssuerV1, "1.0", h.Time.GetUtcNow());

        var result = await h.AuthenticateAsync(FakeTokenSigner.Sign(h.EmulatorKey, claims), channelId: "emulator");

        Assert.Equal(BotAuthenticationFailure.WrongAudience, result.Failure);
    }

    [Fact]
    public async Task EmulatorIssuer_SignedWithChannelKey_IsUnknownKey()
    {
        // Emulator-path tokens are checked only against the Entra keys, never the Bot Connector's.
        await using var h = await AuthHarness.StartAsync();

        var result = await h.AuthenticateAsync(EmulatorToken(h, BotTokenClaims.EmulatorIssuerV1, "1.0", h.ChannelKey));

        Assert.Equal(BotAuthenticationFailure.UnknownKey, result.Failure);
    }

    [Fact]
    public async Task EmulatorToken_Forged_IsBadSignature()
    {
        await using var h = await AuthHarness.StartAsync();
        using var impostor = h.EmulatorKey.CreateImpostor();

        var result = await h.AuthenticateAsync(EmulatorToken(h, BotTokenClaims.EmulatorIssuerV1, "1.0", impostor));

        Assert.Equal(BotAuthenticationFailure.BadSignature, result.Failure);
    }

    [Fact]
    public async Task EmulatorToken_Expired_IsExpired()
    {
        await using var h = await AuthHarness.StartAsync();
        var token = EmulatorToken(h, BotTokenClaims.EmulatorIssuerV2, "2.0");

        h.Time.Advance(TimeSpan.FromMinutes(66));

        Assert.Equal(BotAuthenticationFailure.Expired, (await h.AuthenticateAsync(token)).Failure);
    }

    [Fact]
    public async Task TenantIssuers_AreAcceptedOnlyForTheConfiguredTenant()
    {
        await using var h = await AuthHarness.StartAsync(o => o.TenantId = SingleTenant);

        var v1 = await h.AuthenticateAsync(EmulatorToken(h, $"https://sts.windows.net/{SingleTenant}/", "1.0"));
        var v2 = await h.AuthenticateAsync(EmulatorToken(h, $"https://login.microsoftonline.com/{SingleTenant}/v2.0", "2.0"));
        var other = await h.AuthenticateAsync(EmulatorToken(h, "https://sts.windows.net/9a8b7c6d-0000-0000-0000-000000000000/", "1.0"));

        Assert.True(v1.Succeeded, v1.ToString());
        Assert.True(v2.Succeeded, v2.ToString());
        Assert.Equal(BotAuthenticationFailure.WrongIssuer, other.Failure);
    }

    [Fact]
    public async Task TenantIssuer_WithoutConfiguredTenant_IsWrongIssuer()
    {
        await using var h = await AuthHarness.StartAsync();

        var result = await h.AuthenticateAsync(EmulatorToken(h, $"https://sts.windows.net/{SingleTenant}/", "1.0"));

        Assert.Equal(BotAuthenticationFailure.WrongIssuer, result.Failure);
    }

    [Fact]
    public async Task EmulatorTokens_CanBeTurnedOff()
    {
        await using var h = await AuthHarness.StartAsync(o => o.AllowEmulatorTokens = false);

        var result = await h.AuthenticateAsync(EmulatorToken(h, BotTokenClaims.EmulatorIssuerV1, "1.0"));

        Assert.Equal(BotAuthenticationFailure.WrongIssuer, result.Failure);
        Assert.Equal(0, h.Server.EmulatorMetadataRequests);
    }

    [Fact]
    public async Task Anonymous_IsAllowed_InDevelopmentWithoutAppId()
    {
        await using var h = await AuthHarness.StartAsync(o => (o.AppId, o.IsDevelopment) = (null, true));

        var result = await h.AuthenticateAsync(null);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(BotTokenSource.Anonymous, result.Source);
        Assert.False(result.Identity.IsAuthenticated);
        Assert.Equal(0, h.Server.ChannelMetadataRequests);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Anonymous_IsRefused_OutsideDevelopment(string? appId)
    {
        await using var h = await AuthHarness.StartAsync(o => (o.AppId, o.IsDevelopment) = (appId, false));

        var withoutToken = await h.AuthenticateAsync(null);
        var withToken = await h.AuthenticateAsync(h.ChannelToken());

        Assert.False(withoutToken.Succeeded);
        Assert.Equal(BotAuthenticationFailure.WrongAudience, withoutToken.Failure);
        Assert.Equal(BotAuthenticationFailure.WrongAudience, withToken.Failure);
    }

    [Fact]
    public async Task Anonymous_IsRefused_InDevelopmentWithAppId()
    {
        await using var h = await AuthHarness.StartAsync(o => o.IsDevelopment = true);

        var result = await h.AuthenticateAsync(null);

        Assert.Equal(BotAuthenticationFailure.MissingToken, result.Failure);
        Assert.True((await h.AuthenticateAsync(h.ChannelToken())).Succeeded);
    }

    [Fact]
    public void Options_WithRelativeOrNonHttpMetadataUrl_AreRejected()
    {
        using var http = new HttpClient();
        var relative = new BotAuthenticationOptions { AppId = AuthHarness.AppId, OpenIdMetadataUrl = new Uri("/keys", UriKind.Relative) };
        var ftp = new BotAuthenticationOptions { AppId = AuthHarness.AppId, EmulatorOpenIdMetadataUrl = new Uri("ftp://example.com/x") };

        Assert.Throws<ArgumentException>(() => new BotAuthenticator(relative, http, TimeProvider.System));
        Assert.Throws<ArgumentException>(() => new BotAuthenticator(ftp, http, TimeProvider.System));
    }

    [Fact]
    public void Options_DefaultToThePublicCloud()
    {
        var options = new BotAuthenticationOptions();

        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", options.OpenIdMetadataUrl.ToString());
        Assert.Equal(
            "https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration",
            options.EmulatorOpenIdMetadataUrl.ToString());
        Assert.Equal("https://api.botframework.com", options.ChannelIssuer);
        Assert.Equal(TimeSpan.FromMinutes(5), options.ClockSkew);
        Assert.Equal(4, options.EmulatorIssuers.Count);
        Assert.False(options.IsDevelopment);
    }

    private static string EmulatorToken(AuthHarness h, string issuer, string version, FakeSigningKey? key = null) =>
        FakeTokenSigner.Sign(
            key ?? h.EmulatorKey,
            BotTokenClaims.Emulator(AuthHarness.AppId, AuthHarness.AppId, issuer, version, h.Time.GetUtcNow()));
}
