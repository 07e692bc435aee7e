namespace ChatOps.Core.Circulars;

/// <summary>A person who must acknowledge, and the targeted group they got the circular through (if any).</summary>
public sealed record ResolvedRecipient(Person Person, string? ViaGroup);

/// <summary>
/// Who gets what: the groups (one message each), the people who get the text 1:1 because no targeted group reaches
/// them, and everyone who must acknowledge (group members and 1:1 recipients). <see cref="Notes"/> names what could not
/// be resolved (a unit without a liaison, a group without members) so the office sees it before sending.
/// </summary>
public sealed record Distribution(
    IReadOnlyList<GroupChat> Groups,
    IReadOnlyList<Person> Direct,
    IReadOnlyList<ResolvedRecipient> Recipients,
    IReadOnlyList<string> Notes);

/// <summary>
/// Resolves a circular's targets against the directory at issue time: units to their current liaison, roles to their
/// holders, everyone to every active person, groups to their members. A person reached by a targeted group is not
/// sent the text again 1:1 — the group gets it once and each member acknowledges individually. The composer and the
/// signer are left out: they know the document. Linear in the directory's size (hash look-ups only).
/// </summary>
public static class TargetResolver
{
    /// <summary>Problems with the targets (unknown group, unit, role or person), in Chinese; empty when all resolve.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyCollection<CircularTarget> targets, DirectorySnapshot directory)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(directory);
        var problems = new List<string>();
        if (targets.Count == 0)
        {
            problems.Add(CircularText.NoTargets);
        }

        var groups = directory.Groups.Select(g => g.Code).ToHashSet(StringComparer.Ordinal);
        var units = directory.Units.Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        var people = directory.People.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var t in targets)
        {
            var known = t.Kind switch
            {
                TargetKind.Group => t.Code is not null && groups.Contains(t.Code),
                TargetKind.Unit => t.Code is not null && units.Contains(t.Code),
                TargetKind.Role => t.Code is not null && TryRole(t.Code, out _),
                TargetKind.Person => t.Code is not null && people.Contains(t.Code),
                _ => true,
            };
            if (!known)
            {
                problems.Add(CircularText.UnknownTarget(t));
            }
        }

        return problems;
    }

    /// <summary>Resolves the targets; <paramref name="exclude"/> (composer, signer) are never recipients.</summary>
    public static Distribution Resolve(IEnumerable<CircularTarget> targets, DirectorySnapshot directory, IEnumerable<string?> exclude)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(directory);
        var excluded = exclude.OfType<string>().ToHashSet(StringComparer.Ordinal);
        var people = directory.People.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var groupsByCode = directory.Groups.ToDictionary(g => g.Code, StringComparer.Ordinal);
        var unitsByCode = directory.Units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var notes = new List<string>();

        var groups = new List<GroupChat>();
        var addressed = new List<Person>();
        var seenGroups = new HashSet<string>(StringComparer.Ordinal);
        var seenPeople = new HashSet<string>(StringComparer.Ordinal);
        Dictionary<string, string>? liaisons = null;

        void Address(Person? p)
        {
            if (p is not null && seenPeople.Add(p.Id))
            {
                addressed.Add(p);
            }
        }

        foreach (var t in targets)
        {
            switch (t.Kind)
            {
                case TargetKind.Group when t.Code is not null && groupsByCode.TryGetValue(t.Code, out var group):
                    if (seenGroups.Add(group.Code))
                    {
                        groups.Add(group);
                        if (group.MemberIds.Count == 0)
                        {
                            notes.Add(CircularText.GroupWithoutMembers(group.Name));
                        }
                    }

                    break;
                case TargetKind.Unit when t.Code is not null:
                    liaisons ??= new Dictionary<string, string>(directory.LiaisonsByUnit(), StringComparer.Ordinal);
                    if (liaisons.TryGetValue(t.Code, out var liaisonId) && people.TryGetValue(liaisonId, out var liaison))
                    {
                        Address(liaison);
                    }
                    else
                    {
                        notes.Add(CircularText.UnitWithoutLiaison(unitsByCode.GetValueOrDefault(t.Code)?.Name ?? t.Code));
                    }

                    break;
                case TargetKind.Role when t.Code is not null && TryRole(t.Code, out var role):
                    foreach (var p in directory.People.Where(p => p.Roles.HasFlag(role)))
                    {
                        Address(p);
                    }

                    break;
                case TargetKind.Person when t.Code is not null:
                    Address(people.GetValueOrDefault(t.Code));
                    break;
                case TargetKind.Everyone:
                    foreach (var p in directory.People)
                    {
                        Address(p);
                    }

                    break;
            }
        }

        // Group members acknowledge individually; the first targeted group that reaches them is where they saw it.
        var viaGroup = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var g in groups)
        {
            foreach (var m in g.MemberIds)
            {
                viaGroup.TryAdd(m, g.Code);
            }
        }

        var direct = addressed.Where(p => !viaGroup.ContainsKey(p.Id) && !excluded.Contains(p.Id)).ToList();
        var recipients = new List<ResolvedRecipient>();
        var counted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in groups)
        {
            foreach (var m in g.MemberIds)
            {
                if (!excluded.Contains(m) && people.TryGetValue(m, out var member) && counted.Add(m))
                {
                    recipients.Add(new ResolvedRecipient(member, g.Code));
                }
            }
        }

        foreach (var p in direct)
        {
            if (counted.Add(p.Id))
            {
                recipients.Add(new ResolvedRecipient(p, null));
            }
        }

        return new Distribution(groups, direct, recipients, notes);
    }

    /// <summary>The targets as the office reads them: 2个群聊（联络员群、通知群），45家成员单位的联络员，全体人员.</summary>
    public static string Describe(IEnumerable<CircularTarget> targets, DirectorySnapshot directory)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(directory);
        var list = targets.ToList();
        var groups = list.Where(t => t.Kind == TargetKind.Group)
            .Select(t => directory.Groups.FirstOrDefault(g => g.Code == t.Code)?.Name ?? t.Code!).ToList();
        var units = list.Where(t => t.Kind == TargetKind.Unit)
            .Select(t => directory.Units.FirstOrDefault(u => u.Code == t.Code)?.Name ?? t.Code!).ToList();
        var roles = list.Where(t => t.Kind == TargetKind.Role)
            .Select(t => TryRole(t.Code ?? "", out var role) ? CircularText.AllOfRole(role) : t.Code!);
        var people = list.Where(t => t.Kind == TargetKind.Person)
            .Select(t => directory.People.FirstOrDefault(p => p.Id == t.Code)?.Name ?? t.Code!).ToList();
        return CircularText.Targets(groups, units, units.Count == directory.Units.Count && units.Count > 3, roles, people,
            list.Any(t => t.Kind == TargetKind.Everyone));
    }

    /// <summary>Parses a role stored in a target: the English enum name or its Chinese name.</summary>
    public static bool TryRole(string code, out Roles role)
    {
        if (code.Length > 0 && !char.IsDigit(code[0]) && Enum.TryParse(code, ignoreCase: true, out role) && role != Roles.None && Enum.IsDefined(role))
        {
            return true;
        }

        return Vocabulary.TryParseRole(code, out role);
    }
}
