using System.Data.Common;
using ChatOps.Core.Organization;
using Dapper;

namespace ChatOps.Storage.Organization;

/// <summary>The directory over Dapper. Loads are one round trip per table; applying changes is one transaction.</summary>
internal sealed class DirectoryRepository(Database db) : IDirectoryRepository
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
            .Select(r => new GroupChat(r.Code, r.Name, Enum.Parse<GroupKind>(r.Kind), r.Address, members[r.Code].ToList())).ToList();
        return new DirectorySnapshot(units, people, groups);
    }

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.ExecuteScalarAsync<long>(Cmd(DirectorySql.CountUnits, cancellationToken)) == 0;
    }

    public Task ApplyAsync(DirectoryChanges changes, string filedBy, string reason, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                CommandDefinition Cmd(SqlStatement s, object? p = null) => new(db.Sql(s), p, tx, cancellationToken: cancellationToken);

                // Units first without parents (a parent may come later in the list), then parents.
                foreach (var u in changes.UnitsToSave)
                {
                    await c.ExecuteAsync(Cmd(DirectorySql.UpsertUnit, new
                    {
                        u.Code,
                        u.Name,
                        Kind = u.Kind.ToString(),
                        ParentCode = u.ParentCode,
                        u.RequiresReview,
                        u.SortOrder,
                    }));
                }

                foreach (var code in changes.UnitsToDeactivate)
                {
                    await c.ExecuteAsync(Cmd(DirectorySql.DeactivateUnit, new { Code = code }));
                }

                foreach (var p in changes.PeopleToSave)
                {
                    await c.ExecuteAsync(Cmd(DirectorySql.UpsertPerson, new { p.Id, p.Name, p.UnitCode, p.Title, p.Phone }));
                    await c.ExecuteAsync(Cmd(DirectorySql.DeleteRoles, new { PersonId = p.Id }));
                    foreach (var role in Enum.GetValues<Roles>().Where(r => r != Roles.None && p.Roles.HasFlag(r)))
                    {
                        await c.ExecuteAsync(Cmd(DirectorySql.InsertRole, new { PersonId = p.Id, Role = role.ToString() }));
                    }
                }

                // Identities move between people (a userid reassigned): clear all changed people's first, then insert.
                foreach (var p in changes.PeopleToSave)
                {
                    await c.ExecuteAsync(Cmd(DirectorySql.DeleteIdentities, new { PersonId = p.Id }));
                }

                foreach (var id in changes.PeopleToDeactivate)
                {
                    await c.ExecuteAsync(Cmd(DirectorySql.DeactivatePerson, new { Id = id }));
                    await c.ExecuteAsync(Cmd(DirectorySql.DeleteIdentities, new { PersonId = id }));
                    await c.ExecuteAsync(Cmd(DirectorySql.DeleteRoles, new { PersonId = id }));
                }

                foreach (var p in changes.PeopleToSave)
                {
                    foreach (var i in p.Identities)
                    {
                        await c.ExecuteAsync(Cmd(DirectorySql.InsertIdentity, new { i.Channel, i.ExternalId, PersonId = p.Id }));
                    }
                }

                foreach (var g in changes.GroupsToSave)
                {
                    await c.ExecuteAsync(Cmd(DirectorySql.UpsertGroup, new { g.Code, g.Name, Kind = g.Kind.ToString(), g.Address }));
                    await c.ExecuteAsync(Cmd(DirectorySql.DeleteGroupMembers, new { GroupCode = g.Code }));
                    foreach (var m in g.MemberIds.Distinct(StringComparer.Ordinal))
                    {
                        await c.ExecuteAsync(Cmd(DirectorySql.InsertGroupMember, new { GroupCode = g.Code, PersonId = m }));
                    }
                }

                foreach (var code in changes.GroupsToDeactivate)
                {
                    await c.ExecuteAsync(Cmd(DirectorySql.DeactivateGroup, new { Code = code }));
                }

                foreach (var change in changes.LiaisonChanges)
                {
                    await c.ExecuteAsync(Cmd(DirectorySql.UpsertLiaison, new { change.UnitCode, PersonId = change.NewPersonId, Since = at }));
                    await c.ExecuteAsync(Cmd(DirectorySql.InsertLiaisonChange, new
                    {
                        change.UnitCode,
                        change.OldPersonId,
                        change.NewPersonId,
                        FiledBy = filedBy,
                        FiledAt = at,
                        Reason = reason,
                    }));
                }

                return 0;
            },
            cancellationToken);

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

/// <summary>Every statement of <see cref="DirectoryRepository"/>, readable as SQL, per dialect where they differ.</summary>
internal static class DirectorySql
{
    public static readonly SqlStatement SelectUnits = SqlStatement.Portable(nameof(SelectUnits), """
        SELECT code, name, kind, parent_code, requires_review, sort_order
        FROM units WHERE active = 1 ORDER BY sort_order, code
        """);

