namespace ChatOps.Core.Circulars;

/// <summary>The compose dialog's targets: a menu (groups, units, roles, everyone) visited as often as needed, then 下一步.</summary>
public sealed partial class CircularDialog
{
    private static readonly Roles[] RoleList = [Roles.Liaison, Roles.ReviewingLeader, Roles.OfficeStaff, Roles.MeetingHost, Roles.GroupLeader];
    private static readonly char[] Separators = ['、', ',', '，', ';', '；', ' ', '\u3000', '\n', '/'];

    private async Task AskTargetsAsync(Turn turn, Draft draft, string? lead, CancellationToken cancellationToken)
    {
        var snapshot = await directory.LoadAsync(cancellationToken);
        await SaveAsync(turn, Step.Targets, draft, cancellationToken);
        var text = (lead is null ? "" : lead + "\n") + (draft.Targets.Count == 0
            ? CircularText.AskTargets
            : CircularText.TargetsSoFar(TargetResolver.Describe(draft.Targets, snapshot)));
        await turn.ReplyAsync(OutboundMessage.Ask(text, [.. TargetChoices(draft)]), cancellationToken);
    }

    private static List<Choice> TargetChoices(Draft draft)
    {
        var choices = new List<Choice>
        {
            Button(CircularText.GroupsChoice), Button(CircularText.UnitsChoice), Button(CircularText.ByRoleChoice), Button(CircularText.Everyone),
        };
        if (draft.Targets.Count > 0)
        {
            choices.Add(Button(CircularText.NextChoice));
            choices.Add(Button(CircularText.ClearChoice));
        }

        return choices;
    }

    private static List<Choice> RoleChoices() => [.. RoleList.Select(r => Button(Vocabulary.Name(r)))];

    private async Task TargetMenuAsync(Turn turn, Draft draft, string said, CancellationToken cancellationToken)
    {
        switch (Pick(said, TargetChoices(draft)) ?? said)
        {
            case CircularText.GroupsChoice:
                await AskGroupsAsync(turn, draft, cancellationToken);
                return;
            case CircularText.UnitsChoice or "单位":
                await SaveAsync(turn, Step.Units, draft, cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Plain(CircularText.AskUnits), cancellationToken);
                return;
            case CircularText.ByRoleChoice or "角色":
                await SaveAsync(turn, Step.Roles, draft, cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Ask(CircularText.AskRoles, [.. RoleChoices()]), cancellationToken);
                return;
            case CircularText.Everyone or "全体":
                Add(draft, CircularTarget.Everyone);
                await AskTargetsAsync(turn, draft, CircularText.EveryoneAdded, cancellationToken);
                return;
            case CircularText.NextChoice or "完成" when draft.Targets.Count > 0:
                await AfterTargetsAsync(turn, draft, cancellationToken);
                return;
            case CircularText.ClearChoice when draft.Targets.Count > 0:
                draft.Targets.Clear();
                await AskTargetsAsync(turn, draft, CircularText.TargetsCleared, cancellationToken);
                return;
            default:
                await AskTargetsAsync(turn, draft, draft.Targets.Count == 0 ? CircularText.TargetsNeeded : CircularText.TargetsAgain, cancellationToken);
                return;
        }
    }

    private async Task AskGroupsAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        var snapshot = await directory.LoadAsync(cancellationToken);
        if (snapshot.Groups.Count == 0)
        {
            await AskTargetsAsync(turn, draft, CircularText.NoGroups, cancellationToken);
            return;
        }

        await SaveAsync(turn, Step.Groups, draft, cancellationToken);
        var sb = new StringBuilder(CircularText.AskGroups);
        for (var i = 0; i < snapshot.Groups.Count; i++)
        {
            sb.Append('\n').Append(CircularText.GroupLine(i + 1, snapshot.Groups[i]));
        }

