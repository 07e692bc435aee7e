using System.Data.Common;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using Dapper;

namespace ChatOps.Storage.Organization;

/// <summary>
/// The directory over Dapper. Loads are one round trip per table; applying changes is one transaction — its own, or the
/// caller's unit of work so that the change and its audit line commit together (<see cref="DirectoryWriter"/>). The
/// statements are <see cref="DirectorySql"/>.
/// </summary>
internal sealed class DirectoryRepository(Database db, GroupKinds kinds) : IDirectoryRepository
{
    public async Task<DirectorySnapshot> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var units = (await c.QueryAsync<UnitRow>(Cmd(DirectorySql.SelectUnits, cancellationToken))).Select(r => r.ToUnit()).ToList();
        var roles = (await c.QueryAsync<(string PersonId, string Role)>(Cmd(DirectorySql.SelectRoles, cancellationToken)))
            .ToLookup(r => r.PersonId, r => Enum.Parse<Roles>(r.Role), StringComparer.Ordinal);
        var identities = (await c.QueryAsync<(string Channel, string ExternalId, string PersonId)>(Cmd(DirectorySql.SelectIdentities, cancellationToken)))
            .ToLookup(r => r.PersonId, r => new ChannelIdentity(r.Channel, r.ExternalId), StringComparer.Ordinal);
        var people = (await c.QueryAsync<PersonRow>(Cmd(DirectorySql.SelectPeople, cancellationToken)))
            .Select(r => r.ToPerson(roles[r.Id], identities[r.Id])).ToList();
        var members = (await c.QueryAsync<(string GroupCode, string PersonId)>(Cmd(DirectorySql.SelectGroupMembers, cancellationToken)))
            .ToLookup(r => r.GroupCode, r => r.PersonId, StringComparer.Ordinal);
        var groups = (await c.QueryAsync<GroupRow>(Cmd(DirectorySql.SelectGroups, cancellationToken)))
            .Select(r => new GroupChat(r.Code, r.Name, kinds.FromStored(r.Kind), r.Address, members[r.Code].ToList())).ToList();
        return new DirectorySnapshot(units, people, groups);
    }

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.ExecuteScalarAsync<long>(Cmd(DirectorySql.CountUnits, cancellationToken)) == 0;
    }

    public Task ApplyAsync(DirectoryChanges changes, string filedBy, string reason, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        db.InSessionAsync(
            async s =>
            {
                await DirectoryWriter.ApplyAsync((statement, parameters) => s.ExecuteAsync(statement, parameters, cancellationToken), changes, filedBy, reason, at);
                return 0;
            },
            cancellationToken);

    public Task ApplyAsync(IUnitOfWork work, DirectoryChanges changes, string filedBy, string reason, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var session = FeatureStores.SessionOf(work, "directory");
        return DirectoryWriter.ApplyAsync((statement, parameters) => session.ExecuteAsync(statement, parameters, cancellationToken), changes, filedBy, reason, at);
    }

    public async Task<Person?> FindPersonAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await LoadPersonAsync(c, await c.QuerySingleOrDefaultAsync<PersonRow>(Cmd(DirectorySql.SelectPersonById, cancellationToken, new { Id = id })), cancellationToken);
    }

    public async Task<Person?> FindByIdentityAsync(string channel, string externalId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var row = await c.QuerySingleOrDefaultAsync<PersonRow>(
            Cmd(DirectorySql.SelectPersonByIdentity, cancellationToken, new { Channel = channel, ExternalId = externalId }));
        return await LoadPersonAsync(c, row, cancellationToken);
    }

    public async Task<Unit?> FindUnitAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.QuerySingleOrDefaultAsync<UnitRow>(Cmd(DirectorySql.SelectUnitByCode, cancellationToken, new { Code = code })))?.ToUnit();
    }

    public async Task<string?> FindLiaisonIdAsync(string unitCode, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.QuerySingleOrDefaultAsync<string>(Cmd(DirectorySql.SelectLiaison, cancellationToken, new { UnitCode = unitCode }));
    }

    public async Task<IReadOnlyList<Person>> ListByRoleAsync(Roles role, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var rows = await c.QueryAsync<PersonRow>(Cmd(DirectorySql.SelectPeopleByRole, cancellationToken, new { Role = role.ToString() }));
        var result = new List<Person>();
        foreach (var row in rows)
        {
            result.Add((await LoadPersonAsync(c, row, cancellationToken))!);
        }

        return result;
    }

    public async Task<IReadOnlyList<Unit>> ListReportingUnitsAsync(string personId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var rows = await c.QueryAsync<UnitRow>(Cmd(DirectorySql.SelectReportingUnits, cancellationToken, new { PersonId = personId }));
        return rows.Select(r => r.ToUnit()).ToList();
    }

    public async Task NameDelegateAsync(string unitCode, string personId, string namedBy, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await c.ExecuteAsync(Cmd(DirectorySql.InsertDelegate, cancellationToken, new { UnitCode = unitCode, PersonId = personId, NamedBy = namedBy, NamedAt = at }));
    }

    public async Task<IReadOnlyList<LiaisonChange>> ListLiaisonChangesAsync(string? unitCode, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var rows = await c.QueryAsync<LiaisonChangeRow>(Cmd(DirectorySql.SelectLiaisonChanges, cancellationToken, new { UnitCode = unitCode }));
        return rows.Select(r => new LiaisonChange(r.Id, r.UnitCode, r.OldPersonId, r.NewPersonId, r.FiledBy, r.FiledAt, r.Reason)).ToList();
    }

    private async Task<Person?> LoadPersonAsync(DbConnection c, PersonRow? row, CancellationToken cancellationToken)
    {
        if (row is null)
        {
            return null;
        }

        var roles = await c.QueryAsync<string>(Cmd(DirectorySql.SelectRolesOfPerson, cancellationToken, new { PersonId = row.Id }));
        var identities = await c.QueryAsync<(string Channel, string ExternalId)>(Cmd(DirectorySql.SelectIdentitiesOfPerson, cancellationToken, new { PersonId = row.Id }));
        return row.ToPerson(roles.Select(Enum.Parse<Roles>), identities.Select(i => new ChannelIdentity(i.Channel, i.ExternalId)));
    }

    private CommandDefinition Cmd(SqlStatement statement, CancellationToken cancellationToken, object? parameters = null) =>
        new(db.Sql(statement), parameters, cancellationToken: cancellationToken);

    private sealed class UnitRow
    {
        public string Code { get; set; } = "";

        public string Name { get; set; } = "";

        public string Kind { get; set; } = "";

        public string? ParentCode { get; set; }

        public bool RequiresReview { get; set; }

        public int SortOrder { get; set; }

        public Unit ToUnit() => new(Code, Name, Enum.Parse<UnitKind>(Kind), ParentCode, RequiresReview, SortOrder);
    }

    private sealed class PersonRow
    {
        public string Id { get; set; } = "";

        public string Name { get; set; } = "";

        public string? UnitCode { get; set; }

        public string? Title { get; set; }

        public string? Phone { get; set; }

        public Person ToPerson(IEnumerable<Roles> roles, IEnumerable<ChannelIdentity> identities) =>
            new(Id, Name, UnitCode, roles.Aggregate(Roles.None, (a, r) => a | r), Title, Phone,
                identities.OrderBy(i => i.Channel, StringComparer.Ordinal).ToList());
    }

    private sealed class GroupRow
    {
        public string Code { get; set; } = "";

        public string Name { get; set; } = "";

        public string Kind { get; set; } = "";

        public string Address { get; set; } = "";
    }

    private sealed class LiaisonChangeRow
    {
        public long Id { get; set; }

        public string UnitCode { get; set; } = "";

        public string? OldPersonId { get; set; }

        public string NewPersonId { get; set; } = "";

        public string FiledBy { get; set; } = "";

        public DateTimeOffset FiledAt { get; set; }

        public string Reason { get; set; } = "";
    }
}
