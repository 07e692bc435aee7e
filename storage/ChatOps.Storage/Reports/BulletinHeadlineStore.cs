using ChatOps.Core.Reports;
using Dapper;

namespace ChatOps.Storage.Reports;

/// <summary>The office's 行动要情 items per period, in the order they were added. Each call its own connection.</summary>
internal sealed class BulletinHeadlineStore(Database db) : IBulletinHeadlineStore
{
    public async Task<IReadOnlyList<string>> ListAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.QueryAsync<string>(new CommandDefinition(db.Sql(HeadlineSql.Select), new { CycleKey = cycleKey, PeriodKey = periodKey }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task AddAsync(string cycleKey, string periodKey, string text, string by, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition(db.Sql(HeadlineSql.Insert),
            new { CycleKey = cycleKey, PeriodKey = periodKey, Text = text, By = by, At = at }, cancellationToken: cancellationToken));
    }

    public async Task ClearAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition(db.Sql(HeadlineSql.Delete), new { CycleKey = cycleKey, PeriodKey = periodKey }, cancellationToken: cancellationToken));
    }
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
