namespace ChatOps.Core.Organization;

/// <summary>The parts of the office console (办公室工作台) a person may open.</summary>
[Flags]
public enum ConsoleAreas
{
    /// <summary>Nothing: liaisons are served in chat and get a friendly 403 here.</summary>
    None = 0,

    /// <summary>Reports of the person's own units and their review queue (分管领导).</summary>
    OwnUnitReports = 1,

    /// <summary>Meetings the person hosts (主持人).</summary>
    OwnMeetings = 2,

    /// <summary>Everything: directory, circulars, all meetings, holidays, audit, every report (办公室).</summary>
    Office = 4,

    /// <summary>Problem lists, 督办 tasks and complaints: the office, and the 督战组 for the counties assigned to it.</summary>
    Supervision = 8,
}

/// <summary>
/// Who may use the console, from the directory roles alone (seed 000: the office runs the work; leaders review their
/// units' reports; hosts decide on leave). One place, called by the console's sign-in, its pages and the office API.
/// </summary>
public static class ConsoleAccess
{
    /// <summary>The areas a person may open; <see cref="ConsoleAreas.None"/> refuses the console.</summary>
    public static ConsoleAreas AreasOf(Roles roles)
    {
        if (roles.HasFlag(Roles.OfficeStaff))
        {
            return ConsoleAreas.Office | ConsoleAreas.OwnMeetings | ConsoleAreas.OwnUnitReports | ConsoleAreas.Supervision;
        }

        var areas = ConsoleAreas.None;
        if (roles.HasFlag(Roles.ReviewingLeader))
        {
            areas |= ConsoleAreas.OwnUnitReports;
        }

        if (roles.HasFlag(Roles.MeetingHost) || roles.HasFlag(Roles.GroupLeader))
        {
            areas |= ConsoleAreas.OwnMeetings;
        }

        if (roles.HasFlag(Roles.Supervisor))
        {
            areas |= ConsoleAreas.Supervision;
        }

        return areas;
    }

    /// <summary>True when the person may open <paramref name="area"/>.</summary>
    public static bool May(Roles roles, ConsoleAreas area) => (AreasOf(roles) & area) == area && area != ConsoleAreas.None;

    /// <summary>The friendly refusal shown to someone without an office role.</summary>
    public static string RefusalText(Person person) => DirectoryText.ConsoleRefused(person);
}
