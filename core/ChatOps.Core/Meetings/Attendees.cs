namespace ChatOps.Core.Meetings;

/// <summary>How an attendee spec names people.</summary>
public enum AttendeeSpecKind
{
    /// <summary><c>person:ID</c> (or an exact, unique name).</summary>
    Person,

    /// <summary><c>role:联络员</c>: everyone holding the role.</summary>
    Role,

    /// <summary><c>unit:CODE</c>: the unit's liaison; <c>unit:CODE=PERSON</c>: the attendee the unit designated.</summary>
    Unit,
}

/// <summary>
/// One entry of a meeting's attendee list as office staff write it — by person, role or unit — kept as written, so a
/// recurring meeting resolves it again for each occurrence (a new liaison is invited once the change is filed).
/// </summary>
/// <param name="Designated">For a unit: the person it designated to attend instead of its liaison.</param>
public sealed record AttendeeSpec(AttendeeSpecKind Kind, string Value, string? Designated = null)
{
    /// <summary>The written form: <c>person:x</c>, <c>role:联络员</c>, <c>unit:wjw</c>, <c>unit:wjw=wjw.fgld</c>.</summary>
    public override string ToString() => Kind switch
    {
        AttendeeSpecKind.Person => $"person:{Value}",
        AttendeeSpecKind.Role => $"role:{Value}",
        _ => Designated is null ? $"unit:{Value}" : $"unit:{Value}={Designated}",
    };

    /// <summary>Parses one entry (prefixes person/role/unit or 人员/角色/单位, ASCII or full-width colon); null when malformed.</summary>
    public static AttendeeSpec? Parse(string text)
    {
        var t = text.Trim().Replace('：', ':').Replace('＝', '=');
        var colon = t.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == t.Length - 1)
        {
            return null;
        }

        var value = t[(colon + 1)..].Trim();
        switch (t[..colon].Trim().ToLowerInvariant())
        {
            case "person" or "人员" or "人":
                return new AttendeeSpec(AttendeeSpecKind.Person, value);
            case "role" or "角色":
                return new AttendeeSpec(AttendeeSpecKind.Role, value);
            case "unit" or "单位":
                var eq = value.IndexOf('=', StringComparison.Ordinal);
                if (eq < 0)
                {
                    return new AttendeeSpec(AttendeeSpecKind.Unit, value);
                }

                var unit = value[..eq].Trim();
                var person = value[(eq + 1)..].Trim();
                return unit.Length == 0 || person.Length == 0 ? null : new AttendeeSpec(AttendeeSpecKind.Unit, unit, person);
            default:
                return null;
        }
    }

    /// <summary>Splits a comma-separated list as typed on the command line (<c>unit:wjw,role:联络员</c>).</summary>
    public static IEnumerable<string> Split(string text) =>
        text.Split([',', '，', ';', '；', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A person a meeting invites, with the entry that named them.</summary>
public sealed record ResolvedAttendee(string PersonId, string? UnitCode, string Source);

/// <summary>The people an attendee list names, and a message for each entry that names nobody.</summary>
public sealed record AttendeeResolution(IReadOnlyList<ResolvedAttendee> People, IReadOnlyList<string> Errors);

/// <summary>
/// Turns attendee specs into people, against the directory: a person by id or unique name; a role as everyone holding
/// it; a unit as its current liaison or, when written <c>unit:CODE=PERSON</c>, the attendee it designated. The host
/// is never on the roster (leave is asked of the host), and someone named twice is invited once.
/// </summary>
public static class AttendeeResolver
{
    /// <summary>Resolves <paramref name="specs"/> (as written) against <paramref name="directory"/>.</summary>
    public static AttendeeResolution Resolve(IEnumerable<string> specs, DirectorySnapshot directory, string? hostId)
    {
        var people = new List<ResolvedAttendee>();
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(Person p, string source)
        {
            if (p.Id != hostId && seen.Add(p.Id))
            {
                people.Add(new ResolvedAttendee(p.Id, p.UnitCode, source));
            }
        }

        foreach (var written in specs)
        {
            var spec = AttendeeSpec.Parse(written);
            if (spec is null)
            {
                errors.Add(MeetingText.BadSpec(written));
                continue;
            }

            var source = spec.ToString();
            switch (spec.Kind)
            {
                case AttendeeSpecKind.Person:
                    if (FindPerson(directory, spec.Value, out var problem) is { } person)
                    {
                        Add(person, source);
                    }
                    else
                    {
                        errors.Add(problem!);
                    }

                    break;
                case AttendeeSpecKind.Role:
                    if (!Vocabulary.TryParseRole(spec.Value, out var role))
                    {
                        errors.Add(MeetingText.UnknownRole(written, spec.Value));
                        break;
                    }

                    var holders = directory.People.Where(p => p.Roles.HasFlag(role)).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
                    if (holders.Count == 0)
                    {
                        errors.Add(MeetingText.NoRoleHolder(written, role));
                    }

                    holders.ForEach(p => Add(p, source));
                    break;
                default:
                    var unit = directory.Units.FirstOrDefault(u => u.Code == spec.Value) ?? directory.Units.FirstOrDefault(u => u.Name == spec.Value);
                    if (unit is null)
                    {
                        errors.Add(MeetingText.UnknownUnit(written, spec.Value));
                        break;
                    }

                    if (spec.Designated is { } designated)
                    {
                        if (FindPerson(directory, designated, out var notFound) is { } attendee)
                        {
                            Add(attendee, source);
                        }
                        else
                        {
                            errors.Add(MeetingText.InSpec(written, notFound!));
                        }

                        break;
                    }

                    var liaison = directory.People.FirstOrDefault(p => p.UnitCode == unit.Code && p.Roles.HasFlag(Roles.Liaison));
                    if (liaison is null)
                    {
                        errors.Add(MeetingText.NoLiaison(written, unit));
                    }
                    else
                    {
                        Add(liaison, source);
                    }

                    break;
            }
        }

        return new AttendeeResolution(people, errors);
    }

    /// <summary>A person by id, else by exact unique name; <paramref name="problem"/> says why not found.</summary>
    public static Person? FindPerson(DirectorySnapshot directory, string idOrName, out string? problem)
    {
        var key = idOrName.Trim();
        problem = null;
        if (directory.People.FirstOrDefault(p => p.Id == key) is { } byId)
        {
            return byId;
        }

        var byName = directory.People.Where(p => p.Name == key).ToList();
        switch (byName.Count)
        {
            case 1:
                return byName[0];
            case 0:
                problem = MeetingText.UnknownPerson(key);
                return null;
            default:
                problem = MeetingText.AmbiguousPerson(key, byName);
                return null;
        }
    }

    /// <summary>
    /// People whose name is <paramref name="name"/>, or else contains it (for the substitute search in the leave
    /// dialog): exact matches first; at most <paramref name="limit"/>.
    /// </summary>
    public static IReadOnlyList<Person> SearchByName(DirectorySnapshot directory, string name, int limit = 9)
    {
        var key = name.Trim();
        if (key.Length == 0)
        {
            return [];
        }

        var exact = directory.People.Where(p => p.Name == key).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        if (exact.Count > 0)
        {
            return exact.Take(limit).ToList();
        }

        return directory.People.Where(p => p.Name.Contains(key, StringComparison.Ordinal)).OrderBy(p => p.Id, StringComparer.Ordinal).Take(limit).ToList();
    }
}
