using ChatOps.Core.Organization;

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
        var units = (await c.QueryAsync<Unit>(Cmd(DirectorySql.SelectUnits, cancellationToken))).ToList();
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

    public async Task<Person?> FindPersonAsync(string id, CancellationToken cancellationToken = default) =>
        (await FindPeopleAsync([id], cancellationToken))[0];

    public async Task<Person?> FindByIdentityAsync(string channel, string externalId, CancellationToken cancellationToken = default) =>
        (await FindByIdentitiesAsync(channel, [externalId], cancellationToken))[0];

    public Task<IReadOnlyList<Person?>> FindPeopleAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default) =>
        FindInFullAsync(DirectorySql.SelectPeopleInFullById, ids, asked => new { Asked = asked }, cancellationToken);

    public Task<IReadOnlyList<Person?>> FindByIdentitiesAsync(string channel, IReadOnlyList<string> externalIds, CancellationToken cancellationToken = default) =>
        FindInFullAsync(DirectorySql.SelectPeopleInFullByIdentity, externalIds, asked => new { Channel = channel, Asked = asked }, cancellationToken);

    public async Task<Unit?> FindUnitAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.QuerySingleOrDefaultAsync<Unit>(Cmd(DirectorySql.SelectUnitByCode, cancellationToken, new { Code = code }));
    }

    public async Task<string?> FindLiaisonIdAsync(string unitCode, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.QuerySingleOrDefaultAsync<string>(Cmd(DirectorySql.SelectLiaison, cancellationToken, new { UnitCode = unitCode }));
    }

    public async Task<IReadOnlyList<Person>> ListByRoleAsync(Roles role, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var rows = await c.QueryAsync<PersonInFullRow>(Cmd(DirectorySql.SelectPeopleInFullByRole, cancellationToken, new { Role = role.ToString() }));
        return Fold(rows).Select(p => p.Person).ToList();
    }

    public async Task<IReadOnlyList<Unit>> ListReportingUnitsAsync(string personId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return [.. await c.QueryAsync<Unit>(Cmd(DirectorySql.SelectReportingUnits, cancellationToken, new { PersonId = personId }))];
    }

    public async Task NameDelegateAsync(string unitCode, string personId, string namedBy, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await c.ExecuteAsync(Cmd(DirectorySql.InsertDelegate, cancellationToken, new { UnitCode = unitCode, PersonId = personId, NamedBy = namedBy, NamedAt = at }));
    }

    public async Task<IReadOnlyList<LiaisonChange>> ListLiaisonChangesAsync(string? unitCode, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return [.. await c.QueryAsync<LiaisonChange>(Cmd(DirectorySql.SelectLiaisonChanges, cancellationToken, new { UnitCode = unitCode }))];
    }

    /// <summary>
    /// People, roles and identities in one round trip per <see cref="FindChunk"/> keys (every batch of chat turns looks
    /// its senders up): the rows folded per key asked, in the order asked.
    /// </summary>
    private async Task<IReadOnlyList<Person?>> FindInFullAsync(
        SqlStatement statement, IReadOnlyList<string> keys, Func<string[], object> parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new Dictionary<string, Person>(db.Dialect.KeyComparer);
        if (keys.Count > 0)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            foreach (var chunk in keys.Distinct(db.Dialect.KeyComparer).Chunk(FindChunk))
            {
                foreach (var (asked, person) in Fold(await c.QueryAsync<PersonInFullRow>(Cmd(statement, cancellationToken, parameters(chunk)))))
                {
                    found[asked] = person;
                }
            }
        }

        return keys.Select(k => found.GetValueOrDefault(k)).ToList();
    }

    /// <summary>Rows of a person, a role and an identity each, folded into one person per key asked, in the rows' order.</summary>
    private IEnumerable<(string Asked, Person Person)> Fold(IEnumerable<PersonInFullRow> rows) =>
        rows.GroupBy(r => r.Asked, db.Dialect.KeyComparer).Select(person => (person.Key, person.First().ToPerson(
            person.Where(r => r.Role is not null).Select(r => Enum.Parse<Roles>(r.Role!)),
            person.Where(r => r.Channel is not null).Select(r => new ChannelIdentity(r.Channel!, r.ExternalId!)).Distinct())));

    /// <summary>Keys per statement of <see cref="FindInFullAsync"/>: well inside every database's limit on parameters.</summary>
    private const int FindChunk = 500;

    private CommandDefinition Cmd(SqlStatement statement, CancellationToken cancellationToken, object? parameters = null) =>
        new(db.Sql(statement), parameters, cancellationToken: cancellationToken);

    private class PersonRow
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

    /// <summary>A row of the <c>SelectPeopleInFull…</c> statements: what was asked, the person, one role and one identity.</summary>
    private sealed class PersonInFullRow : PersonRow
    {
        public string Asked { get; set; } = "";

        public string? Role { get; set; }

        public string? Channel { get; set; }

        public string? ExternalId { get; set; }
    }

    private sealed class GroupRow
    {
        public string Code { get; set; } = "";

        public string Name { get; set; } = "";

        public string Kind { get; set; } = "";

        public string Address { get; set; } = "";
    }
}
