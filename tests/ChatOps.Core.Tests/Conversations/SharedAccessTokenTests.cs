using ChatOps.Core.Conversations;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.Core.Tests.Conversations;

/// <summary>
/// The one algorithm behind the WeCom and Bot Framework tokens: memory → shared cache → refresh lease → fetch → save,
/// the still-valid token kept when a refresh fails, compare-and-delete invalidation.
/// </summary>
public sealed class SharedAccessTokenTests
{
    private const string Key = "test:app";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FreshTokenInMemory_IsReturnedWithoutTouchingTheCache()
    {
        var h = new Harness();
        var token = h.NewToken();
        var first = await token.GetTokenAsync(Ct);
        var callsAfterFirst = h.Cache.Calls;
        h.Time.Advance(Lifetime - TimeSpan.FromMinutes(6));

        var second = await token.GetTokenAsync(Ct);

        Assert.Equal("t1", first);
        Assert.Equal(first, second);
        Assert.Equal(callsAfterFirst, h.Cache.Calls);
        Assert.Equal(1, token.FetchCount);
        Assert.Equal("t1", (await h.Cache.GetAsync(Key, Ct))?.Token);
    }

    [Fact]
    public async Task TokenWithinTheRefreshMargin_IsRefreshedAndSaved()
    {
        var h = new Harness();
        var token = h.NewToken();
        await token.GetTokenAsync(Ct);
        h.Time.Advance(Lifetime - TimeSpan.FromMinutes(4)); // 4 min left, margin 5 min

        var refreshed = await token.GetTokenAsync(Ct);

        Assert.Equal("t2", refreshed);
        Assert.Equal(2, token.FetchCount);
        Assert.Equal("t2", (await h.Cache.GetAsync(Key, Ct))?.Token);
        Assert.True(await h.Cache.TryAcquireLeaseAsync(Key, "other", h.Time.GetUtcNow().AddSeconds(30), Ct)); // lease released
    }

    [Fact]
    public async Task RefreshMargin_IsCappedAtHalfTheLifetime()
    {
        var h = new Harness { Lifetime = TimeSpan.FromMinutes(6) };
        var token = h.NewToken();
        await token.GetTokenAsync(Ct);
        h.Time.Advance(TimeSpan.FromMinutes(2)); // 4 min left: inside 5 min, but more than half of 6

        Assert.Equal("t1", await token.GetTokenAsync(Ct));
        h.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal("t2", await token.GetTokenAsync(Ct));
    }

    [Fact]
    public async Task MinRefreshInterval_KeepsARecentTokenThatIsShortOfTime_UntilItExpires()
    {
        // An issuer answering with the same token and its remaining 40 s: within the margin at once, yet not refetched for 30 s.
        var h = new Harness { Lifetime = TimeSpan.FromSeconds(40) };
        var floored = h.NewToken(o => o with { MinRefreshInterval = TimeSpan.FromSeconds(30) });
        var plain = h.NewToken();
        await floored.GetTokenAsync(Ct);
        await plain.GetTokenAsync(Ct);

        h.Time.Advance(TimeSpan.FromSeconds(25)); // 15 s left, margin 20 s
        Assert.True(floored.IsFresh((await h.Cache.GetAsync(Key, Ct))!, h.Time.GetUtcNow()));
        Assert.False(plain.IsFresh((await h.Cache.GetAsync(Key, Ct))!, h.Time.GetUtcNow()));
        var fetchesBefore = floored.FetchCount;
        await floored.GetTokenAsync(Ct);
        Assert.Equal(fetchesBefore, floored.FetchCount);

        h.Time.Advance(TimeSpan.FromSeconds(6)); // obtained 31 s ago
        await floored.GetTokenAsync(Ct);
        Assert.Equal(fetchesBefore + 1, floored.FetchCount);

        var now = h.Time.GetUtcNow();
        Assert.False(floored.IsFresh(new CachedAccessToken("x", now.AddSeconds(-10), now), now)); // expired, however recent
    }

