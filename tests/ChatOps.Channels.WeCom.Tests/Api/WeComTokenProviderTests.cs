using ChatOps.Channels.WeCom.Api;
using ChatOps.Core.Conversations;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.Channels.WeCom.Tests.Api;

/// <summary>
/// Token caching as WeCom's 获取access_token (path 91039) asks: cache per app, expires_in 7200 s, may be revoked
/// early, gettoken is frequency-limited, so one fetch at a time across instances.
/// </summary>
public class WeComTokenProviderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetToken_TwoInstancesAtOnce_OnlyOneCallsGettoken()
    {
        await using var h = await WeComHarness.StartAsync();
        h.Server.DelayNext("/cgi-bin/gettoken", TimeSpan.FromMilliseconds(200));
        var instanceA = h.NewProvider("instance-a");
        var instanceB = h.NewProvider("instance-b");

        var tokens = await Task.WhenAll(
            Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? instanceA : instanceB).GetTokenAsync(Ct).AsTask()));

        Assert.Equal(1, h.GetTokenCalls);
        Assert.Single(tokens.Distinct(StringComparer.Ordinal));
        Assert.Equal(1, instanceA.FetchCount + instanceB.FetchCount);
    }

    [Fact]
    public async Task GetToken_SavedInStore_IsSharedWithAnotherInstance()
    {
        await using var h = await WeComHarness.StartAsync();
        var first = await h.Tokens.GetTokenAsync(Ct);

        var second = await h.NewProvider().GetTokenAsync(Ct);

        Assert.Equal(first, second);
        Assert.Equal(1, h.GetTokenCalls);
        var stored = await h.Store.GetAsync(h.App.TokenKey.CacheKey, Ct);
        Assert.Equal(first, stored!.Token);
        Assert.Equal(TimeSpan.FromSeconds(7200), stored.ExpiresAt - stored.ObtainedAt);
        Assert.DoesNotContain(first, stored.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalidate_OldToken_DoesNotDeleteANewerOne()
    {
        await using var h = await WeComHarness.StartAsync();
        var old = await h.Tokens.GetTokenAsync(Ct);
        var now = h.Time.GetUtcNow();
        await h.Store.SaveAsync(h.App.TokenKey.CacheKey, new CachedAccessToken("newer-token", now, now.AddHours(2)), Ct);

        await h.Tokens.InvalidateAsync(old, Ct);

        Assert.Equal("newer-token", (await h.Store.GetAsync(h.App.TokenKey.CacheKey, Ct))!.Token);
        Assert.Equal("newer-token", await h.Tokens.GetTokenAsync(Ct));
        Assert.Equal(1, h.GetTokenCalls);
    }

    [Fact]
    public async Task Invalidate_CurrentToken_NextCallFetchesANewOne()
    {
        await using var h = await WeComHarness.StartAsync(server: o => o.ReuseValidTokens = false);
        var old = await h.Tokens.GetTokenAsync(Ct);

        await h.Tokens.InvalidateAsync(old, Ct);
        var fresh = await h.Tokens.GetTokenAsync(Ct);

        Assert.NotEqual(old, fresh);
        Assert.Equal(2, h.GetTokenCalls);
    }

    [Fact]
    public async Task GetToken_EarlyRefreshFails_KeepsUsingTheStillValidToken()
    {
        var time = new FakeTimeProvider();
        await using var h = await WeComHarness.StartAsync(time);
        var token = await h.Tokens.GetTokenAsync(Ct);
        time.Advance(TimeSpan.FromSeconds(7200 - 120));
        h.Server.FailNext("/cgi-bin/gettoken", -1, times: 10);

        var again = await h.Tokens.GetTokenAsync(Ct);

        Assert.Equal(token, again);
        Assert.Equal(5, h.GetTokenCalls); // 1 + (1 + 3 retries)
    }

    [Fact]
    public async Task GetToken_ExpiredAndRefreshFails_Throws()
    {
        var time = new FakeTimeProvider();
        await using var h = await WeComHarness.StartAsync(time);
        await h.Tokens.GetTokenAsync(Ct);
        time.Advance(TimeSpan.FromSeconds(7201));
        h.Server.FailNext("/cgi-bin/gettoken", 45009);

        var ex = await Assert.ThrowsAsync<WeComRateLimitedException>(() => h.Tokens.GetTokenAsync(Ct).AsTask());

        Assert.Equal("gettoken", ex.Api);
    }

    [Fact]
    public async Task GetToken_WeComReturnsTheSameTokenWithLittleTimeLeft_DoesNotHammerGettoken()
    {
        var time = new FakeTimeProvider();
        await using var h = await WeComHarness.StartAsync(time);
        await h.Tokens.GetTokenAsync(Ct);
        time.Advance(TimeSpan.FromSeconds(7200 - 240)); // 4 min left

        for (var i = 0; i < 20; i++)
        {
            await h.Tokens.GetTokenAsync(Ct);
            time.Advance(TimeSpan.FromSeconds(5));
        }

        // One early refresh (same token, 240 s left), then at most one more when half of that is gone.
        Assert.InRange(h.GetTokenCalls, 2, 3);
    }

    [Fact]
    public async Task InMemoryCache_Lease_IsExclusiveUntilReleasedOrExpired()
    {
        var time = new FakeTimeProvider();
        var store = new InMemoryAccessTokenCache(time);
        var key = new WeComTokenKey("corp", "1").CacheKey;

        Assert.True(await store.TryAcquireLeaseAsync(key, "a", time.GetUtcNow().AddSeconds(30), Ct));
        Assert.False(await store.TryAcquireLeaseAsync(key, "b", time.GetUtcNow().AddSeconds(30), Ct));
        Assert.True(await store.TryAcquireLeaseAsync(key, "a", time.GetUtcNow().AddSeconds(30), Ct));
        await store.ReleaseLeaseAsync(key, "b", Ct); // not the holder: no effect
        Assert.False(await store.TryAcquireLeaseAsync(key, "b", time.GetUtcNow().AddSeconds(30), Ct));
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await store.TryAcquireLeaseAsync(key, "b", time.GetUtcNow().AddSeconds(30), Ct));
        await store.ReleaseLeaseAsync(key, "b", Ct);
        Assert.True(await store.TryAcquireLeaseAsync(key, "c", time.GetUtcNow().AddSeconds(30), Ct));
    }

    [Fact]
    public void ComputeBackoff_DoublesAndCaps()
    {
        var b = TimeSpan.FromMilliseconds(500);
        var max = TimeSpan.FromSeconds(8);

        Assert.Equal(TimeSpan.FromMilliseconds(250), WeComHttpCaller.ComputeBackoff(1, b, max, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(500), WeComHttpCaller.ComputeBackoff(1, b, max, 1));
        Assert.Equal(TimeSpan.FromMilliseconds(2000), WeComHttpCaller.ComputeBackoff(3, b, max, 1));
        Assert.Equal(TimeSpan.FromSeconds(8), WeComHttpCaller.ComputeBackoff(10, b, max, 1));
    }
}
