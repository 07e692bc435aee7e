namespace ChatOps.Core.Operations;

/// <summary>
/// The directory as prompts and reviews need it: every unit has a liaison, every person can be reached on some
/// channel, and a unit whose reports are reviewed has a reviewer other than its liaison (上报审核 by oneself is no
/// review). One database read.
/// </summary>
public sealed class DirectoryDoctorCheck(IDirectoryRepository directory) : IDoctorCheck
{
    private const string Check = "directory";
    private const int Listed = 8;

    /// <inheritdoc/>
    public int Order => 50;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await directory.LoadAsync(cancellationToken);
        if (snapshot.Units.Count == 0)
        {
            return [DoctorFinding.Blocking(Check,
                OperationsText.DirectoryEmpty,
                "The directory is empty: import the units and people with import-directory.")];
        }

        var findings = new List<DoctorFinding>();
        var liaisons = snapshot.LiaisonsByUnit();
        var withoutLiaison = snapshot.Units.Where(u => !liaisons.ContainsKey(u.Code)).Select(u => u.Name).ToList();
        if (withoutLiaison.Count > 0)
        {
            findings.Add(DoctorFinding.Warning(Check,
                OperationsText.UnitsWithoutLiaison(withoutLiaison.Count, List(withoutLiaison)),
                $"{withoutLiaison.Count} unit(s) have no liaison and get no report prompts: file one with change-liaison."));
        }

        var unreachable = snapshot.People.Where(p => p.Identities.Count == 0).Select(p => $"{p.Name}({p.Id})").ToList();
        if (unreachable.Count > 0)
        {
            findings.Add(DoctorFinding.Warning(Check,
                OperationsText.PeopleUnreachable(unreachable.Count, List(unreachable)),
                $"{unreachable.Count} person(s) have no channel identity and cannot be reached: add their WeCom or Bot Framework id to the directory and import it again."));
        }

        var selfReviewed = new List<string>();
        foreach (var unit in snapshot.Units.Where(u => u.RequiresReview))
        {
            var reviewers = snapshot.People
                .Where(p => p.UnitCode == unit.Code && p.Roles.HasFlag(Roles.ReviewingLeader))
                .Select(p => p.Id).ToList();
            if (reviewers.Count == 0 || (liaisons.TryGetValue(unit.Code, out var liaison) && reviewers.All(r => r == liaison)))
            {
                selfReviewed.Add(unit.Name);
            }
        }

        if (selfReviewed.Count > 0)
        {
            findings.Add(DoctorFinding.Warning(Check,
                OperationsText.UnitsSelfReviewed(selfReviewed.Count, List(selfReviewed)),
                $"{selfReviewed.Count} unit(s) require review but have no reviewing leader other than the liaison: name one in the directory or turn review off."));
        }

        if (findings.Count == 0)
        {
            findings.Add(DoctorFinding.Ok(Check,
                OperationsText.DirectoryComplete(snapshot.Units.Count, snapshot.People.Count),
                $"Directory complete: {snapshot.Units.Count} units all have a liaison, {snapshot.People.Count} people all have a channel identity."));
        }

        return findings;
    }

    private static string List(IReadOnlyList<string> names) => OperationsText.NameList(names, Listed);
}
