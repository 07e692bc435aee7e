using ChatOps.Core.Supervision;

namespace ChatOps.Storage.Supervision;

/// <summary>The visibility reads of supervision outside any unit of work: each call one query on a connection of its own, no write transaction.</summary>
internal sealed class SupervisionReads(Database db) : ISupervisionReads
{
    public Task<SupervisionItem?> FindItemAsync(long id, CancellationToken cancellationToken = default) =>
        db.QuerySingleOrDefaultAsync<SupervisionItem>(SupervisionSql.SelectItem, new { Id = id }, cancellationToken);

    public Task<IReadOnlyList<(string UnitCode, string PersonId)>> ListAssignmentsAsync(CancellationToken cancellationToken = default) =>
        db.QueryAsync<(string UnitCode, string PersonId)>(SupervisionSql.SelectSupervisors, null, cancellationToken);
}
