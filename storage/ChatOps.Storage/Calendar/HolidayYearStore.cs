using ChatOps.Core.Calendar;

namespace ChatOps.Storage.Calendar;

/// <summary>Statements of <see cref="HolidayYearStore"/>.</summary>
internal static class HolidayYearSql
{
    public static readonly SqlStatement SelectAll = SqlStatement.Portable(nameof(SelectAll),
        "SELECT cal_year AS Year, yaml AS Yaml FROM holiday_years ORDER BY cal_year");

    public static readonly SqlStatement Delete = SqlStatement.Portable(nameof(Delete),
        "DELETE FROM holiday_years WHERE cal_year = @Year");

    public static readonly SqlStatement Insert = SqlStatement.Portable(nameof(Insert),
        "INSERT INTO holiday_years (cal_year, yaml, entered_by, entered_at) VALUES (@Year, @Yaml, @EnteredBy, @At)");
}

/// <summary>The office's own holiday years (a handful of rows), each call its own connection.</summary>
internal sealed class HolidayYearStore(Database db) : IHolidayYearStore
{
    public async Task<IReadOnlyList<(int Year, string Yaml)>> ListAsync(CancellationToken cancellationToken = default) =>
        [.. (await db.QueryAsync<(long Year, string Yaml)>(HolidayYearSql.SelectAll, null, cancellationToken)).Select(r => ((int)r.Year, r.Yaml))];

    public Task SaveAsync(int year, string yaml, string enteredBy, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        db.InSessionAsync(async s =>
        {
            await s.ExecuteAsync(HolidayYearSql.Delete, new { Year = year }, cancellationToken);
            return await s.ExecuteAsync(HolidayYearSql.Insert, new { Year = year, Yaml = yaml, EnteredBy = enteredBy, At = at }, cancellationToken);
        }, cancellationToken);
}
