using ChatOps.Core.Calendar;
using Dapper;

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
    public async Task<IReadOnlyList<(int Year, string Yaml)>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(db.Sql(HolidayYearSql.SelectAll), cancellationToken: cancellationToken));
        return [.. rows.Select(r => ((int)r.Year, r.Yaml))];
    }

    public Task SaveAsync(int year, string yaml, string enteredBy, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async (c, t) =>
        {
            await c.ExecuteAsync(new CommandDefinition(db.Sql(HolidayYearSql.Delete), new { Year = year }, t, cancellationToken: cancellationToken));
            return await c.ExecuteAsync(new CommandDefinition(db.Sql(HolidayYearSql.Insert), new { Year = year, Yaml = yaml, EnteredBy = enteredBy, At = at }, t, cancellationToken: cancellationToken));
        }, cancellationToken);

    private sealed class Row
    {
        public long Year { get; set; }

        public string Yaml { get; set; } = "";
    }
}
