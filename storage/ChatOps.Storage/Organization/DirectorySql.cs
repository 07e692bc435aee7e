namespace ChatOps.Storage.Organization;

/// <summary>Every statement of <see cref="DirectoryRepository"/>, readable as SQL, per dialect where they differ.</summary>
internal static class DirectorySql
{
    /// <summary>A unit's columns in the order of <see cref="Core.Organization.Unit"/>'s constructor.</summary>
    private const string UnitColumns = "code, name, kind, parent_code, requires_review, sort_order";

    public static readonly SqlStatement SelectUnits = SqlStatement.Portable(nameof(SelectUnits),
        $"SELECT {UnitColumns} FROM units WHERE active = 1 ORDER BY sort_order, code");

    public static readonly SqlStatement SelectUnitByCode = SqlStatement.Portable(nameof(SelectUnitByCode),
        $"SELECT {UnitColumns} FROM units WHERE code = @Code AND active = 1");

    public static readonly SqlStatement CountUnits = SqlStatement.Portable(nameof(CountUnits), "SELECT COUNT(*) FROM units");

    public static readonly SqlStatement SelectPeople = SqlStatement.Portable(nameof(SelectPeople), """
        SELECT p.id, p.name, p.unit_code, p.title, p.phone
        FROM people p LEFT JOIN units u ON u.code = p.unit_code
        WHERE p.active = 1
        ORDER BY CASE WHEN u.sort_order IS NULL THEN 1 ELSE 0 END, u.sort_order, p.id
        """);

    /// <summary>
    /// People with their roles and identities in one round trip (the senders of a batch of chat turns): a row per person,
    /// role and identity, keyed by what was asked (<c>asked</c>), folded by <see cref="DirectoryRepository"/>; nothing for
    /// an identity no active person has.
    /// </summary>
    public static readonly SqlStatement SelectPeopleInFullByIdentity = SqlStatement.WithList(nameof(SelectPeopleInFullByIdentity), """
        SELECT i.external_id AS asked, p.id, p.name, p.unit_code, p.title, p.phone, r.role, o.channel, o.external_id
        FROM person_identities i JOIN people p ON p.id = i.person_id
        LEFT JOIN person_roles r ON r.person_id = p.id
        LEFT JOIN person_identities o ON o.person_id = p.id
        WHERE i.channel = @Channel AND i.external_id IN @Asked AND p.active = 1
        """);

    /// <summary>The same by the people's ids.</summary>
    public static readonly SqlStatement SelectPeopleInFullById = SqlStatement.WithList(nameof(SelectPeopleInFullById), """
        SELECT p.id AS asked, p.id, p.name, p.unit_code, p.title, p.phone, r.role, o.channel, o.external_id
        FROM people p
        LEFT JOIN person_roles r ON r.person_id = p.id
        LEFT JOIN person_identities o ON o.person_id = p.id
        WHERE p.id IN @Asked AND p.active = 1
        """);

    /// <summary>The same for everyone holding a role, by id.</summary>
    public static readonly SqlStatement SelectPeopleInFullByRole = SqlStatement.Portable(nameof(SelectPeopleInFullByRole), """
        SELECT p.id AS asked, p.id, p.name, p.unit_code, p.title, p.phone, r.role, o.channel, o.external_id
        FROM person_roles h JOIN people p ON p.id = h.person_id
        LEFT JOIN person_roles r ON r.person_id = p.id
        LEFT JOIN person_identities o ON o.person_id = p.id
        WHERE h.role = @Role AND p.active = 1
        ORDER BY p.id
        """);

    public static readonly SqlStatement SelectRoles = SqlStatement.Portable(nameof(SelectRoles), "SELECT person_id, role FROM person_roles");

    public static readonly SqlStatement SelectIdentities = SqlStatement.Portable(nameof(SelectIdentities),
        "SELECT channel, external_id, person_id FROM person_identities");

    public static readonly SqlStatement SelectGroups = SqlStatement.Portable(nameof(SelectGroups),
        "SELECT code, name, kind, address FROM group_chats WHERE active = 1 ORDER BY code");

    public static readonly SqlStatement SelectGroupMembers = SqlStatement.Portable(nameof(SelectGroupMembers),
        "SELECT group_code, person_id FROM group_members ORDER BY group_code, person_id");

    public static readonly SqlStatement SelectLiaison = SqlStatement.Portable(nameof(SelectLiaison),
        "SELECT person_id FROM unit_liaisons WHERE unit_code = @UnitCode");

    public static readonly SqlStatement SelectReportingUnits = SqlStatement.Portable(nameof(SelectReportingUnits), $"""
        SELECT {UnitColumns}
        FROM units u
        WHERE u.active = 1
          AND (u.code IN (SELECT l.unit_code FROM unit_liaisons l WHERE l.person_id = @PersonId)
               OR u.code IN (SELECT d.unit_code FROM unit_delegates d WHERE d.person_id = @PersonId))
        ORDER BY u.sort_order, u.code
        """);

    public static readonly SqlStatement InsertDelegate = SqlStatement.InsertIfAbsent(nameof(InsertDelegate), "unit_code, person_id", """
        INSERT INTO unit_delegates (unit_code, person_id, named_by, named_at) VALUES (@UnitCode, @PersonId, @NamedBy, @NamedAt)
        """);

    public static readonly SqlStatement SelectLiaisonChanges = SqlStatement.Portable(nameof(SelectLiaisonChanges), """
        SELECT id, unit_code, old_person_id, new_person_id, filed_by, filed_at, reason
        FROM liaison_changes
        WHERE @UnitCode IS NULL OR unit_code = @UnitCode
        ORDER BY id DESC
        """);

    public static readonly SqlStatement UpsertUnit = SqlStatement.Upsert(nameof(UpsertUnit), "code", """
        INSERT INTO units (code, name, kind, parent_code, requires_review, sort_order, active)
        VALUES (@Code, @Name, @Kind, @ParentCode, @RequiresReview, @SortOrder, 1)
        """);

    public static readonly SqlStatement DeactivateUnit = SqlStatement.Portable(nameof(DeactivateUnit),
        "UPDATE units SET active = 0 WHERE code = @Code");

    public static readonly SqlStatement UpsertPerson = SqlStatement.Upsert(nameof(UpsertPerson), "id", """
        INSERT INTO people (id, name, unit_code, title, phone, active) VALUES (@Id, @Name, @UnitCode, @Title, @Phone, 1)
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

    public static readonly SqlStatement UpsertLiaison = SqlStatement.Upsert(nameof(UpsertLiaison), "unit_code", """
        INSERT INTO unit_liaisons (unit_code, person_id, since) VALUES (@UnitCode, @PersonId, @Since)
        """);

    public static readonly SqlStatement InsertLiaisonChange = SqlStatement.Portable(nameof(InsertLiaisonChange), """
        INSERT INTO liaison_changes (unit_code, old_person_id, new_person_id, filed_by, filed_at, reason)
        VALUES (@UnitCode, @OldPersonId, @NewPersonId, @FiledBy, @FiledAt, @Reason)
        """);
}
