namespace ChatOps.Core.Organization;

/// <summary>
/// Who is acting on a use case, and from where: the directory person (with the roles the directory gives them) or a
/// system name (<c>scheduler</c>, <c>cli:alice</c>). Every feature service takes one and checks permission with it,
/// so chat, CLI, HTTP and the console are refused or allowed by the same rule; <see cref="Source"/> goes to the audit log.
/// </summary>
/// <param name="Id">The person's directory id, or a system name.</param>
/// <param name="Name">The person's name as users read it.</param>
/// <param name="Roles">The roles the directory gives the person (<see cref="Roles.None"/> for a system actor).</param>
/// <param name="UnitCode">The person's unit, if any.</param>
/// <param name="Source">Where from: <c>chat:wecom</c>, <c>console 10.1.2.3</c>, <c>cli</c>, <c>api 10.1.2.3</c>.</param>
public sealed record Actor(string Id, string Name, Roles Roles, string? UnitCode, string Source)
{
    /// <summary>A directory person acting from <paramref name="source"/>.</summary>
    public static Actor Of(Person person, string source)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new Actor(person.Id, person.Name, person.Roles, person.UnitCode, source);
    }

    /// <summary>A system actor (an operator's CLI, the scheduler): holds every role, belongs to no unit.</summary>
    public static Actor System(string name, string source) =>
        new(name, name, Roles.Liaison | Roles.ReviewingLeader | Roles.OfficeStaff | Roles.MeetingHost | Roles.GroupLeader, null, source);

    /// <summary>True when the actor holds <paramref name="role"/>.</summary>
    public bool Has(Roles role) => (Roles & role) == role;
}
