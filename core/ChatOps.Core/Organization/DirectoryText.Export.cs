namespace ChatOps.Core.Organization;

/// <summary>The office console's .xlsx exports of the directory: each tab's file name and header row.</summary>
public static partial class DirectoryText
{
    /// <summary>The units tab's export.</summary>
    public const string UnitsExportName = "名录-单位.xlsx";

    /// <summary>The groups tab's export.</summary>
    public const string GroupsExportName = "名录-群聊.xlsx";

    /// <summary>The liaison changes tab's export.</summary>
    public const string LiaisonsExportName = "名录-联络员调整备案.xlsx";

    /// <summary>The people tab's export.</summary>
    public const string PeopleExportName = "名录-人员.xlsx";

    /// <summary>The header row of the units export.</summary>
    public static IReadOnlyList<string> UnitsExportHeader { get; } = ["单位代码", "单位名称", "单位类别", "上级单位代码", "上报需审核"];

    /// <summary>The header row of the groups export.</summary>
    public static IReadOnlyList<string> GroupsExportHeader { get; } = ["群代码", "群名称", "类型", "地址", "成员数"];

    /// <summary>The header row of the liaison changes export.</summary>
    public static IReadOnlyList<string> LiaisonsExportHeader { get; } = ["单位", "原联络员", "新联络员", "备案人", "备案时间", "原因"];

    /// <summary>The header row of the people export.</summary>
    public static IReadOnlyList<string> PeopleExportHeader { get; } =
        ["单位代码", "单位名称", "人员编号", "姓名", "角色", "职务", "手机", "企业微信账号", "BotFramework账号"];
}
