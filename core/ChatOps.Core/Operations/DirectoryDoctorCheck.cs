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
                "名录为空：请用 import-directory 导入成员单位和人员名录。",
                "The directory is empty: import the units and people with import-directory.")];
        }

        var findings = new List<DoctorFinding>();
        var liaisons = snapshot.LiaisonsByUnit();
        var withoutLiaison = snapshot.Units.Where(u => !liaisons.ContainsKey(u.Code)).Select(u => u.Name).ToList();
        if (withoutLiaison.Count > 0)
        {
            findings.Add(DoctorFinding.Warning(Check,
                $"{withoutLiaison.Count} 个单位未指定联络员（{List(withoutLiaison)}），这些单位收不到报送提醒：请用 change-liaison 备案联络员。",
                $"{withoutLiaison.Count} unit(s) have no liaison and get no report prompts: file one with change-liaison."));
        }

        var unreachable = snapshot.People.Where(p => p.Identities.Count == 0).Select(p => $"{p.Name}({p.Id})").ToList();
        if (unreachable.Count > 0)
        {
            findings.Add(DoctorFinding.Warning(Check,
                $"{unreachable.Count} 人没有任何聊天账号（{List(unreachable)}），机器人无法联系：请在名录中补填企业微信账号或 BotFramework 账号后重新导入。",
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
                $"{selfReviewed.Count} 个需上报审核的单位没有联络员以外的分管领导（{List(selfReviewed)}）：请在名录中为其指定分管领导，或取消“上报需审核”。",
                $"{selfReviewed.Count} unit(s) require review but have no reviewing leader other than the liaison: name one in the directory or turn review off."));
        }

        if (findings.Count == 0)
        {
            findings.Add(DoctorFinding.Ok(Check,
                $"名录完整：{snapshot.Units.Count} 个单位均有联络员，{snapshot.People.Count} 人均有聊天账号。",
                $"Directory complete: {snapshot.Units.Count} units all have a liaison, {snapshot.People.Count} people all have a channel identity."));
        }

        return findings;
    }

    private static string List(IReadOnlyList<string> names) =>
        names.Count <= Listed ? string.Join("、", names) : string.Join("、", names.Take(Listed)) + $" 等 {names.Count} 个";
}
