using ChatOps.Channels.WeCom.Api;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.Channels.WeCom.Tests.Api;

/// <summary>auth/getuserinfo (the console's WeCom web login) against the loopback fake: one-time, 5-minute codes.</summary>
public sealed class WeComWebLoginTests
{
    [Fact]
    public async Task GetUserId_ACodeOnce_ThenUsed40029()
    {
        await using var h = await WeComHarness.StartAsync();
        var code = h.Server.IssueLoginCode("office.clerk1");

        Assert.Equal("office.clerk1", await h.Client.GetUserIdAsync(code, WeComHarness.Ct));
        var replay = await Assert.ThrowsAsync<WeComApiException>(() => h.Client.GetUserIdAsync(code, WeComHarness.Ct));
        Assert.Equal(WeComErrorCodes.InvalidOAuthCode, replay.ErrCode);
        var forged = await Assert.ThrowsAsync<WeComApiException>(() => h.Client.GetUserIdAsync("not-a-code", WeComHarness.Ct));
        Assert.Equal(WeComErrorCodes.InvalidOAuthCode, forged.ErrCode);
    }

    [Fact]
    public async Task GetUserId_AfterFiveMinutes_42003()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-03T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var h = await WeComHarness.StartAsync(time);
        var code = h.Server.IssueLoginCode("office.clerk1");
        time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var expired = await Assert.ThrowsAsync<WeComApiException>(() => h.Client.GetUserIdAsync(code, WeComHarness.Ct));
        Assert.Equal(WeComErrorCodes.OAuthCodeExpired, expired.ErrCode);
    }

    [Fact]
    public async Task GetUserId_NonMember_Null()
    {
        await using var h = await WeComHarness.StartAsync();
        Assert.Null(await h.Client.GetUserIdAsync(h.Server.IssueLoginCode("visitor", member: false), WeComHarness.Ct));
    }
}
