namespace ChatOps.Core.Organization;

/// <summary>A unit whose liaison changes, with the old one (null when the unit is new).</summary>
public sealed record LiaisonReplacement(string UnitCode, string? OldPersonId, string NewPersonId);

/// <summary>
/// What it takes to turn the stored directory into a desired one. Removals deactivate rather than delete, because
/// reports, meetings and the liaison history keep pointing at the people and units they name.
/// </summary>
public sealed record DirectoryChanges(
    IReadOnlyList<Unit> UnitsToSave,
    IReadOnlyList<string> UnitsToDeactivate,
    IReadOnlyList<Person> PeopleToSave,
    IReadOnlyList<string> PeopleToDeactivate,
    IReadOnlyList<GroupChat> GroupsToSave,
    IReadOnlyList<string> GroupsToDeactivate,
    IReadOnlyList<LiaisonReplacement> LiaisonChanges,
    int UnitsAdded,
    int PeopleAdded,
    int GroupsAdded)
{
    /// <summary>True when the desired directory is what is stored already.</summary>
    public bool IsEmpty =>
        UnitsToSave.Count == 0 && UnitsToDeactivate.Count == 0 && PeopleToSave.Count == 0 && PeopleToDeactivate.Count == 0 &&
        GroupsToSave.Count == 0 && GroupsToDeactivate.Count == 0 && LiaisonChanges.Count == 0;

    /// <summary>A one-line summary for the office, in Chinese.</summary>
    public string Summary() => DirectoryText.Summary(this);

    /// <summary>Computes the changes from <paramref name="current"/> to <paramref name="desired"/>.</summary>
    /// <param name="includeGroups">False when the source (CSV) has no groups: stored groups are left alone.</param>
    public static DirectoryChanges Between(DirectorySnapshot current, DirectorySnapshot desired, bool includeGroups)
    {
        var currentUnits = current.Units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var unitsToSave = desired.Units.Where(u => !currentUnits.TryGetValue(u.Code, out var c) || c != u).ToList();
        var desiredUnitCodes = desired.Units.Select(u => u.Code).ToHashSet(StringComparer.Ordinal);

        var currentPeople = current.People.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var peopleToSave = desired.People.Where(p => !currentPeople.TryGetValue(p.Id, out var c) || !c.SameAs(p)).ToList();
        var desiredPeople = desired.People.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);

        var currentGroups = current.Groups.ToDictionary(g => g.Code, StringComparer.Ordinal);
        var groupsToSave = includeGroups ? desired.Groups.Where(g => !currentGroups.TryGetValue(g.Code, out var c) || !c.SameAs(g)).ToList() : [];
        var desiredGroups = desired.Groups.Select(g => g.Code).ToHashSet(StringComparer.Ordinal);

        var currentLiaisons = current.LiaisonsByUnit();
        var liaisonChanges = desired.LiaisonsByUnit()
            .Where(kv => !currentLiaisons.TryGetValue(kv.Key, out var old) || old != kv.Value)
            .Select(kv => new LiaisonReplacement(kv.Key, currentLiaisons.GetValueOrDefault(kv.Key), kv.Value))
            .OrderBy(c => desired.Units.First(u => u.Code == c.UnitCode).SortOrder)
            .ToList();

        return new DirectoryChanges(
            unitsToSave,
            current.Units.Where(u => !desiredUnitCodes.Contains(u.Code)).Select(u => u.Code).ToList(),
            peopleToSave,
            current.People.Where(p => !desiredPeople.Contains(p.Id)).Select(p => p.Id).ToList(),
            groupsToSave,
            includeGroups ? current.Groups.Where(g => !desiredGroups.Contains(g.Code)).Select(g => g.Code).ToList() : [],
            liaisonChanges,
            unitsToSave.Count(u => !currentUnits.ContainsKey(u.Code)),
            peopleToSave.Count(p => !currentPeople.ContainsKey(p.Id)),
            groupsToSave.Count(g => !currentGroups.ContainsKey(g.Code)));
    }
}
