namespace ChatOps.Core.Organization;

/// <summary>
/// The words offices use for unit kinds and roles, in Chinese (as written in the seeds) and English.
/// Files may use either; exports write Chinese.
/// </summary>
public static class Vocabulary
{
    private static readonly (UnitKind Kind, string Chinese, string[] Aliases)[] UnitKinds =
    [
        (UnitKind.ProvincialDepartment, "省直部门", ["provincial", "department", "省级部门", "省直单位"]),
        (UnitKind.Prefecture, "州市", ["prefecture", "州(市)", "州（市）"]),
        (UnitKind.County, "县区", ["county", "县(市、区)", "县（市、区）", "县市区"]),
        (UnitKind.SpecialActionGroup, "专项行动组", ["group", "action-group", "专项组"]),
    ];

    private static readonly (Roles Role, string Chinese, string[] Aliases)[] RoleNames =
    [
        (Roles.Liaison, "联络员", ["liaison"]),
        (Roles.ReviewingLeader, "分管领导", ["reviewer", "reviewing-leader", "审核人"]),
        (Roles.OfficeStaff, "办公室", ["office", "office-staff", "办公室人员"]),
        (Roles.MeetingHost, "主持人", ["host", "meeting-host"]),
        (Roles.GroupLeader, "组长", ["leader", "group-leader"]),
        (Roles.Supervisor, "督战组", ["supervisor", "督战组成员"]),
    ];

    /// <summary>Chinese name of a unit kind.</summary>
    public static string Name(UnitKind kind) => UnitKinds.First(k => k.Kind == kind).Chinese;

    /// <summary>Chinese name of a single role.</summary>
    public static string Name(Roles role) => RoleNames.First(r => r.Role == role).Chinese;

    /// <summary>Chinese names of every role in a set, in a fixed order, joined with 、.</summary>
    public static string Names(Roles roles) =>
        string.Join("、", RoleNames.Where(r => roles.HasFlag(r.Role)).Select(r => r.Chinese));

    /// <summary>Every accepted spelling of unit kinds, for error messages.</summary>
    public static string UnitKindChoices => string.Join("、", UnitKinds.Select(k => k.Chinese));

    /// <summary>Every accepted spelling of roles, for error messages.</summary>
    public static string RoleChoices => string.Join("、", RoleNames.Select(r => r.Chinese));

    /// <summary>Parses a unit kind in Chinese or English.</summary>
    public static bool TryParseUnitKind(string text, out UnitKind kind)
    {
        var t = text.Trim();
        foreach (var k in UnitKinds)
        {
            if (Matches(t, k.Chinese, k.Aliases) || string.Equals(t, k.Kind.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                kind = k.Kind;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>Parses one role in Chinese or English.</summary>
    public static bool TryParseRole(string text, out Roles role)
    {
        var t = text.Trim();
        foreach (var r in RoleNames)
        {
            if (Matches(t, r.Chinese, r.Aliases) || string.Equals(t, r.Role.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                role = r.Role;
                return true;
            }
        }

        role = Roles.None;
        return false;
    }

    /// <summary>Parses a yes/no cell or field: 是/否, 需要/不需要, true/false, yes/no, 1/0.</summary>
    public static bool TryParseYesNo(string text, out bool value)
    {
        bool? parsed = text.Trim().ToLowerInvariant() switch
        {
            "是" or "true" or "yes" or "1" or "需要" => true,
            "否" or "false" or "no" or "0" or "不需要" => false,
            _ => null,
        };
        value = parsed ?? false;
        return parsed is not null;
    }

    /// <summary>Splits a role list as people type it in a spreadsheet cell: 联络员、主持人 / liaison;host.</summary>
    public static IEnumerable<string> SplitList(string text) =>
        text.Split(['、', ',', '，', ';', '；', '/', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool Matches(string text, string name, string[] aliases) =>
        string.Equals(text, name, StringComparison.OrdinalIgnoreCase) ||
        aliases.Any(a => string.Equals(text, a, StringComparison.OrdinalIgnoreCase));
}
