using ChatOps.Core.Organization;

namespace ChatOps.Storage.Organization;

/// <summary>
/// Writes a set of directory changes through one statement executor (a connection and transaction of the caller's):
/// units, then people with their roles and channel identities, then groups and their members, then the liaison changes
/// filed with who, when and why. Nothing is deleted: units, people and groups leave by deactivation, so history keeps
/// its references. One INSERT or UPDATE per row; the caller's transaction makes it all or nothing.
/// </summary>
internal static class DirectoryWriter
{
    public static async Task ApplyAsync(
        Func<SqlStatement, object?, Task<int>> execute, DirectoryChanges changes, string filedBy, string reason, DateTimeOffset at)
    {
        // Units first without parents (a parent may come later in the list), then parents.
        foreach (var u in changes.UnitsToSave)
        {
            await execute(DirectorySql.UpsertUnit, new
            {
                u.Code,
                u.Name,
                Kind = u.Kind.ToString(),
                ParentCode = u.ParentCode,
                u.RequiresReview,
                u.SortOrder,
            });
        }

        foreach (var code in changes.UnitsToDeactivate)
        {
            await execute(DirectorySql.DeactivateUnit, new { Code = code });
        }

        foreach (var p in changes.PeopleToSave)
        {
            await execute(DirectorySql.UpsertPerson, new { p.Id, p.Name, p.UnitCode, p.Title, p.Phone });
            await execute(DirectorySql.DeleteRoles, new { PersonId = p.Id });
            foreach (var role in Enum.GetValues<Roles>().Where(r => r != Roles.None && p.Roles.HasFlag(r)))
            {
                await execute(DirectorySql.InsertRole, new { PersonId = p.Id, Role = role.ToString() });
            }
        }

        // Identities move between people (a userid reassigned): clear all changed people's first, then insert.
        foreach (var p in changes.PeopleToSave)
        {
            await execute(DirectorySql.DeleteIdentities, new { PersonId = p.Id });
        }

        foreach (var id in changes.PeopleToDeactivate)
        {
            await execute(DirectorySql.DeactivatePerson, new { Id = id });
            await execute(DirectorySql.DeleteIdentities, new { PersonId = id });
            await execute(DirectorySql.DeleteRoles, new { PersonId = id });
        }

        foreach (var p in changes.PeopleToSave)
        {
            foreach (var i in p.Identities)
            {
                await execute(DirectorySql.InsertIdentity, new { i.Channel, i.ExternalId, PersonId = p.Id });
            }
        }

        foreach (var g in changes.GroupsToSave)
        {
            await execute(DirectorySql.UpsertGroup, new { g.Code, g.Name, Kind = g.Kind.StoredName, g.Address });
            await execute(DirectorySql.DeleteGroupMembers, new { GroupCode = g.Code });
            foreach (var m in g.MemberIds.Distinct(StringComparer.Ordinal))
            {
                await execute(DirectorySql.InsertGroupMember, new { GroupCode = g.Code, PersonId = m });
            }
        }

        foreach (var code in changes.GroupsToDeactivate)
        {
            await execute(DirectorySql.DeactivateGroup, new { Code = code });
        }

        foreach (var change in changes.LiaisonChanges)
        {
            await execute(DirectorySql.UpsertLiaison, new { change.UnitCode, PersonId = change.NewPersonId, Since = at });
            await execute(DirectorySql.InsertLiaisonChange, new
            {
                change.UnitCode,
                change.OldPersonId,
                change.NewPersonId,
                FiledBy = filedBy,
                FiledAt = at,
                Reason = reason,
            });
        }
    }
}
