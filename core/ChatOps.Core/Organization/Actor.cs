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

    /// <summary>
    /// When the person acted, when that was before the use case runs: the moment their chat message was received and
    /// stored, before it was answered. The engine may handle it later (a busy hour, a restart, a database that was down);
    /// deadlines are judged at this moment, so a report confirmed at 16:59 counts on time whenever it is handled. Null
    /// (the console, the API, the command line): the use case runs as the person acts.
    /// </summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>The moment deadlines are judged at: <see cref="At"/>, unless absent or later than <paramref name="now"/>.</summary>
    public DateTimeOffset ActedAt(DateTimeOffset now) => At is { } at && at < now ? at : now;

    /// <summary>True when the actor holds <paramref name="role"/>.</summary>
    public bool Has(Roles role) => (Roles & role) == role;
}
