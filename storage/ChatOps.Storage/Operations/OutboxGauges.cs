using ChatOps.Core.Operations;

namespace ChatOps.Storage.Operations;

/// <summary>
/// Feeds the outbox gauges (<see cref="ChatOpsTelemetry.ObserveOutbox"/>): one small query when the gauges are read
/// (a scrape), cached for <see cref="CacheFor"/> so frequent scrapes or several readers cost one query.
/// </summary>
internal sealed class OutboxGauges(Database db, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly Lock _lock = new();
    private (DateTimeOffset At, OutboxStats Stats)? _last;

    public OutboxStats Read()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_last is { } last && now - last.At < CacheFor)
            {
                return last.Stats;
            }
        }

        OutboxStats stats;
        try
        {
            using var c = db.OpenAsync().GetAwaiter().GetResult();
            var row = c.QuerySingle<(long Pending, DateTimeOffset? Oldest)>(db.Sql(OperationsSql.OutboxStats));
            stats = new OutboxStats(row.Pending, row.Oldest is { } oldest ? Math.Max(0, (now - oldest).TotalSeconds) : 0);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            stats = new OutboxStats(-1, -1); // the database is unreachable: /healthz and the doctor say why
        }

        lock (_lock)
        {
            _last = (now, stats);
        }

        return stats;
    }
}