    public static readonly SqlStatement SelectUnitByCode = SqlStatement.Portable(nameof(SelectUnitByCode), """
        SELECT code, name, kind, parent_code, requires_review, sort_order
        FROM units WHERE code = @Code AND active = 1
        """);

    public static readonly SqlStatement CountUnits = SqlStatement.Portable(nameof(CountUnits), "SELECT COUNT(*) FROM units");

    public static readonly SqlStatement SelectPeople = SqlStatement.Portable(nameof(SelectPeople), """
        SELECT p.id, p.name, p.unit_code, p.title, p.phone
        FROM people p LEFT JOIN units u ON u.code = p.unit_code
        WHERE p.active = 1
        ORDER BY CASE WHEN u.sort_order IS NULL THEN 1 ELSE 0 END, u.sort_order, p.id
        """);

    public static readonly SqlStatement SelectPersonById = SqlStatement.Portable(nameof(SelectPersonById), """
        SELECT id, name, unit_code, title, phone FROM people WHERE id = @Id AND active = 1
        """);

    public static readonly SqlStatement SelectPersonByIdentity = SqlStatement.Portable(nameof(SelectPersonByIdentity), """
        SELECT p.id, p.name, p.unit_code, p.title, p.phone
        FROM person_identities i JOIN people p ON p.id = i.person_id
        WHERE i.channel = @Channel AND i.external_id = @ExternalId AND p.active = 1
        """);

    public static readonly SqlStatement SelectPeopleByRole = SqlStatement.Portable(nameof(SelectPeopleByRole), """
        SELECT p.id, p.name, p.unit_code, p.title, p.phone
        FROM person_roles r JOIN people p ON p.id = r.person_id
        WHERE r.role = @Role AND p.active = 1
        ORDER BY p.id
        """);

    public static readonly SqlStatement SelectRoles = SqlStatement.Portable(nameof(SelectRoles), "SELECT person_id, role FROM person_roles");

    public static readonly SqlStatement SelectRolesOfPerson = SqlStatement.Portable(nameof(SelectRolesOfPerson),
        "SELECT role FROM person_roles WHERE person_id = @PersonId");

    public static readonly SqlStatement SelectIdentities = SqlStatement.Portable(nameof(SelectIdentities),
        "SELECT channel, external_id, person_id FROM person_identities");

    public static readonly SqlStatement SelectIdentitiesOfPerson = SqlStatement.Portable(nameof(SelectIdentitiesOfPerson),
        "SELECT channel, external_id FROM person_identities WHERE person_id = @PersonId");

    public static readonly SqlStatement SelectGroups = SqlStatement.Portable(nameof(SelectGroups),
        "SELECT code, name, kind, address FROM group_chats WHERE active = 1 ORDER BY code");

    public static readonly SqlStatement SelectGroupMembers = SqlStatement.Portable(nameof(SelectGroupMembers),
        "SELECT group_code, person_id FROM group_members ORDER BY group_code, person_id");

    public static readonly SqlStatement SelectLiaison = SqlStatement.Portable(nameof(SelectLiaison),
        "SELECT person_id FROM unit_liaisons WHERE unit_code = @UnitCode");

    public static readonly SqlStatement SelectReportingUnits = SqlStatement.Portable(nameof(SelectReportingUnits), """
        SELECT u.code, u.name, u.kind, u.parent_code, u.requires_review, u.sort_order
        FROM units u
        WHERE u.active = 1
          AND (u.code IN (SELECT l.unit_code FROM unit_liaisons l WHERE l.person_id = @PersonId)
               OR u.code IN (SELECT d.unit_code FROM unit_delegates d WHERE d.person_id = @PersonId))
        ORDER BY u.sort_order, u.code
        """);

    public static readonly SqlStatement InsertDelegate = new(nameof(InsertDelegate),
        Sqlite: """
        INSERT INTO unit_delegates (unit_code, person_id, named_by, named_at) VALUES (@UnitCode, @PersonId, @NamedBy, @NamedAt)
        ON CONFLICT (unit_code, person_id) DO NOTHING
        """,
        SqlServer: """
        INSERT INTO unit_delegates (unit_code, person_id, named_by, named_at)
        SELECT @UnitCode, @PersonId, @NamedBy, @NamedAt
        WHERE NOT EXISTS (SELECT 1 FROM unit_delegates WITH (UPDLOCK, HOLDLOCK) WHERE unit_code = @UnitCode AND person_id = @PersonId)
        """);

    public static readonly SqlStatement SelectLiaisonChanges = SqlStatement.Portable(nameof(SelectLiaisonChanges), """
        SELECT id, unit_code, old_person_id, new_person_id, filed_by, filed_at, reason
        FROM liaison_changes
        WHERE @UnitCode IS NULL OR unit_code = @UnitCode
        ORDER BY id DESC
        """);