    [Fact]
    public async Task RefreshFails_TheStillValidTokenIsKept_AnExpiredOneIsNot()
    {
        var h = new Harness();
        var token = h.NewToken();
        await token.GetTokenAsync(Ct);
        h.Time.Advance(Lifetime - TimeSpan.FromMinutes(2));
        h.FailWith = new InvalidOperationException("endpoint down");

        Assert.Equal("t1", await token.GetTokenAsync(Ct));
        Assert.Equal(2, token.FetchCount);
        Assert.Equal("t1", (await h.Cache.GetAsync(Key, Ct))?.Token);

        h.Time.Advance(TimeSpan.FromMinutes(2));
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => token.GetTokenAsync(Ct).AsTask());
        Assert.Equal("endpoint down", ex.Message);
    }

    [Fact]
    public async Task RefreshFailsWithAnExceptionNotAllowedToFallBack_ItPropagates()
    {
        var h = new Harness();
        var token = h.NewToken();
        await token.GetTokenAsync(Ct);
        h.Time.Advance(Lifetime - TimeSpan.FromMinutes(2));
        h.FailWith = new FormatException("not allowed");

        await Assert.ThrowsAsync<FormatException>(() => token.GetTokenAsync(Ct).AsTask());
    }

    [Fact]
    public async Task AnotherHolderHasTheLease_WaitsForItsTokenInsteadOfFetching()
    {
        var h = new Harness();
        var token = h.NewToken();
        Assert.True(await h.Cache.TryAcquireLeaseAsync(Key, "other", h.Time.GetUtcNow().AddSeconds(30), Ct));

        var waiting = token.GetTokenAsync(Ct).AsTask();
        await h.AdvanceAsync(waiting, rounds: 3);
        Assert.False(waiting.IsCompleted); // nothing to return yet, and the lease is theirs for 30 s

        var now = h.Time.GetUtcNow();
        await h.Cache.SaveAsync(Key, new CachedAccessToken("theirs", now, now + Lifetime), Ct);
        await h.AdvanceAsync(waiting, rounds: 80); // at most 20 s more: their lease still runs

        Assert.Equal("theirs", await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.Equal(0, token.FetchCount);
    }

    [Fact]
    public async Task AnotherHolderHasTheLease_AStillValidTokenIsUsedWithoutWaiting()
    {
        var h = new Harness();
        var now = h.Time.GetUtcNow();
        await h.Cache.SaveAsync(Key, new CachedAccessToken("theirs", now - Lifetime + TimeSpan.FromMinutes(3), now + TimeSpan.FromMinutes(3)), Ct);
        Assert.True(await h.Cache.TryAcquireLeaseAsync(Key, "other", now.AddSeconds(30), Ct));

        Assert.Equal("theirs", await h.NewToken().GetTokenAsync(Ct));
    }

    [Fact]
    public async Task AnotherHoldersLeaseLapses_ThisInstanceFetches()
    {
        var h = new Harness();
        var token = h.NewToken();
        Assert.True(await h.Cache.TryAcquireLeaseAsync(Key, "other", h.Time.GetUtcNow().AddSeconds(1), Ct));

        var waiting = token.GetTokenAsync(Ct).AsTask();
        await h.AdvanceAsync(waiting, rounds: 80);

        Assert.Equal("t1", await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.Equal(1, token.FetchCount);
    }

    [Fact]
    public async Task MaxLeaseRounds_AfterThatManyWaitsFetchesWithoutTheLease()
    {
        var h = new Harness();
        var token = h.NewToken(o => o with { MaxLeaseRounds = 3 });
        Assert.True(await h.Cache.TryAcquireLeaseAsync(Key, "other", h.Time.GetUtcNow().AddHours(1), Ct));

        var waiting = token.GetTokenAsync(Ct).AsTask();
        await h.AdvanceAsync(waiting, rounds: 80);

        Assert.Equal("t1", await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.Equal(1, token.FetchCount);
        Assert.Equal(3, h.Cache.LeaseAttempts); // rounds 0, 1 and 2 asked for the lease; round 3 fetched without it
        Assert.False(await h.Cache.TryAcquireLeaseAsync(Key, "third", h.Time.GetUtcNow().AddSeconds(30), Ct)); // the other's lease stands
    }

    [Fact]
    public async Task Invalidate_IsCompareAndDelete()
    {
        var h = new Harness();
        var token = h.NewToken();
        var old = await token.GetTokenAsync(Ct);
        var now = h.Time.GetUtcNow();
        await h.Cache.SaveAsync(Key, new CachedAccessToken("newer", now, now + Lifetime), Ct);

        await token.InvalidateAsync(old, Ct);

        Assert.Equal("newer", (await h.Cache.GetAsync(Key, Ct))?.Token);
        Assert.Equal("newer", await token.GetTokenAsync(Ct));
        Assert.Equal(1, token.FetchCount);

        await token.InvalidateAsync("newer", Ct);

        Assert.Null(await h.Cache.GetAsync(Key, Ct));
        Assert.Equal("t2", await token.GetTokenAsync(Ct));
    }

    [Fact]
    public async Task WithoutACache_TheTokenLivesInMemory()
    {
        var h = new Harness();
        var token = new SharedAccessToken(h.Options, cache: null, h.FetchAsync, h.Time);

        Assert.Equal("t1", await token.GetTokenAsync(Ct));
        Assert.Equal("t1", await token.GetTokenAsync(Ct));
        await token.InvalidateAsync("t1", Ct);
        Assert.Equal("t2", await token.GetTokenAsync(Ct));
        Assert.Equal(0, h.Cache.Calls);
    }

    [Fact]
    public async Task FailingCache_IsWorkedAroundOnlyWhenTolerated()
    {
        var h = new Harness();
        h.Cache.Broken = true;

        await Assert.ThrowsAsync<IOException>(() => h.NewToken().GetTokenAsync(Ct).AsTask());

        var tolerant = h.NewToken(o => o with { TolerateCacheFailures = true });
        Assert.Equal("t1", await tolerant.GetTokenAsync(Ct));
        Assert.Equal("t1", await tolerant.GetTokenAsync(Ct)); // kept in memory
        await tolerant.InvalidateAsync("t1", Ct);
        Assert.Equal("t2", await tolerant.GetTokenAsync(Ct));
    }

    [Fact]
    public async Task ManyCallersAtOnce_OneFetch()
    {
        var h = new Harness { FetchDelay = TimeSpan.FromMilliseconds(50) };
        var token = h.NewToken();

        var tokens = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => token.GetTokenAsync(Ct).AsTask()));

        Assert.All(tokens, t => Assert.Equal("t1", t));
        Assert.Equal(1, token.FetchCount);
    }

    private sealed class Harness
    {
        private int _issued;

        public Harness()
        {
            Cache = new CountingCache(new InMemoryAccessTokenCache(Time));
            Options = new SharedAccessTokenOptions
            {
                CacheKey = Key,
                Name = "test token",
                Holder = "me",
                LeasePollInterval = Poll,
                MayKeepValidToken = static e => e is InvalidOperationException,
            };
        }

        public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));

        public CountingCache Cache { get; }

        public SharedAccessTokenOptions Options { get; }

        public TimeSpan Lifetime { get; init; } = SharedAccessTokenTests.Lifetime;

        public TimeSpan FetchDelay { get; init; }

        public Exception? FailWith { get; set; }

        public SharedAccessToken NewToken(Func<SharedAccessTokenOptions, SharedAccessTokenOptions>? change = null) =>
            new(change is null ? Options : change(Options), Cache, FetchAsync, Time);

        public async Task<CachedAccessToken> FetchAsync(CancellationToken cancellationToken)
        {
            if (FetchDelay > TimeSpan.Zero)
            {
                await Task.Delay(FetchDelay, cancellationToken);
            }

            if (FailWith is { } failure)
            {
                throw failure;
            }

            var now = Time.GetUtcNow();
            return new CachedAccessToken($"t{Interlocked.Increment(ref _issued)}", now, now + Lifetime);
        }

        /// <summary>Moves the clock one poll interval at a time, <paramref name="rounds"/> times or until the call completes.</summary>
        public async Task AdvanceAsync(Task call, int rounds)
        {
            for (var i = 0; i < rounds && !call.IsCompleted; i++)
            {
                Time.Advance(Poll);
                await Task.Delay(15, Ct); // let the woken caller reach its next wait
            }
        }
    }

    private sealed class CountingCache(IAccessTokenCache inner) : IAccessTokenCache
    {
        private int _calls;
        private int _leaseAttempts;

        public int Calls => Volatile.Read(ref _calls);

        public int LeaseAttempts => Volatile.Read(ref _leaseAttempts);

        public bool Broken { get; set; }

        public Task<CachedAccessToken?> GetAsync(string key, CancellationToken cancellationToken = default) =>
            Call(() => inner.GetAsync(key, cancellationToken));

        public Task SaveAsync(string key, CachedAccessToken token, CancellationToken cancellationToken = default) =>
            Call(() => inner.SaveAsync(key, token, cancellationToken));

        public Task InvalidateAsync(string key, string token, CancellationToken cancellationToken = default) =>
            Call(() => inner.InvalidateAsync(key, token, cancellationToken));

        public Task<bool> TryAcquireLeaseAsync(string key, string holder, DateTimeOffset until, CancellationToken cancellationToken = default)
        {
            if (holder == "me")
            {
                Interlocked.Increment(ref _leaseAttempts);
            }

            return Call(() => inner.TryAcquireLeaseAsync(key, holder, until, cancellationToken));
        }

        public Task ReleaseLeaseAsync(string key, string holder, CancellationToken cancellationToken = default) =>
            Call(() => inner.ReleaseLeaseAsync(key, holder, cancellationToken));

        private T Call<T>(Func<T> call)
        {
            Interlocked.Increment(ref _calls);
            return Broken ? throw new IOException("the database is down") : call();
        }
    }
}
