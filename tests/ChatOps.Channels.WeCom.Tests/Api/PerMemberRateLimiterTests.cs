using ChatOps.Channels.WeCom.Api;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.Channels.WeCom.Tests.Api;

/// <summary>WeCom: 30 messages/min and 1000/h per member per app (excess dropped), group robots 20/min.</summary>
public class PerMemberRateLimiterTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void DelayFor_ThirtyInAMinute_TheThirtyFirstWaitsForTheFirstToLeave()
    {
        var limiter = PerMemberRateLimiter.ForMembers();
        var start = _time.GetUtcNow();
        for (var i = 0; i < 30; i++)
        {
            Assert.Null(limiter.DelayFor("m", _time.GetUtcNow()));
            limiter.Record("m", _time.GetUtcNow());
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var delay = limiter.DelayFor("m", _time.GetUtcNow());

        Assert.Equal(start + TimeSpan.FromMinutes(1) - _time.GetUtcNow(), delay);
        _time.Advance(delay!.Value);
        Assert.Null(limiter.DelayFor("m", _time.GetUtcNow()));
        Assert.Null(limiter.DelayFor("other-member", _time.GetUtcNow()));
    }

    [Fact]
    public void DelayFor_ThousandInAnHour_WaitsForTheHourWindow()
    {
        var limiter = PerMemberRateLimiter.ForMembers();
        var start = _time.GetUtcNow();
        var sent = 0;
        while (sent < 1000)
        {
            if (limiter.TryAcquire("m", _time.GetUtcNow(), out var wait))
            {
                sent++;
            }
            else
            {
                Assert.True(wait <= TimeSpan.FromMinutes(1));
                _time.Advance(wait);
            }
        }

        Assert.True(_time.GetUtcNow() - start >= TimeSpan.FromMinutes(33)); // 30/min paces 1000 over ~33 min
        var delay = limiter.DelayFor("m", _time.GetUtcNow());
        Assert.NotNull(delay);
        Assert.Equal(start + TimeSpan.FromHours(1), _time.GetUtcNow() + delay.Value);
    }

    [Fact]
    public void TryAcquire_Concurrently_NeverExceedsTheLimit()
    {
        var limiter = PerMemberRateLimiter.ForWebhooks();
        var now = _time.GetUtcNow();
        var acquired = 0;

        Parallel.For(0, 200, i =>
        {
            if (limiter.TryAcquire("webhook:k", now, out _))
            {
                Interlocked.Increment(ref acquired);
            }
        });

        Assert.Equal(20, acquired);
    }

    [Fact]
    public void Record_OutOfOrder_StillCountsCorrectly()
    {
        var limiter = new PerMemberRateLimiter(new RateWindow(2, TimeSpan.FromSeconds(10)));
        var t0 = _time.GetUtcNow();

        limiter.Record("k", t0.AddSeconds(5));
        limiter.Record("k", t0);

        Assert.Equal(TimeSpan.FromSeconds(4), limiter.DelayFor("k", t0.AddSeconds(6)));
    }

    [Fact]
    public void Prune_ForgetsIdleKeys()
    {
        var limiter = PerMemberRateLimiter.ForMembers();
        limiter.Record("a", _time.GetUtcNow());
        limiter.Record("b", _time.GetUtcNow().AddMinutes(30));

        limiter.Prune(_time.GetUtcNow().AddMinutes(61));

        Assert.Equal(1, limiter.KeyCount);
    }

    [Fact]
    public void MemberKey_IsCaseInsensitiveOnUserId()
    {
        Assert.Equal(PerMemberRateLimiter.MemberKey("ww1", "1000002", "ZhangSan"), PerMemberRateLimiter.MemberKey("ww1", "1000002", "zhangsan"));
        Assert.NotEqual(PerMemberRateLimiter.MemberKey("ww1", "1000002", "a"), PerMemberRateLimiter.MemberKey("ww1", "1000003", "a"));
    }

    [Fact]
    public void Constructor_RejectsEmptyOrNonPositiveWindows()
    {
        Assert.Throws<ArgumentException>(() => new PerMemberRateLimiter());
        Assert.Throws<ArgumentException>(() => new PerMemberRateLimiter(new RateWindow(0, TimeSpan.FromMinutes(1))));
    }
}