    public static readonly SqlStatement UpsertUnit = new(nameof(UpsertUnit),
        Sqlite: """
        INSERT INTO units (code, name, kind, parent_code, requires_review, sort_order, active)
        VALUES (@Code, @Name, @Kind, @ParentCode, @RequiresReview, @SortOrder, 1)
        ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, parent_code = excluded.parent_code,
            requires_review = excluded.requires_review, sort_order = excluded.sort_order, active = 1
        """,
        SqlServer: """
        UPDATE units WITH (UPDLOCK, SERIALIZABLE)
        SET name = @Name, kind = @Kind, parent_code = @ParentCode, requires_review = @RequiresReview, sort_order = @SortOrder, active = 1
        WHERE code = @Code;
        IF @@ROWCOUNT = 0
            INSERT INTO units (code, name, kind, parent_code, requires_review, sort_order, active)
            VALUES (@Code, @Name, @Kind, @ParentCode, @RequiresReview, @SortOrder, 1);
        """);

    public static readonly SqlStatement DeactivateUnit = SqlStatement.Portable(nameof(DeactivateUnit),
        "UPDATE units SET active = 0 WHERE code = @Code");

    public static readonly SqlStatement UpsertPerson = new(nameof(UpsertPerson),
        Sqlite: """
        INSERT INTO people (id, name, unit_code, title, phone, active) VALUES (@Id, @Name, @UnitCode, @Title, @Phone, 1)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, unit_code = excluded.unit_code, title = excluded.title,
            phone = excluded.phone, active = 1
        """,
        SqlServer: """
        UPDATE people WITH (UPDLOCK, SERIALIZABLE)
        SET name = @Name, unit_code = @UnitCode, title = @Title, phone = @Phone, active = 1
        WHERE id = @Id;
        IF @@ROWCOUNT = 0
            INSERT INTO people (id, name, unit_code, title, phone, active) VALUES (@Id, @Name, @UnitCode, @Title, @Phone, 1);
        """);

    public static readonly SqlStatement DeactivatePerson = SqlStatement.Portable(nameof(DeactivatePerson),
        "UPDATE people SET active = 0 WHERE id = @Id");

    public static readonly SqlStatement DeleteRoles = SqlStatement.Portable(nameof(DeleteRoles),
        "DELETE FROM person_roles WHERE person_id = @PersonId");

    public static readonly SqlStatement InsertRole = SqlStatement.Portable(nameof(InsertRole),
        "INSERT INTO person_roles (person_id, role) VALUES (@PersonId, @Role)");

    public static readonly SqlStatement DeleteIdentities = SqlStatement.Portable(nameof(DeleteIdentities),
        "DELETE FROM person_identities WHERE person_id = @PersonId");

    public static readonly SqlStatement InsertIdentity = SqlStatement.Portable(nameof(InsertIdentity),
        "INSERT INTO person_identities (channel, external_id, person_id) VALUES (@Channel, @ExternalId, @PersonId)");

    public static readonly SqlStatement UpsertGroup = new(nameof(UpsertGroup),
        Sqlite: """
        INSERT INTO group_chats (code, name, kind, address, active) VALUES (@Code, @Name, @Kind, @Address, 1)
        ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, address = excluded.address, active = 1
        """,
        SqlServer: """
        UPDATE group_chats WITH (UPDLOCK, SERIALIZABLE) SET name = @Name, kind = @Kind, address = @Address, active = 1 WHERE code = @Code;
        IF @@ROWCOUNT = 0
            INSERT INTO group_chats (code, name, kind, address, active) VALUES (@Code, @Name, @Kind, @Address, 1);
        """);

    public static readonly SqlStatement DeactivateGroup = SqlStatement.Portable(nameof(DeactivateGroup),
        "UPDATE group_chats SET active = 0 WHERE code = @Code");

    public static readonly SqlStatement DeleteGroupMembers = SqlStatement.Portable(nameof(DeleteGroupMembers),
        "DELETE FROM group_members WHERE group_code = @GroupCode");

    public static readonly SqlStatement InsertGroupMember = SqlStatement.Portable(nameof(InsertGroupMember),
        "INSERT INTO group_members (group_code, person_id) VALUES (@GroupCode, @PersonId)");

    public static readonly SqlStatement UpsertLiaison = new(nameof(UpsertLiaison),
        Sqlite: """
        INSERT INTO unit_liaisons (unit_code, person_id, since) VALUES (@UnitCode, @PersonId, @Since)
        ON CONFLICT (unit_code) DO UPDATE SET person_id = excluded.person_id, since = excluded.since
        """,
        SqlServer: """
        UPDATE unit_liaisons WITH (UPDLOCK, SERIALIZABLE) SET person_id = @PersonId, since = @Since WHERE unit_code = @UnitCode;
        IF @@ROWCOUNT = 0
            INSERT INTO unit_liaisons (unit_code, person_id, since) VALUES (@UnitCode, @PersonId, @Since);
        """);

    public static readonly SqlStatement InsertLiaisonChange = SqlStatement.Portable(nameof(InsertLiaisonChange), """
        INSERT INTO liaison_changes (unit_code, old_person_id, new_person_id, filed_by, filed_at, reason)
        VALUES (@UnitCode, @OldPersonId, @NewPersonId, @FiledBy, @FiledAt, @Reason)
        """);
}
