using ChatOps.Core.Reports.Overview;

namespace ChatOps.Storage.Reports;

/// <summary>Statements of <see cref="BulletinEditionStore"/> (table <c>bulletin_issues</c>, migration 0020).</summary>
internal static class BulletinEditionSql
{
    private const string Columns = """
        id, cycle_key AS CycleKey, period_key AS PeriodKey, status, content, version, updated_by AS UpdatedBy, updated_at AS UpdatedAt,
        signer_id AS SignerId, signer_name AS SignerName, signed_at AS SignedAt
        """;

    public static readonly SqlStatement SelectByPeriod = SqlStatement.Portable(nameof(SelectByPeriod),
        $"SELECT {Columns} FROM bulletin_issues WHERE cycle_key = @CycleKey AND period_key = @PeriodKey");

    public static readonly SqlStatement SelectById = SqlStatement.Portable(nameof(SelectById),
        $"SELECT {Columns} FROM bulletin_issues WHERE id = @Id");

    public static readonly SqlStatement SelectHolder = SqlStatement.Portable(nameof(SelectHolder),
        "SELECT id FROM bulletin_issues WHERE year = @Year AND number = @Number");

    public static readonly SqlStatement SelectMaxNumber = SqlStatement.Portable(nameof(SelectMaxNumber),
        "SELECT COALESCE(MAX(number), 0) FROM bulletin_issues WHERE year = @Year");

    public static readonly SqlStatement Insert = SqlStatement.InsertReturningId(nameof(Insert), """
        INSERT INTO bulletin_issues (cycle_key, period_key, year, number, status, content, version, updated_by, updated_at)
        VALUES (@CycleKey, @PeriodKey, @Year, @Number, @Status, @Content, 1, @UpdatedBy, @UpdatedAt)
        """);

    public static readonly SqlStatement Update = SqlStatement.Portable(nameof(Update), """
        UPDATE bulletin_issues SET year = @Year, number = @Number, content = @Content, version = version + 1, updated_by = @UpdatedBy, updated_at = @UpdatedAt
        WHERE id = @Id AND version = @Version AND status = 'Draft'
        """);

    public static readonly SqlStatement Issue = SqlStatement.Portable(nameof(Issue), """
        UPDATE bulletin_issues SET status = 'Issued', version = version + 1, updated_by = @UpdatedBy, updated_at = @UpdatedAt,
            signer_id = @SignerId, signer_name = @SignerName, signed_at = @SignedAt, document = @Document
        WHERE id = @Id AND version = @Version AND status = 'Draft'
        """);

    public static readonly SqlStatement SelectDocument = SqlStatement.Portable(nameof(SelectDocument),
        "SELECT document FROM bulletin_issues WHERE id = @Id");

    public static readonly SqlStatement SelectRecent = new(nameof(SelectRecent),
        $"SELECT {Columns} FROM bulletin_issues ORDER BY year DESC, number DESC LIMIT @Limit",
        $"SELECT TOP (@Limit) {Columns} FROM bulletin_issues ORDER BY year DESC, number DESC");
}

/// <summary>The bulletin's issues, each call its own connection.</summary>
internal sealed class BulletinEditionStore(Database db) : IBulletinEditionStore
{
    public async Task<BulletinEdition?> FindAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default) =>
        (await db.QueryAsync<BulletinEdition>(BulletinEditionSql.SelectByPeriod, new { CycleKey = cycleKey, PeriodKey = periodKey }, cancellationToken)).FirstOrDefault();

    public async Task<BulletinEdition?> FindByIdAsync(long id, CancellationToken cancellationToken = default) =>
        (await db.QueryAsync<BulletinEdition>(BulletinEditionSql.SelectById, new { Id = id }, cancellationToken)).FirstOrDefault();

    public Task<long?> HolderOfNumberAsync(int year, int number, CancellationToken cancellationToken = default) =>
        db.ExecuteScalarAsync<long?>(BulletinEditionSql.SelectHolder, new { Year = year, Number = number }, cancellationToken);

    public async Task<int> MaxNumberAsync(int year, CancellationToken cancellationToken = default) =>
        await db.ExecuteScalarAsync<int>(BulletinEditionSql.SelectMaxNumber, new { Year = year }, cancellationToken);

    public async Task<long> InsertAsync(BulletinEdition issue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return await db.WriteAsync(s => s.ExecuteScalarAsync<long>(BulletinEditionSql.Insert, Parameters(issue), cancellationToken), cancellationToken);
    }

    public async Task<bool> UpdateAsync(BulletinEdition issue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return await db.ExecuteAsync(BulletinEditionSql.Update, Parameters(issue), cancellationToken) == 1;
    }

    public async Task<bool> IssueAsync(BulletinEdition issue, byte[] document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return await db.ExecuteAsync(BulletinEditionSql.Issue, new
        {
            issue.Id,
            issue.Version,
            issue.UpdatedBy,
            issue.UpdatedAt,
            issue.SignerId,
            issue.SignerName,
            issue.SignedAt,
            Document = document,
        }, cancellationToken) == 1;
    }

    public Task<byte[]?> DocumentAsync(long id, CancellationToken cancellationToken = default) =>
        db.ExecuteScalarAsync<byte[]?>(BulletinEditionSql.SelectDocument, new { Id = id }, cancellationToken);

    public Task<IReadOnlyList<BulletinEdition>> ListAsync(int limit, CancellationToken cancellationToken = default) =>
        db.QueryAsync<BulletinEdition>(BulletinEditionSql.SelectRecent, new { Limit = Math.Clamp(limit, 1, 1000) }, cancellationToken);

    private static object Parameters(BulletinEdition e) => new
    {
        e.Id,
        e.CycleKey,
        e.PeriodKey,
        e.Content.Year,
        e.Content.Number,
        Status = e.Status.ToString(),
        Content = ChatOpsJson.Serialize(e.Content),
        e.Version,
        e.UpdatedBy,
        e.UpdatedAt,
    };
}