        await turn.ReplyAsync(OutboundMessage.Plain(sb.ToString()), cancellationToken);
    }

    private async Task GroupsAsync(Turn turn, Draft draft, string said, CancellationToken cancellationToken)
    {
        var groups = (await directory.LoadAsync(cancellationToken)).Groups;
        var chosen = new List<GroupChat>();
        var unknown = new List<string>();
        foreach (var token in said == CircularText.All ? [] : said.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var group = Prompt.ReadNumber(token, groups.Count) is { } i ? groups[i] : groups.FirstOrDefault(g => g.Name == token || g.Code == token);
            if (group is null)
            {
                unknown.Add(token);
            }
            else
            {
                chosen.Add(group);
            }
        }

        if (said == CircularText.All)
        {
            chosen.AddRange(groups);
        }

        if (unknown.Count > 0 || chosen.Count == 0)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(CircularText.GroupsNotUnderstood(unknown, groups.Count)), cancellationToken);
            return;
        }

        foreach (var g in chosen)
        {
            Add(draft, new CircularTarget(TargetKind.Group, g.Code));
        }

        await AskTargetsAsync(turn, draft, CircularText.GroupsAdded(chosen.Select(g => g.Name).Distinct()), cancellationToken);
    }

    private async Task UnitsAsync(Turn turn, Draft draft, string said, CancellationToken cancellationToken)
    {
        var units = (await directory.LoadAsync(cancellationToken)).Units;
        var chosen = new List<Unit>();
        var problems = new List<string>();
        foreach (var token in said.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (token is CircularText.All or "全部单位" or "全部成员单位")
            {
                chosen.AddRange(units);
                continue;
            }

            if (Vocabulary.TryParseUnitKind(token, out var unitKind) || Vocabulary.TryParseUnitKind(token.TrimStart('全', '部'), out unitKind))
            {
                chosen.AddRange(units.Where(u => u.Kind == unitKind));
                continue;
            }

            var exact = units.FirstOrDefault(u => u.Name == token || u.Code == token);
            var partial = exact is null ? units.Where(u => u.Name.Contains(token, StringComparison.Ordinal)).ToList() : [exact];
            switch (partial.Count)
            {
                case 1:
                    chosen.Add(partial[0]);
                    break;
                case 0:
                    problems.Add(CircularText.UnitUnknown(token));
                    break;
                default:
                    problems.Add(CircularText.UnitAmbiguous(token, partial.Take(5).Select(u => u.Name)));
                    break;
            }
        }

        if (problems.Count > 0 || chosen.Count == 0)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(problems.Count > 0 ? CircularText.UnitsRejected(problems) : CircularText.AskUnitsAgain), cancellationToken);
            return;
        }

        var added = chosen.DistinctBy(u => u.Code).ToList();
        foreach (var u in added)
        {
            Add(draft, new CircularTarget(TargetKind.Unit, u.Code));
        }

        await AskTargetsAsync(turn, draft, CircularText.UnitsAdded([.. added.Select(u => u.Name)]), cancellationToken);
    }

    private async Task RolesAsync(Turn turn, Draft draft, string said, CancellationToken cancellationToken)
    {
        Roles? role = Prompt.ReadNumber(said, RoleList.Length) is { } i ? RoleList[i] : Vocabulary.TryParseRole(said, out var r) && r != Roles.None ? r : null;
        if (role is null)
        {
            await turn.ReplyAsync(OutboundMessage.Ask(CircularText.AskRolesAgain, [.. RoleChoices()]), cancellationToken);
            return;
        }

        Add(draft, new CircularTarget(TargetKind.Role, role.Value.ToString()));
        await AskTargetsAsync(turn, draft, CircularText.RoleAdded(role.Value), cancellationToken);
    }

    private async Task AfterTargetsAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        if (draft.Editing)
        {
            await ShowSummaryAsync(turn, draft, cancellationToken);
            return;
        }

        await (kinds.Get(draft.Kind!).MajorSignOff is not null
            ? AskMajorAsync(turn, draft, cancellationToken)
            : AskNumberAsync(turn, draft, null, cancellationToken));
    }

    private static void Add(Draft draft, CircularTarget target)
    {
        if (!draft.Targets.Contains(target))
        {
            draft.Targets.Add(target);
        }
    }
}
