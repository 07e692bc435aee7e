namespace ChatOps.Core.Organization;

/// <summary>What a reader found in a file, with positions, before the cross-row checks of <see cref="DirectoryValidator"/>.</summary>
internal sealed class ParsedDirectory(string file, bool includesGroups)
{
    public string File { get; } = file;

    public bool IncludesGroups { get; } = includesGroups;

    public List<DirectoryFileError> Errors { get; } = [];

    public List<ParsedUnit> Units { get; } = [];

    public List<ParsedPerson> People { get; } = [];

    public List<ParsedGroup> Groups { get; } = [];

    /// <summary>Units with a person row that was rejected: their "no liaison" error would only repeat that row's error.</summary>
    public HashSet<string> UnitsWithRejectedPeople { get; } = new(StringComparer.Ordinal);

    /// <summary>Units and people whose own row was rejected: references to them are not reported again.</summary>
    public HashSet<string> RejectedKeys { get; } = new(StringComparer.Ordinal);

    public void Error(SourcePosition at, string message) => Errors.Add(new DirectoryFileError(at, message));

    public void Error(int line, int column, string message) => Error(new SourcePosition(File, line, column), message);
}

/// <summary>A unit and where it was defined; <paramref name="ParentAt"/> is where its parent was named.</summary>
internal sealed record ParsedUnit(Unit Unit, SourcePosition At, SourcePosition ParentAt);

/// <summary>A person and where each of its fields stood (keys: unit, roles, id, wecom, botframework).</summary>
internal sealed record ParsedPerson(Person Person, SourcePosition At, IReadOnlyDictionary<string, SourcePosition> Fields)
{
    public SourcePosition FieldAt(string field) => Fields.TryGetValue(field, out var p) ? p : At;
}

/// <summary>A group and where each member was named.</summary>
internal sealed record ParsedGroup(GroupChat Group, SourcePosition At, IReadOnlyList<SourcePosition> MemberAts);

/// <summary>
/// The checks across rows that a single row cannot make: unknown units, duplicate ids and userids, a unit without
/// a liaison or with two, unknown group members. Every problem is reported, not just the first.
/// </summary>
internal static class DirectoryValidator
{
    public static DirectoryReadResult Validate(ParsedDirectory parsed)
    {
        var units = new Dictionary<string, ParsedUnit>(StringComparer.Ordinal);
        foreach (var u in parsed.Units)
        {
            if (!units.TryAdd(u.Unit.Code, u))
            {
                parsed.Error(u.At, DirectoryText.UnitCodeTaken(u.Unit.Code, units[u.Unit.Code].At.Line));
            }
        }

        foreach (var u in parsed.Units)
        {
            if (u.Unit.ParentCode is { } parent && !units.ContainsKey(parent) && !parsed.RejectedKeys.Contains(parent))
            {
                parsed.Error(u.ParentAt, DirectoryText.ParentUnknown(parent));
            }
        }

        var people = new Dictionary<string, ParsedPerson>(StringComparer.Ordinal);
        var identities = new Dictionary<(string, string), ParsedPerson>();
        var liaisons = new Dictionary<string, ParsedPerson>(StringComparer.Ordinal);
        foreach (var p in parsed.People)
        {
            if (!people.TryAdd(p.Person.Id, p))
            {
                parsed.Error(p.FieldAt("id"), DirectoryText.PersonIdTaken(p.Person.Id, people[p.Person.Id].At.Line));
            }

            foreach (var identity in p.Person.Identities)
            {
                if (!identities.TryAdd((identity.Channel, identity.ExternalId), p))
                {
                    var other = identities[(identity.Channel, identity.ExternalId)];
                    parsed.Error(p.FieldAt(identity.Channel), DirectoryText.AccountTaken(identity.Channel, identity.ExternalId, other.At.Line, other.Person.Name));
                }
            }

            if (p.Person.UnitCode is { } unit && !units.ContainsKey(unit) && !parsed.RejectedKeys.Contains(unit))
            {
                parsed.Error(p.FieldAt("unit"), DirectoryText.PersonUnitUnknown(unit));
            }

            if (p.Person.UnitCode is null && (p.Person.Roles & (Roles.Liaison | Roles.ReviewingLeader)) != 0)
            {
                parsed.Error(p.FieldAt("unit"), DirectoryText.UnitRequired(p.Person.Name));
            }

            if (p.Person.Roles.HasFlag(Roles.Liaison) && p.Person.UnitCode is { } liaisonUnit)
            {
                if (!liaisons.TryAdd(liaisonUnit, p))
                {
                    parsed.Error(p.FieldAt("roles"), DirectoryText.SecondLiaison(liaisonUnit, liaisons[liaisonUnit].Person.Name, liaisons[liaisonUnit].At.Line));
                }
            }
        }

        foreach (var u in parsed.Units)
        {
            if (!liaisons.ContainsKey(u.Unit.Code) && !parsed.UnitsWithRejectedPeople.Contains(u.Unit.Code))
            {
                parsed.Error(u.At, DirectoryText.NoLiaison(u.Unit));
            }
        }

        var groups = new Dictionary<string, ParsedGroup>(StringComparer.Ordinal);
        foreach (var g in parsed.Groups)
        {
            if (!groups.TryAdd(g.Group.Code, g))
            {
                parsed.Error(g.At, DirectoryText.GroupCodeTaken(g.Group.Code, groups[g.Group.Code].At.Line));
            }

            for (var i = 0; i < g.Group.MemberIds.Count; i++)
            {
                if (!people.ContainsKey(g.Group.MemberIds[i]) && !parsed.RejectedKeys.Contains(g.Group.MemberIds[i]))
                {
                    parsed.Error(g.MemberAts[i], DirectoryText.MemberUnknown(g.Group.MemberIds[i]));
                }
            }
        }

        if (parsed.Errors.Count > 0)
        {
            var ordered = parsed.Errors.OrderBy(e => e.Position.Line).ThenBy(e => e.Position.Column).ToList();
            return new DirectoryReadResult(null, parsed.IncludesGroups, ordered);
        }

        var snapshot = new DirectorySnapshot(
            parsed.Units.Select(u => u.Unit).ToList(),
            parsed.People.Select(p => p.Person).ToList(),
            parsed.Groups.Select(g => g.Group).ToList());
        return new DirectoryReadResult(snapshot, parsed.IncludesGroups, []);
    }
}
