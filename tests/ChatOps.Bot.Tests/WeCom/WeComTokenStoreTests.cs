using ChatOps.Channels.WeCom.Api;
using ChatOps.Channels.WeCom.Hosting;
using ChatOps.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.WeCom;

/// <summary>
/// The access_token shared by all bot instances through the database (the host's <see cref="IAccessTokenCache"/> on its
/// SQLite file): compare-and-delete invalidation, an exclusive refresh lease, and two instances fetching one token.
/// </summary>
public sealed class WeComTokenStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DatabaseCache_InvalidatesOnlyTheRejectedToken_AndLeasesToOneHolderAtATime()
    {
        await using var bot = await WeComBot.StartAsync();
        var cache = bot.Services.GetRequiredService<IAccessTokenCache>();
        var now = DateTimeOffset.UtcNow;

        await cache.SaveAsync("wecom:test:1", new CachedAccessToken("new-token", now, now.AddHours(2)), Ct);
        await cache.InvalidateAsync("wecom:test:1", "old-token", Ct);
        Assert.Equal("new-token", (await cache.GetAsync("wecom:test:1", Ct))?.Token);
        Assert.Equal(now.AddHours(2), (await cache.GetAsync("wecom:test:1", Ct))?.ExpiresAt);

        Assert.True(await cache.TryAcquireLeaseAsync("wecom:test:1", "instance-a", now.AddSeconds(30), Ct));
        Assert.False(await cache.TryAcquireLeaseAsync("wecom:test:1", "instance-b", now.AddSeconds(30), Ct));
        Assert.True(await cache.TryAcquireLeaseAsync("wecom:test:1", "instance-a", now.AddSeconds(60), Ct));
        await cache.ReleaseLeaseAsync("wecom:test:1", "instance-b", Ct);
        Assert.False(await cache.TryAcquireLeaseAsync("wecom:test:1", "instance-b", now.AddSeconds(30), Ct));
        await cache.ReleaseLeaseAsync("wecom:test:1", "instance-a", Ct);
        Assert.True(await cache.TryAcquireLeaseAsync("wecom:test:1", "instance-b", now.AddSeconds(30), Ct));
        Assert.True(await cache.TryAcquireLeaseAsync("wecom:test:2", "instance-a", now.AddSeconds(-1), Ct));
        Assert.True(await cache.TryAcquireLeaseAsync("wecom:test:2", "instance-b", now.AddSeconds(30), Ct)); // expired lease

        await cache.InvalidateAsync("wecom:test:1", "new-token", Ct);
        Assert.Null(await cache.GetAsync("wecom:test:1", Ct));
        Assert.False(await cache.TryAcquireLeaseAsync("wecom:test:1", "instance-a", now.AddSeconds(30), Ct)); // the lease outlives the token
    }

    [Fact]
    public async Task TwoInstances_ManyCallersAtOnce_OneGettokenAndTheSameToken()
    {
        await using var bot = await WeComBot.StartAsync();
        var cache = bot.Services.GetRequiredService<IAccessTokenCache>();
        using var http = new HttpClient();
        var app = bot.WeCom.CreateAppOptions();
        var providers = new[] { "instance-a", "instance-b" }.Select(id => new WeComTokenProvider(
            http, app, cache, TimeProvider.System,
            new WeComTokenProviderOptions { InstanceId = id, LeasePollInterval = TimeSpan.FromMilliseconds(20) })).ToList();

        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => providers[i % 2].GetTokenAsync(Ct).AsTask()));

        Assert.Single(tokens.Distinct());
        Assert.Single(bot.WeCom.RequestsTo("/cgi-bin/gettoken"));
        Assert.Equal(tokens[0], (await cache.GetAsync(app.TokenKey.CacheKey, Ct))?.Token);
    }
}
