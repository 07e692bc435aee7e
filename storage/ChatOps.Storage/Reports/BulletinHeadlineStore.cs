using ChatOps.Core.Reports;

namespace ChatOps.Storage.Reports;

/// <summary>The office's 行动要情 items per period, in the order they were added. Each call its own connection.</summary>
internal sealed class BulletinHeadlineStore(Database db) : IBulletinHeadlineStore
{
    public Task<IReadOnlyList<string>> ListAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default) =>
        db.QueryAsync<string>(HeadlineSql.Select, new { CycleKey = cycleKey, PeriodKey = periodKey }, cancellationToken);

    public Task AddAsync(string cycleKey, string periodKey, string text, string by, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        db.ExecuteAsync(HeadlineSql.Insert, new { CycleKey = cycleKey, PeriodKey = periodKey, Text = text, By = by, At = at }, cancellationToken);

    public Task ClearAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default) =>
        db.ExecuteAsync(HeadlineSql.Delete, new { CycleKey = cycleKey, PeriodKey = periodKey }, cancellationToken);
}

/// <summary>Statements of <see cref="BulletinHeadlineStore"/>.</summary>
internal static class HeadlineSql
{
    public static readonly SqlStatement Select = SqlStatement.Portable(nameof(Select),
        "SELECT text FROM bulletin_headlines WHERE cycle_key = @CycleKey AND period_key = @PeriodKey ORDER BY id");

    public static readonly SqlStatement Insert = SqlStatement.Portable(nameof(Insert), """
        INSERT INTO bulletin_headlines (cycle_key, period_key, text, added_by, added_at) VALUES (@CycleKey, @PeriodKey, @Text, @By, @At)
        """);

    public static readonly SqlStatement Delete = SqlStatement.Portable(nameof(Delete),
        "DELETE FROM bulletin_headlines WHERE cycle_key = @CycleKey AND period_key = @PeriodKey");
}
