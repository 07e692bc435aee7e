using ChatOps.Channels.BotFramework.Connector;
using ChatOps.Core.Conversations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.Channels.BotFramework.Tests;

/// <summary>
/// The bot's outbound token against the loopback token endpoint: anonymous without an app id, kept in memory without a
/// shared cache, shared through one, never stopped by a failing cache, the still-valid token kept when Entra is down,
/// and fetched without the lease after ten waits for another instance's.
/// </summary>
public sealed class BotFrameworkTokenClientTests
{
    private static readonly TimeSpan LeaseWait = TimeSpan.FromMilliseconds(200);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anonymous_NoTokenAndNoRequest()
    {
        await using var connector = await FakeBotConnector.StartAsync();
        using var http = new HttpClient();
        var client = new BotFrameworkTokenClient(
            http, new BotFrameworkCredentials(null, null, connector.TokenEndpoint, BotFrameworkTokenClient.DefaultScope), TimeProvider.System, NullLogger<BotFrameworkTokenClient>.Instance);

        Assert.True(client.IsAnonymous);
        Assert.Null(await client.GetTokenAsync(Ct));
        Assert.Equal(0, connector.TokenRequests);
    }

    [Fact]
    public async Task WithoutACache_TheTokenIsKeptInMemory_UntilInvalidated()
    {
        await using var connector = await FakeBotConnector.StartAsync();
        using var http = new HttpClient();
        var client = NewClient(http, connector, TimeProvider.System, cache: null);

        var first = await client.GetTokenAsync(Ct);
        Assert.Equal(first, await client.GetTokenAsync(Ct));
        Assert.Equal(1, connector.TokenRequests);

        await client.InvalidateAsync(first!, Ct);

        Assert.NotEqual(first, await client.GetTokenAsync(Ct));
        Assert.Equal(2, connector.TokenRequests);
    }

    [Fact]
    public async Task SharedCache_SecondInstanceUsesTheFirstOnesToken()
    {
        await using var connector = await FakeBotConnector.StartAsync();
        using var http = new HttpClient();
        var cache = new InMemoryAccessTokenCache();
        var a = NewClient(http, connector, TimeProvider.System, cache);
        var b = NewClient(http, connector, TimeProvider.System, cache);

        var token = await a.GetTokenAsync(Ct);

        Assert.Equal(token, await b.GetTokenAsync(Ct));
        Assert.Equal(1, connector.TokenRequests);
        Assert.Equal($"botframework:{FakeBotConnector.AppId}@botframework.com", a.CacheKey);
        Assert.Equal(token, (await cache.GetAsync(a.CacheKey, Ct))?.Token);
    }

    [Fact]
    public async Task EntraDownWhileTheTokenIsStillValid_ItIsKept_OnceExpiredTheFailureShows()
    {
        await using var connector = await FakeBotConnector.StartAsync();
        using var http = new HttpClient();
        var time = new FakeTimeProvider();
        var client = NewClient(http, connector, time, new InMemoryAccessTokenCache(time));
        var token = await client.GetTokenAsync(Ct);
        time.Advance(TimeSpan.FromSeconds(3599 - 120)); // within the 5 min margin
        connector.TokenEndpointDown = true;

        Assert.Equal(token, await client.GetTokenAsync(Ct));
        Assert.Equal(2, connector.TokenRequests);

        time.Advance(TimeSpan.FromSeconds(121));
        var ex = await Assert.ThrowsAsync<BotFrameworkTokenException>(() => client.GetTokenAsync(Ct).AsTask());
        Assert.Contains("503", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailingCache_NeverStopsASend_TheTokenIsKeptInMemory()
    {
        await using var connector = await FakeBotConnector.StartAsync();
        using var http = new HttpClient();
        var client = NewClient(http, connector, TimeProvider.System, new BrokenCache());

        var token = await client.GetTokenAsync(Ct);

        Assert.NotNull(token);
        Assert.Equal(token, await client.GetTokenAsync(Ct));
        Assert.Equal(1, connector.TokenRequests);
        await client.InvalidateAsync(token, Ct); // logged, not thrown
        Assert.NotEqual(token, await client.GetTokenAsync(Ct));
    }

    [Fact]
    public async Task AnotherInstanceHoldsTheLeaseAndNoTokenAppears_FetchesWithoutItAfterTenWaits()
    {
        await using var connector = await FakeBotConnector.StartAsync();
        using var http = new HttpClient();
        var time = new FakeTimeProvider();
        var cache = new LeaseCountingCache(new InMemoryAccessTokenCache(time));
        var client = NewClient(http, connector, time, cache);
        Assert.True(await cache.TryAcquireLeaseAsync(client.CacheKey, "other", time.GetUtcNow().AddHours(1), Ct));

        var waiting = client.GetTokenAsync(Ct).AsTask();
        for (var i = 0; i < 300 && !waiting.IsCompleted; i++)
        {
            time.Advance(LeaseWait);
            await Task.Delay(15, Ct);
        }

        Assert.NotNull(await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.Equal(1, connector.TokenRequests);
        Assert.Equal(1 + 10, cache.LeaseAttempts); // the other's, then ten rounds of this one's
        Assert.Equal(await waiting, (await cache.GetAsync(client.CacheKey, Ct))?.Token);
    }

    private static BotFrameworkTokenClient NewClient(HttpClient http, FakeBotConnector connector, TimeProvider time, IAccessTokenCache? cache) =>
        new(http, new BotFrameworkCredentials(FakeBotConnector.AppId, FakeBotConnector.AppPassword, connector.TokenEndpoint, BotFrameworkTokenClient.DefaultScope),
            time, NullLogger<BotFrameworkTokenClient>.Instance, cache);

    private sealed class BrokenCache : IAccessTokenCache
    {
        public Task<CachedAccessToken?> GetAsync(string key, CancellationToken cancellationToken = default) => throw new IOException("down");

        public Task SaveAsync(string key, CachedAccessToken token, CancellationToken cancellationToken = default) => throw new IOException("down");

        public Task InvalidateAsync(string key, string token, CancellationToken cancellationToken = default) => throw new IOException("down");

        public Task<bool> TryAcquireLeaseAsync(string key, string holder, DateTimeOffset until, CancellationToken cancellationToken = default) => throw new IOException("down");

        public Task ReleaseLeaseAsync(string key, string holder, CancellationToken cancellationToken = default) => throw new IOException("down");
    }

    private sealed class LeaseCountingCache(IAccessTokenCache inner) : IAccessTokenCache
    {
        private int _leaseAttempts;

        public int LeaseAttempts => Volatile.Read(ref _leaseAttempts);

        public Task<CachedAccessToken?> GetAsync(string key, CancellationToken cancellationToken = default) => inner.GetAsync(key, cancellationToken);

        public Task SaveAsync(string key, CachedAccessToken token, CancellationToken cancellationToken = default) => inner.SaveAsync(key, token, cancellationToken);

        public Task InvalidateAsync(string key, string token, CancellationToken cancellationToken = default) => inner.InvalidateAsync(key, token, cancellationToken);

        public Task<bool> TryAcquireLeaseAsync(string key, string holder, DateTimeOffset until, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _leaseAttempts);
            return inner.TryAcquireLeaseAsync(key, holder, until, cancellationToken);
        }

        public Task ReleaseLeaseAsync(string key, string holder, CancellationToken cancellationToken = default) => inner.ReleaseLeaseAsync(key, holder, cancellationToken);
    }
}
